import re

from odoo import api, models
from odoo.exceptions import UserError

MIN_LENGTH = 8
RUN_LENGTH = 3


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _wbg54_password_failures(self, password, name, email):
        """The cooperative's password rules that ``password`` breaks, each as
        its own message. Runs of three characters are compared without case,
        umlauts included, against the surname and the e-mail address."""
        failures = []
        if len(password) < MIN_LENGTH:
            failures.append(self.env._("The password must have at least %(count)s characters.", count=MIN_LENGTH))
        if not re.search(r"[^\W\d_]", password) or password == password.lower():
            failures.append(self.env._("The password must contain at least one upper-case letter."))
        if not re.search(r"[^\W\d_]", password) or password == password.upper():
            failures.append(self.env._("The password must contain at least one lower-case letter."))
        if sum(ch.isdigit() for ch in password) < 2:
            failures.append(self.env._("The password must contain at least two digits."))
        surname = (name or "").split()[-1:] or [""]
        forbidden = (surname[0].lower(), (email or "").lower())
        lowered = password.lower()
        for start in range(len(lowered) - RUN_LENGTH + 1):
            run = lowered[start:start + RUN_LENGTH]
            if any(run in text for text in forbidden):
                failures.append(self.env._(
                    "The password must not contain three consecutive characters of your surname "
                    "or your e-mail address (here: “%(run)s”).",
                    run=password[start:start + RUN_LENGTH],
                ))
                break
        return failures

    def _check_password_policy(self, passwords):
        # Odoo's minimum length for everyone; the cooperative's rules for tenants
        super()._check_password_policy(passwords)
        failures = []
        for user, password in zip(self, passwords):
            if password and user.share:
                failures += self._wbg54_password_failures(password, user.partner_id.name, user.login)
        if failures:
            raise UserError("\n".join(failures))
