"""The model methods behind "Meine Daten" (phones, language, notification
preferences, change requests, login e-mail change), called without HTTP as
the app API calls them: the tenant's own environment, plain Python values,
German messages per field, nothing changed on error."""

from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.wbg54_portal.exceptions import FieldValidationError, MailNotSentError

from .common import TENANT_PASSWORD, TenantFixture


class TestSelfService(TenantFixture, MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.env.ref("base.lang_en").active = True
        cls.partner_a.write({"phone": "+493411234567", "mobile": False})
        # a portal user who is no member (e.g. a customer invited by Odoo)
        cls.stranger = new_test_user(
            cls.env,
            login="customer_x",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            email="customer_x@example.com",
        )

    def _env(self, user):
        # her environment as the portal and the API build it: her user, and her
        # language (the API's: the one Accept-Language asks for)
        return self.env(user=user, context=dict(self.env.context, lang="de_DE"))

    def assertRefused(self, call, errors, error_class=FieldValidationError):
        """``call`` is refused with exactly ``errors``."""
        # not assertRaises: Odoo's rolls back to a savepoint of its own, and
        # the callers here must leave nothing changed by themselves
        try:
            call()
        except FieldValidationError as error:
            self.assertIs(type(error), error_class)
            self.assertEqual(error.errors, errors)
        else:
            self.fail("not refused")

    # ------------------------------------------------------------
    # PHONES AND LANGUAGE
    # ------------------------------------------------------------

    def test_owner_changes_what_she_gives(self):
        partner = self._env(self.user_a)["res.partner"]._wbg54_update_self_service(
            {"mobile": "0151 23456789", "lang": "en_US"}
        )
        self.assertEqual(partner, self.partner_a)
        self.assertEqual(
            (self.partner_a.phone, self.partner_a.mobile, self.partner_a.lang),
            ("+493411234567", "+4915123456789", "en_US"),
            "the phone not given stays",
        )
        self._env(self.user_a)["res.partner"]._wbg54_update_self_service({"phone": ""})
        self.assertFalse(self.partner_a.phone, "an empty number clears it")

    def test_malformed_values_refused_field_by_field(self):
        self.assertRefused(
            lambda: self._env(self.user_a)["res.partner"]._wbg54_update_self_service(
                {
                    "phone": "12",
                    "mobile": "0151 23456789",
                    "lang": "xx_XX",
                    "email": "neu@example.com",
                }
            ),
            {
                "phone": "„12“ ist keine gültige Telefonnummer. Bitte geben Sie sie "
                "mit Vorwahl ein, z. B. 0341 1234567 oder +49 151 23456789.",
                "lang": "Bitte wählen Sie eine der angebotenen Sprachen.",
                "email": "Dieses Feld ist unbekannt.",
            },
        )
        self.assertEqual(
            (self.partner_a.phone, self.partner_a.mobile, self.partner_a.lang),
            ("+493411234567", False, "de_DE"),
            "nothing changed, not even the valid mobile number",
        )
        self.assertRefused(
            lambda: self._env(self.user_a)["res.partner"]._wbg54_update_self_service(
                {"lang": ["de_DE"]}
            ),
            {"lang": "Bitte wählen Sie eine der angebotenen Sprachen."},
        )

    def test_only_members(self):
        for method, values in (
            ("_wbg54_update_self_service", {"phone": "0341 1234567"}),
            ("_wbg54_update_notification_preferences", {}),
        ):
            with self.assertRaises(AccessError) as caught:
                getattr(self._env(self.stranger)["res.partner"], method)(values)
            self.assertEqual(
                str(caught.exception),
                "Nur Mitglieder der Genossenschaft können ihre Daten hier ändern.",
            )
        self.assertFalse(self.stranger.partner_id.phone)

    # ------------------------------------------------------------
    # NOTIFICATION PREFERENCES
    # ------------------------------------------------------------

    def test_notification_preferences(self):
        Partner = self._env(self.user_a)["res.partner"]
        Partner._wbg54_update_notification_preferences(
            {"wbg54_notify_notice_email": True, "wbg54_notify_ticket_push": False}
        )
        self.assertEqual(
            (
                self.partner_a.wbg54_notify_notice_email,
                self.partner_a.wbg54_notify_ticket_push,
                self.partner_a.wbg54_notify_document_email,
            ),
            (True, False, True),
            "the preferences not given stay",
        )
        self.assertRefused(
            lambda: Partner._wbg54_update_notification_preferences(
                {
                    "wbg54_notify_notice_email": False,
                    "wbg54_notify_ticket_push": "ja",
                    "membership_state": False,
                }
            ),
            {
                "wbg54_notify_ticket_push": "true oder false wird erwartet.",
                "membership_state": "Dieses Feld ist unbekannt.",
            },
        )
        self.assertTrue(self.partner_a.wbg54_notify_notice_email, "nothing changed")
        self.assertEqual(self.partner_a.membership_state, "member")

    # ------------------------------------------------------------
    # CHANGE REQUEST
    # ------------------------------------------------------------

    def test_change_request(self):
        Ticket = self._env(self.user_a)["helpdesk.ticket"]
        ticket = Ticket._wbg54_submit_data_change(
            {"field_label": "Name", "text": "  Neuer Nachname: Berger  "}
        )
        self.assertEqual(ticket.env.uid, self.user_a.id, "her environment, no sudo")
        self.assertEqual(
            (ticket.wbg54_kind, ticket.partner_id, ticket.name),
            ("data_change", self.partner_a, "Änderungswunsch: Name"),
        )
        self.assertEqual(
            ticket.team_id, self.env.ref("wbg54_portal.helpdesk_team_administration")
        )
        self.assertIn("Neuer Nachname: Berger", ticket.description)
        self.assertIn(self.partner_a, ticket.message_partner_ids)

        count = self.env["helpdesk.ticket"].sudo().search_count([])
        self.assertRefused(
            lambda: Ticket._wbg54_submit_data_change({"field_label": "Name"}),
            {"text": "Bitte teilen Sie uns mit, was sich geändert hat."},
        )
        self.assertRefused(
            lambda: Ticket._wbg54_submit_data_change(
                {"field_label": "Name\x00", "text": "x"}
            ),
            {"field_label": "Der Text darf keine Steuerzeichen enthalten."},
        )
        with self.assertRaises(AccessError):
            self._env(self.stranger)["helpdesk.ticket"]._wbg54_submit_data_change(
                {"text": "Neue Adresse"}
            )
        self.assertEqual(
            self.env["helpdesk.ticket"].sudo().search_count([]), count, "none created"
        )

    # ------------------------------------------------------------
    # LOGIN E-MAIL CHANGE
    # ------------------------------------------------------------

    def _changes(self):
        return self.env["wbg54.email.change"].sudo().search([])

    def test_login_change_started(self):
        Change = self._env(self.user_a)["wbg54.email.change"]
        with self.mock_mail_gateway():
            change = Change._request_for_current_user(" alma.neu@example.com ")
        self.assertTrue(
            [m for m in self._mails if "alma.neu@example.com" in m["email_to"][0]],
            "the link goes to the new address",
        )
        self.assertEqual(
            (change.user_id, change.new_email, change.state),
            (self.user_a, "alma.neu@example.com", "pending"),
        )
        self.assertEqual(self.user_a.login, "tenant_a", "her login stays until then")

    def test_login_change_refused(self):
        self.user_a.login = "tenant_a@example.com"
        self.user_c.login = "tenant_c@example.com"
        Change = self._env(self.user_a)["wbg54.email.change"]
        invalid = {"new_email": "Bitte geben Sie eine gültige E-Mail-Adresse ein."}
        cases = [
            (("kein-at-zeichen", "kein-at-zeichen"), invalid),
            ((None, None), invalid),
            ((["a@example.com"], None), invalid),
            (
                ("alma.neu@example.com", "alma.alt@example.com"),
                {
                    "new_email_confirm": "Die beiden E-Mail-Adressen stimmen nicht "
                    "überein."
                },
            ),
            (
                ("Tenant_A@example.com", None),
                {"new_email": "Dies ist bereits Ihre Login-E-Mail-Adresse."},
            ),
            (
                ("TENANT_C@example.com", " TENANT_C@example.com "),
                {
                    "new_email": "Diese E-Mail-Adresse kann nicht verwendet werden; "
                    "bitte wählen Sie eine andere."
                },
            ),
        ]
        for (new_email, confirm), errors in cases:
            self.assertRefused(
                lambda new_email=new_email, confirm=confirm: (
                    Change._request_for_current_user(new_email, confirm)
                ),
                errors,
            )
        self.assertFalse(self._changes(), "nothing started")

    def test_login_change_mail_failure_keeps_nothing(self):
        Change = self._env(self.user_a)["wbg54.email.change"]
        with self.mock_mail_gateway():
            first = Change._request_for_current_user("alma.neu@example.com")
        with patch(
            "odoo.addons.wbg54_portal.models.wbg54_email_change.send_link_mail",
            return_value=False,
        ):
            self.assertRefused(
                lambda: Change._request_for_current_user("alma.neuer@example.com"),
                {
                    "mail": "Wir konnten gerade keine E-Mail an alma.neuer@example.com "
                    "senden. Bitte versuchen Sie es später erneut; Ihre "
                    "Anmelde-E-Mail-Adresse bleibt unverändert."
                },
                MailNotSentError,
            )
        self.assertEqual(self._changes(), first)
        self.assertEqual(first.state, "pending", "the change asked for before stays")
