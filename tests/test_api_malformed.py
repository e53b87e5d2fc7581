"""Malformed input on every operation of the app API: no server error,
the one error format (problem+json) in German, nothing created or changed.

The operations are taken from the API's FastAPI application (its OpenAPI
description) at run time; one without a case in ROUTES fails the test, so a
new endpoint cannot go untested. (tests/test_malformed_input.py does the
same for Odoo's routing map, where the whole API is one route of the fastapi
addon.)"""

import json
from unittest.mock import patch
from urllib.parse import quote, urlencode

from odoo.addons.wbg54_portal.models.res_partner import NOTIFICATION_FIELDS

from . import test_malformed_input as web
from .api_common import API, ApiCase
from .test_photo import make_photo

FCM_TOKEN = "fcm-token-" + "a1B2_c3:D4-" * 12
PAGING = {"page": set(), "limit": set()}
# form fields (multipart/form-data): a repeated field counts with its last
# value too; free text takes any of these
FORM_TEXT = {"non_numeric", "negative", "huge", "zero", "long", "newline", "list"}
JSON_TEXT = {"non_numeric", "negative", "huge", "zero", "long", "newline"}
# every operation: "path" {argument: fixture}, "query" {name: accepted kinds},
# "json" a valid body and per field the malformed kinds it may accept,
# "auth" False for the sign-in, "fuzz_keys" False where a valid key would act
# without input (refresh and sign-out rotate or revoke the key)
ROUTES = {
    ("/auth/login", "POST"): {
        "auth": False,
        "json": {"email": "tenant_a", "password": "falsch", "device_name": "Telefon"},
        "accepts": {},
    },
    ("/auth/refresh", "POST"): {"fuzz_keys": False},
    # sign-up without a key: free text where the web's form takes any
    ("/auth/password-reset", "POST"): {
        "auth": False,
        "json": {"email": "tenant_a@example.com"},
        # any login is looked up later (the same answer for all)
        "accepts": {"email": {"non_numeric", "negative", "huge", "zero", "empty"}},
    },
    ("/registrations/requirements", "GET"): {"auth": False},
    # a number of no letter: refused whatever the other fields say
    ("/registrations", "POST"): {
        "auth": False,
        "json": {
            "registration_number": "ABCD-EFGH-JKMN-PQ",
            "email": "neu@example.org",
            "password": "Wohnen2024",
            "consent_privacy": True,
            "consent_terms": True,
            "consent_edelivery": True,
        },
    },
    ("/registrations/confirmation-mail", "POST"): {
        "auth": False,
        "json": {"email": "neu@example.org"},
    },
    # 3 an hour from one connection: the rest answers 429
    ("/letter-requests", "POST"): {
        "auth": False,
        "json": {
            "name": "Erna Neu",
            "member_number": "7",
            "address": "Portalweg 7",
            "email": "erna@example.com",
        },
        "accepts": {
            "name": {"non_numeric", "negative", "huge", "zero"},
            "member_number": {"non_numeric", "negative", "huge", "zero"}
            | {"empty", "null"},
            "address": {"non_numeric", "negative", "huge", "zero", "empty", "null"},
        },
    },
    ("/auth/logout", "POST"): {"fuzz_keys": False},
    ("/me", "GET"): {},
    ("/me", "PATCH"): {
        "json": {"mobile": "0151 23456789", "lang": "de_DE"},
        # no number clears it
        "accepts": {"mobile": {"null", "empty"}},
    },
    ("/me/email-change", "POST"): {"json": {"new_email": "alma.neu@example.com"}},
    # the current password is wrong: never changed
    ("/me/password", "POST"): {
        "json": {"old_password": "falsch", "new_password": "Genossen2025"}
    },
    ("/contracts", "GET"): {"query": PAGING},
    ("/contracts/{contract_id}", "GET"): {"path": {"contract_id": "contract"}},
    ("/contracts/{contract_id}/rent-certificate", "GET"): {
        "path": {"contract_id": "contract"}
    },
    ("/shares", "GET"): {"query": PAGING},
    # a day written YYYY-MM-DD only ("0" is no 1 January 1970)
    ("/shares/confirmation", "GET"): {"query": {"date": set()}},
    ("/documents", "GET"): {
        "query": {**PAGING, "category": set(), "year": set()},
    },
    ("/documents/{document_id}", "GET"): {"path": {"document_id": "document"}},
    ("/documents/{document_id}/content", "GET"): {"path": {"document_id": "document"}},
    ("/notices", "GET"): {"query": PAGING},
    ("/devices", "GET"): {"query": PAGING},
    ("/devices", "POST"): {
        "json": {"token": FCM_TOKEN, "platform": "android", "app_version": "1.0"},
        # a version is free text the app chooses
        "accepts": {
            "app_version": {
                "non_numeric",
                "negative",
                "huge",
                "zero",
                "empty",
                "null",
            }
        },
    },
    ("/devices/{device_id}", "DELETE"): {"path": {"device_id": "device"}},
    ("/preferences", "GET"): {},
    ("/preferences", "PUT"): {
        "json": {"document": {"email": True, "push": False}},
        "accepts": {"document": {"null"}},
    },
    ("/requests", "GET"): {"query": PAGING},
    ("/requests/{request_id}", "GET"): {"path": {"request_id": "ticket"}},
    ("/requests/{request_id}/attachments/{attachment_id}", "GET"): {
        "path": {"request_id": "ticket", "attachment_id": "attachment"}
    },
    ("/damage-categories", "GET"): {},
    ("/application-types", "GET"): {},
    # "fixture:" values are ids of the test's records
    ("/requests/damage", "POST"): {
        "form": {
            "category_id": "fixture:category",
            "description": "Der Siphon tropft.",
            "contract_id": "fixture:contract",
            "location": "Bad",
            "urgency": "urgent",
            "access_allowed": "true",
            "time_windows": "abends",
        },
        "accepts": {
            "description": FORM_TEXT,
            # not given: her apartment, normal urgency, no entry
            "contract_id": {"empty"},
            "location": FORM_TEXT - {"long"} | {"empty"},
            "urgency": {"empty"},
            "access_allowed": {"zero", "empty", "list"},
            "time_windows": FORM_TEXT - {"long"} | {"empty"},
        },
    },
    ("/requests/applications", "POST"): {
        "json": {
            "application_type_id": "fixture:application_type",
            "description": "Eine Katze",
            "contract_id": "fixture:contract",
            "answers": {"pet_species": "Katze", "pet_count": 1, "pet_breed": "klein"},
        },
        "accepts": {"description": JSON_TEXT, "contract_id": {"null"}},
    },
    ("/requests/{request_id}/messages", "POST"): {
        "path": {"request_id": "ticket"},
        "form": {"body": "Danke"},
        "accepts": {"body": FORM_TEXT},
    },
    ("/requests/{request_id}/close", "POST"): {
        "path": {"request_id": "ticket"},
        "json": {"stage_id": "fixture:stage"},
    },
}
RAW_BODIES = {
    "deep_array": web.DEEP_JSON,
    "deep_object": web.DEEP_OBJECT,
    "array": "[1]",
    "string": '"x"',
    "number": "1",
    "invalid": "{",
    "nul": '{"\\u0000": 1}',
    "bytes": "\udcff",
}
# a repeated query parameter counts with its last value ("1"): not malformed
QUERY_ACCEPTS = {"list"}


