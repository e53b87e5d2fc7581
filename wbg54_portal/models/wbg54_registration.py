import secrets
from datetime import timedelta

from odoo import api, fields, models

from ..tools.confirmation import new_token, send_link_mail, token_hash

# no 0/O, 1/I/L: a number typed from a letter must not be misread
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 14  # 31^14 > 2^69
CODE_SCOPE = "wbg54_portal.registration_code"
TOKEN_SCOPE = "wbg54_portal.registration_confirm"


class Wbg54Registration(models.Model):
    _name = "wbg54.registration"
    _description = "Portal Registration of a Member"
    _order = "letter_date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="Portal User", ondelete="set null", readonly=True)
    state = fields.Selection(
        [
            ("letter", "Letter Sent"),
            ("registered", "Registered, not confirmed"),
            ("confirmed", "Confirmed"),
        ],
        required=True,
        default="letter",
        readonly=True,
    )
    letter_date = fields.Datetime(readonly=True)
    code_expiry = fields.Date(string="Number Valid Until", readonly=True)
    registered_date = fields.Datetime(readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    # only keyed hashes: the number is printed once in the letter, the token
    # only travels in the confirmation e-mail
    code_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    confirm_token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    confirm_token_expiry = fields.Datetime(readonly=True, copy=False, groups="base.group_system")

    _sql_constraints = [
        ("partner_unique", "UNIQUE(partner_id)", "A member has one portal registration."),
        ("code_hash_unique", "UNIQUE(code_hash)", "Registration numbers must be unique."),
    ]

    # ------------------------------------------------------------
    # REGISTRATION NUMBERS
    # ------------------------------------------------------------

    @api.model
    def _normalize_code(self, code):
        return "".join(ch for ch in (code or "").upper() if ch.isalnum())

    @api.model
    def _hash(self, scope, value):
        return token_hash(self.env, scope, value)

    @api.model
    def _generate_codes(self, partners):
        """New single-use registration numbers for ``partners``; an earlier
        number of the same member stops working.

        :return: {partner id: number formatted for the letter}; the only
            place the numbers exist in clear
        """
        validity = int(self.env["ir.config_parameter"].sudo().get_param("wbg54_portal.registration_code_days", 90))
        expiry = fields.Date.context_today(self) + timedelta(days=validity)
        # registrations are kept by the system: staff may print letters (the
        # wizard's access right) but never write hashes themselves
        existing = self.sudo().search([("partner_id", "in", partners.ids)])
        by_partner = {registration.partner_id: registration for registration in existing}
        codes = {}
        for partner in partners:
            code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
            vals = {
                "code_hash": self._hash(CODE_SCOPE, code),
                "code_expiry": expiry,
                "letter_date": fields.Datetime.now(),
            }
            registration = by_partner.get(partner)
            if registration:
                registration.write(vals)
            else:
                self.sudo().create({"partner_id": partner.id, **vals})
            codes[partner.id] = "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))
        return codes

    @api.model
    def _find_by_code(self, code):
        """The open registration a number belongs to, or an empty recordset
        when it is unknown, expired or already used."""
        code = self._normalize_code(code)
        if len(code) != CODE_LENGTH:
            return self.browse()
        return self.sudo().search([
            ("code_hash", "=", self._hash(CODE_SCOPE, code)),
            ("state", "=", "letter"),
            ("code_expiry", ">=", fields.Date.context_today(self)),
        ], limit=1)

    # ------------------------------------------------------------
    # CONFIRMATION
    # ------------------------------------------------------------

    def _new_confirm_token(self):
        """A fresh single-use confirmation token (the previous one stops working)."""
        self.ensure_one()
        token, hashed, expiry = new_token(self.env, TOKEN_SCOPE)
        self.sudo().write({"confirm_token_hash": hashed, "confirm_token_expiry": expiry})
        return token

    @api.model
    def _find_by_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search([
            ("confirm_token_hash", "=", self._hash(TOKEN_SCOPE, token)),
            ("state", "=", "registered"),
            ("confirm_token_expiry", ">=", fields.Datetime.now()),
        ], limit=1)

    def _send_confirmation(self):
        """Mail the confirmation link at once (see tools.confirmation)."""
        template = self.env.ref("wbg54_portal.mail_template_registration_confirm")
        for registration in self.sudo():
            token = registration._new_confirm_token()
            send_link_mail(template, registration, registration._confirm_url(token),
                           email_to=registration.user_id.login)

    def _confirm_url(self, token):
        return f"{self.get_base_url()}/web/signup/confirm?token={token}"

    def _confirm(self):
        now = fields.Datetime.now()
        for registration in self.sudo():
            registration.user_id.active = True
            registration.write({
                "state": "confirmed",
                "confirmed_date": now,
                "confirm_token_hash": False,
                "confirm_token_expiry": False,
            })
