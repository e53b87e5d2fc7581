from odoo import api, fields, models

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from ..tools.confirmation import new_token, send_link_mail, token_hash

TOKEN_SCOPE = "wbg54_portal.email_change"


class Wbg54EmailChange(models.Model):
    """A tenant's pending change of her login e-mail, until she confirms it."""

    _name = "wbg54.email.change"
    _description = "Login E-mail Change"
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", index=True
    )
    old_email = fields.Char(required=True)
    new_email = fields.Char(required=True)
    token_hash = fields.Char(required=True, index=True)
    expiry = fields.Datetime(required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Confirmed"), ("cancelled", "Cancelled")],
        default="pending",
        required=True,
    )

    @api.model
    def _request(self, user, new_email):
        """Start a change of ``user``'s login to ``new_email``; earlier pending
        requests of the user stop working. Mails the link to the new address.

        :return: the change, or nothing (and nothing changed) when the mail
            could not be sent
        """
        try:
            with self.env.cr.savepoint():
                self.sudo().search(
                    [("user_id", "=", user.id), ("state", "=", "pending")]
                ).state = "cancelled"
                token, hashed, expiry = new_token(self.env, TOKEN_SCOPE)
                change = self.sudo().create(
                    {
                        "user_id": user.id,
                        "old_email": user.login,
                        "new_email": new_email,
                        "token_hash": hashed,
                        "expiry": expiry,
                    }
                )
                if not send_link_mail(
                    self.env.ref("wbg54_portal.mail_template_email_change_confirm"),
                    change,
                    f"{change.get_base_url()}/my/email/confirm?token={token}",
                ):
                    raise MailDeliveryException("confirmation e-mail not sent")
        except MailDeliveryException:
            return self.browse()
        return change

    @api.model
    def _find_by_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search(
            [
                ("token_hash", "=", token_hash(self.env, TOKEN_SCOPE, token)),
                ("state", "=", "pending"),
                ("expiry", ">=", fields.Datetime.now()),
            ],
            limit=1,
        )

    def _is_taken(self):
        """Whether another account took the new address since the change
        was asked for (another tenant's change or a sign-up in between)."""
        self.ensure_one()
        return bool(
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [("login", "=ilike", self.new_email), ("id", "!=", self.user_id.id)],
                limit=1,
            )
        )

    def _confirm(self):
        self.ensure_one()
        change = self.sudo()
        change.user_id.write({"login": change.new_email, "email": change.new_email})
        change.state = "done"
        self.env.ref("wbg54_portal.mail_template_email_change_done").sudo().send_mail(
            change.id, force_send=True, raise_exception=False
        )
