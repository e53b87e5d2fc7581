"""Who may change what of an account: e-mail, name, password, deletion, and
the public forms that must not reveal accounts by their answer or timing."""

import logging
import re
import threading
import time

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import JsonRpcException

from .common import TENANT_PASSWORD
from .test_portal import Wbg54PortalCase
from .test_registration import GOOD_PASSWORD, RegistrationHttpCase, _member


class TestAddressesThatReceiveResets(Wbg54PortalCase):
    """Odoo mails password resets to user.email: it changes only through the
    confirmed e-mail change, never by a plain write."""

    def test_my_data_does_not_write_the_email(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._post(
            "/my/data",
            {
                "phone": "0341 1234567",
                "mobile": "",
                "lang": "de_DE",
                "email": "thief@example.com",
            },
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.partner_a.phone, "+493411234567", "the rest is saved")
        self.assertEqual(
            (self.user_a.email, self.partner_a.email), ("tenant_a@example.com",) * 2
        )

    def test_rpc_cannot_change_own_email_or_name(self):
        tenant = self.user_a.with_user(self.user_a)
        for vals in (
            {"email": "thief@example.com"},
            {"name": "Hacked Name"},
            {"email": "thief@example.com", "lang": "de_DE"},
        ):
            with self.assertRaises(AccessError, msg=vals):
                tenant.write(vals)
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_a).write({"email": "thief@example.com"})
        tenant.write({"lang": "en_US", "tz": "Europe/Berlin"})  # preferences stay hers
        self.assertEqual(
            (self.user_a.name, self.user_a.email),
            ("Alma Albrecht", "tenant_a@example.com"),
        )

    def test_rpc_over_http(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        for vals in ({"name": "Hacked Name"}, {"email": "thief@example.com"}):
            with (
                self.assertRaises(JsonRpcException, msg=vals),
                self.assertLogs("odoo.http", "WARNING"),
            ):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw/res.users/write",
                    {
                        "model": "res.users",
                        "method": "write",
                        "args": [[self.user_a.id], vals],
                        "kwargs": {},
                    },
                )
        self.assertEqual(
            (self.user_a.name, self.user_a.email),
            ("Alma Albrecht", "tenant_a@example.com"),
        )

    def test_odoo_account_page_keeps_the_email(self):
        # a portal user who is no member keeps Odoo's "/my/account" page
        other = new_test_user(
            self.env,
            login="nonmember",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Nora Nichtmitglied",
            email="nora@example.com",
        )
        self.authenticate("nonmember", TENANT_PASSWORD)
        page = self._get("/my/account")
        self.assertIn('name="email"', page.text)
        self.assertRegex(page.text, r'<input type="email" name="email"[^>]*readonly')
        self._post(
            "/my/account",
            {
                "name": "Nora Nichtmitglied",
                "email": "thief@example.com",
                "phone": "",
                "street": "Weg 1",
                "city": "Leipzig",
                "zipcode": "04109",
                "country_id": str(self.env.ref("base.de").id),
            },
        )
        self.assertEqual(other.email, "nora@example.com")


class TestAccountDeletion(Wbg54PortalCase):
    def test_member_deletes_portal_account_but_stays_a_member(self):
        registration = self.env["wbg54.registration"].create(
            {
                "partner_id": self.partner_a.id,
                "user_id": self.user_a.id,
                "state": "confirmed",
            }
        )
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._post(
            "/my/deactivate_account",
            {"validation": "tenant_a", "password": TENANT_PASSWORD},
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.user_a.active, "the login is gone")
        self.assertTrue(self.partner_a.active, "staff still find the member")
        self.assertEqual(self.partner_a.membership_state, "member")
        self.assertIn(self.contract_a1, self.partner_a.contract_ids)
        self.assertEqual(
            (registration.state, registration.user_id),
            ("letter", self.env["res.users"]),
        )
        self.assertIn("Portalkonto", self.partner_a.message_ids[0].body)
        # Odoo's clean-up cron deletes the user, never the member
        self.env["res.users.deletion"]._gc_portal_users()
        self.assertFalse(self.user_a.exists())
        self.assertTrue(self.partner_a.exists())
        # staff can send a new letter, and she can register again with it
        wizard = (
            self.env["wbg54.registration.letter.wizard"]
            .with_context(active_model="res.partner", active_ids=self.partner_a.ids)
            .create({})
        )
        codes = wizard.action_print()["data"]["codes"]
        self.assertEqual(
            self.env["wbg54.registration"]._find_by_code(codes[str(self.partner_a.id)]),
            registration,
        )


