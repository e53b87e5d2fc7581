import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import hmac

TOKEN_SCOPE = "wbg54_portal.email_change"


class Wbg54EmailChange(models.Model):
    """A tenant's pending change of her login e-mail, until she confirms it."""

    _name = "wbg54.email.change"
    _description = "Login E-mail Change"
    _order = "id desc"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    old_email = fields.Char(required=True)
    new_email = fields.Char(required=True)
    token_hash = fields.Char(required=True, index=True)
    expiry = fields.Datetime(required=True)
    state = fields.Selection([("pending", "Pending"), ("done", "Confirmed"), ("cancelled", "Cancelled")],
                             default="pending", required=True)

    @api.model
    def _hash(self, token):
        return hmac(self.env(su=True), TOKEN_SCOPE, token)

    @api.model
    def _request(self, user, new_email):
        """Start a change of ``user``'s login to ``new_email``; earlier pending
        requests of the user stop working. Mails the link to the new address."""
        self.sudo().search([("user_id", "=", user.id), ("state", "=", "pending")]).state = "cancelled"
        token = secrets.token_urlsafe(32)
        hours = int(self.env["ir.config_parameter"].sudo().get_param("wbg54_portal.confirmation_hours", 24))
        change = self.sudo().create({
            "user_id": user.id,
            "old_email": user.login,
            "new_email": new_email,
            "token_hash": self._hash(token),
            "expiry": fields.Datetime.now() + timedelta(hours=hours),
        })
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        mail_id = self.env.ref("wbg54_portal.mail_template_email_change_confirm").with_context(
            wbg54_confirm_url=f"{base}/my/email/confirm?token={token}"
        ).sudo().send_mail(change.id, force_send=True, raise_exception=False, email_values={"auto_delete": True})
        self.env["wbg54.registration"]._drop_unsent_mail(mail_id)
        return change

    @api.model
    def _find_by_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search([
            ("token_hash", "=", self._hash(token)),
            ("state", "=", "pending"),
            ("expiry", ">=", fields.Datetime.now()),
        ], limit=1)

    def _confirm(self):
        self.ensure_one()
        change = self.sudo()
        change.user_id.write({"login": change.new_email, "email": change.new_email})
        change.state = "done"
        self.env.ref("wbg54_portal.mail_template_email_change_done").sudo().send_mail(
            change.id, force_send=True, raise_exception=False
        )