class TestApiMalformedInput(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["wbg54.document"].create(
            {
                "name": "Brief",
                "category_id": cls.env.ref("wbg54_portal.document_category_letters").id,
                "file": "JVBERi0xLjQK",
                "file_name": "Brief.pdf",
                "scope": "member",
                "partner_id": cls.partner_a.id,
            }
        )
        cls.document.action_publish()
        cls.device = (
            cls.env["wbg54.push.device"]
            .with_user(cls.user_a)
            ._register_token(FCM_TOKEN, "android")[0]
        )
        cls.ticket = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.user_a)
            ._wbg54_submit_damage(
                {
                    "category_id": cls.env.ref(
                        "wbg54_portal.helpdesk_category_sanitary"
                    ).id,
                    "description": "Der Siphon tropft.",
                },
                [("siphon.jpg", make_photo(size=(80, 60)), "image/jpeg")],
            )
        )
        cls.fixtures = {
            "contract": str(cls.contract_a1.id),
            "document": str(cls.document.id),
            "device": str(cls.device.id),
            "ticket": str(cls.ticket.id),
            "attachment": str(
                cls.env["ir.attachment"]
                .search(
                    [
                        ("res_model", "=", "helpdesk.ticket"),
                        ("res_id", "=", cls.ticket.id),
                    ]
                )
                .id
            ),
            "category": str(cls.env.ref("wbg54_portal.helpdesk_category_sanitary").id),
            "application_type": str(
                cls.env.ref("wbg54_portal.application_type_pet").id
            ),
            "stage": str(cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id),
        }
        cls.keys = {"tenant_a": cls.key_a, "tenant_c": cls.key_c}

    def _app_routes(self):
        """(path, method) of every operation the API's application serves, as
        its OpenAPI description lists them."""
        endpoint = self.env.ref("wbg54_portal.fastapi_endpoint_wbg54_app")
        for path, operations in endpoint._get_app().openapi()["paths"].items():
            for method in operations:
                yield path, method.upper()

    def _snapshot(self):
        self.env.invalidate_all()
        devices = (
            self.env["wbg54.push.device"]
            .sudo()
            .with_context(active_test=False)
            .search([])
        )
        return (
            [(d.id, d.user_id.id, d.active, d.app_version) for d in devices],
            self.env["res.users.apikeys"].sudo().search_count([]),
            [
                partner.read(list(NOTIFICATION_FIELDS))
                for partner in (self.partner_a, self.partner_c)
            ],
            self.document.recipient_ids.mapped("opened_at"),
            self.env["helpdesk.ticket"].sudo().search_count([]),
            self.env["mail.message"].sudo().search_count([]),
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", "helpdesk.ticket")]),
            self.ticket.stage_id.id,
            [
                partner.read(["phone", "mobile", "lang"])
                for partner in (self.partner_a, self.partner_c)
            ],
            self.env["wbg54.email.change"].sudo().search_count([]),
        )

    def test_every_operation_has_a_case(self):
        missing = sorted(set(self._app_routes()) - set(ROUTES))
        self.assertFalse(missing, "operations without a case in ROUTES")
        self.assertEqual(len(set(self._app_routes())), 35)

    def _requests(self, path, case):
        """(label, url, body, whether the request may act) of every
        malformed request to the operation."""
        valid = {arg: self.fixtures[f] for arg, f in case.get("path", {}).items()}
        if "form" in case:
            form = self._resolve(case["form"], str)
            yield "valid", path.format(**valid), ("form", form), True
        else:
            yield "valid", path.format(**valid), self._json(case.get("json")), True
        for arg in case.get("path", {}):
            for kind, value in web.MALFORMED.items():
                if isinstance(value, str) and value:
                    url = path.format(**{**valid, arg: quote(value, safe="")})
                    yield f"path {arg}={kind}", url, self._json(case.get("json")), False
        for name, accepted in case.get("query", {}).items():
            for kind, value in web.MALFORMED.items():
                url = f"{path.format(**valid)}?{urlencode({name: value}, doseq=True)}"
                yield (
                    f"{name}={kind}",
                    url,
                    None,
                    kind in accepted | QUERY_ACCEPTS,
                )
        if "form" in case:
            url = path.format(**valid)
            accepts = case.get("accepts", {})
            for field in form:
                for kind, value in web.MALFORMED.items():
                    yield (
                        f"{field}={kind}",
                        url,
                        ("form", {**form, field: value}),
                        kind in accepts.get(field, ()),
                    )
            # a JSON body (or none of a form) where a form with files is due
            yield "body=json", url, self._json(form), False
        if "json" in case:
            url = path.format(**valid)
            accepts = case.get("accepts", {})
            body_values = self._resolve(case["json"], int)
            for field in body_values:
                for kind, value in web.MALFORMED_JSON.items():
                    body = json.dumps({**body_values, field: value})
                    yield (
                        f"{field}={kind}",
                        url,
                        body,
                        kind in accepts.get(field, ()),
                    )
            for kind, raw in RAW_BODIES.items():
                yield f"body={kind}", url, raw, False

    def _json(self, body):
        return json.dumps(self._resolve(body, int)) if body is not None else None

    def _resolve(self, values, kind):
        """``values`` with the "fixture:" placeholders as ids (int or str)."""
        if not isinstance(values, dict):
            return values
        return {
            name: kind(self.fixtures[value[8:]])
            if isinstance(value, str) and value.startswith("fixture:")
            else value
            for name, value in values.items()
        }

    def test_malformed_values_in_every_parameter(self):
        # failed sign-ins are input here, not an attack to throttle
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 0)
        # the confirmation e-mail of a login change goes out (no mail server here)
        self.startPatcher(
            patch(
                "odoo.addons.wbg54_portal.models.wbg54_email_change.send_link_mail",
                return_value=True,
            )
        )
        problems = []
        count = 0
        for (path, method), case in ROUTES.items():
            logins = ("tenant_a", "tenant_c") if case.get("auth", True) else (None,)
            if case.get("fuzz_keys", True):
                for login in logins:
                    for label, url, body, may_act in self._requests(path, case):
                        count += 1
                        self._check(method, url, body, login, label, may_act, problems)
            # broken credentials, and headers that only shape the answer
            url, body = next(self._requests(path, case))[1:3]
            login = "tenant_a" if case.get("fuzz_keys", True) else None
            for kind, value in web.MALFORMED.items():
                if not isinstance(value, str) or "\n" in value or "\x00" in value:
                    continue
                value = value[:8000]
                # a route without a key ignores one, as it would a cookie
                public = not case.get("auth", True)
                for header, sent, who, may_act in (
                    ("Authorization", f"Bearer {value}", None, public),
                    ("Accept-Language", value, login, True),
                    ("If-None-Match", value, login, True),
                ):
                    count += 1
                    self._check(
                        method,
                        url,
                        body,
                        who if case.get("auth", True) else None,
                        f"{header}={kind}",
                        may_act,
                        problems,
                        headers={header: sent},
                    )
        self.assertGreater(count, 500)
        if problems:
            self.fail(
                f"{len(problems)} problems in {count} requests:\n" + "\n".join(problems)
            )

    def _check(self, method, url, body, login, label, may_act, problems, headers=None):
        before = self._snapshot()
        if isinstance(body, tuple):
            # a form with files: multipart/form-data, a list repeats a field
            parts = [
                (name, (None, item))
                for name, value in body[1].items()
                for item in (value if isinstance(value, list) else [value])
            ]
            headers = dict(headers or {})
            if login:
                headers["Authorization"] = f"Bearer {self.keys[login]}"
            response = self.opener.request(
                method,
                self.base_url() + API + url,
                files=parts,
                headers=headers,
                timeout=60,
            )
        else:
            response = self._call(
                method,
                url,
                self.keys.get(login),
                raw=body,
                headers={"Content-Type": "application/json", **(headers or {})},
            )
        where = f"{method} {url[:80]} {label} as {login or 'anonymous'}: "
        where += str(response.status_code)
        if response.status_code >= 500:
            problems.append(f"{where} server error: {response.text[:200]!r}")
        if response.status_code >= 400:
            if response.headers.get("Content-Type") != "application/problem+json":
                problems.append(f"{where} not a problem: {response.text[:100]!r}")
                return
            problem = response.json()
            texts = " ".join(
                [problem.get("title", ""), problem.get("detail", "")]
                + [error["detail"] for error in problem.get("errors") or ()]
            )
            if web.ENGLISH.search(texts) or not problem.get("title"):
                problems.append(f"{where} not German: {texts[:200]!r}")
        elif not may_act and label != "valid":
            problems.append(f"{where} accepted")
        if response.status_code >= 400 and self._snapshot() != before:
            problems.append(f"{where} changed records")
