import contextlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

MAX_FAILURES = 5
LOCK_MINUTES = 15


class Wbg54RegistrationAttempt(models.Model):
    """Sign-up attempts with a registration number per connection and per
    e-mail address, to throttle guessing: at most ``MAX_FAILURES`` wrong
    numbers per key within ``LOCK_MINUTES``."""

    _name = "wbg54.registration.attempt"
    _description = "Registration Attempts"
    _log_access = False

    key = fields.Char(required=True, help="ip:<address> or email:<address>")
    failures = fields.Integer(required=True, default=0)
    window_start = fields.Datetime(required=True, index=True)

    _sql_constraints = [
        ("key_unique", "UNIQUE(key)", "One counter per connection or e-mail address.")
    ]

    @api.model
    def _keys(self, ip_address, email):
        return [
            key
            for key in (
                ip_address and f"ip:{ip_address}",
                email and f"email:{email.strip().lower()[:254]}",
            )
            if key
        ]

    @api.model
    def _reserve(self, ip_address, email):
        """Count this attempt before the number is looked at, and say whether
        it may be evaluated (False: locked).

        The counters are raised in their own READ COMMITTED transaction,
        committed at once: parallel requests wait on the counter's row lock
        and each sees the count of the one before, so a burst of guesses gets
        no more than ``MAX_FAILURES`` evaluations (a check followed by an
        insert let every request of the burst through)."""
        now = fields.Datetime.now()
        counts = []
        with self._counter_cursor() as cr:
            for key in self._keys(ip_address, email):
                cr.execute(
                    SQL(
                        """
                    INSERT INTO wbg54_registration_attempt AS attempt
                                (key, failures, window_start)
                    VALUES (%(key)s, 1, %(now)s)
                    ON CONFLICT (key) DO UPDATE SET
                        failures = CASE WHEN attempt.window_start < %(since)s THEN 1
                                        ELSE attempt.failures + 1 END,
                        window_start = CASE WHEN attempt.window_start < %(since)s
                                            THEN %(now)s
                                            ELSE attempt.window_start END
                    RETURNING failures
                """,
                        key=key,
                        now=now,
                        since=now - timedelta(minutes=LOCK_MINUTES),
                    )
                )
                counts.append(cr.fetchone()[0])
        return all(count <= MAX_FAILURES for count in counts)

    @api.model
    def _release(self, ip_address, email):
        """The number was right: this attempt does not count as a failure."""
        with self._counter_cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE wbg54_registration_attempt SET failures = failures - 1 "
                    "WHERE key IN %s AND failures > 0",
                    tuple(self._keys(ip_address, email)) or ("",),
                )
            )

    @contextlib.contextmanager
    def _counter_cursor(self):
        if self.env.registry.in_test_mode():
            # tests run in one transaction: count in a savepoint of it. A
            # cursor of its own would wait for the test's lock, which the
            # request's thread holds while the app API runs its route in
            # another thread (forever: the request waits for the route)
            with self.env.cr.savepoint(flush=False):
                yield self.env.cr
            return
        with self.env.registry.cursor() as cr:
            cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
            yield cr

    @api.autovacuum
    def _gc_attempts(self):
        self.sudo().search(
            [("window_start", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
