"""Malformed input on every route of the addon, and on the routes it
overrides or exposes (helpdesk_mgmt's portal, Odoo's login and logout):
no server error, a German answer for tenants, nothing created.

The routes are taken from Odoo's routing map at run time; a route without a
case in ROUTES fails the test, so a new route cannot go untested."""

import base64
import io
import json
import re
import zipfile
from urllib.parse import quote, urlencode, urljoin, urlsplit

import odoo
from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user

from .common import TENANT_PASSWORD, TenantFixture

FCM_TOKEN = "fcm-token-" + "a1B2_c3:D4-" * 12

# one value of each kind of malformed input, fed into every parameter
MALFORMED = {
    "non_numeric": "abc",
    "negative": "-1",
    "huge": str(2**63),
    "zero": "0",
    "empty": "",
    "long": "7" * 10000,
    "nul": "1\x00",
    "newline": "1\r\nSet-Cookie: evil=1",
    "list": ["abc", "1"],  # a repeated parameter where one value is expected
}
# and into the app API (tests/test_api_malformed.py), beside those: other JSON types
MALFORMED_JSON = {
    **{key: value for key, value in MALFORMED.items() if key != "list"},
    "int": 2**63,
    "negative_int": -1,
    "float": 1.5,
    "null": None,
    "true": True,
    "list": ["a", 1],
    "object": {"a": 1},
    "nested": json.loads("[" * 500 + "]" * 500),
}
DEEP_JSON = "[" * 10000 + "]" * 10000
DEEP_OBJECT = '{"a":' * 10000 + "1" + "}" * 10000

# kinds of parameters: the malformed values a route may accept as a valid
# answer (then it may act); any other malformed value must create nothing
ANY = set(MALFORMED)  # ignored, or a harmless filter/flag/text the user chooses
TEXT = ANY - {"nul"}  # free text
REQUIRED_TEXT = TEXT - {"empty"}
OPTIONAL = {"empty"}  # an optional id or choice: only "nothing" is valid
STRICT = set()  # an id, number, token, e-mail address

