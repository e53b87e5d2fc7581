import logging

from odoo import api, fields, models
from odoo.tools import escape_psql

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from ..exceptions import FieldValidationError
from ..tools.email_address import valid_email

_logger = logging.getLogger(__name__)


class Wbg54AccountMailRequest(models.Model):
    """A password reset or confirmation e-mail asked for on a public form.

    The form only files the request and answers at once; a triggered cron
    looks the address up and sends the mail. So the answer takes the same
    time whether or not an account exists for the address, and reveals
    nothing by its timing."""

    _name = "wbg54.account.mail.request"
    _description = "Requested Account E-mail"
    _order = "id"
    _log_access = False

    kind = fields.Selection(
        [("reset", "Password Reset"), ("confirmation", "Sign-up Confirmation")],
        string="E-mail Kind",
        required=True,
    )
    login = fields.Char(required=True)
    ip_address = fields.Char(string="IP Address")
    request_date = fields.Datetime(required=True, default=fields.Datetime.now)

    @api.model
    def _file(self, kind, login, ip_address):
        self.sudo().create(
            {"kind": kind, "login": login.strip()[:254], "ip_address": ip_address}
        )
        self.env.ref("wbg54_portal.ir_cron_send_account_mails")._trigger()

    @api.model
    def _wbg54_request_confirmation(self, email, ip_address=None):
        """A new sign-up confirmation link for ``email`` (public: web form and
        app alike). Only the form of the address is checked: every address
        gets the same answer, in the same time, whether or not a registration
        waits for it; the mail goes out from a cron.

        :raise FieldValidationError: ``email``: not an e-mail address
        """
        email = email.strip() if isinstance(email, str) else ""
        if not valid_email(email):
            raise FieldValidationError(
                {"email": self.env._("Please enter a valid e-mail address.")}
            )
        self._file("confirmation", email, ip_address)

    @api.model
    def _cron_send(self):
        for mail_request in self.sudo().search([]):
            try:
                with self.env.cr.savepoint():
                    mail_request._send()
            except Exception:  # noqa: BLE001  (an unknown address, a mail server error: nothing for the visitor)
                _logger.info(
                    "%s e-mail requested from %s not sent",
                    mail_request.kind,
                    mail_request.ip_address,
                    exc_info=True,
                )
            mail_request.unlink()

    def _send(self):
        self.ensure_one()
        if self.kind == "reset":
            # the same look-up as Odoo's form (login, else e-mail); raises for unknown
            # addresses
            self.env["res.users"].sudo().reset_password(self.login)
        else:
            registration = (
                self.env["wbg54.registration"]
                .sudo()
                .search(
                    [
                        ("state", "=", "registered"),
                        ("user_id.login", "=ilike", escape_psql(self.login)),
                    ],
                    limit=1,
                )
            )
            if not registration._send_confirmation():
                # undone by the caller's savepoint: the link mailed before stays valid
                raise MailDeliveryException("confirmation e-mail not sent")
