from odoo import api, fields, models
from odoo.tools import escape_psql

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from ..exceptions import FieldValidationError, MailNotSentError
from ..tools.confirmation import new_token, send_link_mail, token_hash
from ..tools.email_address import valid_email

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
    def _request_for_current_user(self, new_email, new_email_confirm=None):
        """Start the current user's change of her login e-mail: checked here,
        then the link is mailed to the new address (see :meth:`_request`);
        her login stays until she follows it.

        :param str new_email: the new address
        :param str new_email_confirm: the address typed a second time (the web
            form asks for it; not compared when not given)
        :return: the pending change
        :raise FieldValidationError: ``new_email`` (not an address, her login
            already, not available) or ``new_email_confirm`` (not the same);
            nothing changed
        :raise MailNotSentError: ``mail``: the e-mail could not be sent just
            now; nothing changed
        """
        user = self.env.user
        new_email = new_email.strip() if isinstance(new_email, str) else ""
        if not valid_email(new_email):
            errors = {"new_email": self.env._("Please enter a valid e-mail address.")}
        elif new_email_confirm is not None and new_email != (
            new_email_confirm.strip() if isinstance(new_email_confirm, str) else ""
        ):
            errors = {
                "new_email_confirm": self.env._(
                    "The two e-mail addresses are not the same."
                )
            }
        elif new_email.lower() == (user.login or "").lower():
            errors = {
                "new_email": self.env._("This is already your login e-mail address.")
            }
        # a count only: whether the login is taken, nothing of the account is read
        elif (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=ilike", escape_psql(new_email))], limit=1)
        ):
            errors = {
                "new_email": self.env._(
                    "This e-mail address cannot be used; please choose another one."
                )
            }
        else:
            change = self._request(user, new_email)
            if change:
                return change
            raise MailNotSentError(
                {
                    "mail": self.env._(
                        "We could not send an e-mail to %s just now. Please try "
                        "again later; "
                        "your login e-mail address stays as it is.",
                        new_email,
                    )
                }
            )
        raise FieldValidationError(errors)

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
                [
                    ("login", "=ilike", escape_psql(self.new_email)),
                    ("id", "!=", self.user_id.id),
                ],
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
