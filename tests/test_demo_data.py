from odoo.tests import TransactionCase


class TestDemoData(TransactionCase):
    """The demo `make run` serves: a small German cooperative."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "wbg54_portal.user_wbg54_tenant_1", raise_if_not_found=False
        ):
            self.skipTest("database without demo data")

    def test_size_and_consistency(self):
        buildings = self.env["wbg54.building"].search(
            [("code", "in", ("1001", "1002", "1003"))]
        )
        self.assertEqual(len(buildings), 3)
        self.assertGreaterEqual(
            self.env["wbg54.unit"].search_count([("building_id", "in", buildings.ids)]),
            30,
        )
        members = self.env["res.partner"].search([("membership_state", "=", "member")])
        with_contract = members.filtered(
            lambda m: m.contract_ids.filtered(lambda c: c.state == "active")
        )
        self.assertGreaterEqual(len(with_contract), 25)
        self.assertTrue(all(m.member_number for m in members))
        self.assertTrue(
            all(m.share_balance <= m.share_capital_subscribed for m in members)
        )
        changed = (
            self.env["wbg54.contract"]
            .search([])
            .filtered(lambda c: len(set(c.fee_line_ids.mapped("date_from"))) > 1)
        )
        self.assertGreaterEqual(len(changed), 10, "fee history")

    def test_logins_in_german(self):
        staff = self.env["res.users"].search([("login", "=", "staff@wbg54.example")])
        self.assertTrue(staff.has_group("wbg54_portal.group_wbg54_portal_user"))
        tenants = self.env.ref("wbg54_portal.user_wbg54_tenant_1") | self.env.ref(
            "wbg54_portal.user_wbg54_tenant_2"
        )
        self.assertTrue(
            all(
                t.has_group("base.group_portal")
                and t.partner_id.membership_state == "member"
                for t in tenants
            )
        )
        self.assertEqual(set((staff | tenants).mapped("lang")), {"de_DE"})
        self.assertTrue(
            tenants[0].partner_id.contract_ids.co_member_ids,
            "tenant 1 lives in a household",
        )
