import json

from odoo.tests import HttpCase

from .common import TenantFixture

API = "/api/wbg54/v1"
TOKEN = "fcm-token-" + "a1B2_c3:D4-" * 12


class TestPushApi(TenantFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.key_a = cls._api_key(cls.user_a)
        cls.key_c = cls._api_key(cls.user_c)

    @classmethod
    def _api_key(cls, user):
        # an app sign-in: an API key of the app's scope
        return cls.env["res.users.apikeys"]._wbg54_app_sign_in(user, "54er2go")[1]

    def _call(self, method, path, key=None, body=None, raw=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = (
            raw if raw is not None else (json.dumps(body) if body is not None else None)
        )
        return self.opener.request(
            method, self.base_url() + API + path, data=data, headers=headers, timeout=30
        )

    def test_missing_or_bad_api_key_is_401_json(self):
        for key in (None, "not-a-key", self.key_a[:-1] + "x"):
            response = self._call(
                "POST", "/devices", key, {"token": TOKEN, "platform": "android"}
            )
            self.assertEqual(response.status_code, 401, key)
            self.assertTrue(response.headers["WWW-Authenticate"].startswith("Bearer"))
            self.assertEqual(
                response.headers["Content-Type"], "application/problem+json"
            )
            self.assertEqual(response.json()["type"], "urn:wbg54:problem:unauthorized")
        self.assertFalse(self.env["wbg54.push.device"].search([("token", "=", TOKEN)]))

    def test_register_update_list_and_unregister(self):
        response = self._call(
            "POST",
            "/devices",
            self.key_a,
            {"token": TOKEN, "platform": "android", "app_version": "1.4.0"},
        )
        self.assertEqual(response.status_code, 201)
        device_id = response.json()["id"]
        device = self.env["wbg54.push.device"].browse(device_id)
        self.assertEqual(
            (device.user_id, device.platform, device.app_version),
            (self.user_a, "android", "1.4.0"),
        )
        self.assertNotIn("token", response.json(), "the token is not echoed")
        response = self._call(
            "POST",
            "/devices",
            self.key_a,
            {"token": TOKEN, "platform": "android", "app_version": "1.5.0"},
        )
        self.assertEqual(
            (response.status_code, response.json()["id"]), (200, device_id)
        )
        self.assertEqual(device.app_version, "1.5.0")
        listed = self._call("GET", "/devices", self.key_a).json()["items"]
        self.assertEqual([d["id"] for d in listed], [device_id])
        self.assertEqual(self._call("GET", "/devices", self.key_c).json()["items"], [])
        response = self._call("DELETE", f"/devices/{device_id}", self.key_a)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["active"])
        self.assertFalse(device.active)

    def test_other_tenants_device_is_not_found(self):
        device = (
            self.env["wbg54.push.device"]
            .with_user(self.user_a)
            ._register_token(TOKEN, "ios")[0]
        )
        response = self._call("DELETE", f"/devices/{device.id}", self.key_c)
        self.assertEqual(response.status_code, 404)
        problem = response.json()
        self.assertEqual(
            (problem["type"], problem["detail"]),
            ("urn:wbg54:problem:not-found", "Gerät nicht gefunden."),
        )
        self.assertTrue(device.active)
        self.assertEqual(
            self._call("DELETE", "/devices/999999", self.key_c).status_code, 404
        )

    def test_token_moves_to_whoever_signs_in_last(self):
        device = (
            self.env["wbg54.push.device"]
            .with_user(self.user_a)
            ._register_token(TOKEN, "android")[0]
            .sudo()
        )
        response = self._call(
            "POST", "/devices", self.key_c, {"token": TOKEN, "platform": "android"}
        )
        self.assertEqual(
            (response.status_code, response.json()["id"]), (200, device.id)
        )
        self.assertEqual(device.user_id, self.user_c)
        self.assertEqual(self._call("GET", "/devices", self.key_a).json()["items"], [])

    def test_bad_input_gets_clear_json_errors(self):
        cases = [
            ({"platform": "android"}, "token"),
            ({"token": "short", "platform": "android"}, "token"),
            ({"token": TOKEN + " <script>", "platform": "android"}, "token"),
            ({"token": TOKEN, "platform": "windows"}, "platform"),
            (
                {"token": TOKEN, "platform": "ios", "app_version": "x" * 40},
                "app_version",
            ),
        ]
        for body, field in cases:
            response = self._call("POST", "/devices", self.key_a, body)
            self.assertEqual(response.status_code, 422, body)
            errors = response.json()["errors"]
            self.assertEqual(
                [(e["location"], e["field"]) for e in errors], [("body", field)]
            )
            self.assertTrue(errors[0]["detail"])
        for raw, detail in (
            ("not json", "Der Inhalt der Anfrage ist kein gültiges JSON."),
            ("[1, 2]", "Ein JSON-Objekt wird erwartet."),
        ):
            response = self._call("POST", "/devices", self.key_a, raw=raw)
            self.assertEqual(response.status_code, 422)
            self.assertEqual(response.json()["errors"][0]["detail"], detail)
        self.assertFalse(
            self.env["wbg54.push.device"]
            .with_context(active_test=False)
            .search([("user_id", "=", self.user_a.id)])
        )

    def test_preferences_are_the_callers_own(self):
        self.partner_c.wbg54_notify_notice_email = True
        response = self._call("GET", "/preferences", self.key_a)
        self.assertEqual(
            response.json(),
            {
                "document": {"email": True, "push": True},
                "notice": {"email": False, "push": True},
                "ticket": {"email": True, "push": True},
            },
        )
        response = self._call(
            "PUT",
            "/preferences",
            self.key_a,
            {"notice": {"push": False}, "ticket": {"email": False}},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["notice"], {"email": False, "push": False})
        self.assertFalse(self.partner_a.wbg54_notify_notice_push)
        self.assertFalse(self.partner_a.wbg54_notify_ticket_email)
        self.assertTrue(
            self.partner_c.wbg54_notify_notice_push, "nobody else's preferences change"
        )
        for body in (
            {"notice": {"push": "yes"}},
            {"newsletter": {"email": True}},
            {"notice": {"sms": True}},
            {"partner_id": self.partner_c.id},
        ):
            response = self._call("PUT", "/preferences", self.key_a, body)
            self.assertEqual(response.status_code, 422, body)
        self.assertTrue(self.partner_c.wbg54_notify_notice_email)
