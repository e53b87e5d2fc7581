"""The model methods behind the public forms (sign-up with the letter's
number, request of a letter, confirmation e-mail again), called without HTTP
as the app API calls them: the visitor's environment, plain Python values,
German messages per field, nothing saved on error."""

from unittest.mock import patch

from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.wbg54_portal.exceptions import (
    FieldValidationError,
    MailNotSentError,
    TooManyAttemptsError,
)
from odoo.addons.wbg54_portal.models.wbg54_registration_attempt import MAX_FAILURES

from .test_registration import GOOD_PASSWORD, _member

IP = "192.0.2.10"
INVALID_EMAIL = "Bitte geben Sie eine gültige E-Mail-Adresse ein."


class SignUpSavedMixin:
    """What a sign-up of ``self.member`` with ``self.code`` left behind."""

    def _saved(self):
        """What a sign-up saves: logins, consents, used-up numbers."""
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search_count([("partner_id", "=", self.member.id)]),
            self.env["wbg54.consent"].search_count(
                [("partner_id", "=", self.member.id)]
            ),
            self.env["wbg54.registration"].search_count(
                [("partner_id", "=", self.member.id), ("state", "!=", "letter")]
            ),
        )

    def assertNothingSaved(self):
        self.assertEqual(self._saved(), (0, 0, 0), "nothing saved")
        self.assertTrue(
            self.env["wbg54.registration"]._find_by_code(self.code),
            "the number stays valid",
        )


