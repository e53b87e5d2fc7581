"""The ticket page shows what the tenant sent; closing asks once more; the
forms preselect the tenant's apartment."""

import re

from lxml import html

from odoo.fields import Command
from odoo.tests import new_test_user

from .common import TENANT_PASSWORD
from .test_photo import make_photo
from .test_tickets import TicketCase


def _details(page):
    """The ticket page's "Ihre Angaben" as {label: text}."""
    doc = html.fromstring(page)
    blocks = doc.xpath("//div[contains(@class, 'o_wbg54_ticket_details')]")
    if not blocks:
        return {}
    return {
        " ".join(dt.text_content().split()): " ".join(
            dt.getnext().text_content().split()
        )
        for dt in blocks[0].iter("dt")
    }


def _form(page, action):
    """The fields of the page's form posting to ``action``."""
    doc = html.fromstring(page)
    forms = doc.xpath(f"//form[@action='{action}']")
    return [
        {field.get("name"): field.get("value") for field in form.iter("input")}
        for form in forms
    ]


class TestTicketPageDetails(TicketCase):
    def test_damage_report_page_shows_what_was_sent(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._damage(
            files=[
                ("photos", ("Siphon.jpg", make_photo(size=(400, 300)), "image/jpeg"))
            ]
        )
        ticket = self._tickets(self.partner_a)
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertEqual(
            _details(page.text),
            {
                "Betrifft": "Portalweg 7, 01.01 (Wohnung)",
                "Vertrag": self.contract_a1.name,
                "Ort des Schadens": "Bad, unter dem Waschbecken",
                "Dringlichkeit": "Dringend",
                "Zutritt in Ihrer Abwesenheit": "Erlaubt",
                "Wann Sie zu Hause sind": "werktags ab 16 Uhr",
            },
        )
        self.assertIn("Der Siphon tropft.", page.text)
        # the photo is listed and opens for her (the page's link carries its token)
        photo = ticket.attachment_ids
        self.assertEqual(photo.name, "Siphon.jpg")
        link = re.search(rf'href="(/web/content/{photo.id}\?[^"]+)"', page.text)
        self.assertTrue(link, "the photo is linked on the page")
        content = self.url_open(link.group(1).replace("&amp;", "&"))
        self.assertEqual(content.status_code, 200)
        self.assertTrue(content.content.startswith(b"\xff\xd8"), "the photo's bytes")

        # without entry permission, times or place: only what was sent
        response = self._damage(
            access_allowed="", time_windows="", location="", urgency="emergency"
        )
        details = _details(self.url_open(response.headers["Location"]).text)
        self.assertEqual(details["Zutritt in Ihrer Abwesenheit"], "Nicht erlaubt")
        self.assertEqual(details["Dringlichkeit"], "Notfall")
        self.assertNotIn("Ort des Schadens", details)
        self.assertNotIn("Wann Sie zu Hause sind", details)

        # another tenant of the household does not see it
        self.authenticate("tenant_b", TENANT_PASSWORD)
        other = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("werktags ab 16 Uhr", other.text)

    def test_application_page_shows_the_answers(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        cases = {
            "wbg54_portal.application_type_pet": (
                {"pet_species": "Hund", "pet_count": "2", "pet_breed": "Dackel"},
                {
                    "Antragsart": "Tierhaltung",
                    "Tierart": "Hund",
                    "Anzahl der Tiere": "2",
                    "Größe / Rasse": "Dackel",
                },
            ),
            "wbg54_portal.application_type_renovation": (
                {
                    "renovation_scope": "Wanne gegen Dusche",
                    "renovation_date_from": "2027-03-01",
                    "renovation_date_to": "2027-03-15",
                    "renovation_company": "Sanitär Meyer GmbH",
                },
                {
                    "Antragsart": "Badumbau",
                    "Umfang der Arbeiten": "Wanne gegen Dusche",
                    "Geplanter Beginn": "01.03.2027",
                    "Geplantes Ende": "15.03.2027",
                    "Ausführende Firma": "Sanitär Meyer GmbH",
                },
            ),
            "wbg54_portal.application_type_awning": (
                {
                    "awning_size": "3 x 2 m",
                    "awning_colour": "beige",
                    "awning_position": "Balkon Südseite",
                },
                {
                    "Antragsart": "Markise",
                    "Größe": "3 x 2 m",
                    "Farbe": "beige",
                    "Anbringungsort": "Balkon Südseite",
                },
            ),
        }
        for xmlid, (answers, expected) in cases.items():
            response = self._post(
                "/my/tickets/application",
                {
                    "application_type_id": str(self.env.ref(xmlid).id),
                    "contract_id": str(self.contract_a2.id),
                    "description": "Bitte um Genehmigung.",
                    **answers,
                },
            )
            self.assertEqual(response.status_code, 303, xmlid)
            details = _details(self.url_open(response.headers["Location"]).text)
            self.assertEqual(
                details,
                {
                    "Betrifft": "Portalweg 7, 02.01 (Wohnung)",
                    "Vertrag": self.contract_a2.name,
                    **expected,
                },
                xmlid,
            )

    def test_message_page_has_no_details(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Frage",
                "description": "Ruhezeit?",
                "partner_id": self.partner_a.id,
            }
        )
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(_details(page.text), {})


class TestTicketClose(TicketCase):
    def test_close_asks_for_confirmation(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        stage_before = ticket.stage_id
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        # the page's close buttons post to /ticket/close (what a browser sends)
        buttons = _form(self.url_open(f"/my/ticket/{ticket.id}").text, "/ticket/close")
        self.assertTrue(buttons)
        button = next(b for b in buttons if b["stage_id"] == str(done.id))
        self.assertNotIn("confirm", button)
        confirm = self._post("/ticket/close", button)
        self.assertEqual(confirm.status_code, 200)
        self.assertEqual(ticket.stage_id, stage_before, "not closed by the first click")
        self.assertIn("Dieses Anliegen schließen?", confirm.text)
        self.assertIn(ticket.number, confirm.text)
        self.assertIn("Erledigt", confirm.text)
        self.assertIn(f'href="/my/ticket/{ticket.id}"', confirm.text, "a way back")
        # the confirmation's button posts again, with "confirm"
        (form,) = _form(confirm.text, "/ticket/close")
        self.assertEqual(
            {k: v for k, v in form.items() if k != "csrf_token"},
            {"ticket_id": str(ticket.id), "stage_id": str(done.id), "confirm": "1"},
        )
        self.assertTrue(form["csrf_token"])
        response = self._post("/ticket/close", form)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(ticket.stage_id, done)

    def test_confirmation_only_for_a_closing_stage(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        stage_before = ticket.stage_id
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        response = self._post(
            "/ticket/close",
            {"ticket_id": str(ticket.id), "stage_id": str(in_progress.id)},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Bitte wählen Sie eine der angebotenen Möglichkeiten.", response.text
        )
        self._post(
            "/ticket/close",
            {
                "ticket_id": str(ticket.id),
                "stage_id": str(in_progress.id),
                "confirm": "1",
            },
        )
        self.assertEqual(ticket.stage_id, stage_before)

    def test_close_on_a_phone(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        self.browser_size = "360x740"
        self.touch_enabled = True
        self.start_tour(
            f"/my/ticket/{ticket.id}", "wbg54_ticket_close", login="tenant_a"
        )
        ticket.invalidate_recordset()
        self.assertEqual(
            ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        )


class TestContractPreselection(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as in the demo: an apartment since 2015, a garage rented later (the
        # contracts come newest first)
        garage = cls.env["wbg54.unit"].create(
            {"name": "G1", "building_id": cls.building.id, "unit_type": "garage"}
        )
        cls.user_g = new_test_user(
            cls.env,
            login="tenant_g",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Gerd Garage",
            email="tenant_g@example.com",
            lang="de_DE",
        )
        cls.user_g.partner_id.membership_state = "member"
        cls.apartment = cls._contract(cls.units[5], cls.user_g.partner_id)
        cls.garage = cls.env["wbg54.contract"].create(
            {
                "unit_id": garage.id,
                "partner_id": cls.user_g.partner_id.id,
                "date_start": "2022-04-01",
                "fee_line_ids": [
                    Command.create(
                        {
                            "fee_type": "parking",
                            "amount": 45.0,
                            "date_from": "2022-04-01",
                        }
                    )
                ],
            }
        )
        cls.garage.action_activate()

    def _options(self, url):
        doc = html.fromstring(self.url_open(url).text)
        options = doc.xpath("//select[@name='contract_id']/option")
        return (
            [option.get("value") for option in options],
            [option.get("value") for option in options if option.get("selected")],
        )

    def test_forms_preselect_the_apartment(self):
        self.authenticate("tenant_g", TENANT_PASSWORD)
        pet = self.env.ref("wbg54_portal.application_type_pet")
        for url in ("/my/tickets/damage", f"/my/tickets/application?type={pet.id}"):
            values, selected = self._options(url)
            self.assertEqual(
                values,
                [str(self.garage.id), str(self.apartment.id)],
                "the garage comes first",
            )
            self.assertEqual(selected, [str(self.apartment.id)], url)

    def test_single_choice_is_the_apartment(self):
        # a report sent without a choice (no list shown) concerns the apartment
        self.authenticate("tenant_g", TENANT_PASSWORD)
        response = self._damage(contract_id="")
        self.assertEqual(response.status_code, 303)
        ticket = self._tickets(self.user_g.partner_id)
        self.assertEqual(ticket.wbg54_contract_id, self.apartment)

    def test_active_apartment_before_a_terminated_one(self):
        # a second apartment, listed before the first, given notice (moving out)
        leaving = self._contract(self.units[6], self.user_g.partner_id)
        leaving.date_end = "2030-06-30"
        leaving.action_terminate()
        self.authenticate("tenant_g", TENANT_PASSWORD)
        values, selected = self._options("/my/tickets/damage")
        self.assertEqual(
            values, [str(c.id) for c in (self.garage, leaving, self.apartment)]
        )
        self.assertEqual(selected, [str(self.apartment.id)])
