"""The app's sign-in: e-mail and password (and the authenticator's code)
give a device-bound API key of the app's own scope with an expiry; refresh,
sign-out, revocation on /my/security, throttling as on the web."""

import base64
import re
import time
from datetime import timedelta

from odoo import fields, http
from odoo.tests import new_test_user

from odoo.addons.auth_totp.models.totp import hotp

from .api_common import ApiCase
from .common import TENANT_PASSWORD

SECRET = base64.b32encode(b"wbg54-app-totp-test!").decode()


class TestAppSignIn(ApiCase):
    def setUp(self):
        super().setUp()
        # Odoo's login cooldown counts failures per address for the process
        self.addCleanup(lambda: getattr(self.registry, "_login_failures", {}).clear())

    def _login(self, login="tenant_a", password=TENANT_PASSWORD, **extra):
        return self._call(
            "POST",
            "/auth/login",
            body={
                "email": login,
                "password": password,
                "device_name": "Almas Pixel",
                **extra,
            },
        )

    def _app_keys(self, user):
        return (
            self.env["res.users.apikeys"]
            .sudo()
            .search([("user_id", "=", user.id), ("scope", "=", "wbg54_app")])
        )

    def _new_keys(self):
        """Tenant A's app keys beside the one of the set-up."""
        return self._app_keys(self.user_a) - self._key_record(self.key_a)

    def test_sign_in_gives_a_device_key_of_the_app_scope(self):
        before = self._app_keys(self.user_a)
        response = self._login()
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        token = response.json()
        self.assertEqual(token["token_type"], "Bearer")
        self.assertRegex(token["access_token"], r"^[0-9a-f]{40}$")
        key = self._app_keys(self.user_a) - before
        self.assertEqual(len(key), 1)
        self.assertEqual((key.name, key.scope), ("Almas Pixel", "wbg54_app"))
        self.assertEqual(token["sign_in"]["id"], key.id)
        self.assertEqual(token["sign_in"]["device_name"], "Almas Pixel")
        expires = fields.Datetime.now() + timedelta(days=30)
        self.assertAlmostEqual(key.expiration_date, expires, delta=timedelta(minutes=5))
        self.assertRegex(token["expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        me = self._get("/me", token["access_token"])
        self.assertEqual(me["login"], "tenant_a")
        # the app key opens the app API only: Odoo's RPC takes keys without scope
        self.assertFalse(
            self.env["res.users.apikeys"]._check_credentials(
                scope="rpc", key=token["access_token"]
            )
        )

    def test_wrong_credentials_are_one_answer(self):
        for login, password in (
            ("tenant_a", "falsch"),
            ("niemand@example.com", TENANT_PASSWORD),
            ("tenant_a", TENANT_PASSWORD.lower()),
        ):
            body = self.assertProblem(
                self._login(login, password), 401, "invalid-credentials"
            )
            self.assertEqual(
                body["detail"], "Die E-Mail-Adresse oder das Passwort ist falsch."
            )
        self.assertFalse(self._new_keys())

    def test_only_members_and_tenants_sign_in(self):
        new_test_user(
            self.env,
            login="wbg54_staff_app",
            password="Staff2024-app",
            groups="base.group_user",
        )
        new_test_user(
            self.env,
            login="kunde_app",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
        )
        for login, password in (
            ("wbg54_staff_app", "Staff2024-app"),
            ("kunde_app", TENANT_PASSWORD),
        ):
            self.assertProblem(self._login(login, password), 403, "not-a-tenant")
        self.assertFalse(
            self.env["res.users.apikeys"]
            .sudo()
            .search([("scope", "=", "wbg54_app"), ("name", "=", "Almas Pixel")])
        )

    def test_two_factor_login_needs_the_code(self):
        self.user_a.sudo().totp_secret = SECRET
        self.assertProblem(self._login(), 401, "totp-required")
        self.assertProblem(self._login(totp_code="000000"), 401, "totp-invalid")
        self.assertProblem(self._login(totp_code="12345"), 422)
        code = hotp(base64.b32decode(SECRET), int(time.time() / 30))
        response = self._login(totp_code=f"{code:06d}")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(self._new_keys()), 1)

    def test_failed_sign_ins_are_throttled_like_the_web_login(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("base.login_cooldown_after", 3)
        params.set_param("base.login_cooldown_duration", 600)
        for _attempt in range(3):
            self.assertProblem(self._login(password="falsch"), 401)
        # now even the right password waits, in the app as on the web
        response = self._login()
        body = self.assertProblem(response, 429, "too-many-requests")
        self.assertLessEqual(int(response.headers["Retry-After"]), 600)
        self.assertGreater(int(response.headers["Retry-After"]), 500)
        self.assertIn("Sekunden", body["detail"])
        self.authenticate(None, None)
        response = self.url_open(
            "/web/login",
            data={
                "login": "tenant_a",
                "password": TENANT_PASSWORD,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200, "the web login waits too")
        self.assertFalse(self._new_keys())
        # the cooldown ends
        params.set_param("base.login_cooldown_duration", 0)
        self.assertEqual(self._login().status_code, 200)

    def test_refresh_swaps_the_key(self):
        old = self._key_record(self.key_a)
        response = self._call("POST", "/auth/refresh", self.key_a)
        self.assertEqual(response.status_code, 200, response.text)
        token = response.json()
        self.assertNotEqual(token["access_token"], self.key_a)
        self.assertEqual(token["sign_in"]["device_name"], "Testtelefon")
        self.assertFalse(old.exists(), "the old key is revoked")
        self.assertProblem(self._call("GET", "/me", self.key_a), 401)
        self._get("/me", token["access_token"])

    def test_logout_revokes_the_key(self):
        response = self._call("POST", "/auth/logout", self.key_a)
        self.assertEqual(response.status_code, 204)
        self.assertProblem(self._call("GET", "/me", self.key_a), 401, "unauthorized")
        self.assertProblem(self._call("POST", "/auth/logout", self.key_a), 401)
        self._get("/me", self.key_c)

    def test_expired_revoked_and_foreign_keys_are_refused(self):
        self._expire(self.key_a)
        self._key_record(self.key_b).unlink()
        rpc_key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_c)
            ._generate(None, "RPC", fields.Datetime.now() + timedelta(days=1))
        )
        for key in (self.key_a, self.key_b, rpc_key, "0" * 40, "x", "é" * 40):
            for method, path in (("GET", "/me"), ("POST", "/auth/refresh")):
                response = self._call(method, path, key)
                self.assertProblem(response, 401, "unauthorized")
                self.assertTrue(
                    response.headers["WWW-Authenticate"].startswith("Bearer")
                )
        self.user_c.active = False
        self.assertProblem(self._call("GET", "/me", self.key_c), 401)

    def test_sign_ins_are_listed_and_revoked_on_my_security(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open("/my/security").text
        self.assertIn("App-Anmeldungen", page)
        self.assertIn("Testtelefon", page)
        key = self._key_record(self.key_a)
        action = f"/my/security/app-sign-ins/{key.id}/revoke"
        self.assertIn(action, page)
        # no revocation by a link or without the form's CSRF token
        self.assertEqual(self.url_open(action, allow_redirects=False).status_code, 405)
        response = self.url_open(action, data={"x": "1"}, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(key.exists())
        # another tenant's key is not hers to revoke
        other = self._key_record(self.key_c)
        response = self.url_open(
            f"/my/security/app-sign-ins/{other.id}/revoke",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(other.exists())
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("Diese App-Anmeldung ist bereits beendet.", page)
        response = self.url_open(
            action,
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(key.exists())
        self.assertProblem(self._call("GET", "/me", self.key_a), 401)
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("Die App-Anmeldung wurde widerrufen", page)
        self.assertNotIn("Testtelefon", re.sub(r"<[^>]+>", " ", page))


class TestAppSignInEnds(ApiCase):
    """When an app sign-in ends, its phone stops getting pushes; a new
    password ends the other app sign-ins, as it ends her other sessions."""

    def _register(self, key, token):
        response = self._call(
            "POST", "/devices", key, {"token": token, "platform": "android"}
        )
        self.assertEqual(response.status_code, 201, response.text)
        return self.env["wbg54.push.device"].browse(response.json()["id"])

    def test_pushes_follow_the_sign_in(self):
        phone = self._register(self.key_a, "fcm-token-phone-" + "a" * 40)
        self.assertEqual(phone.sudo().api_key_id, self._key_record(self.key_a))
        # refresh: the same phone, signed in with the new key
        token = self._call("POST", "/auth/refresh", self.key_a).json()
        new_key = token["access_token"]
        self.assertTrue(phone.active)
        self.assertEqual(phone.sudo().api_key_id, self._key_record(new_key))
        # sign-out of the app
        self.assertEqual(self._call("POST", "/auth/logout", new_key).status_code, 204)
        self.assertFalse(phone.active)
        self.assertEqual(phone.deactivation_reason, "signed out of the app")
        # revoked on /my/security (Odoo's removal of a key) and expired keys
        tablet_key = self._app_key(self.user_a, "Tablet")
        tablet = self._register(tablet_key, "fcm-token-tablet-" + "b" * 40)
        self._key_record(tablet_key).with_user(self.user_a)._wbg54_revoke()
        self.assertFalse(tablet.active)
        old_phone = self._register(self.key_c, "fcm-token-old-" + "c" * 40)
        self._expire(self.key_c)
        self.env["res.users.apikeys"]._gc_user_apikeys()
        self.assertFalse(old_phone.active)

    def test_a_new_password_signs_the_other_apps_out(self):
        tablet_key = self._app_key(self.user_a, "Tablet")
        tablet = self._register(tablet_key, "fcm-token-tablet-" + "d" * 40)
        other_tenant = self._app_key(self.user_c, "Tablet")
        response = self._call(
            "POST",
            "/me/password",
            self.key_a,
            body={"old_password": TENANT_PASSWORD, "new_password": "Genossen2025"},
        )
        self.assertEqual(response.status_code, 204, response.text)
        self._get("/me", self.key_a)  # the app that changed it stays signed in
        self.assertProblem(self._call("GET", "/me", tablet_key), 401)
        self.assertFalse(tablet.active)
        self._get("/me", other_tenant)
        # on the web (/my/security): every app sign-in ends
        self.authenticate("tenant_a", "Genossen2025")
        response = self.url_open(
            "/my/security",
            data={
                "old": "Genossen2025",
                "new1": TENANT_PASSWORD,
                "new2": TENANT_PASSWORD,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertProblem(self._call("GET", "/me", self.key_a), 401)
        # "Von allen Geräten abmelden"
        key = self._app_key(self.user_a, "Telefon")
        # as Odoo's action_revoke_all_devices calls it, after the identity check
        self.user_a.with_user(self.user_a).sudo()._action_revoke_all_devices()
        self.assertProblem(self._call("GET", "/me", key), 401)
        self._get("/me", other_tenant)