# every route of the addon and the routes it overrides or exposes:
# (rule, method) -> {"path": {argument: fixture}, "params": {name: kind}, "base": {name:
# valid value}}
ROUTES = {
    ("/my", "GET"): {},
    ("/my/home", "GET"): {},
    ("/my/account", "GET"): {"params": {"redirect": ANY}},
    ("/my/account", "POST"): {
        "params": {
            "redirect": ANY,
            "name": TEXT,
            "email": TEXT,
            "phone": TEXT,
            "country_id": ANY,
            "state_id": ANY,
            "zipcode": TEXT,
        }
    },
    ("/my/contracts", "GET"): {"params": {"page": ANY}},
    ("/my/contracts/page/<int:page>", "GET"): {"path": {"page": "page"}},
    ("/my/contracts/<int:contract_id>", "GET"): {
        "path": {"contract_id": "contract"},
        "params": {"access_token": ANY},
    },
    ("/my/contracts/<int:contract_id>/certificate", "GET"): {
        "path": {"contract_id": "contract"},
        "params": {"access_token": ANY},
    },
    ("/my/data", "GET"): {
        "params": {"saved": ANY, "request_sent": ANY, "email_sent": ANY}
    },
    ("/my/data", "POST"): {
        "params": {"phone": TEXT, "mobile": TEXT, "email": TEXT, "lang": ANY}
    },
    ("/my/data/change-request", "POST"): {
        "params": {"field_label": TEXT, "text": REQUIRED_TEXT},
        "base": {"field_label": "Name", "text": "Neuer Nachname"},
    },
    ("/my/data/notifications", "POST"): {
        "params": {"wbg54_notify_document_email": ANY, "wbg54_notify_ticket_push": ANY}
    },
    ("/my/data/email", "POST"): {
        "params": {"new_email": STRICT, "new_email_confirm": STRICT},
        "base": {
            "new_email": "neu@example.com",
            "new_email_confirm": "neu@example.com",
        },
    },
    ("/my/email/confirm", "GET"): {"params": {"token": STRICT}},
    ("/my/shares", "GET"): {},
    ("/my/shares/confirmation", "GET"): {"params": {"date": ANY}},
    ("/my/documents", "GET"): {"params": {"category": ANY, "year": ANY, "page": ANY}},
    ("/my/documents/page/<int:page>", "GET"): {"path": {"page": "page"}},
    ("/my/documents/<int:document_id>/download", "GET"): {
        "path": {"document_id": "document"}
    },
    ("/my/ticket/<int:ticket_id>", "GET"): {
        "path": {"ticket_id": "ticket"},
        "params": {"access_token": ANY},
    },
    ("/my/tickets", "GET"): {
        "params": {
            name: ANY
            for name in (
                "date_begin",
                "date_end",
                "sortby",
                "filterby",
                "search",
                "search_in",
                "groupby",
                "page",
            )
        }
    },
    ("/my/tickets/page/<int:page>", "GET"): {"path": {"page": "page"}},
    ("/my/tickets/damage", "GET"): {},
    ("/my/tickets/damage", "POST"): {
        "params": {
            "contract_id": OPTIONAL,
            "category_id": STRICT,
            "location": TEXT,
            "urgency": ANY,
            "access_allowed": ANY,
            "time_windows": TEXT,
            "description": REQUIRED_TEXT,
        },
        "base": {
            "contract_id": "contract",
            "category_id": "category",
            "location": "Bad",
            "urgency": "normal",
            "description": "Der Siphon tropft.",
        },
    },
    ("/my/tickets/application", "GET"): {"params": {"type": ANY}},
    ("/my/tickets/application", "POST"): {
        "params": {
            "application_type_id": STRICT,
            "contract_id": OPTIONAL,
            "pet_species": REQUIRED_TEXT,
            "pet_count": STRICT,
            "pet_breed": REQUIRED_TEXT,
            "description": REQUIRED_TEXT,
        },
        "base": {
            "application_type_id": "application_type",
            "pet_species": "Katze",
            "pet_count": "1",
            "pet_breed": "Hauskatze",
            "description": "Eine Katze",
        },
    },
    ("/new/ticket", "GET"): {},
    ("/submitted/ticket", "POST"): {
        "params": {
            "category": OPTIONAL,
            "team": ANY,
            "subject": REQUIRED_TEXT,
            "description": REQUIRED_TEXT,
        },
        "base": {"subject": "Frage", "description": "Wann ist Ruhezeit?"},
    },
    ("/ticket/close", "POST"): {
        # without "confirm" the confirmation page, which changes nothing
        "params": {"ticket_id": STRICT, "stage_id": STRICT, "confirm": ANY},
        "base": {"ticket_id": "ticket", "stage_id": "stage_cancelled", "confirm": "1"},
    },
    ("/web/reset_password", "GET"): {"params": {"token": STRICT, "redirect": ANY}},
    ("/web/reset_password", "POST"): {
        "params": {
            "login": TEXT,
            "token": STRICT,
            "redirect": ANY,
            "password": TEXT,
            "confirm_password": TEXT,
        }
    },
    ("/web/signup", "GET"): {"params": {"token": STRICT, "redirect": ANY}},
    ("/web/signup", "POST"): {
        "params": {
            "registration_number": STRICT,
            "email": STRICT,
            "password": TEXT,
            "confirm_password": TEXT,
            "consent_privacy": ANY,
            "consent_terms": ANY,
            "consent_edelivery": ANY,
            "token": STRICT,
            "redirect": ANY,
        },
        "base": {
            "registration_number": "FALSCH-0000",
            "email": "neu@example.com",
            "password": "Wohnen2024!x",
            "confirm_password": "Wohnen2024!x",
            "consent_privacy": "1",
            "consent_terms": "1",
            "consent_edelivery": "1",
        },
    },
    ("/web/signup/confirm", "GET"): {"params": {"token": STRICT}},
    ("/web/signup/resend", "GET"): {},
    ("/web/signup/resend", "POST"): {"params": {"email": TEXT}},
    ("/web/signup/letter", "GET"): {},
    ("/web/signup/letter", "POST"): {
        "params": {
            "name": REQUIRED_TEXT,
            "member_number": TEXT,
            "address": TEXT,
            "email": STRICT,
        },
        "base": {
            "name": "Erna Neu",
            "member_number": "",
            "address": "Portalweg 7",
            "email": "erna@example.com",
        },
    },
    # the app's sign-ins on /my/security (the app API itself is one route of the
    # fastapi addon, not in this map: tests/test_api_malformed.py takes its
    # operations from its own description)
    ("/my/security/app-sign-ins/<int:key_id>/revoke", "POST"): {
        "path": {"key_id": "app_key"}
    },
    # Odoo's routes that take a redirect target (see also TestOpenRedirect)
    ("/web/login", "GET"): {"params": {"redirect": ANY}},
    ("/web/login", "POST"): {
        "params": {"login": TEXT, "password": TEXT, "redirect": ANY}
    },
    ("/web/session/logout", "GET"): {"params": {"redirect": ANY}},
}
# what this addon owns or takes over: every route of these modules is a case
COVERED_MODULES = {"wbg54_portal", "helpdesk_mgmt"}
# records that a malformed request must not create (model, domain)
WATCHED = [
    ("helpdesk.ticket", []),
    ("ir.attachment", [("res_model", "=", "helpdesk.ticket")]),
    ("wbg54.push.device", []),
    ("wbg54.email.change", []),
    ("wbg54.letter.request", []),
    ("res.users", [("active", "in", (True, False))]),
]
# English that Odoo or werkzeug put on an error page when nobody wrote German
ENGLISH = re.compile(
    r"The browser \(or proxy\)|Method Not Allowed|Bad Request|Internal Server Error|"
    r"\b(Please|Unknown|This page|The request|could not|not allowed)\b"
)
GERMAN = re.compile(r"\b(Bitte|Fehler|nicht|Seite|Sie|Ups|Abmelden|Anfrage)\b")


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class MalformedCase(TenantFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "http_routing", "portal", "web"],
            ["de_DE"],
            overwrite=False,
        )
        cls.env.company.email = "service@wbg54.example"
        cls.category = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        cls.application_type = cls.env.ref("wbg54_portal.application_type_pet")
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_cancelled = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Siphon",
                "description": "Der Siphon tropft.",
                "partner_id": cls.partner_a.id,
                "wbg54_kind": "damage",
                "wbg54_contract_id": cls.contract_a1.id,
                "team_id": cls.env.ref("wbg54_portal.helpdesk_team_technical").id,
                "stage_id": cls.stage_new.id,
            }
        )
        cls.document = cls.env["wbg54.document"].create(
            {
                "name": "Brief",
                "category_id": cls.env.ref("wbg54_portal.document_category_letters").id,
                "file": base64.b64encode(b"%PDF-1.4\n"),
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
        cls.app_key = cls.env["res.users.apikeys"]._wbg54_app_sign_in(
            cls.user_a, "54er2go"
        )[0]
        cls.fixtures = {
            "page": "1",
            "contract": str(cls.contract_a1.id),
            "document": str(cls.document.id),
            "ticket": str(cls.ticket.id),
            "device": str(cls.device.id),
            "app_key": str(cls.app_key.id),
            "category": str(cls.category.id),
            "application_type": str(cls.application_type.id),
            "stage_cancelled": str(cls.stage_cancelled.id),
        }

    def _snapshot(self):
        self.env.invalidate_all()
        return [
            self.env[model].sudo().search_count(domain) for model, domain in WATCHED
        ] + [self.ticket.stage_id.id]

    def _login(self, login):
        self.authenticate(login, TENANT_PASSWORD if login else None)


class TestMalformedInput(MalformedCase):
    def test_every_route_has_a_case(self):
        """The routing map's routes of the addon (and of helpdesk_mgmt, which
        it exposes to tenants) each have a case in ROUTES."""
        # the rules ir.http.routing_map() is built from, for the installed modules
        modules = sorted(
            self.registry._init_modules | set(odoo.conf.server_wide_modules)
        )
        missing, covered = [], 0
        for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
            method = endpoint.func
            owners = {
                cls.__module__.split(".")[2]
                for cls in type(method.__self__).mro()
                if method.__name__ in cls.__dict__
                and cls.__module__.startswith("odoo.addons.")
            }
            if not owners & COVERED_MODULES:
                continue
            covered += 1
            methods = set(endpoint.routing["methods"] or ("GET",)) - {"HEAD", "OPTIONS"}
            if not any((url, m) in ROUTES for m in methods):
                missing.append(f"{url} {sorted(methods)} ({method.__name__})")
        self.assertFalse(missing, "routes without a malformed-input case in ROUTES")
        self.assertGreaterEqual(covered, 30)

    def test_malformed_values_in_every_parameter(self):
        # the failed logins below are input, not an attack to throttle
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 0)
        problems = []
        count = 0
        modules = sorted(
            self.registry._init_modules | set(odoo.conf.server_wide_modules)
        )
        auth = {
            url: endpoint.routing["auth"]
            for url, endpoint in http._generate_routing_rules(modules, False)
        }
        for (rule, method), case in ROUTES.items():
            for login in (None, "tenant_a", "tenant_c"):
                # a visitor is sent to the login before a user route reads anything:
                # one value does
                values = (
                    ("non_numeric",)
                    if login is None and auth[rule] == "user"
                    else tuple(MALFORMED)
                )
                count += self._fuzz_http(rule, method, case, login, problems, values)
        self.assertGreater(count, 1500)
        # a good login ends Odoo's cooldown after the failed ones (kept per address for
        # the process)
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
        self.assertEqual(response.status_code, 303, "the login still works")
        if problems:
            self.fail(
                f"{len(problems)} problems in {count} requests:\n" + "\n".join(problems)
            )

    # ------------------------------------------------------------

    def _path(self, rule, values):
        return re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m: quote(values[m.group(1)], safe=""), rule
        )

    def _cases(self, case, values=tuple(MALFORMED)):
        """(what is fed, path values, params, whether the route may act)"""
        path_fixtures = case.get("path", {})
        path_valid = {
            arg: self.fixtures[fixture] for arg, fixture in path_fixtures.items()
        }
        base = {
            name: self.fixtures.get(value, value)
            for name, value in case.get("base", {}).items()
        }
        # "foo_id" is a parameter no route expects (helpdesk_mgmt int()s every "*_id")
        params = {**case.get("params", {}), "foo_id": ANY}
        for arg in path_fixtures:
            for key in values:
                if isinstance(MALFORMED[key], str) and MALFORMED[key]:
                    yield (
                        f"path {arg}={key}",
                        {**path_valid, arg: MALFORMED[key]},
                        base,
                        False,
                    )
        for name, accepted in params.items():
            for key in values:
                yield (
                    f"{name}={key}",
                    path_valid,
                    {**base, name: MALFORMED[key]},
                    key in accepted,
                )

    def _fuzz_http(self, rule, method, case, login, problems, values):
        self._login(login)
        count = 0
        for label, path_values, params, may_act in self._cases(case, values):
            path = self._path(rule, path_values)
            before = self._snapshot()
            if method == "GET":
                response = self.url_open(
                    f"{path}?{urlencode(params, doseq=True)}", allow_redirects=False
                )
            else:
                response = self.url_open(
                    path,
                    data={**params, "csrf_token": http.Request.csrf_token(self)},
                    allow_redirects=False,
                )
            count += 1
            who = login or "anonymous"
            where = f"{method} {rule} {label} as {who}: {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"{where} server error")
            if not may_act and self._snapshot() != before:
                problems.append(f"{where} created or changed records")
            if (
                login
                and response.status_code >= 400
                and "html" in response.headers.get("Content-Type", "")
            ):
                text = visible_text(response.text)
                if ENGLISH.search(text) or not GERMAN.search(text):
                    problems.append(f"{where} not German: {text[:200]!r}")
            if "\n" in response.headers.get(
                "Location", ""
            ) or "evil" in response.headers.get("Set-Cookie", ""):
                problems.append(f"{where} header injection")
        return count


