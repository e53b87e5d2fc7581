import io

from PyPDF2 import PdfReader

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user

from .common import TENANT_PASSWORD, TenantFixture


class Wbg54PortalCase(TenantFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()

    def _get(self, url, **kw):
        return self.url_open(url, allow_redirects=False, **kw)

    def _post(self, url, data):
        return self.url_open(
            url,
            data={**data, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )


class TestPortalPages(Wbg54PortalCase):
    def test_home_cards_and_counters(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        home = self._get("/my")
        self.assertEqual(home.status_code, 200)
        for text in (
            "Meine Daten",
            "Meine Verträge",
            "Geschäftsanteile",
            "/my/contracts",
            "/my/shares",
        ):
            self.assertIn(text, home.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["wbg54_contract_count", "wbg54_share_count"]}
        )
        self.assertEqual(counters, {"wbg54_contract_count": 2, "wbg54_share_count": 4})
        self.authenticate("tenant_b", TENANT_PASSWORD)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["wbg54_contract_count"]}
        )
        self.assertEqual(
            counters["wbg54_contract_count"],
            1,
            "a co-member sees the household contract",
        )

    def test_contract_list_and_detail(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self._get("/my/contracts").text
        self.assertIn(self.contract_a1.name, page)
        self.assertIn(self.contract_a2.name, page)
        self.assertNotIn(self.contract_c.name, page)
        self.assertIn("612,50", page)
        detail = self._get(f"/my/contracts/{self.contract_a1.id}")
        self.assertEqual(detail.status_code, 200)
        for text in (
            "Portalweg 7",
            "04109",
            "Leipzig",
            "01.01",
            "70,50",
            "Alma Albrecht",
            "Bodo Albrecht",
            "Grundnutzungsgebühr",
            "420,00",
            "Betriebskostenvorauszahlung",
            "140,00",
            "52,50",
            "612,50",
        ):
            self.assertIn(text, detail.text)

    def test_co_member_sees_household_contract(self):
        self.authenticate("tenant_b", TENANT_PASSWORD)
        r = self._get(f"/my/contracts/{self.contract_a1.id}")
        self.assertEqual(r.status_code, 200, r.text[-3000:])
        self.assertEqual(
            self._get(f"/my/contracts/{self.contract_a2.id}").status_code, 404
        )
        self.assertNotIn(self.contract_a2.name, self._get("/my/contracts").text)

    def test_fee_history_on_detail(self):
        self.contract_a2.fee_line_ids = [
            Command.create(
                {"fee_type": "base", "amount": 450.0, "date_from": "2024-01-01"}
            ),
        ]
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self._get(f"/my/contracts/{self.contract_a2.id}").text
        self.assertIn("642,50", page, "current total after the change")
        self.assertIn("612,50", page, "the earlier total stays in the history")

    def test_shares_page(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self._get("/my/shares").text
        self.assertIn("640,00", page)  # 4 x 160 subscribed
        self.assertIn("400,00", page)  # paid in
        self.assertNotIn("1.440,00", page, "tenant C's capital is not shown")

    def test_other_tenant_gets_nothing(self):
        self.authenticate("tenant_c", TENANT_PASSWORD)
        for url in (
            f"/my/contracts/{self.contract_a1.id}",
            f"/my/contracts/{self.contract_a1.id}/certificate",
            "/my/contracts/999999",
            "/my/contracts/999999/certificate",
        ):
            response = self._get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Alma", response.text)
            self.assertNotIn(self.contract_a1.name, response.text)
        self.assertNotIn(self.contract_a1.name, self._get("/my/contracts").text)
        self.assertNotIn("400,00", self._get("/my/shares").text)

    def test_anonymous_is_sent_to_login(self):
        for url in (
            "/my/data",
            "/my/contracts",
            f"/my/contracts/{self.contract_a1.id}",
            f"/my/contracts/{self.contract_a1.id}/certificate",
            "/my/shares",
            "/my/shares/confirmation",
        ):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)
            self.assertNotIn("Alma", response.text)

    def test_staff_sees_only_own_contracts_in_portal(self):
        staff = new_test_user(
            self.env,
            login="portal_staff",
            password=TENANT_PASSWORD,
            groups="wbg54_portal.group_wbg54_portal_user",
        )
        staff.partner_id.membership_state = "member"
        self.authenticate("portal_staff", TENANT_PASSWORD)
        self.assertNotIn(self.contract_a1.name, self._get("/my/contracts").text)


class TestPortalMyData(Wbg54PortalCase):
    def _save(self, **values):
        form = {"phone": "", "mobile": "", "lang": "de_DE", **values}
        return self._post("/my/data", form)

    def test_phone_numbers_normalised(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        cases = [
            ("0151 23456789", "+4915123456789", "01512 3456789"),
            ("0341 1234567", "+493411234567", "0341 1234567"),
            ("+49 (341) 123-4567", "+493411234567", "0341 1234567"),
            ("+33 1 23 45 67 89", "+33123456789", "+33 1 23 45 67 89"),
        ]
        for typed, stored, shown in cases:
            response = self._save(phone=typed)
            self.assertEqual(response.status_code, 303, typed)
            self.assertEqual(self.partner_a.phone, stored, typed)
            self.assertIn(f'value="{shown}"', self._get("/my/data").text, typed)
        self._save(phone="", mobile="")
        self.assertFalse(self.partner_a.phone)
        self.assertFalse(self.partner_a.mobile)

    def test_invalid_phone_keeps_the_form(self):
        self.partner_a.phone = "+493411234567"
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._save(phone="12ab", mobile="0151 23456789")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "„12ab“ ist keine gültige Telefonnummer. Bitte geben Sie sie mit Vorwahl "
            "ein, "
            "z. B. 0341 1234567 oder +49 151 23456789.",
            response.text,
        )
        self.assertIn('value="12ab"', response.text)
        self.assertIn('value="0151 23456789"', response.text)
        self.assertEqual(self.partner_a.phone, "+493411234567", "nothing is saved")
        self.assertEqual(self.partner_a.email, "tenant_a@example.com")

    def test_crafted_post_cannot_change_read_only_data(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._save(
            name="Hacked",
            street="Elsewhere 1",
            member_number="1",
            membership_state="former",
            phone="0341 7654321",
        )
        self.assertEqual(self.partner_a.name, "Alma Albrecht")
        self.assertEqual(self.partner_a.street, "Portalweg 7")
        self.assertEqual(self.partner_a.membership_state, "member")
        self.assertEqual(self.partner_a.phone, "+493417654321")

    def test_changes_are_tracked_by_the_tenant(self):
        self.partner_a.phone = "+493411234567"
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self._save(phone="0341 7654321")
        message = self.partner_a.message_ids[0]
        self.assertEqual(message.author_id, self.partner_a)
        tracking = message.sudo().tracking_value_ids.filtered(
            lambda t: t.field_id.name == "phone"
        )
        self.assertEqual(
            (tracking.old_value_char, tracking.new_value_char),
            ("+493411234567", "+493417654321"),
        )

    def test_odoo_account_page_redirects_members(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._get("/my/account")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/data"))

    def test_change_request_reaches_staff(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._post(
            "/my/data/change-request",
            {"field_label": "Address", "text": "Umzug nach Haus 2"},
        )
        self.assertEqual(response.status_code, 303)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(ticket.wbg54_kind, "data_change")
        self.assertIn("Umzug nach Haus 2", ticket.description)
        self.assertIn(
            self.partner_a, ticket.message_partner_ids, "the tenant follows her request"
        )


class TestPortalCertificates(Wbg54PortalCase):
    """The routes; Odoo answers with the report's HTML while tests run."""

    def test_rent_certificate_route(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._get(f"/my/contracts/{self.contract_a1.id}/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment;", response.headers["Content-Disposition"])
        for expected in (
            "Mietbescheinigung",
            "Alma Albrecht",
            "Bodo Albrecht",
            "Portalweg 7",
            "612,50",
        ):
            self.assertIn(expected, response.text)
        note = self.contract_a1.message_ids[0]
        self.assertIn(
            "Mietbescheinigung", note.body, "the generation is noted on the contract"
        )
        self.assertEqual(note.author_id, self.partner_a)

    def test_share_confirmation_route(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        response = self._get("/my/shares/confirmation?date=2020-01-15")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alma Albrecht", response.text)
        self.assertIn("640,00", response.text)
        response = self._get("/my/shares/confirmation?date=not-a-date")
        self.assertEqual(response.status_code, 200, "a bad date falls back to today")
        self.assertIn("400,00", response.text)


class TestCertificatePdf(TenantFixture, TransactionCase):
    """Real PDFs from wkhtmltopdf, read back as text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()

    def _pdf_text(self, report_ref, res_ids, data=None):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, res_ids, data=data)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )

    def test_rent_certificate_pdf(self):
        text = self._pdf_text(
            "wbg54_portal.action_report_rent_certificate", self.contract_a1.ids
        )
        for expected in (
            "Mietbescheinigung",
            "Alma Albrecht",
            "Bodo Albrecht",
            "Portalweg 7 , 04109 Leipzig",
            "70,50",
            "420,00",
            "140,00",
            "52,50",
            "612,50",
        ):
            self.assertIn(expected, text)

    def test_share_confirmation_pdf_at_a_date(self):
        text = self._pdf_text(
            "wbg54_portal.action_report_share_confirmation",
            self.partner_a.ids,
            data={"date": "2020-01-15"},
        )
        self.assertIn("Alma Albrecht", text)
        self.assertIn("640,00", text)
        self.assertNotIn("400,00", text, "the payment of 1 February is after the date")

    def test_staff_prints_from_backend(self):
        staff = new_test_user(
            self.env,
            login="printing_staff",
            groups="wbg54_portal.group_wbg54_portal_user",
        )
        report = self.env.ref("wbg54_portal.action_report_rent_certificate").with_user(
            staff
        )
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, self.contract_c.ids
        )
        text = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
        )
        self.assertIn("Clara Fremd", text)
        self.assertIn("Rent Certificate", self.contract_c.message_ids[0].body)
