"""One error format for every status of the app API (RFC 9457 problem
details, German unless Accept-Language asks otherwise, never HTML), every
operation closed to callers without a valid app key, and the OpenAPI
description served by the server."""

import logging
from unittest.mock import patch

from odoo.addons.wbg54_portal.models.res_users_apikeys import ResUsersApikeys

from .api_common import API, ApiCase

TOKEN = "fcm-token-" + "a1B2_c3:D4-" * 12
# the operations without an app key: sign-in, and sign-up as on the web
PUBLIC = {
    ("POST", "/auth/login"),
    ("POST", "/auth/password-reset"),
    ("GET", "/registrations/requirements"),
    ("POST", "/registrations"),
    ("POST", "/registrations/confirmation-mail"),
    ("POST", "/letter-requests"),
}


class TestApiErrors(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_en").active = True
        cls.device = (
            cls.env["wbg54.push.device"]
            .with_user(cls.user_a)
            ._register_token(TOKEN, "android")[0]
        )

    def _operations(self):
        """(method, path) of every operation of the description."""
        description = self._get("/openapi.json")
        for path, operations in description["paths"].items():
            for method in operations:
                yield method.upper(), path

    def _example(self, method, path):
        """A valid request of her own to the operation: (path, body)."""
        path = path.format(
            contract_id=self.contract_a1.id,
            document_id=0,
            device_id=self.device.id,
            request_id=1,
            attachment_id=1,
        )
        bodies = {
            ("POST", "/devices"): {"token": TOKEN, "platform": "android"},
            ("PUT", "/preferences"): {"notice": {"push": False}},
            ("POST", "/requests/applications"): {
                "application_type_id": 1,
                "description": "x",
            },
            ("POST", "/requests/1/close"): {"stage_id": 1},
            ("PATCH", "/me"): {"mobile": "0151 23456789"},
            ("POST", "/me/email-change"): {"new_email": "alma.neu@example.com"},
            ("POST", "/me/password"): {"old_password": "x", "new_password": "y"},
            ("POST", "/auth/login"): {
                "email": "tenant_a",
                "password": "x",
                "device_name": "x",
            },
        }
        return path, bodies.get((method, path))

    def test_every_operation_needs_a_valid_app_key(self):
        expired = self._app_key(self.user_a, "Altes Telefon")
        self._expire(expired)
        revoked = self._app_key(self.user_a, "Verlorenes Telefon")
        self._key_record(revoked).with_user(self.user_a)._wbg54_revoke()
        tickets = self.env["helpdesk.ticket"].sudo().search_count([])
        operations = sorted(set(self._operations()))
        self.assertEqual(len(operations), 35)
        checked = 0
        for method, path in operations:
            if (method, path) in PUBLIC:
                continue
            url, body = self._example(method, path)
            for key in (None, expired, revoked, self.key_a[:-4] + "beef"):
                response = self._call(method, url, key, body=body)
                self.assertProblem(response, 401, "unauthorized")
                checked += 1
        self.assertEqual(checked, (len(operations) - len(PUBLIC)) * 4)
        self.assertTrue(self.device.active, "no request changed anything")
        self.assertEqual(self.env["helpdesk.ticket"].sudo().search_count([]), tickets)
        self.assertTrue(self.partner_a.wbg54_notify_notice_push)

    def test_unknown_addresses_and_methods(self):
        for method, path, status in (
            ("GET", "/nope", 404),
            ("GET", "/", 404),
            ("POST", "/devices/1/x", 404),
            ("PATCH", "/devices", 405),
            ("GET", f"/devices/{self.device.id}", 405),
            ("DELETE", "/preferences", 405),
            ("PUT", "/me", 405),
        ):
            response = self._call(method, path, self.key_a)
            body = self.assertProblem(response, status)
            self.assertEqual(body["instance"], API + path)
            if status == 405:
                self.assertTrue(response.headers["Allow"])
                self.assertIn(response.headers["Allow"].split(",")[0], body["detail"])
            else:
                self.assertEqual(
                    body["detail"], "Diese Adresse gibt es in der API nicht."
                )
        # beside the version, and a method Odoo's routing refuses itself
        response = self.opener.get(self.base_url() + "/api/wbg54/v2/me", timeout=30)
        self.assertProblem(response, 404, "not-found")
        response = self.opener.request(
            "TRACE", self.base_url() + API + "/me", timeout=30
        )
        self.assertProblem(response, 405, "method-not-allowed")

    def test_bodies_of_another_format_or_too_large(self):
        for headers, data in (
            ({"Content-Type": "application/x-www-form-urlencoded"}, "notice=1"),
            ({"Content-Type": "text/plain"}, '{"notice": {"push": false}}'),
            ({"Content-Type": ""}, '{"notice": {"push": false}}'),
        ):
            response = self._call(
                "PUT", "/preferences", self.key_a, raw=data, headers=headers
            )
            self.assertProblem(response, 415, "unsupported-media-type")
        big = '{"notice": {"push": false}, "x": "' + "x" * 70000 + '"}'
        response = self._call(
            "PUT",
            "/preferences",
            self.key_a,
            raw=big,
            headers={"Content-Type": "application/json"},
        )
        self.assertProblem(response, 413, "payload-too-large")
        self.assertTrue(self.partner_a.wbg54_notify_notice_push)

    def test_validation_errors_name_each_field(self):
        response = self._call(
            "POST",
            "/devices",
            self.key_a,
            body={"token": 5, "platform": "windows", "app_version": "1.0\n", "x": 1},
        )
        body = self.assertProblem(response, 422, "validation-error")
        self.assertEqual(
            {(e["location"], e["field"]): e["detail"] for e in body["errors"]},
            {
                ("body", "token"): "Ein Text wird erwartet.",
                ("body", "platform"): "Zulässige Werte: 'android', 'ios', 'web'.",
                ("body", "app_version"): "Der Wert hat das falsche Format.",
                ("body", "x"): "Dieses Feld ist unbekannt.",
            },
        )
        response = self._call("GET", "/contracts/abc", self.key_a)
        body = self.assertProblem(response, 422)
        self.assertEqual(
            body["errors"],
            [
                {
                    "location": "path",
                    "field": "contract_id",
                    "detail": "Eine ganze Zahl wird erwartet.",
                }
            ],
        )

    def test_error_after_reading_the_body_is_answered_every_time(self):
        """A route failing right after reading the body raced with a2wsgi:
        about one in five such requests got a bare 500 (now the app runs on
        the request's thread, fastapi_dispatcher.py of the addon)."""
        statuses = [
            self._call(
                "PUT",
                "/preferences",
                self.key_a,
                raw="{",
                headers={"Content-Type": "application/json"},
            ).status_code
            for _attempt in range(60)
        ]
        self.assertEqual(set(statuses), {422})

    def test_language_follows_accept_language(self):
        for header, lang, detail in (
            (None, "de-DE", "Diese Adresse gibt es in der API nicht."),
            ("de-AT,de;q=0.9", "de-DE", "Diese Adresse gibt es in der API nicht."),
            ("en-GB,en;q=0.8", "en-US", "This address does not exist in the API."),
            ("fr-FR", "de-DE", "Diese Adresse gibt es in der API nicht."),
            ("de;q=x,,;;", "de-DE", "Diese Adresse gibt es in der API nicht."),
        ):
            headers = {"Accept-Language": header} if header else {}
            response = self._call("GET", "/nope", self.key_a, headers=headers)
            body = self.assertProblem(response, 404)
            self.assertEqual(
                (response.headers["Content-Language"], body["detail"]),
                (lang, detail),
                header,
            )
        response = self._call(
            "GET", "/me", self.key_a, headers={"Accept-Language": "de;q=x"}
        )
        self.assertEqual(response.status_code, 200, "a broken header is no error")

    def test_server_error_is_a_problem_without_internals(self):
        def broken(self, secret):
            raise RuntimeError("internal detail")

        with (
            patch.object(ResUsersApikeys, "_wbg54_find_app_key", broken),
            self.assertLogs("odoo.http", logging.ERROR),
        ):
            response = self._call("GET", "/me", self.key_a)
        body = self.assertProblem(response, 500, "server-error")
        self.assertEqual(
            body["detail"],
            "Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es "
            "später erneut.",
        )
        self.assertNotIn("internal", response.text)

    def test_description_is_served(self):
        description = self._get("/openapi.json")
        self.assertTrue(description["openapi"].startswith("3."))
        self.assertEqual(description["info"]["title"], "54er2go app API")
        self.assertEqual(description["servers"], [{"url": API}])
        self.assertIn("AppKey", description["components"]["securitySchemes"])
        for method, path in self._operations():
            operation = description["paths"][path][method.lower()]
            for status, answer in operation["responses"].items():
                if status >= "400":
                    self.assertEqual(
                        list(answer["content"]),
                        ["application/problem+json"],
                        f"{method} {path} {status}",
                    )
            if (method, path) not in PUBLIC:
                self.assertEqual(operation["security"], [{"AppKey": []}])
                self.assertIn("401", operation["responses"])
            else:
                self.assertNotIn("security", operation, f"{method} {path}")
        docs = self.opener.get(self.base_url() + API + "/docs", timeout=30)
        self.assertEqual(docs.status_code, 200)
        self.assertIn("swagger-ui", docs.text)
        self.assertIn(f"{API}/openapi.json", docs.text)