class TestStateChangesNeedPost(MalformedCase):
    def _csrf(self):
        return http.Request.csrf_token(self)

    def test_ticket_close_only_by_post_with_csrf(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        query = urlencode({"ticket_id": self.ticket.id, "stage_id": done.id})
        response = self.url_open(f"/ticket/close?{query}", allow_redirects=False)
        self.assertEqual(response.status_code, 405)
        self.assertIn("Formulare", response.text, "a German page")
        self.assertEqual(self.ticket.stage_id, self.stage_new, "not closed by a link")
        for token in (None, "falsch"):
            data = {
                "ticket_id": self.ticket.id,
                "stage_id": done.id,
                **({"csrf_token": token} if token else {}),
            }
            response = self.url_open("/ticket/close", data=data, allow_redirects=False)
            self.assertEqual(response.status_code, 400, token)
            self.assertEqual(
                self.ticket.stage_id,
                self.stage_new,
                "not closed without a valid CSRF token",
            )
        # the ticket page's buttons post a form with the token
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        forms = re.findall(
            r'<form[^>]*action="/ticket/close"[^>]*>.*?</form>', page, re.S
        )
        self.assertTrue(forms, "close buttons on the ticket page")
        for form in forms:
            self.assertIn('method="POST"', form)
            self.assertIn('name="csrf_token"', form)
        # a button leads to the confirmation (tests/test_ticket_page.py), which
        # posts again with "confirm"
        data = {"ticket_id": self.ticket.id, "stage_id": done.id}
        response = self.url_open(
            "/ticket/close",
            data={**data, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.ticket.stage_id, self.stage_new, "asked first")
        response = self.url_open(
            "/ticket/close",
            data={**data, "confirm": "1", "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.ticket.stage_id, done)

    def test_submitted_ticket_only_by_post_with_csrf(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        query = urlencode({"subject": "Per Link", "description": "angelegt"})
        self.assertEqual(
            self.url_open(
                f"/submitted/ticket?{query}", allow_redirects=False
            ).status_code,
            405,
        )
        response = self.url_open(
            "/submitted/ticket",
            data={"subject": "Ohne", "description": "Token"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            Ticket.search_count([]), before, "no ticket from a link or without a token"
        )
        # helpdesk_mgmt's own form posts with the token
        form = re.search(
            r'<form[^>]*action="/submitted/ticket".*?</form>',
            self.url_open("/new/ticket").text,
            re.S,
        )
        self.assertIn('method="POST"', form.group(0))
        self.assertIn('name="csrf_token"', form.group(0))

    def test_forms_keep_what_was_typed(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self.url_open(
            "/my/tickets/damage",
            data={
                "csrf_token": self._csrf(),
                "category_id": "abc",
                "location": "Küche",
                "description": "Wasserhahn",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bitte wählen Sie aus, was beschädigt ist.", response.text)
        self.assertIn('value="Küche"', response.text)
        self.assertIn("Wasserhahn", response.text)
        response = self.url_open(
            "/my/tickets/application",
            data={
                "csrf_token": self._csrf(),
                "application_type_id": str(self.application_type.id),
                "pet_species": "Hund",
                "pet_count": str(2**63),
                "pet_breed": "Dackel",
                "description": "Ein Hund",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bitte prüfen Sie diese Angabe.", response.text)
        self.assertIn('value="Dackel"', response.text)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "=", self.partner_a.id), ("id", "!=", self.ticket.id)]
            )
        )


class TestOpenRedirect(MalformedCase):
    TARGETS = (
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/\r\nSet-Cookie:x=1",
        "javascript:alert(1)",
        "/%09/evil.example",
        "\\\\evil.example",
    )

    def _assert_local(self, response, target):
        self.assertIn(response.status_code, (301, 302, 303), repr(target))
        location = response.headers["Location"]
        self.assertFalse(
            re.search(r"[\x00-\x1f\x7f]", location), f"{target!r} -> {location!r}"
        )
        self.assertFalse(re.match(r"[/\\]{2}", location), f"{target!r} -> {location!r}")
        self.assertEqual(
            urlsplit(urljoin(self.base_url() + "/web/login", location)).netloc,
            urlsplit(self.base_url()).netloc,
            f"{target!r} -> {location!r}",
        )
        self.assertNotIn("x=1", response.headers.get("Set-Cookie", ""))

    def test_login_and_logout_stay_on_this_site(self):
        for target in self.TARGETS:
            with self.subTest(target=target):
                # GET /web/login while logged in
                self.authenticate("tenant_a", TENANT_PASSWORD)
                self._assert_local(
                    self.url_open(
                        "/web/login?" + urlencode({"redirect": target}),
                        allow_redirects=False,
                    ),
                    target,
                )
                # GET /web/session/logout
                self._assert_local(
                    self.url_open(
                        "/web/session/logout?" + urlencode({"redirect": target}),
                        allow_redirects=False,
                    ),
                    target,
                )
                # POST /web/login
                self.authenticate(None, None)
                response = self.url_open(
                    "/web/login",
                    data={
                        "login": "tenant_a",
                        "password": TENANT_PASSWORD,
                        "redirect": target,
                        "csrf_token": http.Request.csrf_token(self),
                    },
                    allow_redirects=False,
                )
                self._assert_local(response, target)

    def test_local_targets_still_work(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self.url_open(
            "/web/login?redirect=/my/documents%3Fyear%3D2024", allow_redirects=False
        )
        self.assertEqual(response.headers["Location"], "/my/documents?year=2024")


class TestDamagedZip(MalformedCase):
    def test_damaged_central_directory_is_a_clear_error(self):
        """A ZIP whose central directory declares an unknown version is
        refused with the German message; one whose directory points before
        the file's start lists its entry as damaged. Through the backend's
        button call as staff use it, never a server error."""
        staff = new_test_user(
            self.env,
            login="zip_staff",
            password="Staff2024-zip",
            groups="wbg54_portal.group_wbg54_portal_user",
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"BK_{self.contract_a1.name}.pdf", b"%PDF-1.4\n")
        raw = buffer.getvalue()
        directory = raw.index(b"PK\x01\x02")
        end = raw.index(b"PK\x05\x06")
        bad_version = raw[: directory + 6] + b"\xff" + raw[directory + 7 :]
        offset = int.from_bytes(raw[end + 16 : end + 20], "little") + 1000
        bad_offset = raw[: end + 16] + offset.to_bytes(4, "little") + raw[end + 20 :]
        self.authenticate("zip_staff", "Staff2024-zip")
        for name, data in (("version.zip", bad_version), ("offset.zip", bad_offset)):
            attachment = (
                self.env["ir.attachment"]
                .with_user(staff)
                .create(
                    {
                        "name": name,
                        "raw": data,
                        "res_model": "wbg54.document.batch",
                        "res_id": 0,
                    }
                )
            )
            batch = (
                self.env["wbg54.document.batch"]
                .with_user(staff)
                .create(
                    {
                        "name": name,
                        "category_id": self.env.ref(
                            "wbg54_portal.document_category_letters"
                        ).id,
                        "attachment_ids": [Command.set(attachment.ids)],
                    }
                )
            )
            response = self.url_open(
                "/web/dataset/call_button",
                data=json.dumps(
                    {
                        "params": {
                            "model": "wbg54.document.batch",
                            "method": "action_preview",
                            "args": [[batch.id]],
                            "kwargs": {"context": {"lang": "de_DE"}},
                        }
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            if name == "version.zip":
                error = response.json()["error"]["data"]
                self.assertEqual(error["name"], "odoo.exceptions.UserError", error)
                self.assertIn(
                    "version.zip ist kein lesbares ZIP-Archiv.", error["message"]
                )
                self.assertFalse(batch.line_ids)
            else:
                self.assertNotIn("error", response.json())
                self.assertEqual(
                    batch.line_ids.mapped("message"),
                    ["Die Datei ist im Archiv beschädigt."],
                )
                self.assertEqual(batch.line_ids.match_state, "rejected")
            self.assertFalse(
                self.env["wbg54.document"].search([("batch_id", "=", batch.id)])
            )
