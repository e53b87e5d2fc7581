"""Staff data without noise: no foreign demo requests, member forms without
sales and tax data, right German labels, the app found in Apps."""

from lxml import etree

from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools.safe_eval import safe_eval

HELPDESK_DEMO = {
    "helpdesk.ticket": [f"helpdesk_ticket_{i}" for i in range(1, 9)],
    "helpdesk.ticket.team": [f"helpdesk_team_{i}" for i in range(1, 4)],
    "helpdesk.ticket.category": [f"helpdesk_category_{i}" for i in range(1, 6)],
    "helpdesk.ticket.tag": [f"helpdesk_tag_{i}" for i in range(1, 4)],
}


class TestDemoRequests(TransactionCase):
    """helpdesk_mgmt's demo (an English software shop) stays out of the
    cooperative's requests."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "wbg54_portal.user_wbg54_tenant_1", raise_if_not_found=False
        ):
            self.skipTest("database without demo data")

    def test_helpdesk_demo_is_archived(self):
        for model, names in HELPDESK_DEMO.items():
            records = self.env[model].browse(
                self.env.ref(f"helpdesk_mgmt.{name}").id for name in names
            )
            self.assertEqual(records.mapped("active"), [False] * len(names), model)

    def test_staff_and_tenants_see_only_the_cooperatives_requests(self):
        demo_tickets = self.env["helpdesk.ticket"].browse(
            self.env.ref(f"helpdesk_mgmt.{name}").id
            for name in HELPDESK_DEMO["helpdesk.ticket"]
        )
        staff = self.env["res.users"].search([("login", "=", "staff@wbg54.example")])
        action = self.env["ir.actions.act_window"]._for_xml_id(
            self.env.ref("wbg54_portal.wbg54_ticket_menu").action.xml_id
        )
        Ticket = (
            self.env["helpdesk.ticket"]
            .with_user(staff)
            .with_context(**safe_eval(action.get("context") or "{}"))
        )
        seen = Ticket.search(safe_eval(action.get("domain") or "[]"))
        self.assertFalse(seen & demo_tickets, "staff's Requests")
        self.assertFalse(
            Ticket.search([("name", "in", demo_tickets.mapped("name"))]),
            "not even by searching their titles",
        )
        teams = self.env["helpdesk.ticket.team"].with_user(staff).search([])
        self.assertEqual(
            set(teams.ids),
            {
                self.env.ref("wbg54_portal.helpdesk_team_technical").id,
                self.env.ref("wbg54_portal.helpdesk_team_administration").id,
            },
            "helpdesk_mgmt's dashboard shows the cooperative's teams",
        )
        categories = self.env["helpdesk.ticket.category"].with_user(staff).search([])
        self.assertTrue(
            all(categories.mapped("wbg54_damage")), categories.mapped("name")
        )
        tenant = self.env.ref("wbg54_portal.user_wbg54_tenant_1")
        self.assertFalse(
            self.env["helpdesk.ticket"].with_user(tenant).search([]) & demo_tickets
        )


class TestLabels(TransactionCase):
    def setUp(self):
        super().setUp()
        self.env.ref("base.lang_de").active = True
        self.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        self.env_de = self.env(context={"lang": "de_DE"})

    def _label(self, model, field):
        return self.env_de[model].fields_get([field], ["string"])[field]["string"]

    def test_kinds_have_their_own_german_label(self):
        self.assertEqual(self._label("wbg54.share.movement", "kind"), "Buchungsart")
        self.assertEqual(self._label("wbg54.notice", "kind"), "Art des Aushangs")
        self.assertEqual(self._label("wbg54.consent", "kind"), "Art der Einwilligung")
        self.assertEqual(
            self._label("wbg54.account.mail.request", "kind"), "Art der E-Mail"
        )
        self.assertEqual(
            self._label("helpdesk.ticket", "wbg54_kind"), "Art des Anliegens"
        )
        booking = self.env_de["ir.model.fields"].search(
            [("field_description", "=", "Buchungsart")]
        )
        self.assertEqual(
            booking.mapped(lambda f: f"{f.model}.{f.name}"),
            ["wbg54.share.movement.kind"],
        )

    def test_search_views_group_by_the_right_kind(self):
        for model, xmlid, expected in (
            (
                "wbg54.notice",
                "wbg54_portal.wbg54_notice_view_search",
                "Art des Aushangs",
            ),
            (
                "helpdesk.ticket",
                "helpdesk_mgmt.helpdesk_ticket_view_search",
                "Art des Anliegens",
            ),
            (
                "wbg54.share.movement",
                "wbg54_portal.wbg54_share_movement_view_search",
                "Buchungsart",
            ),
        ):
            arch = self.env_de[model].get_views([(self.env.ref(xmlid).id, "search")])[
                "views"
            ]["search"]["arch"]
            group_by_kind = etree.fromstring(arch).xpath(
                "//filter[contains(@context, \"'kind'\") or "
                "contains(@context, \"'wbg54_kind'\")]"
            )
            self.assertEqual([f.get("string") for f in group_by_kind], [expected])

    def test_properties_of_a_ticket_are_not_the_housing_stock(self):
        self.assertEqual(self._label("helpdesk.ticket", "properties"), "Eigenschaften")
        self.assertEqual(
            self.env_de.ref("wbg54_portal.wbg54_menu_properties").name, "Bestand"
        )


class TestAppsEntry(TransactionCase):
    def _apps_search(self, text, lang):
        """What the Apps search box finds for ``text`` (its own filter domain)."""
        view = self.env.ref("base.view_module_filter")
        field = etree.fromstring(view.arch).xpath("//field[@name='name']")[0]
        domain = safe_eval(field.get("filter_domain"), {"self": text})
        Module = self.env["ir.module.module"].with_context(lang=lang)
        return Module.search(domain + [("application", "=", True)])

    def test_found_by_genossenschaft(self):
        self.env.ref("base.lang_de").active = True
        module = self.env["ir.module.module"].search([("name", "=", "wbg54_portal")])
        for lang in ("de_DE", "en_US"):
            for text in ("Genossenschaft", "genossenschaft", "housing cooperative"):
                self.assertIn(module, self._apps_search(text, lang), (text, lang))

    def test_description_in_english_and_german(self):
        module = self.env["ir.module.module"].search([("name", "=", "wbg54_portal")])
        text = " ".join(
            etree.fromstring(
                f"<div>{module.description_html}</div>", etree.HTMLParser()
            ).itertext()
        )
        for words in (
            "For tenants",
            "For staff",
            "Report damage",
            "Auf Deutsch",
            "Schaden melden",
            "Genossenschaft",
        ):
            self.assertIn(words, text)


class TestMemberForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_de").active = True
        cls.staff = new_test_user(
            cls.env,
            login="form_staff",
            password="form_staff_pw1",
            groups="wbg54_portal.group_wbg54_portal_user",
            lang="de_DE",
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Mia Mitglied", "membership_state": "member"}
        )
        cls.craftsman = cls.env["res.partner"].create(
            {"name": "Sanitär Meyer GmbH", "is_company": True, "vat": "DE123456788"}
        )
        cls.action = cls.env.ref("wbg54_portal.res_partner_action_wbg54_member")

    def test_member_form_has_no_sales_or_tax_data(self):
        self.start_tour(
            f"/odoo/action-{self.action.id}/{self.member.id}",
            "wbg54_member_form",
            login="form_staff",
        )

    def test_business_partner_keeps_them(self):
        self.start_tour(
            f"/odoo/res.partner/{self.craftsman.id}",
            "wbg54_business_partner_form",
            login="form_staff",
        )
