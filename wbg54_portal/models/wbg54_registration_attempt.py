from datetime import timedelta

from odoo import api, fields, models

MAX_FAILURES = 5
LOCK_MINUTES = 15


class Wbg54RegistrationAttempt(models.Model):
    """Failed sign-ups with a registration number, to throttle guessing."""

    _name = "wbg54.registration.attempt"
    _description = "Failed Registration Attempt"
    _log_access = False

    ip_address = fields.Char(index=True)
    email = fields.Char(index=True)
    attempt_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _is_locked(self, ip_address, email):
        since = fields.Datetime.now() - timedelta(minutes=LOCK_MINUTES)
        for field, value in (("ip_address", ip_address), ("email", (email or "").lower())):
            if value and self.sudo().search_count(
                [(field, "=", value), ("attempt_date", ">=", since)], limit=MAX_FAILURES
            ) >= MAX_FAILURES:
                return True
        return False

    @api.model
    def _log_failure(self, ip_address, email):
        self.sudo().create({"ip_address": ip_address, "email": (email or "").lower()})

    @api.autovacuum
    def _gc_attempts(self):
        self.sudo().search([("attempt_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
