import re

from odoo import api, models
from odoo.exceptions import UserError

from ..tools.params import parse_int

MIN_LENGTH = 8
RUN_LENGTH = 3
TENANT_READONLY_FIELDS = ("name", "email")


class ResUsers(models.Model):
    _inherit = "res.users"

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # Odoo lets every user write her own name and e-mail. For tenants the
        # name is printed on certificates (changed by staff only) and the
        # e-mail receives password resets and login mails (changed only through
        # the confirmed e-mail change), so neither is self-writable for them.
        writeable = super().SELF_WRITEABLE_FIELDS
        if self.env.user.share:
            return [field for field in writeable if field not in TENANT_READONLY_FIELDS]
        return writeable

    @api.model
    def _wbg54_min_password_length(self):
        """The cooperative's 8 characters, or Odoo's minimum where an admin
        set it higher (auth_password_policy refuses shorter ones anyway)."""
        odoo_minimum = parse_int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_password_policy.minlength", "0")
        )
        return max(MIN_LENGTH, odoo_minimum or 0)

    @api.model
    def _wbg54_password_failures(self, password, name, email):
        """The cooperative's password rules that ``password`` breaks, each as
        its own message. Runs of three characters are compared without case,
        umlauts included, against the surname and the e-mail address."""
        failures = []
        min_length = self._wbg54_min_password_length()
        if len(password) < min_length:
            failures.append(
                self.env._(
                    "The password must have at least %(count)s characters.",
                    count=min_length,
                )
            )
        if not re.search(r"[^\W\d_]", password) or password == password.lower():
            failures.append(
                self.env._("The password must contain at least one upper-case letter.")
            )
        if not re.search(r"[^\W\d_]", password) or password == password.upper():
            failures.append(
                self.env._("The password must contain at least one lower-case letter.")
            )
        if sum(ch.isdigit() for ch in password) < 2:
            failures.append(
                self.env._("The password must contain at least two digits.")
            )
        surname = (name or "").split()[-1:] or [""]
        forbidden = (surname[0].lower(), (email or "").lower())
        lowered = password.lower()
        for start in range(len(lowered) - RUN_LENGTH + 1):
            run = lowered[start : start + RUN_LENGTH]
            if any(run in text for text in forbidden):
                failures.append(
                    self.env._(
                        "The password must not contain three consecutive characters of "
                        "your surname "
                        "or your e-mail address (here: “%(run)s”).",
                        run=password[start : start + RUN_LENGTH],
                    )
                )
                break
        return failures

    def _wbg54_is_tenant(self):
        """A portal login of a member (or applicant, former member) or of a
        partner with a registration letter. Other portal users (customers
        invited through Odoo's portal wizard, users other modules create) keep
        Odoo's own password policy."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        return self.share and bool(
            partner.membership_state or partner.wbg54_registration_ids
        )

    def _check_password_policy(self, passwords):
        # Odoo's minimum length for everyone; the cooperative's rules for tenants
        res = super()._check_password_policy(passwords)
        failures = []
        for user, password in zip(self, passwords, strict=False):
            if password and user._wbg54_is_tenant():
                failures += self._wbg54_password_failures(
                    password, user.partner_id.name, user.login
                )
        if failures:
            raise UserError("\n".join(failures))
        return res

    def _deactivate_portal_user(self, **post):
        # "Konto löschen" deletes the portal login, not the membership: the
        # cooperative keeps the member, her contracts and shares, and she can
        # register again with a new letter
        members = self.partner_id.filtered("membership_state")
        registrations = (
            self.env["wbg54.registration"].sudo().search([("user_id", "in", self.ids)])
        )
        res = super()._deactivate_portal_user(**post)
        members.sudo().action_unarchive()
        registrations.write(
            {
                "state": "letter",
                "user_id": False,
                "code_hash": False,
                "code_expiry": False,
            }
        )
        for partner in members:
            partner.sudo().message_post(
                body=self.env._(
                    "The member deleted the portal account; the member record is kept. "
                    "Print a new registration letter to let the member use the portal "
                    "again."
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return res

    def _set_password(self):
        result = super()._set_password()
        # a new password (changed, reset, set by staff) ends her app sign-ins
        # as it ends her other sessions: a lost phone stays signed out. The
        # app that changed it stays signed in (context wbg54_app_key_id).
        self.env["res.users.apikeys"]._wbg54_revoke_all(
            self, self.env.context.get("wbg54_app_key_id")
        )
        return result

    def _action_revoke_all_devices(self):
        # "Von allen Geräten abmelden" signs the app out too
        result = super()._action_revoke_all_devices()
        self.env["res.users.apikeys"]._wbg54_revoke_all(self)
        return result

    def _alert_new_device(self):
        # auth_signup words the warning in the language of the sign-in's
        # environment, which need not be hers
        return super(
            ResUsers, self.with_context(lang=self.lang or self.env.lang)
        )._alert_new_device()