class PublicFormCase(MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the throttle counts in a cursor of its own, committed at once: in
        # test mode it is the test's cursor, and rolled back with it
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        cls.env.company.email = "service@wbg54.example"
        # a visitor of the web form or the app: the public user, in German
        cls.public_env = cls.env(
            user=cls.env.ref("base.public_user"),
            context=dict(cls.env.context, lang="de_DE"),
        )

    def _refusal(self, call, error_class=FieldValidationError):
        """The error ``call`` raises (exactly of ``error_class``)."""
        # not assertRaises: Odoo's rolls back to a savepoint of its own, and
        # the methods must leave nothing behind by themselves
        try:
            call()
        except FieldValidationError as error:
            self.assertIs(type(error), error_class)
            return error
        self.fail("not refused")


class TestSignUp(SignUpSavedMixin, PublicFormCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = _member(cls.env)
        cls.code = cls.env["wbg54.registration"]._generate_codes(cls.member)[
            cls.member.id
        ]

    def _values(self, **overrides):
        return {
            "registration_number": self.code,
            "email": "juergen@example.org",
            "password": GOOD_PASSWORD,
            "confirm_password": GOOD_PASSWORD,
            "consent_privacy": True,
            "consent_terms": True,
            "consent_edelivery": True,
            **overrides,
        }

    def _sign_up(self, values, ip_address=IP):
        return self.public_env["wbg54.registration"]._wbg54_sign_up(values, ip_address)

    def test_sign_up(self):
        with self.mock_mail_gateway():
            registration = self._sign_up(self._values(email=" juergen@example.org "))
        self.assertEqual(registration.env.uid, self.env.ref("base.public_user").id)
        registration = registration.sudo()
        self.assertEqual(registration.partner_id, self.member)
        self.assertEqual(registration.state, "registered")
        user = registration.user_id
        self.assertEqual((user.login, user.active), ("juergen@example.org", False))
        self.assertEqual(
            sorted(
                self.env["wbg54.consent"]
                .search([("partner_id", "=", self.member.id)])
                .mapped("kind")
            ),
            ["edelivery", "privacy", "terms"],
        )
        self.assertFalse(
            self.env["wbg54.registration"]._find_by_code(self.code), "number used up"
        )
        self.assertTrue(
            [m for m in self._mails if "juergen@example.org" in m["email_to"][0]],
            "the confirmation link is mailed",
        )

    def test_invalid_number(self):
        for code in ("FALSCH-0000", "", None, 12345678901234):
            refusal = self._refusal(
                lambda code=code: self._sign_up(self._values(registration_number=code))
            )
            self.assertEqual(
                refusal.errors,
                {
                    "registration_number": "Diese Registrierungsnummer ist nicht "
                    "gültig. Bitte vergleichen Sie sie mit Ihrem Registrierungsbrief "
                    "oder fordern Sie einen neuen Brief an."
                },
            )
        self.assertNothingSaved()

    def test_malformed_values_refused_field_by_field(self):
        refusal = self._refusal(
            lambda: self._sign_up(
                self._values(
                    email="kein-at-zeichen",
                    password="kurz1",
                    confirm_password="anders",
                    consent_terms=False,
                    consent_edelivery=None,
                )
            )
        )
        self.assertEqual(
            set(refusal.errors),
            {
                "email",
                "password",
                "confirm_password",
                "consent_terms",
                "consent_edelivery",
            },
        )
        self.assertEqual(refusal.errors["email"], INVALID_EMAIL)
        self.assertEqual(
            refusal.errors["confirm_password"],
            "Die beiden Passwörter stimmen nicht überein.",
        )
        self.assertIn(
            "Das Passwort muss mindestens 8 Zeichen lang sein.",
            refusal.errors["password"],
        )
        self.assertEqual(
            refusal.errors["consent_terms"],
            "Bitte bestätigen Sie dies, um sich zu registrieren.",
        )
        self.assertNothingSaved()

    def test_address_already_a_login(self):
        self.env["res.users"].create(
            {"name": "Vorher", "login": "juergen@example.org", "active": False}
        )
        refusal = self._refusal(
            lambda: self._sign_up(self._values(email="JUERGEN@example.org"))
        )
        self.assertEqual(
            refusal.errors,
            {
                "email": "Diese E-Mail-Adresse wird bereits für eine Anmeldung "
                "verwendet. Bitte melden Sie sich an oder setzen Sie Ihr Passwort "
                "zurück."
            },
        )
        self.assertNothingSaved()

    def test_throttle(self):
        for _i in range(MAX_FAILURES):
            self._refusal(
                lambda: self._sign_up(self._values(registration_number="FALSCH-0000"))
            )
        # the right number from the same connection, even for another address
        refusal = self._refusal(
            lambda: self._sign_up(self._values(email="other@example.org")),
            TooManyAttemptsError,
        )
        self.assertEqual(
            refusal.errors,
            {
                "registration_number": "Zu viele Versuche. Zu Ihrem Schutz ist die "
                "Registrierung für 15 Minuten gesperrt; bitte versuchen Sie es später "
                "erneut."
            },
        )
        # the address guessed for is locked from another connection too
        self._refusal(
            lambda: self._sign_up(self._values(), "192.0.2.99"), TooManyAttemptsError
        )
        self.assertNothingSaved()
        # another connection with another address is not
        with self.mock_mail_gateway():
            self._sign_up(self._values(email="neu@example.org"), "192.0.2.99")
        self.assertEqual(self._saved(), (1, 3, 1))

    def test_mail_failure_saves_nothing(self):
        with patch(
            "odoo.addons.wbg54_portal.models.wbg54_registration.send_link_mail",
            return_value=False,
        ):
            refusal = self._refusal(
                lambda: self._sign_up(self._values()), MailNotSentError
            )
        self.assertEqual(list(refusal.errors), ["mail"])
        self.assertIn("Ihre Registrierungsnummer bleibt gültig", refusal.errors["mail"])
        self.assertNothingSaved()


class TestLetterRequest(PublicFormCase):
    def _submit(self, values, ip_address=IP):
        return self.public_env["wbg54.letter.request"]._wbg54_submit(values, ip_address)

    def _count(self):
        return self.env["wbg54.letter.request"].search_count([])

    def test_letter_request(self):
        request = self._submit(
            {
                "name": " Erna Neu ",
                "member_number": "",
                "address": "Portalweg 7",
                "email": "erna@example.com",
            }
        )
        request = request.sudo()
        self.assertEqual(
            (request.name, request.address, request.email, request.ip_address),
            ("Erna Neu", "Portalweg 7", "erna@example.com", IP),
        )
        self.assertEqual(request.state, "new")

    def test_malformed_values_refused_field_by_field(self):
        before = self._count()
        refusal = self._refusal(
            lambda: self._submit({"name": "  ", "email": "erna", "address": None})
        )
        self.assertEqual(
            refusal.errors,
            {
                "name": "Bitte geben Sie Ihren Namen ein.",
                "email": INVALID_EMAIL,
                "address": "Bitte geben Sie Ihre Mitgliedsnummer oder Ihre Adresse "
                "ein.",
            },
        )
        refusal = self._refusal(
            lambda: self._submit(
                {"name": "Erna", "email": "erna@example.com", "member_number": "1\x00"}
            )
        )
        self.assertEqual(
            refusal.errors,
            {"member_number": "Der Text darf keine Steuerzeichen enthalten."},
        )
        self.assertEqual(self._count(), before, "nothing filed")

    def test_rate_limit(self):
        values = {"name": "Erna", "email": "erna@example.com", "member_number": "7"}
        for _i in range(3):
            self._submit(values)
        before = self._count()
        refusal = self._refusal(lambda: self._submit(values), TooManyAttemptsError)
        self.assertEqual(
            refusal.errors,
            {
                "name": "Von Ihrem Anschluss sind mehrere Anfragen bei uns "
                "eingegangen; bitte versuchen Sie es in einer Stunde erneut."
            },
        )
        self.assertEqual(self._count(), before)
        self._submit(values, "192.0.2.99")
        self.assertEqual(self._count(), before + 1, "another connection may")


class TestConfirmationAgain(PublicFormCase):
    def test_any_address_filed_alike(self):
        Request = self.env["wbg54.account.mail.request"]
        before = Request.search_count([])
        for email in ("unbekannt@example.com", " juergen@example.org "):
            self.public_env["wbg54.account.mail.request"]._wbg54_request_confirmation(
                email, IP
            )
        filed = Request.search([], order="id desc", limit=2)
        self.assertEqual(
            sorted(filed.mapped("login")),
            ["juergen@example.org", "unbekannt@example.com"],
        )
        self.assertEqual(set(filed.mapped("kind")), {"confirmation"})
        self.assertEqual(Request.search_count([]), before + 2)

    def test_not_an_address(self):
        Request = self.env["wbg54.account.mail.request"]
        before = Request.search_count([])
        for email in ("kein-at-zeichen", "", None, ["a@example.com"]):
            refusal = self._refusal(
                lambda email=email: self.public_env[
                    "wbg54.account.mail.request"
                ]._wbg54_request_confirmation(email, IP)
            )
            self.assertEqual(refusal.errors, {"email": INVALID_EMAIL})
        self.assertEqual(Request.search_count([]), before, "nothing filed")
