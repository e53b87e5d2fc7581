"""The model methods behind the damage report and application forms, called
without HTTP as the app API calls them: the tenant's own environment, plain
Python values, German messages per field, nothing created on error."""

import datetime
import io
from unittest.mock import patch

from PIL import Image

from odoo.tests import TransactionCase

from odoo.addons.wbg54_portal.exceptions import FieldValidationError

from .common import TenantFixture
from .test_photo import make_photo


class TestTicketSubmission(TenantFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.sanitary = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        cls.pet = cls.env.ref("wbg54_portal.application_type_pet")
        cls.renovation = cls.env.ref("wbg54_portal.application_type_renovation")

    def _tickets(self, user):
        # her environment as the portal and the API build it: her user, and her
        # language (the API's: the one Accept-Language asks for)
        return self.env["helpdesk.ticket"].with_user(user).with_context(lang=user.lang)

    def _created(self):
        """Tickets and their attachments in the database, whoever owns them."""
        return (
            self.env["helpdesk.ticket"].sudo().search_count([]),
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", "helpdesk.ticket")]),
        )

    def _damage(self, **overrides):
        return {
            "contract_id": self.contract_a1.id,
            "category_id": self.sanitary.id,
            "location": "Bad",
            "urgency": "urgent",
            "access_allowed": True,
            "time_windows": "werktags ab 16 Uhr",
            "description": "Der Siphon tropft.",
            **overrides,
        }

    def _refusal(self, call):
        """The FieldValidationError ``call`` raises; it leaves no ticket and no
        attachment behind."""
        before = self._created()
        # not assertRaises: Odoo's rolls back to a savepoint of its own
        try:
            call()
        except FieldValidationError as error:
            refusal = error
        else:
            self.fail("not refused")
        self.assertEqual(self._created(), before, "nothing created")
        return refusal

    def assertRefused(self, call, errors):
        """``call`` is refused with exactly ``errors``, creating nothing."""
        refusal = self._refusal(call)
        self.assertEqual(refusal.errors, errors)
        return refusal

    # ------------------------------------------------------------
    # DAMAGE REPORT
    # ------------------------------------------------------------

    def test_owner_reports_damage_with_photos(self):
        ticket = self._tickets(self.user_a)._wbg54_submit_damage(
            self._damage(),
            [
                ("IMG_1.jpg", make_photo(gps=True), "image/jpeg"),
                ("Skizze", make_photo("PNG", size=(300, 200)), "image/png"),
            ],
        )
        self.assertEqual(ticket.env.uid, self.user_a.id, "her environment, no sudo")
        self.assertEqual(
            (ticket.wbg54_kind, ticket.partner_id, ticket.category_id),
            ("damage", self.partner_a, self.sanitary),
        )
        self.assertEqual(
            ticket.team_id, self.env.ref("wbg54_portal.helpdesk_team_technical")
        )
        self.assertEqual(
            (ticket.wbg54_contract_id, ticket.wbg54_unit_id, ticket.wbg54_building_id),
            (self.contract_a1, self.contract_a1.unit_id, self.building),
        )
        self.assertEqual(
            (
                ticket.wbg54_location,
                ticket.wbg54_urgency,
                ticket.wbg54_access_allowed,
                ticket.wbg54_time_windows,
            ),
            ("Bad", "urgent", True, "werktags ab 16 Uhr"),
        )
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertTrue(ticket.stage_id, "the team's first stage")
        self.assertIn(self.partner_a, ticket.message_partner_ids)
        # tenants read attachments through the ticket page only
        photos = ticket.sudo().attachment_ids.sorted("name")
        self.assertEqual(photos.mapped("name"), ["IMG_1.jpg", "Skizze.png"])
        jpeg = Image.open(io.BytesIO(photos[0].raw))
        self.assertEqual(max(jpeg.size), 1920)
        self.assertFalse(jpeg.getexif(), "GPS and camera data removed")

    def test_form_text_and_default_contract(self):
        # the web form's values: everything text, no contract chosen
        Ticket = self._tickets(self.user_a)
        ticket = Ticket._wbg54_submit_damage(
            {
                "category_id": str(self.sanitary.id),
                "contract_id": "",
                "urgency": "",
                "description": "  Die Tür klemmt.  ",
            }
        )
        self.assertEqual(
            ticket.wbg54_contract_id,
            Ticket._wbg54_default_contract(Ticket._wbg54_request_contracts()),
        )
        self.assertEqual(
            (ticket.wbg54_urgency, ticket.wbg54_access_allowed), ("normal", False)
        )
        self.assertIn("Die Tür klemmt.", ticket.description)
        self.assertFalse(ticket.sudo().attachment_ids)

    def test_co_member_may_name_the_shared_contract(self):
        ticket = self._tickets(self.user_b)._wbg54_submit_damage(self._damage())
        self.assertEqual(
            (ticket.partner_id, ticket.wbg54_contract_id),
            (self.partner_b, self.contract_a1),
        )

    def test_another_tenants_contract_is_refused(self):
        for user, contract in (
            (self.user_a, self.contract_c),
            (self.user_c, self.contract_a1),
            (self.user_b, self.contract_a2),  # A's own, without B
        ):
            self.assertRefused(
                lambda user=user, contract=contract: self._tickets(
                    user
                )._wbg54_submit_damage(self._damage(contract_id=contract.id)),
                {"contract_id": "Bitte wählen Sie einen Ihrer Verträge aus."},
            )

    def test_malformed_values_refused_field_by_field(self):
        self.assertRefused(
            lambda: self._tickets(self.user_a)._wbg54_submit_damage(
                {
                    "contract_id": "-1",
                    "category_id": "abc",
                    "urgency": "sofort",
                    "location": "Bad\x00",
                    "time_windows": 16,
                    "description": "   ",
                }
            ),
            {
                "contract_id": "Bitte wählen Sie einen Ihrer Verträge aus.",
                "category_id": "Bitte wählen Sie aus, was beschädigt ist.",
                "urgency": "Bitte wählen Sie eine der angebotenen Möglichkeiten.",
                "location": "Der Text darf keine Steuerzeichen enthalten.",
                "time_windows": "Bitte prüfen Sie diese Angabe.",
                "description": "Bitte beschreiben Sie Ihr Anliegen.",
            },
        )
        # a category that is no damage category (helpdesk_mgmt's own)
        other = self.env["helpdesk.ticket.category"].create({"name": "Sonstiges"})
        self.assertRefused(
            lambda: self._tickets(self.user_a)._wbg54_submit_damage(
                self._damage(category_id=other.id)
            ),
            {"category_id": "Bitte wählen Sie aus, was beschädigt ist."},
        )

    def test_messages_in_the_callers_language(self):
        error = self.assertRefused(
            lambda: self._tickets(self.user_a)
            .with_context(lang="en_US")
            ._wbg54_submit_damage(self._damage(description="")),
            {"description": "Please describe your request."},
        )
        self.assertEqual(str(error), "Please describe your request.")

    def test_bad_photos_create_nothing(self):
        tiny = make_photo("PNG", size=(20, 20))
        self.assertRefused(
            lambda: self._tickets(self.user_a)._wbg54_submit_damage(
                self._damage(), [(f"p{i}.png", tiny, "image/png") for i in range(11)]
            ),
            {"photos": "Bitte senden Sie höchstens 10 Fotos."},
        )
        refusal = self._refusal(
            lambda: self._tickets(self.user_a)._wbg54_submit_damage(
                self._damage(),
                [
                    ("gut.png", tiny, "image/png"),
                    ("Rechnung.pdf", b"%PDF-1.4 ...", "image/jpeg"),
                    ("kaputt.jpg", make_photo(size=(100, 100))[:200], "image/jpeg"),
                ],
            )
        )
        self.assertEqual(list(refusal.errors), ["photos"])
        message = refusal.errors["photos"]
        self.assertIn(
            "„Rechnung.pdf“ ist kein Foto im Format JPEG, PNG oder WebP.", message
        )
        self.assertIn("„kaputt.jpg“ konnte nicht als Foto gelesen werden", message)
        self.assertNotIn("gut.png", message)

    def test_failure_while_attaching_leaves_nothing(self):
        before = self._created()
        Attachment = self.env.registry["ir.attachment"]
        # not assertRaises: Odoo's rolls back to a savepoint of its own
        with patch.object(Attachment, "create", side_effect=OSError("disk full")):
            failed = False
            try:
                self._tickets(self.user_a)._wbg54_submit_damage(
                    self._damage(),
                    [("IMG.png", make_photo("PNG", (50, 50)), "image/png")],
                )
            except OSError:
                failed = True
            self.assertTrue(failed, "the failure went unnoticed")
        self.assertEqual(self._created(), before, "the ticket went with its photos")

    # ------------------------------------------------------------
    # APPLICATION
    # ------------------------------------------------------------

    def test_application_with_typed_answers(self):
        questions = self.env["helpdesk.ticket"]._wbg54_question_descriptions(self.pet)
        self.assertEqual(list(questions), ["pet_species", "pet_count", "pet_breed"])
        self.assertEqual(questions["pet_count"]["type"], "integer")
        ticket = self._tickets(self.user_a)._wbg54_submit_application(
            {
                "application_type_id": self.pet.id,
                "description": "Bitte um Genehmigung.",
                "pet_species": "Hund",
                "pet_count": 2,
                "pet_breed": "Dackel",
            },
            [("Hund.webp", make_photo("WEBP", size=(200, 200)), "image/webp")],
        )
        self.assertEqual(
            (
                ticket.wbg54_kind,
                ticket.wbg54_application_type_id,
                ticket.team_id,
                ticket.pet_species,
                ticket.pet_count,
                ticket.pet_breed,
            ),
            ("application", self.pet, self.pet.team_id, "Hund", 2, "Dackel"),
        )
        self.assertEqual(ticket.sudo().attachment_ids.mimetype, "image/webp")

        ticket = self._tickets(self.user_a)._wbg54_submit_application(
            {
                "application_type_id": str(self.renovation.id),
                "description": "Wanne gegen Dusche",
                "renovation_scope": "Bad",
                "renovation_date_from": datetime.date(2027, 3, 1),
                "renovation_date_to": "2027-03-15",
                "renovation_company": "Sanitär Meyer GmbH",
            }
        )
        self.assertEqual(
            (ticket.renovation_date_from, ticket.renovation_date_to),
            (datetime.date(2027, 3, 1), datetime.date(2027, 3, 15)),
        )

    def test_application_answers_checked(self):
        Ticket = self._tickets(self.user_a)
        self.assertRefused(
            lambda: Ticket._wbg54_submit_application(
                {
                    "application_type_id": self.pet.id,
                    "description": "Katze",
                    "pet_species": "Katze",
                    "pet_count": 0,
                }
            ),
            {
                "pet_count": "Bitte prüfen Sie diese Angabe.",
                "pet_breed": "Bitte beantworten Sie diese Frage.",
            },
        )
        self.assertRefused(
            lambda: Ticket._wbg54_submit_application(
                {
                    "application_type_id": self.renovation.id,
                    "description": "Bad",
                    "renovation_scope": "Bad",
                    "renovation_date_from": "2027-03-15",
                    "renovation_date_to": "2027-03-01",
                    "renovation_company": ["Meyer"],
                }
            ),
            {
                "renovation_date_to": "Das geplante Ende liegt vor dem Beginn.",
                "renovation_company": "Bitte prüfen Sie diese Angabe.",
            },
        )
        self.assertRefused(
            lambda: Ticket._wbg54_submit_application(
                {"application_type_id": "99999999999", "description": "x"}
            ),
            {
                "application_type_id": "Bitte wählen Sie aus, was Sie beantragen "
                "möchten."
            },
        )
        self.assertRefused(
            lambda: Ticket._wbg54_submit_application(
                {
                    "application_type_id": self.renovation.id,
                    "description": "Bad",
                    "renovation_scope": "Bad",
                    "renovation_date_from": "2027-02-30",
                    "renovation_date_to": "morgen",
                    "renovation_company": "Meyer",
                    "contract_id": self.contract_c.id,
                }
            ),
            {
                "renovation_date_from": "Bitte prüfen Sie diese Angabe.",
                "renovation_date_to": "Bitte prüfen Sie diese Angabe.",
                "contract_id": "Bitte wählen Sie einen Ihrer Verträge aus.",
            },
        )
