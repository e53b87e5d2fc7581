import logging
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import escape_psql

from ..exceptions import FieldValidationError, MailNotSentError, TooManyAttemptsError
from ..tools.confirmation import new_token, send_link_mail, token_hash
from ..tools.email_address import valid_email
from .wbg54_consent import CONSENT_KINDS
from .wbg54_registration_attempt import LOCK_MINUTES

_logger = logging.getLogger(__name__)

# no 0/O, 1/I/L: a number typed from a letter must not be misread
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 14  # 31^14 > 2^69
CODE_SCOPE = "wbg54_portal.registration_code"
TOKEN_SCOPE = "wbg54_portal.registration_confirm"


class _ConfirmationNotSent(Exception):
    """Undoes a sign-up whose confirmation e-mail could not be sent."""


class Wbg54Registration(models.Model):
    _name = "wbg54.registration"
    _description = "Portal Registration of a Member"
    _order = "letter_date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Portal User", ondelete="set null", readonly=True
    )
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
    confirmation_sent_date = fields.Datetime(
        string="Confirmation E-mail Sent",
        readonly=True,
        help="When the last confirmation e-mail went out.",
    )
    login = fields.Char(related="user_id.login", string="Login E-mail")
    confirmation_method = fields.Selection(
        [("email", "E-mail Link"), ("staff", "By Staff, Identity Checked")],
        readonly=True,
    )
    confirmed_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        ondelete="set null",
        help="The staff member who confirmed the registration without the e-mail link.",
    )
    # only keyed hashes: the number is printed once in the letter, the token
    # only travels in the confirmation e-mail
    code_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    confirm_token_hash = fields.Char(
        readonly=True, copy=False, groups="base.group_system"
    )
    confirm_token_expiry = fields.Datetime(
        readonly=True, copy=False, groups="base.group_system"
    )

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE(partner_id)",
            "A member has one portal registration.",
        ),
        (
            "code_hash_unique",
            "UNIQUE(code_hash)",
            "Registration numbers must be unique.",
        ),
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
        validity = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("wbg54_portal.registration_code_days", 90)
        )
        expiry = fields.Date.context_today(self) + timedelta(days=validity)
        # registrations are kept by the system: staff may print letters (the
        # wizard's access right) but never write hashes themselves
        existing = self.sudo().search([("partner_id", "in", partners.ids)])
        by_partner = {
            registration.partner_id: registration for registration in existing
        }
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
            codes[partner.id] = "-".join(
                code[i : i + 4] for i in range(0, CODE_LENGTH, 4)
            )
        return codes

    @api.model
    def _find_by_code(self, code):
        """The open registration a number belongs to, or an empty recordset
        when it is unknown, expired or already used."""
        code = self._normalize_code(code)
        if len(code) != CODE_LENGTH:
            return self.browse()
        return self.sudo().search(
            [
                ("code_hash", "=", self._hash(CODE_SCOPE, code)),
                ("state", "=", "letter"),
                ("code_expiry", ">=", fields.Date.context_today(self)),
            ],
            limit=1,
        )

    # ------------------------------------------------------------
    # SIGN-UP WITH THE LETTER'S NUMBER (web form and app alike)
    # ------------------------------------------------------------

    @api.model
    def _wbg54_sign_up(self, values, ip_address=None):
        """Register the member whose letter's number is given: her portal
        user (inactive until she confirms her address), her consents, and the
        confirmation link mailed to her; all or nothing.

        :param dict values: ``registration_number``, ``email``, ``password``,
            ``confirm_password`` (compared when given) and ``consent_privacy``,
            ``consent_terms``, ``consent_edelivery`` (each must be given,
            e.g. True)
        :param str ip_address: the caller's address, for the throttle and the
            consent records
        :return: the registration, in the caller's environment (a visitor
            cannot read it)
        :raise TooManyAttemptsError: ``registration_number``: too many wrong
            numbers from this connection or for this address; the number was
            not looked at
        :raise FieldValidationError: ``{field: message}``; nothing saved
        :raise MailNotSentError: ``mail``: the confirmation e-mail could not
            be sent; nothing saved, the number stays valid
        """
        Attempt = self.env["wbg54.registration.attempt"]
        email = values.get("email")
        email = email.strip() if isinstance(email, str) else ""
        if not Attempt._reserve(ip_address, email):
            raise TooManyAttemptsError(
                {
                    "registration_number": self.env._(
                        "Too many attempts. For your protection, sign-up is locked "
                        "for 15 "
                        "minutes; please try again later."
                    )
                },
                retry_after=LOCK_MINUTES * 60,
            )
        code = values.get("registration_number")
        registration = self._find_by_code(code if isinstance(code, str) else "")
        if not registration:
            _logger.info(
                "Sign-up with an invalid registration number from %s", ip_address
            )
            raise FieldValidationError(
                {
                    "registration_number": self.env._(
                        "This registration number is not valid. Check it against "
                        "your "
                        "letter or request a new letter."
                    )
                }
            )
        Attempt._release(ip_address, email)
        errors = {}
        if not valid_email(email):
            errors["email"] = self.env._("Please enter a valid e-mail address.")
        # a count only: whether the login is taken, nothing of the account is read
        elif (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=ilike", escape_psql(email))], limit=1)
        ):
            errors["email"] = self.env._(
                "This e-mail address is already used for a login. Log in or reset "
                "your "
                "password."
            )
        password = values.get("password")
        password = password if isinstance(password, str) else ""
        if "confirm_password" in values and password != values["confirm_password"]:
            errors["confirm_password"] = self.env._(
                "The two passwords are not the same."
            )
        failures = self.env["res.users"]._wbg54_password_failures(
            password, registration.partner_id.name, email
        )
        if failures:
            errors["password"] = "\n".join(failures)
        for kind, _label in CONSENT_KINDS:
            if not values.get(f"consent_{kind}"):
                errors[f"consent_{kind}"] = self.env._(
                    "Please accept this to register."
                )
        if errors:
            _logger.info("Sign-up refused, fields: %s", ", ".join(sorted(errors)))
            raise FieldValidationError(errors)
        # all or nothing: when the confirmation e-mail cannot go out, the
        # savepoint drops the user, the consents and the used-up number, so
        # the visitor is told the truth and the number works for another try
        try:
            with self.env.cr.savepoint():
                registration._wbg54_create_registered_user(email, password, ip_address)
                if not registration._send_confirmation():
                    raise _ConfirmationNotSent()
        except _ConfirmationNotSent:
            _logger.warning("Sign-up undone: the confirmation e-mail could not be sent")
            raise MailNotSentError(
                {
                    "mail": self.env._(
                        "We could not send you an e-mail just now. Please try again "
                        "later: "
                        "your registration has "
                        "not been saved and your registration number stays valid. "
                        "If this "
                        "keeps happening, "
                        "please contact the cooperative."
                    )
                }
            ) from None
        return self.browse(registration.id)

    def _wbg54_create_registered_user(self, email, password, ip_address):
        """The inactive portal user of this registration's member (found by
        its number), her consents, and the number used up."""
        self.ensure_one()
        # registration found by its number, values validated by the caller;
        # sudo because the visitor is the public user
        registration_sudo = self.sudo()
        partner_sudo = registration_sudo.partner_id
        user_sudo = (
            self.env["res.users"]
            .sudo()
            ._create_user_from_template(
                {
                    "login": email,
                    "email": email,
                    "partner_id": partner_sudo.id,
                    "password": password,
                    "lang": partner_sudo.lang or self.env.lang,
                }
            )
        )
        user_sudo.active = False  # logs in only once the e-mail is confirmed
        registration_sudo.write(
            {
                "user_id": user_sudo.id,
                "state": "registered",
                "registered_date": fields.Datetime.now(),
                "code_hash": False,
            }
        )
        self.env["wbg54.consent"]._record(
            partner_sudo, [kind for kind, _label in CONSENT_KINDS], ip_address
        )

    # ------------------------------------------------------------
    # CONFIRMATION
    # ------------------------------------------------------------

    def _new_confirm_token(self):
        """A fresh single-use confirmation token (the previous one stops working)."""
        self.ensure_one()
        token, hashed, expiry = new_token(self.env, TOKEN_SCOPE)
        self.sudo().write(
            {"confirm_token_hash": hashed, "confirm_token_expiry": expiry}
        )
        return token

    @api.model
    def _find_by_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search(
            [
                ("confirm_token_hash", "=", self._hash(TOKEN_SCOPE, token)),
                ("state", "=", "registered"),
                ("confirm_token_expiry", ">=", fields.Datetime.now()),
            ],
            limit=1,
        )

    def _send_confirmation(self):
        """Mail the confirmation link at once (see tools.confirmation).

        :return: whether every mail went out
        """
        template = self.env.ref("wbg54_portal.mail_template_registration_confirm")
        all_sent = True
        for registration in self.sudo():
            token = registration._new_confirm_token()
            if send_link_mail(
                template,
                registration,
                registration._confirm_url(token),
                email_to=registration.user_id.login,
            ):
                registration.confirmation_sent_date = fields.Datetime.now()
            else:
                all_sent = False
        return all_sent

    def _confirm_url(self, token):
        return f"{self.get_base_url()}/web/signup/confirm?token={token}"

    def _confirm(self, by_staff=False):
        now = fields.Datetime.now()
        staff_user = self.env.user if by_staff else self.env["res.users"]
        for registration in self.sudo():
            registration.user_id.active = True
            registration.write(
                {
                    "state": "confirmed",
                    "confirmed_date": now,
                    "confirmation_method": "staff" if by_staff else "email",
                    "confirmed_by_id": staff_user.id,
                    "confirm_token_hash": False,
                    "confirm_token_expiry": False,
                }
            )

    # ------------------------------------------------------------
    # STAFF ACTIONS
    # ------------------------------------------------------------

    def _check_staff_action(self):
        """Staff of the cooperative only, and only on registrations that
        wait for their confirmation."""
        if not self.env.user.has_group("wbg54_portal.group_wbg54_portal_user"):
            raise AccessError(self.env._("Only staff of the cooperative may do this."))
        self.check_access("read")
        waiting = self.filtered(lambda registration: registration.state == "registered")
        if not self or waiting != self:
            raise UserError(
                self.env._(
                    "Only registrations that are not confirmed yet can be confirmed or "
                    "sent again."
                )
            )

    def action_resend_confirmation(self):
        """A new confirmation link by e-mail; the previous one stops working."""
        self._check_staff_action()
        for registration in self:
            # staff checked above; the token hash is kept by the system
            if not registration.sudo()._send_confirmation():
                raise UserError(
                    self.env._(
                        "The confirmation e-mail to %s could not be sent. Check the "
                        "outgoing mail server "
                        "(Settings › Technical › Outgoing Mail Servers), or confirm "
                        "the registration without "
                        "e-mail after checking the member's identity.",
                        registration.login,
                    )
                )
            registration.partner_id.message_post(
                body=self.env._(
                    "Confirmation e-mail for the portal registration sent again to %s.",
                    registration.login,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Confirmation e-mail sent to %s.", ", ".join(self.mapped("login"))
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_confirm_without_email(self):
        """Activate the portal login without the e-mail link, once staff have
        checked that the member registered with this address."""
        self._check_staff_action()
        # staff checked above; activating the login is the system's
        self.sudo()._confirm(by_staff=True)
        for registration in self:
            registration.partner_id.message_post(
                body=self.env._(
                    "Portal registration with the login %(login)s confirmed without "
                    "e-mail by "
                    "%(user)s after checking the member's identity.",
                    login=registration.login,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
