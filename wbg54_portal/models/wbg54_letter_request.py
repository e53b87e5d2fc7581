from datetime import timedelta

from odoo import api, fields, models

from ..exceptions import FieldValidationError, TooManyAttemptsError
from ..tools.email_address import valid_email

MAX_REQUESTS_PER_HOUR = 3
RATE_LIMIT_HOURS = 1
FORM_FIELDS = ("name", "member_number", "address", "email")


class Wbg54LetterRequest(models.Model):
    """ "Registrierungsbrief anfordern": someone without a letter asks for one."""

    _name = "wbg54.letter.request"
    _description = "Registration Letter Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True)
    member_number = fields.Char()
    address = fields.Char()
    email = fields.Char(required=True)
    ip_address = fields.Char(string="IP Address")
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        tracking=True,
        help="The member staff identified for this request.",
    )
    state = fields.Selection(
        [("new", "New"), ("done", "Done"), ("rejected", "Rejected")],
        default="new",
        required=True,
        tracking=True,
    )

    @api.model
    def _wbg54_submit(self, values, ip_address=None):
        """File a request for a registration letter (public: web form and app
        alike). Every caller gets the same answer, member or not: staff check
        the request against the member records themselves.

        :param dict values: ``name`` and ``email`` (required), ``member_number``
            and ``address`` (at least one of them)
        :param str ip_address: the caller's address, for the rate limit
        :return: the request, in the caller's environment (a visitor cannot
            read it)
        :raise FieldValidationError: ``{field: message}``; nothing filed
        :raise TooManyAttemptsError: ``name``: more than
            ``MAX_REQUESTS_PER_HOUR`` requests from this address within an hour
        """
        form, errors = {}, {}
        for field in FORM_FIELDS:
            value = values.get(field)
            form[field] = value.strip() if isinstance(value, str) else ""
            if "\x00" in form[field]:
                # PostgreSQL takes no NUL character in any text
                errors[field] = self.env._(
                    "The text must not contain control characters."
                )
        if not form["name"]:
            errors["name"] = self.env._("Please enter your name.")
        if not valid_email(form["email"]):
            errors["email"] = self.env._("Please enter a valid e-mail address.")
        if not form["member_number"] and not form["address"]:
            errors["address"] = self.env._(
                "Please enter your member number or your address."
            )
        if errors:
            raise FieldValidationError(errors)
        if self._is_rate_limited(ip_address):
            raise TooManyAttemptsError(
                {
                    "name": self.env._(
                        "We have received several requests from your connection; "
                        "please try again in an hour."
                    )
                },
                retry_after=RATE_LIMIT_HOURS * 3600,
            )
        # public form; sudo to file the request for staff, who check it
        # against the member records themselves
        request_sudo = self.sudo().create({**form, "ip_address": ip_address})
        return self.browse(request_sudo.id)

    @api.model
    def _is_rate_limited(self, ip_address):
        since = fields.Datetime.now() - timedelta(hours=RATE_LIMIT_HOURS)
        return (
            self.sudo().search_count(
                [("ip_address", "=", ip_address), ("create_date", ">=", since)],
                limit=MAX_REQUESTS_PER_HOUR,
            )
            >= MAX_REQUESTS_PER_HOUR
        )

    def action_done(self):
        self.state = "done"

    def action_reject(self):
        self.state = "rejected"
