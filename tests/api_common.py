"""Shared set-up of the app API's tests: tenants A (two contracts, one with
B as co-member) and C (a stranger) signed in to the app, and calls over
HTTP to the test server, where Odoo's routing, the fastapi addon's
dispatcher and the API's error handling run as in production."""

import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase

from .common import TenantFixture

API = "/api/wbg54/v1"
PROBLEM = "application/problem+json"


class ApiCase(TenantFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.key_a = cls._app_key(cls.user_a)
        cls.key_b = cls._app_key(cls.user_b)
        cls.key_c = cls._app_key(cls.user_c)

    def setUp(self):
        super().setUp()
        # Odoo's login cooldown counts failed sign-ins per address for the
        # process: one test's failures must not lock the next one out
        failures = getattr(self.registry, "_login_failures", None)
        if failures is not None:
            failures.clear()

    @classmethod
    def _app_key(cls, user, device="Testtelefon"):
        """The secret of a new app sign-in of ``user``."""
        return cls.env["res.users.apikeys"]._wbg54_app_sign_in(user, device)[1]

    @classmethod
    def _key_record(cls, secret):
        key_id = cls.env["res.users.apikeys"]._wbg54_find_app_key(secret)[0]
        return cls.env["res.users.apikeys"].sudo().browse(key_id)

    def _expire(self, secret):
        key = self._key_record(secret)
        self.env.cr.execute(
            "UPDATE res_users_apikeys SET expiration_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(minutes=1), key.id),
        )

    def _call(self, method, path, key=None, body=None, raw=None, headers=None):
        headers = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        return self.opener.request(
            method,
            self.base_url() + API + path,
            data=data,
            headers=headers,
            timeout=60,
            allow_redirects=False,
        )

    def _get(self, path, key=None, **kwargs):
        response = self._call("GET", path, key, **kwargs)
        self.assertEqual(response.status_code, 200, f"{path}: {response.text[:300]}")
        return response.json()

    def assertProblem(self, response, status, problem=None):
        """``response`` is the one error format: problem+json of ``status``."""
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertEqual(response.headers["Content-Type"], PROBLEM)
        body = response.json()
        self.assertEqual(body["status"], status)
        self.assertTrue(body["type"].startswith("urn:wbg54:problem:"), body)
        if problem:
            self.assertEqual(body["type"], f"urn:wbg54:problem:{problem}")
        self.assertTrue(body["title"] and body["detail"], body)
        self.assertEqual(bool(body.get("errors")), status == 422, body)
        return body