class TestResetLink(RegistrationHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = new_test_user(
            cls.env,
            login="reset@example.com",
            email="reset@example.com",
            password=TENANT_PASSWORD,
            lang="de_DE",
            groups="base.group_portal",
            name="Rita Setzer",
        )
        cls.tenant.partner_id.membership_state = "member"

    def _reset(self, token, password):
        return self.url_open(
            "/web/reset_password",
            data={
                "token": token,
                "login": "reset@example.com",
                "password": password,
                "confirm_password": password,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_weak_password_keeps_the_link(self):
        partner = self.tenant.partner_id.sudo()
        partner.signup_prepare(signup_type="reset")
        token = partner._generate_signup_token()
        response = self._reset(token, "setzer12")
        self.assertIn("Großbuchstaben", response.text)
        self.assertNotIn("Registrierungstoken", response.text)
        self.assertTrue(
            self._can_login("reset@example.com", TENANT_PASSWORD), "unchanged"
        )
        self._reset(token, GOOD_PASSWORD)
        self.assertTrue(
            self._can_login("reset@example.com", GOOD_PASSWORD),
            "the same link still works",
        )

    def test_invalid_link_speaks_of_a_reset_link(self):
        response = self.url_open("/web/reset_password?token=not-a-token")
        self.assertIn(
            "Dieser Link zum Festlegen eines neuen Passworts ist ungültig oder "
            "abgelaufen",
            response.text,
        )
        self.assertNotIn("Registrierungstoken", response.text)


class TestNoTimingOracle(RegistrationHttpCase):
    """The reset and confirmation forms only file the request; a cron sends
    the mail. So the answer costs the same for every address (one insert)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="known@example.com",
            email="known@example.com",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
        )

    def _request_reset(self, login):
        with self.mock_mail_gateway():
            queries_before = self.cr.sql_log_count
            response = self.url_open(
                "/web/reset_password",
                data={"login": login, "csrf_token": http.Request.csrf_token(self)},
            )
            self.assertFalse(self._mails, "no mail is sent while the visitor waits")
        page = re.sub(r"csrf_token[^,>]*", "", response.text.replace(login, ""))
        return response.status_code, page, self.cr.sql_log_count - queries_before

    def test_reset_request_does_no_work_for_the_address(self):
        Queue = self.env["wbg54.account.mail.request"]
        self._request_reset("warm-up@example.com")
        known, unknown = (
            self._request_reset("known@example.com"),
            self._request_reset("nobody@example.com"),
        )
        self.assertEqual(known, unknown, "same status, page and number of queries")
        self.assertEqual(
            Queue.search([]).mapped("login"),
            ["warm-up@example.com", "known@example.com", "nobody@example.com"],
        )
        self.assertFalse(
            self.env["res.users"]
            .search([("login", "=", "known@example.com")])
            .partner_id.signup_type,
            "no reset token exists yet",
        )
        with self.mock_mail_gateway():
            Queue._cron_send()
        self.assertEqual(
            [mail["email_to"] for mail in self._mails], [["known@example.com"]]
        )
        self.assertFalse(Queue.search([]))

    def test_letter_request_does_the_same_work_for_members_and_strangers(self):
        member = _member(self.env, "Lena Brief", "lena@example.com")

        def request_letter(name, number, email):
            queries_before = self.cr.sql_log_count
            response = self.url_open(
                "/web/signup/letter",
                data={
                    "name": name,
                    "member_number": number,
                    "address": "",
                    "email": email,
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
            page = re.sub(r"csrf_token[^,>]*", "", response.text)
            for typed in (name, number, email):
                page = page.replace(typed, "")
            return response.status_code, page, self.cr.sql_log_count - queries_before

        request_letter("Warm Up", "00000", "warm@example.org")
        self.assertEqual(
            request_letter("Lena Brief", member.member_number, "lena@example.com"),
            request_letter("Niemand Fremd", "99999", "fremd@example.org"),
        )


class TestSecretsNotLogged(Wbg54PortalCase):
    def test_access_log_masks_every_token(self):
        secrets = ("SECRETACCESS1", "SECRETTOKEN2", "SECRETSIGNUP3", "SECRETKEY4")
        with self.assertLogs("werkzeug", logging.INFO) as logs:
            self.url_open(
                f"/my/ticket/1?access_token={secrets[0]}&token={secrets[1]}"
                f"&auth_signup_token={secrets[2]}&api_key={secrets[3]}&page=2"
            )
            # the server thread writes its access line once the answer is out
            for _i in range(50):
                if any("/my/ticket/1" in line for line in logs.output):
                    break
                time.sleep(0.1)
            logging.getLogger("werkzeug").info("%s", "end of test")
        lines = "\n".join(logs.output)
        self.assertIn("/my/ticket/1?access_token=", lines)
        self.assertIn("page=2", lines)
        for secret in secrets:
            self.assertNotIn(secret, lines)


class TestSessionCookie(Wbg54PortalCase):
    def test_samesite_lax(self):
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
        cookies = [
            value
            for key, value in response.raw.headers.items()
            if key.lower() == "set-cookie"
        ]
        session = [cookie for cookie in cookies if cookie.startswith("session_id=")]
        self.assertTrue(session, cookies)
        self.assertIn("SameSite=Lax", session[0])
        self.assertIn("HttpOnly", session[0])


class TestEmailChangeRace(RegistrationHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first, cls.second = (
            new_test_user(
                cls.env,
                login=login,
                email=login,
                password=TENANT_PASSWORD,
                lang="de_DE",
                groups="base.group_portal",
                name=name,
            )
            for login, name in (
                ("first@example.com", "Erna Erst"),
                ("second@example.com", "Zora Zweit"),
            )
        )

    def _request(self, login):
        self.authenticate(login, TENANT_PASSWORD)
        with self.mock_mail_gateway():
            self.url_open(
                "/my/data/email",
                data={
                    "new_email": "shared@example.com",
                    "new_email_confirm": "shared@example.com",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
        return self._link("shared@example.com")

    def test_second_confirmation_explained(self):
        first_link, second_link = (
            self._request("first@example.com"),
            self._request("second@example.com"),
        )
        self.authenticate(None, None)
        with self.mock_mail_gateway():
            self.assertIn("o_wbg54_email_confirmed", self.url_open(first_link).text)
        response = self.url_open(second_link)
        self.assertEqual(response.status_code, 409)
        self.assertIn(
            "Diese Adresse wird inzwischen für ein anderes Konto verwendet",
            response.text,
        )
        self.assertIn("<strong>shared@example.com</strong>", response.text)
        self.assertEqual(self.second.login, "second@example.com")
        self.assertTrue(self._can_login("second@example.com", TENANT_PASSWORD))

    def test_sign_up_in_between(self):
        link = self._request("first@example.com")
        new_test_user(
            self.env,
            login="shared@example.com",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
        )
        response = self.url_open(link)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(self.first.login, "first@example.com")


class TestRegistrationThrottleIsAtomic(TransactionCase):
    """Parallel wrong numbers: no more than five are evaluated per window."""

    def test_parallel_attempts(self):
        Attempt = self.env["wbg54.registration.attempt"]
        ip_address = "198.51.100.77"
        self.addCleanup(
            self._drop_counters, [f"ip:{ip_address}", "email:parallel@example.com"]
        )
        barrier = threading.Barrier(12)
        allowed = []

        def attempt():
            barrier.wait()
            allowed.append(Attempt._reserve(ip_address, "parallel@example.com"))

        threads = [threading.Thread(target=attempt) for _i in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(len(allowed), 12)
        self.assertEqual(
            allowed.count(True), 5, "exactly five evaluations in the window"
        )

    def _drop_counters(self, keys):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM wbg54_registration_attempt WHERE key IN %s", [tuple(keys)]
            )


class TestDeletedMemberCanRegisterAgain(RegistrationHttpCase):
    def test_member_record_cannot_be_deleted(self):
        member = _member(self.env, "Dora Dauer", "dd@example.com")
        with self.assertRaisesRegex(Exception, "Mitgliederliste|member list"):
            member.unlink()


class TestNoRpcKeysForTenants(Wbg54PortalCase):
    def test_tenants_cannot_make_rpc_keys(self):
        """The app signs in with keys of its own scope; a tenant's own RPC key
        would outlive her password and open JSON-RPC for months."""
        self.assertFalse(
            self.env["ir.config_parameter"].sudo().get_param("portal.allow_api_keys")
        )
        wizard = (
            self.env["res.users.apikeys.description"]
            .with_user(self.user_a)
            .create({"name": "Skript", "duration": "1"})
        )
        with self.assertRaises(AccessError):
            wizard.check_access_make_key()  # what make_key asks first
