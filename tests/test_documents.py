import base64
from datetime import date, timedelta

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase

from .common import TENANT_PASSWORD, TenantFixture

PDF = b"%PDF-1.4\n% a tenant's document\n"


class DocumentFixture(TenantFixture):
    @classmethod
    def _setup_documents(cls):
        cls._setup_tenants()
        cls.Document = cls.env["wbg54.document"]
        cls.letters = cls.env.ref("wbg54_portal.document_category_letters")
        cls.house_rules = cls.env.ref("wbg54_portal.document_category_house_rules")

    @classmethod
    def _document(cls, name, publish=True, **vals):
        document = cls.env["wbg54.document"].create(
            {
                "name": name,
                "category_id": cls.letters.id,
                "file": base64.b64encode(PDF),
                "file_name": f"{name}.pdf",
                **vals,
            }
        )
        if publish:
            document.action_publish()
        return document


class TestDocumentScope(DocumentFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()

    def _visible(self, user):
        return self.Document.with_user(user).search([])

    def test_member_contract_and_building_scopes(self):
        to_c = self._document("An Clara", scope="member", partner_id=self.partner_c.id)
        household = self._document(
            "Haushalt", scope="contract", contract_id=self.contract_a1.id
        )
        building = self._document(
            "Hausordnung",
            scope="building",
            building_ids=[(6, 0, self.building.ids)],
            category_id=self.house_rules.id,
        )
        self.assertEqual(self._visible(self.user_c), to_c | building)
        self.assertEqual(self._visible(self.user_a), household | building)
        self.assertEqual(
            self._visible(self.user_b),
            household | building,
            "a co-member gets household documents",
        )

    def test_moved_out_tenant_gets_no_later_building_documents(self):
        self.contract_c.write({"date_end": fields.Date.today() - timedelta(days=1)})
        self.contract_c.action_terminate()
        later = self._document(
            "Aushang neu", scope="building", building_ids=[(6, 0, self.building.ids)]
        )
        self.assertNotIn(later, self._visible(self.user_c))
        self.assertIn(later, self._visible(self.user_a))

    def test_drafts_and_scheduled_documents_are_not_served(self):
        draft = self._document(
            "Entwurf", publish=False, scope="member", partner_id=self.partner_a.id
        )
        scheduled = self._document(
            "Später",
            publish=False,
            scope="member",
            partner_id=self.partner_a.id,
            publish_at=fields.Datetime.now() + timedelta(hours=2),
        )
        scheduled.action_publish()
        self.assertEqual(scheduled.state, "scheduled")
        self.assertFalse(self._visible(self.user_a))
        scheduled.publish_at = fields.Datetime.now() - timedelta(minutes=1)
        self.env.ref("wbg54_portal.ir_cron_publish_documents").method_direct_trigger()
        self.assertEqual(scheduled.state, "published")
        self.assertEqual(self._visible(self.user_a), scheduled)
        self.assertEqual(draft.state, "draft")

    def test_published_document_is_fixed(self):
        document = self._document("Brief", scope="member", partner_id=self.partner_a.id)
        with self.assertRaises(UserError):
            document.partner_id = self.partner_c


class TestDocumentPortal(DocumentFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.old = cls._document(
            "Betriebskosten 2024",
            scope="member",
            partner_id=cls.partner_a.id,
            document_date=date(2025, 6, 30),
        )
        cls.new = cls._document(
            "Mieterhöhung",
            scope="member",
            partner_id=cls.partner_a.id,
            document_date=date(2026, 3, 1),
        )
        cls.for_c = cls._document(
            "An Clara", scope="member", partner_id=cls.partner_c.id
        )

    def test_list_unread_first_filters_and_read_receipt(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open("/my/documents").text
        self.assertIn("Betriebskosten 2024", page)
        self.assertNotIn("An Clara", page)
        response = self.url_open(f"/my/documents/{self.old.id}/download")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        receipt = self.old.recipient_ids
        self.assertTrue(receipt.opened_at, "staff see when it was first opened")
        first = receipt.opened_at
        self.url_open(f"/my/documents/{self.old.id}/download")
        self.assertEqual(receipt.opened_at, first, "the first opening counts")
        page = self.url_open("/my/documents").text
        self.assertLess(
            page.index("Mieterhöhung"),
            page.index("Betriebskosten 2024"),
            "unread first",
        )
        page = self.url_open("/my/documents?year=2025").text
        self.assertIn("Betriebskosten 2024", page)
        self.assertNotIn("Mieterhöhung", page)
        page = self.url_open(f"/my/documents?category={self.house_rules.id}").text
        self.assertNotIn("Betriebskosten 2024", page)

    def test_other_tenant_and_anonymous(self):
        self.authenticate("tenant_c", TENANT_PASSWORD)
        response = self.url_open(f"/my/documents/{self.old.id}/download")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(PDF, response.content)
        response = self.url_open(f"/web/content/wbg54.document/{self.old.id}/file")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(PDF, response.content)
        self.authenticate(None, None)
        response = self.url_open(f"/my/documents/{self.old.id}/download")
        self.assertIn("/web/login", response.url)
        self.assertNotIn(PDF, response.content)

    def test_list_queries_do_not_grow(self):
        def queries(url):
            self.url_open(url)
            self.url_open(url)
            before = self.cr.sql_log_count
            self.assertEqual(self.url_open(url).status_code, 200)
            return self.cr.sql_log_count - before

        self.authenticate("tenant_c", TENANT_PASSWORD)
        small = queries("/my/documents")
        for i in range(25):
            self._document(
                f"Beleg {i}",
                scope="member",
                partner_id=self.partner_a.id,
                document_date=date(2020 + i % 5, 1, 1),
            )
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self.assertLessEqual(queries("/my/documents"), small)


class TestDocumentNotifications(DocumentFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.env.company.email = "service@wbg54.example"

    def test_preferences_from_the_portal_are_honoured(self):
        self.authenticate("tenant_c", TENANT_PASSWORD)
        self.url_open(
            "/my/data/notifications",
            data={
                "wbg54_notify_notice_email": "1",
                "wbg54_notify_is_admin": "1",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertFalse(self.partner_c.wbg54_notify_document_email)
        self.assertTrue(self.partner_c.wbg54_notify_notice_email)
        self.assertTrue(
            self.partner_a.wbg54_notify_document_email,
            "the default: documents by e-mail",
        )
        self._document(
            "Hausordnung", scope="building", building_ids=[(6, 0, self.building.ids)]
        )
        mails = self.env["mail.mail"].search(
            [("model", "=", "wbg54.document.recipient")]
        )
        recipients = mails.mapped("recipient_ids")
        self.assertIn(self.partner_a, recipients)
        self.assertNotIn(
            self.partner_c, recipients, "tenant C turned document e-mails off"
        )
        mail_a = mails.filtered(lambda m: self.partner_a in m.recipient_ids)
        self.assertIn("Hausordnung", mail_a.subject)
        self.assertIn("Guten Tag", mail_a.body_html, "German for a German tenant")
        self.assertEqual(mail_a.state, "outgoing", "queued for Odoo's mail queue")
