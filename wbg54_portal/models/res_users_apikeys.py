import datetime
import logging
import math
import re

from odoo import api, fields, models
from odoo.exceptions import AccessDenied
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT

_logger = logging.getLogger(__name__)

# the scope of the keys the app 54er2go signs in with; Odoo's RPC and its
# auth="bearer" routes only take keys without a scope, so an app key opens the
# app API and nothing else
APP_SCOPE = "wbg54_app"
APP_KEY_DAYS = 30
# what _generate makes: 20 random bytes as hex
APP_KEY_RE = re.compile(r"^[0-9a-f]{40}$")


class AppSignInRefused(Exception):
    """Why the app's sign-in is refused: ``cooldown`` (too many failures from
    this address, try again after ``retry_after`` seconds), ``credentials``,
    ``totp_required``, ``totp_invalid`` or ``not_tenant``."""

    def __init__(self, reason, retry_after=0):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    # ------------------------------------------------------------
    # THE APP'S SIGN-INS
    # ------------------------------------------------------------

    @api.model
    def _wbg54_app_authenticate(self, login, password, totp_code=None):
        """The user signing in to the app with her portal login, password and
        (when she enabled two-factor login) her authenticator's code, as the
        web login checks them: Odoo's password check and login cooldown per
        address (``base.login_cooldown_after`` failures, then
        ``base.login_cooldown_duration`` seconds), the same counter as the web
        login's. Only members and tenants (portal users) may use the app.
        Raises AppSignInRefused."""
        wait = self._wbg54_login_wait()
        if wait:
            raise AppSignInRefused("cooldown", wait)
        # sudo: the sign-in looks the login up as Odoo's own login does
        Users = self.env["res.users"].sudo()
        credential = {"type": "password", "login": login, "password": password}
        try:
            with Users._assert_can_auth(user=login):
                user = Users.search(
                    Users._get_login_domain(login),
                    order=Users._get_login_order(),
                    limit=1,
                )
                if not user:
                    raise AccessDenied()
                user = user.with_user(user)
                user._check_credentials(credential, {"interactive": True})
        except AccessDenied:
            # as on the web: this attempt was wrong, the next one waits
            _logger.info("App sign-in failed for login:%s", login)
            raise AppSignInRefused("credentials") from None
        if not (user.share and user._wbg54_is_tenant()):
            raise AppSignInRefused("not_tenant")
        if user._mfa_type() == "totp":
            if not totp_code:
                raise AppSignInRefused("totp_required")
            try:
                with Users._assert_can_auth(user=user.id):
                    user._totp_check(int(totp_code.strip()))
            except AccessDenied:
                raise AppSignInRefused("totp_invalid") from None
        user._update_last_login()
        _logger.info("App sign-in of login:%s", login)
        return self.env["res.users"].browse(user.id)

    @api.model
    def _wbg54_login_wait(self):
        """Seconds the address of the request must still wait under Odoo's
        login cooldown (``res.users._assert_can_auth``), 0 if none."""
        failures_map = getattr(self.env.registry, "_login_failures", None)
        if not request or not failures_map:
            return 0
        source = request.httprequest.remote_addr
        if source not in failures_map:
            return 0
        failures, previous = failures_map[source]
        if not self.env["res.users"]._on_login_cooldown(failures, previous):
            return 0
        delay = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("base.login_cooldown_duration", 60)
        )
        elapsed = (datetime.datetime.now() - previous).total_seconds()
        return max(1, math.ceil(delay - elapsed))

    @api.model
    def _wbg54_app_sign_in(self, user, device_name):
        """A new key of the app's scope for ``user``, named after the device,
        valid for ``APP_KEY_DAYS``: returns (key record, secret). The secret is
        shown once; the database keeps its hash."""
        expiration = fields.Datetime.now() + datetime.timedelta(days=APP_KEY_DAYS)
        # sudo: only the system may give a key a longer life than the user's
        # groups allow (one day for portal users); with_user makes it hers
        secret = (
            self.with_user(user).sudo()._generate(APP_SCOPE, device_name, expiration)
        )
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_users_apikeys WHERE user_id = %s AND index = %s"
                " AND scope = %s ORDER BY id DESC LIMIT 1",
                user.id,
                secret[:INDEX_SIZE],
                APP_SCOPE,
            )
        )
        return self.with_user(user).browse(self.env.cr.fetchone()[0]), secret

    def _wbg54_app_refresh(self):
        """A new key for the device of this (valid) app key of the current
        user, which is revoked: (key record, secret)."""
        self.ensure_one()
        key, secret = self._wbg54_app_sign_in(self.env.user, self.name)
        # the device stays signed in: its pushes follow the new key
        self.env["wbg54.push.device"].sudo().search(
            [("api_key_id", "=", self.id)]
        ).api_key_id = key.id
        self._wbg54_revoke()
        return key, secret

    @api.model
    def _wbg54_find_app_key(self, secret):
        """(key id, user id) of the valid app key ``secret`` (of an active user,
        not expired, of the app's scope), or None."""
        if not isinstance(secret, str) or not APP_KEY_RE.match(secret):
            return None
        self.env.cr.execute(
            SQL(
                """
                SELECT k.id, k.user_id, k.key
                  FROM res_users_apikeys k
                  JOIN res_users u ON u.id = k.user_id
                 WHERE u.active
                   AND k.index = %s
                   AND k.scope = %s
                   AND (k.expiration_date IS NULL
                        OR k.expiration_date >= now() at time zone 'utc')
                """,
                secret[:INDEX_SIZE],
                APP_SCOPE,
            )
        )
        for key_id, user_id, hashed in self.env.cr.fetchall():
            if KEY_CRYPT_CONTEXT.verify(secret, hashed):
                return key_id, user_id
        return None

    @api.model
    def _wbg54_app_sign_ins(self):
        """The current user's valid sign-ins of the app, newest first (her own
        keys by Odoo's rule on API keys)."""
        return self.search(
            [
                ("user_id", "=", self.env.uid),
                ("scope", "=", APP_SCOPE),
                "|",
                ("expiration_date", "=", False),
                ("expiration_date", ">=", fields.Datetime.now()),
            ],
            order="create_date desc, id desc",
        )

    def _wbg54_revoke(self):
        """Revoke app keys of the current user (found with her rules); an id
        of someone else's key is refused like Odoo's own removal does."""
        keys = self.filtered(lambda key: key.scope == APP_SCOPE)
        if keys.user_id - self.env.user:
            raise AccessDenied()
        keys._remove()

    @api.model
    def _wbg54_revoke_all(self, users, keep_key_id=None):
        """End every app sign-in of ``users`` but ``keep_key_id`` (the app
        that asked for it stays signed in)."""
        # sudo: the system ends them (a password reset has no user yet)
        self.sudo().search(
            [
                ("user_id", "in", users.ids),
                ("scope", "=", APP_SCOPE),
                ("id", "!=", keep_key_id or 0),
            ]
        )._remove()

    # ------------------------------------------------------------
    # THE END OF A SIGN-IN STOPS ITS DEVICE'S PUSHES
    # ------------------------------------------------------------

    def unlink(self):
        # every removal (sign-out, /my/security, Odoo's own key removal) goes here
        self.env["wbg54.push.device"]._deactivate_signed_out(self.ids)
        return super().unlink()

    @api.autovacuum
    def _gc_user_apikeys(self):
        # Odoo deletes expired keys in SQL, past unlink()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_users_apikeys WHERE expiration_date IS NOT NULL"
                " AND expiration_date < now() at time zone 'utc'"
            )
        )
        expired = [row[0] for row in self.env.cr.fetchall()]
        self.env["wbg54.push.device"]._deactivate_signed_out(expired)
        return super()._gc_user_apikeys()
