"""Sign-up from the app without an access token: the requirements the web's
sign-up page shows, registration with the letter's number up to the first
sign-in, the confirmation e-mail again, a registration letter, password
forgotten; each through the model method the web form calls, refusals 422
per field in German, nothing half-created, throttles as 429 with
Retry-After, and the same answer whether an address has an account."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.wbg54_portal.models.wbg54_registration_attempt import (
    LOCK_MINUTES,
    MAX_FAILURES,
)

from .api_common import ApiCase
from .test_registration import GOOD_PASSWORD, LINK, _member
from .test_sign_up import SignUpSavedMixin

IP = "127.0.0.1"  # the test client's connection
INVALID_NUMBER = (
    "Diese Registrierungsnummer ist nicht gültig. Bitte vergleichen Sie sie mit "
    "Ihrem Registrierungsbrief oder fordern Sie einen neuen Brief an."
)
INVALID_EMAIL = "Bitte geben Sie eine gültige E-Mail-Adresse ein."
NOT_ACCEPTED = "Bitte bestätigen Sie dies, um sich zu registrieren."


class TestApiRegistration(SignUpSavedMixin, ApiCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_en").active = True
        cls.env.company.email = "service@wbg54.example"
        cls.member = _member(cls.env)
        cls.code = cls.env["wbg54.registration"]._generate_codes(cls.member)[
            cls.member.id
        ]

    def _values(self, **overrides):
        return {
            "registration_number": self.code,
            "email": "juergen@example.org",
            "password": GOOD_PASSWORD,
            "consent_privacy": True,
            "consent_terms": True,
            "consent_edelivery": True,
            **overrides,
        }

    def _post(self, path, body, **kwargs):
        return self._call("POST", path, body=body, **kwargs)

    def assertFieldErrors(self, response, expected):
        """422 with exactly these ``{field: detail}`` (detail None: any)."""
        body = self.assertProblem(response, 422, "validation-error")
        errors = {error["field"]: error["detail"] for error in body["errors"]}
        self.assertEqual(set(errors), set(expected), body)
        for field, detail in expected.items():
            if detail is not None:
                self.assertEqual(errors[field], detail, field)
        return errors

    def _mails_to(self, address):
        return [m for m in self._mails if address in " ".join(m["email_to"])]

    # ------------------------------------------------------------
    # REQUIREMENTS
    # ------------------------------------------------------------

    def test_requirements(self):
        response = self._call("GET", "/registrations/requirements")
        self.assertEqual(response.status_code, 200, response.text[:300])
        requirements = response.json()
        get_param = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(
            [(c["field"], c["url"], c["version"]) for c in requirements["consents"]],
            [
                (
                    "consent_privacy",
                    get_param("wbg54_portal.privacy_url"),
                    get_param("wbg54_portal.consent_privacy_version"),
                ),
                (
                    "consent_terms",
                    get_param("wbg54_portal.terms_url"),
                    get_param("wbg54_portal.consent_terms_version"),
                ),
                (
                    "consent_edelivery",
                    None,
                    get_param("wbg54_portal.consent_edelivery_version"),
                ),
            ],
        )
        self.assertEqual(
            requirements["consents"][0]["label"],
            "Ich bestätige die Kenntnisnahme der Datenschutzerklärung.",
        )
        password = requirements["password"]
        self.assertEqual((password["min_length"], password["min_digits"]), (8, 2))
        self.assertEqual(password["rules"][0], "Mindestens 8 Zeichen")
        self.assertEqual(requirements["registration_number"]["length"], 14)
        self.assertEqual(requirements["link_valid_hours"], 24)
        self.assertTrue(requirements["password_reset"])
        # a stricter minimum of Odoo's policy is the one that counts
        self.env["ir.config_parameter"].set_param("auth_password_policy.minlength", 12)
        self.env["ir.config_parameter"].set_param("auth_signup.reset_password", False)
        requirements = self._get("/registrations/requirements")
        self.assertEqual(requirements["password"]["min_length"], 12)
        self.assertEqual(requirements["password"]["rules"][0], "Mindestens 12 Zeichen")
        self.assertFalse(requirements["password_reset"])
        english = self._get(
            "/registrations/requirements", headers={"Accept-Language": "en"}
        )
        self.assertEqual(english["password"]["rules"][0], "At least 12 characters")

    # ------------------------------------------------------------
    # SIGN-UP
    # ------------------------------------------------------------

    def test_sign_up_to_first_sign_in(self):
        with self.mock_mail_gateway():
            response = self._post(
                "/registrations", self._values(email=" juergen@example.org ")
            )
        self.assertEqual(response.status_code, 202, response.text[:300])
        answer = response.json()
        self.assertEqual(
            (answer["email"], answer["link_valid_hours"]), ("juergen@example.org", 24)
        )
        self.assertTrue(
            answer["message"].startswith(
                "Fast geschafft: Wir haben eine E-Mail an juergen@example.org "
                "gesendet."
            ),
            answer,
        )
        registration = self.env["wbg54.registration"].search(
            [("partner_id", "=", self.member.id)]
        )
        self.assertEqual(registration.state, "registered")
        user = registration.user_id
        self.assertEqual((user.login, user.active), ("juergen@example.org", False))
        consents = self.env["wbg54.consent"].search(
            [("partner_id", "=", self.member.id)]
        )
        self.assertEqual(
            sorted(consents.mapped("kind")), ["edelivery", "privacy", "terms"]
        )
        self.assertEqual(set(consents.mapped("ip_address")), {IP})
        self.assertFalse(
            self.env["wbg54.registration"]._find_by_code(self.code), "number used up"
        )
        mails = self._mails_to("juergen@example.org")
        self.assertTrue(mails, "the confirmation link is mailed")
        login = {
            "email": "juergen@example.org",
            "password": GOOD_PASSWORD,
            "device_name": "Jürgens Telefon",
        }
        self.assertProblem(self._post("/auth/login", login), 401, "invalid-credentials")
        # she follows the link, then signs in to the app
        link = LINK.search(mails[-1]["body"]).group(1)
        self.assertIn("o_wbg54_signup_confirmed", self.url_open(link).text)
        response = self._post("/auth/login", login)
        self.assertEqual(response.status_code, 200, response.text[:300])
        me = self._get("/me", response.json()["access_token"])
        self.assertEqual(me["login"], "juergen@example.org")

    def test_sign_up_confirm_password_compared_when_given(self):
        errors = self.assertFieldErrors(
            self._post("/registrations", self._values(confirm_password="Anders2024")),
            {"confirm_password": "Die beiden Passwörter stimmen nicht überein."},
        )
        self.assertTrue(errors)
        self.assertNothingSaved()
        with self.mock_mail_gateway():
            response = self._post(
                "/registrations", self._values(confirm_password=GOOD_PASSWORD)
            )
        self.assertEqual(response.status_code, 202, response.text[:300])
        self.assertEqual(self._saved(), (1, 3, 1))

    def test_sign_up_malformed(self):
        # wrong types and missing fields: refused before the model, per field
        self.assertFieldErrors(
            self._post(
                "/registrations",
                self._values(registration_number=12345678901234, consent_privacy="ja"),
            ),
            {
                "registration_number": "Ein Text wird erwartet.",
                "consent_privacy": "true oder false wird erwartet.",
            },
        )
        values = self._values()
        for field in ("registration_number", "password", "consent_terms"):
            del values[field]
        self.assertFieldErrors(
            self._post("/registrations", values),
            dict.fromkeys(
                ("registration_number", "password", "consent_terms"),
                "Dieses Feld ist erforderlich.",
            ),
        )
        self.assertFieldErrors(
            self._post("/registrations", self._values(name="Jürgen")),
            {"name": "Dieses Feld ist unbekannt."},
        )
        self.assertFieldErrors(
            self._post("/registrations", self._values(password="Wohnen\x002024")),
            {"password": None},
        )
        # the model's refusals: the number first, then every other field
        self.assertFieldErrors(
            self._post(
                "/registrations",
                self._values(registration_number="ABCD-EFGH-JKMN-PQ", email="x"),
            ),
            {"registration_number": INVALID_NUMBER},
        )
        errors = self.assertFieldErrors(
            self._post(
                "/registrations",
                self._values(
                    email="kein-at-zeichen",
                    password="kurz1",
                    consent_terms=False,
                    consent_edelivery=False,
                ),
            ),
            {
                "email": INVALID_EMAIL,
                "password": None,
                "consent_terms": NOT_ACCEPTED,
                "consent_edelivery": NOT_ACCEPTED,
            },
        )
        self.assertIn(
            "Das Passwort muss mindestens 8 Zeichen lang sein.", errors["password"]
        )
        # a password with her surname
        errors = self.assertFieldErrors(
            self._post("/registrations", self._values(password="Müller2024x")),
            {"password": None},
        )
        self.assertIn("„Mül“", errors["password"])
        self.assertNothingSaved()

    def test_sign_up_throttled(self):
        # five wrong numbers from this connection, counted as the sign-up
        # counts them (tests/test_sign_up.py): in production the count is
        # committed at once, in test mode a refused request's count would be
        # rolled back with the request
        for _i in range(MAX_FAILURES):
            self.env["wbg54.registration.attempt"]._reserve(IP, "rate@example.org")
        # now the right number from this connection is not looked at either
        response = self._post("/registrations", self._values(email="neu@example.org"))
        body = self.assertProblem(response, 429, "too-many-requests")
        self.assertEqual(response.headers["Retry-After"], str(LOCK_MINUTES * 60))
        self.assertEqual(body["title"], "Zu viele Versuche")
        self.assertIn("für 15 Minuten gesperrt", body["detail"])
        self.assertNothingSaved()

    def test_sign_up_mail_not_sent(self):
        with patch(
            "odoo.addons.wbg54_portal.models.wbg54_registration.send_link_mail",
            return_value=False,
        ):
            response = self._post("/registrations", self._values())
        body = self.assertProblem(response, 503, "service-unavailable")
        self.assertIn("Ihre Registrierungsnummer bleibt gültig", body["detail"])
        self.assertNothingSaved()

    # ------------------------------------------------------------
    # CONFIRMATION E-MAIL AGAIN
    # ------------------------------------------------------------

    def test_confirmation_mail_again(self):
        with self.mock_mail_gateway():
            self.env["wbg54.registration"]._wbg54_sign_up(self._values(), "192.0.2.1")
        registration = self.env["wbg54.registration"].search(
            [("partner_id", "=", self.member.id)]
        )
        # an hour ago: a resend in the same second would look like no resend
        sent_before = fields.Datetime.now() - timedelta(hours=1)
        registration.confirmation_sent_date = sent_before
        Request = self.env["wbg54.account.mail.request"]
        answers = []
        for email in ("juergen@example.org", "unbekannt@example.com"):
            response = self._post("/registrations/confirmation-mail", {"email": email})
            self.assertEqual(response.status_code, 202, response.text[:300])
            answers.append(response.json())
        self.assertEqual(answers[0], answers[1], "the same answer for every address")
        self.assertTrue(answers[0]["message"].startswith("Falls eine Registrierung"))
        filed = Request.search([("kind", "=", "confirmation")])
        self.assertEqual(
            sorted(filed.mapped("login")),
            ["juergen@example.org", "unbekannt@example.com"],
        )
        self.assertEqual(set(filed.mapped("ip_address")), {IP})
        # the cron sends it to the waiting registration only
        with self.mock_mail_gateway():
            Request._cron_send()
        self.assertTrue(self._mails_to("juergen@example.org"))
        self.assertFalse(self._mails_to("unbekannt@example.com"))
        self.assertNotEqual(registration.confirmation_sent_date, sent_before)
        self.assertFalse(Request.search_count([]))
        for email in ("kein-at-zeichen", ""):
            self.assertFieldErrors(
                self._post("/registrations/confirmation-mail", {"email": email}),
                {"email": INVALID_EMAIL},
            )
        self.assertFieldErrors(
            self._post("/registrations/confirmation-mail", {"email": ["a@b.de"]}),
            {"email": "Ein Text wird erwartet."},
        )
        self.assertFalse(Request.search_count([]), "nothing filed")

    # ------------------------------------------------------------
    # REGISTRATION LETTER
    # ------------------------------------------------------------

    def test_letter_request(self):
        LetterRequest = self.env["wbg54.letter.request"]
        before = LetterRequest.search_count([])
        response = self._post(
            "/letter-requests",
            {
                "name": " Erna Neu ",
                "address": "Portalweg 7, 04109 Leipzig",
                "email": "erna@example.com",
            },
        )
        self.assertEqual(response.status_code, 202, response.text[:300])
        self.assertTrue(response.json()["message"].startswith("Vielen Dank"))
        request = LetterRequest.search([], limit=1)
        self.assertEqual(
            (request.name, request.member_number, request.email, request.ip_address),
            ("Erna Neu", "", "erna@example.com", IP),
        )
        self.assertEqual(request.state, "new")
        self.assertFieldErrors(
            self._post("/letter-requests", {"name": " ", "email": "erna"}),
            {
                "name": "Bitte geben Sie Ihren Namen ein.",
                "email": INVALID_EMAIL,
                "address": "Bitte geben Sie Ihre Mitgliedsnummer oder Ihre Adresse "
                "ein.",
            },
        )
        self.assertFieldErrors(
            self._post(
                "/letter-requests",
                {"name": "Erna", "email": "erna@example.com", "member_number": 7},
            ),
            {"member_number": "Ein Text wird erwartet."},
        )
        self.assertFieldErrors(
            self._post("/letter-requests", {"email": "erna@example.com"}),
            {"name": "Dieses Feld ist erforderlich."},
        )
        self.assertEqual(LetterRequest.search_count([]), before + 1, "nothing more")

    def test_letter_request_throttled(self):
        LetterRequest = self.env["wbg54.letter.request"]
        values = {"name": "Erna", "email": "erna@example.com", "member_number": "7"}
        for _i in range(3):
            response = self._post("/letter-requests", values)
            self.assertEqual(response.status_code, 202, response.text[:300])
        before = LetterRequest.search_count([])
        response = self._post("/letter-requests", values)
        body = self.assertProblem(response, 429, "too-many-requests")
        self.assertEqual(response.headers["Retry-After"], "3600")
        self.assertIn("in einer Stunde erneut", body["detail"])
        self.assertEqual(LetterRequest.search_count([]), before)

    # ------------------------------------------------------------
    # PASSWORD FORGOTTEN
    # ------------------------------------------------------------

    def test_password_reset(self):
        Request = self.env["wbg54.account.mail.request"]
        answers = []
        for email in ("tenant_a@example.com", "niemand@example.com"):
            response = self._post("/auth/password-reset", {"email": email})
            self.assertEqual(response.status_code, 202, response.text[:300])
            answers.append(response.json())
        self.assertEqual(answers[0], answers[1], "the same answer for every address")
        self.assertTrue(
            answers[0]["message"].startswith("Falls zu dieser Adresse ein Zugang"),
            answers[0],
        )
        filed = Request.search([("kind", "=", "reset")])
        self.assertEqual(
            sorted(filed.mapped("login")),
            ["niemand@example.com", "tenant_a@example.com"],
        )
        with self.mock_mail_gateway():
            Request._cron_send()
        self.assertTrue(self._mails_to("tenant_a@example.com"), "her reset link")
        self.assertFalse(self._mails_to("niemand@example.com"))
        self.assertFieldErrors(
            self._post("/auth/password-reset", {}),
            {"email": "Dieses Feld ist erforderlich."},
        )
        self.assertFieldErrors(
            self._post("/auth/password-reset", {"email": "a\x00@example.com"}),
            {"email": "Der Text darf keine Steuerzeichen enthalten."},
        )
        # switched off by the cooperative, as the web's form then is
        self.env["ir.config_parameter"].set_param("auth_signup.reset_password", False)
        body = self.assertProblem(
            self._post("/auth/password-reset", {"email": "tenant_a@example.com"}),
            404,
            "not-found",
        )
        self.assertIn("abgeschaltet", body["detail"])
        self.assertFalse(Request.search_count([]))
