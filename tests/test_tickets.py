import io

from PIL import Image
from PyPDF2 import PdfReader

from odoo import http
from odoo.tests import HttpCase, TransactionCase
from odoo.tests.common import JsonRpcException

from odoo.addons.mail.tests.common import MockEmail

from .common import TENANT_PASSWORD, TenantFixture
from .test_photo import make_photo


class TicketCase(TenantFixture, MockEmail, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.env.company.email = "service@wbg54.example"
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt"], ["de_DE"], overwrite=True
        )
        cls.sanitary = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        cls.pet = cls.env.ref("wbg54_portal.application_type_pet")

    def _post(self, url, data, files=None):
        return self.url_open(
            url,
            data={**data, "csrf_token": http.Request.csrf_token(self)},
            files=files,
            allow_redirects=False,
        )

    def _damage(self, files=None, **overrides):
        data = {
            "contract_id": str(self.contract_a1.id),
            "category_id": str(self.sanitary.id),
            "location": "Bad, unter dem Waschbecken",
            "urgency": "urgent",
            "access_allowed": "1",
            "time_windows": "werktags ab 16 Uhr",
            "description": "Der Siphon tropft.",
            **overrides,
        }
        return self._post("/my/tickets/damage", data, files=files)

    def _tickets(self, partner):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", partner.id)])


class TestDamageReport(TicketCase):
    def test_damage_report_with_photos(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        files = [
            ("photos", ("IMG_1.jpg", make_photo(gps=True), "image/jpeg")),
            ("photos", ("IMG_2.png", make_photo("PNG", size=(500, 400)), "image/png")),
        ]
        response = self._damage(files=files)
        self.assertEqual(response.status_code, 303)
        ticket = self._tickets(self.partner_a)
        self.assertEqual(
            response.headers["Location"].split("/my/ticket/")[1], str(ticket.id)
        )
        self.assertEqual(
            (ticket.wbg54_kind, ticket.category_id, ticket.team_id),
            (
                "damage",
                self.sanitary,
                self.env.ref("wbg54_portal.helpdesk_team_technical"),
            ),
        )
        self.assertEqual(
            (ticket.wbg54_contract_id, ticket.wbg54_unit_id, ticket.wbg54_building_id),
            (self.contract_a1, self.contract_a1.unit_id, self.building),
        )
        self.assertEqual(
            (ticket.wbg54_location, ticket.wbg54_urgency, ticket.wbg54_access_allowed),
            ("Bad, unter dem Waschbecken", "urgent", True),
        )
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(sorted(photos.mapped("name")), ["IMG_1.jpg", "IMG_2.png"])
        jpeg = Image.open(
            io.BytesIO(photos.filtered(lambda a: a.name == "IMG_1.jpg").raw)
        )
        self.assertEqual(max(jpeg.size), 1920)
        self.assertFalse(jpeg.getexif(), "GPS and camera data removed")
        self.assertIn(self.partner_a, ticket.message_partner_ids)

    def test_damage_report_without_photo(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self.assertEqual(self._damage().status_code, 303)
        self.assertEqual(len(self._tickets(self.partner_a)), 1)

    def test_bad_photo_keeps_the_form_and_creates_nothing(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        cases = [
            (
                "Rechnung.pdf",
                b"%PDF-1.4 ...",
                "ist kein Foto im Format JPEG, PNG oder WebP",
            ),
            (
                "kaputt.jpg",
                make_photo(size=(100, 100))[:200],
                "konnte nicht als Foto gelesen werden",
            ),
            ("riesig.jpg", b"\xff" * (15 * 1024 * 1024 + 10), "ist größer als 15 MB"),
        ]
        for name, data, message in cases:
            response = self._damage(files=[("photos", (name, data, "image/jpeg"))])
            self.assertEqual(response.status_code, 200, name)
            self.assertIn(name, response.text)
            self.assertIn(message, response.text)
            self.assertIn(
                "Bad, unter dem Waschbecken", response.text, "what was typed is kept"
            )
            self.assertIn("Der Siphon tropft.", response.text)
            self.assertIn('value="urgent" selected', response.text)
        too_many = [
            ("photos", (f"p{i}.png", make_photo("PNG", size=(20, 20)), "image/png"))
            for i in range(11)
        ]
        self.assertIn("höchstens 10 Fotos", self._damage(files=too_many).text)
        self.assertFalse(self._tickets(self.partner_a), "no half-created ticket")
        self.assertIn(
            "Bitte wählen Sie aus, was beschädigt ist.",
            self._damage(category_id="").text,
        )
        self.assertFalse(self._tickets(self.partner_a))


class TestApplications(TicketCase):
    def test_each_application_type_with_its_questions(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        answers = {
            "wbg54_portal.application_type_pet": {
                "pet_species": "Hund",
                "pet_count": "1",
                "pet_breed": "Dackel, klein",
            },
            "wbg54_portal.application_type_renovation": {
                "renovation_scope": "Wanne gegen Dusche",
                "renovation_date_from": "2027-03-01",
                "renovation_date_to": "2027-03-15",
                "renovation_company": "Sanitär Meyer GmbH",
            },
            "wbg54_portal.application_type_awning": {
                "awning_size": "3 x 2 m",
                "awning_colour": "beige",
                "awning_position": "Balkon Südseite",
            },
        }
        for xmlid, questions in answers.items():
            app_type = self.env.ref(xmlid)
            page = self.url_open(f"/my/tickets/application?type={app_type.id}").text
            for field_name in questions:
                self.assertIn(
                    f'name="{field_name}"',
                    page,
                    page[page.find("o_wbg54_type_choice") :][:3000],
                )
            photo = [
                (
                    "photos",
                    ("Skizze.png", make_photo("PNG", size=(400, 300)), "image/png"),
                )
            ]
            response = self._post(
                "/my/tickets/application",
                {
                    "application_type_id": str(app_type.id),
                    "description": "Bitte um Genehmigung.",
                    **questions,
                },
                files=photo if app_type == self.pet else None,
            )
            self.assertEqual(response.status_code, 303, xmlid)
            ticket = self._tickets(self.partner_a).filtered(
                lambda t, app_type=app_type: t.wbg54_application_type_id == app_type
            )
            self.assertEqual(ticket.wbg54_kind, "application")
            for field_name, value in questions.items():
                self.assertEqual(str(ticket[field_name]), value, field_name)
            self.assertEqual(
                len(ticket.attachment_ids), 1 if app_type == self.pet else 0
            )

    def test_missing_answer_keeps_the_form(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._post(
            "/my/tickets/application",
            {
                "application_type_id": str(self.pet.id),
                "description": "Katze",
                "pet_species": "Katze",
                "pet_count": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bitte beantworten Sie diese Frage.", response.text)
        self.assertIn("Bitte prüfen Sie diese Angabe.", response.text)
        self.assertIn('value="Katze"', response.text)
        self.assertFalse(self._tickets(self.partner_a))

    def test_general_message_through_helpdesk_mgmt(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self.url_open(
            "/submitted/ticket",
            data={
                "subject": "Frage zur Hausordnung",
                "description": "Wann ist Ruhezeit?",
                "category": "",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(self._tickets(self.partner_a).wbg54_kind, "message")


class TestTicketMails(TicketCase):
    def test_stage_change_and_reply_mails_in_german(self):
        self.partner_a.lang = "de_DE"
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        with self.mock_mail_gateway():
            ticket.stage_id = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
            )
            # tracking (and its stage template) runs before commit
            self.env.cr.precommit.run()
        mails = self._new_mails.filtered(lambda m: self.partner_a in m.recipient_ids)
        self.assertTrue(mails, "the tenant hears of the stage change")
        self.assertIn("Guten Tag", mails[0].body_html)
        with self.mock_mail_gateway():
            ticket.with_user(self.env.ref("base.user_admin")).message_post(
                body="Der Handwerker kommt am Montag.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertTrue(
            [
                m
                for m in self._mails
                if "tenant_a@example.com" in " ".join(m["email_to"])
                and "Der Handwerker kommt am Montag." in m["body"]
            ],
            "staff reply reaches the tenant",
        )

    def test_preferences_per_channel(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        phone = (
            self.env["wbg54.push.device"]
            .with_user(self.user_a)
            ._register_token("ticket-phone-" + "p" * 40, "android")[0]
            .sudo()
        )
        Push = self.env["wbg54.push.message"]
        staff = self.env.ref("base.user_admin")

        def stage_and_reply(stage, text):
            pushes = Push.search([])
            with self.mock_mail_gateway():
                ticket.stage_id = self.env.ref(
                    f"helpdesk_mgmt.helpdesk_ticket_stage_{stage}"
                )
                self.env.cr.precommit.run()
                ticket.with_user(staff).message_post(
                    body=text, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
                ticket.with_user(staff).message_post(
                    body="intern", message_type="comment", subtype_xmlid="mail.mt_note"
                )
            mails = [
                m
                for m in self._mails
                if "tenant_a@example.com" in " ".join(m["email_to"])
            ]
            return mails, Push.search([]) - pushes

        self.partner_a.write(
            {"wbg54_notify_ticket_email": False, "wbg54_notify_ticket_push": True}
        )
        mails, pushes = stage_and_reply(
            "in_progress", "Der Handwerker kommt am Montag."
        )
        self.assertFalse(mails, "no e-mail: neither the stage change nor the reply")
        self.assertEqual(
            pushes.mapped("title"),
            [f"Neue Antwort zu {ticket.number}", f"{ticket.number}: In Arbeit"],
            "a push for the stage and the reply, none for the internal note",
        )
        self.assertEqual(pushes.device_id, phone)
        self.assertEqual(set(pushes.mapped("url")), {f"/my/ticket/{ticket.id}"})
        self.assertIn(
            "Der Handwerker kommt am Montag.",
            ticket.message_ids.mapped("body")[1],
            "the reply stays readable in the portal",
        )

        self.partner_a.write(
            {"wbg54_notify_ticket_email": True, "wbg54_notify_ticket_push": False}
        )
        mails, pushes = stage_and_reply("done", "Erledigt.")
        self.assertEqual(len(mails), 2, "stage change and reply by e-mail")
        self.assertFalse(pushes)


class TestTicketAccess(TicketCase):
    def test_other_tenants_get_nothing(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage(
            files=[("photos", ("IMG_1.jpg", make_photo(size=(300, 200)), "image/jpeg"))]
        )
        ticket = self._tickets(self.partner_a)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        stage_before = ticket.stage_id
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        # tenant_b shares tenant_a's household contract, tenant_c lives in the same
        # building
        for login in ("tenant_b", "tenant_c"):
            self.authenticate(login, TENANT_PASSWORD)
            response = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
            self.assertEqual(response.status_code, 404, login)
            self.assertNotIn("Siphon", response.text)
            self.assertNotIn(ticket.number, self.url_open("/my/tickets").text)
            response = self._post(
                "/ticket/close", {"ticket_id": str(ticket.id), "stage_id": str(done.id)}
            )
            self.assertEqual(response.status_code, 404, login)
            self.assertEqual(
                ticket.stage_id, stage_before, "not closed by another tenant"
            )
            response = self.url_open(f"/web/content/{photo.id}", allow_redirects=False)
            self.assertIn(response.status_code, (403, 404), login)
            self.assertFalse(response.content.startswith(b"\xff\xd8"), "no photo bytes")
            with self.assertRaises(JsonRpcException, msg=f"{login} cannot reply"):
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {
                        "thread_model": "helpdesk.ticket",
                        "thread_id": ticket.id,
                        "post_data": {"body": "fremd", "message_type": "comment"},
                    },
                )
        self.assertFalse(
            ticket.message_ids.filtered(lambda m: "fremd" in (m.body or ""))
        )

    def test_owner_can_close(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._damage()
        ticket = self._tickets(self.partner_a)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        # confirmed on the page the button leads to (tests/test_ticket_page.py)
        response = self._post(
            "/ticket/close",
            {"ticket_id": str(ticket.id), "stage_id": str(done.id), "confirm": "1"},
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(ticket.stage_id, done)

    def test_anonymous_goes_to_login(self):
        for url in (
            "/my/tickets",
            "/my/tickets/damage",
            "/my/tickets/application",
            "/my/ticket/1",
        ):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)


class TestTicketQueryCount(TicketCase):
    def _count(self, url):
        self.url_open(url)
        self.url_open(url)
        before = self.cr.sql_log_count
        self.assertEqual(self.url_open(url).status_code, 200)
        return self.cr.sql_log_count - before

    def test_pages_do_not_grow(self):
        Ticket = self.env["helpdesk.ticket"]

        def ticket_for(partner, messages):
            ticket = Ticket.create(
                {
                    "name": "T",
                    "description": "x",
                    "partner_id": partner.id,
                    "wbg54_kind": "damage",
                    "wbg54_contract_id": self.contract_a1.id,
                }
            )
            ticket.message_subscribe(partner_ids=partner.ids)
            for i in range(messages):
                ticket.message_post(
                    body=f"m{i}",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            return ticket

        small = ticket_for(self.partner_c, 1)
        self.authenticate("tenant_c", TENANT_PASSWORD)
        # the ticket page first: the list fills the session's record pager
        page_small, list_small = (
            self._count(f"/my/ticket/{small.id}"),
            self._count("/my/tickets"),
        )
        big = ticket_for(self.partner_a, 1)
        for _i in range(15):
            ticket_for(self.partner_a, 4)
        for i in range(20):
            big.message_post(
                body=f"n{i}", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self.assertLessEqual(
            self._count(f"/my/ticket/{big.id}"), page_small, "ticket page"
        )
        self.assertLessEqual(self._count("/my/tickets"), list_small, "list")


class TestDecisionLetter(TenantFixture, MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()

    def test_decision_letter_pdf_and_message(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Antrag",
                "description": "Hund",
                "partner_id": self.partner_a.id,
                "wbg54_kind": "application",
                "wbg54_application_type_id": self.env.ref(
                    "wbg54_portal.application_type_pet"
                ).id,
                "wbg54_contract_id": self.contract_a1.id,
                "pet_species": "Hund",
                "pet_count": 1,
            }
        )
        ticket.message_subscribe(partner_ids=self.partner_a.ids)
        ticket.write(
            {
                "wbg54_decision": "approved_conditions",
                "wbg54_decision_reason": "Leinenpflicht im Hof.",
            }
        )
        with self.mock_mail_gateway():
            ticket.with_context(
                force_report_rendering=True
            ).action_wbg54_send_decision()
        message = ticket.message_ids[0]
        pdf = message.attachment_ids
        self.assertEqual(pdf.mimetype, "application/pdf")
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf.raw)).pages
        )
        for expected in (
            "Alma Albrecht",
            "Leinenpflicht im Hof.",
            ticket.number,
            "Portalweg 7",
        ):
            self.assertIn(expected, text)
        self.assertIn("Bedingungen", text, "the letter is German")
        self.assertTrue(
            [
                m
                for m in self._mails
                if "tenant_a@example.com" in " ".join(m["email_to"])
            ]
        )


class TestDamageTour(TicketCase):
    def test_damage_report_on_a_phone(self):
        self.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        self.browser_size = "360x740"
        self.touch_enabled = True
        self.start_tour("/my", "wbg54_damage_report", login="tenant_c")
        ticket = self._tickets(self.partner_c)
        self.assertEqual(
            (ticket.wbg54_kind, ticket.category_id, ticket.wbg54_location),
            ("damage", self.sanitary, "Bad"),
        )
