import json

from odoo.tests import HttpCase, new_test_user

from .common import TENANT_PASSWORD, TenantFixture


class TestPortalQueryCount(TenantFixture, HttpCase):
    """The queries of a portal page do not grow with the tenant's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        # tenant "small": one contract, one fee line per type, two movements
        cls.user_small = new_test_user(
            cls.env,
            login="tenant_small",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Sina Klein",
        )
        cls.user_big = new_test_user(
            cls.env,
            login="tenant_big",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Bernd Groß",
        )
        (cls.user_small | cls.user_big).partner_id.membership_state = "member"
        units = cls.env["wbg54.unit"].create(
            [
                {
                    "name": f"Q{i:02d}",
                    "building_id": cls.building.id,
                    "rooms": 2,
                    "living_area": 55.0,
                }
                for i in range(9)
            ]
        )
        cls.small_contract = cls._contract(
            units[0], cls.user_small.partner_id, co_members=cls.partner_b
        )
        cls.big_contracts = cls.env["wbg54.contract"].union(
            *(
                cls._contract(
                    unit, cls.user_big.partner_id, co_members=cls.partner_c, changes=6
                )
                for unit in units[1:]
            )
        )
        Movement = cls.env["wbg54.share.movement"]
        for partner, payments in (
            (cls.user_small.partner_id, 1),
            (cls.user_big.partner_id, 40),
        ):
            Movement.create(
                [
                    {
                        "partner_id": partner.id,
                        "kind": "subscription",
                        "share_qty": 50,
                        "date": "2019-01-01",
                    }
                ]
                + [
                    {
                        "partner_id": partner.id,
                        "kind": "payment",
                        "amount": 10.0,
                        "date": "2020-01-01",
                    }
                ]
                * payments
            ).action_post()

    def _open(self, url, data=None):
        if data is None:
            response = self.url_open(url)
        else:
            response = self.url_open(
                url, data=json.dumps(data), headers={"Content-Type": "application/json"}
            )
        self.assertEqual(response.status_code, 200, url)

    def _assert_same_queries(self, small_url, big_url, data=None):
        self.authenticate("tenant_small", TENANT_PASSWORD)
        self._open(small_url, data)
        self._open(small_url, data)  # warm caches (ir.qweb, ir.rule, session)
        before = self.cr.sql_log_count
        self._open(small_url, data)
        small = self.cr.sql_log_count - before
        self.authenticate("tenant_big", TENANT_PASSWORD)
        self._open(big_url, data)
        self._open(big_url, data)
        with self.assertQueryCount(small):
            self._open(big_url, data)

    def test_home(self):
        self._assert_same_queries("/my", "/my")

    def test_home_counters(self):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"counters": ["wbg54_contract_count", "wbg54_share_count"]},
        }
        self._assert_same_queries("/my/counters", "/my/counters", payload)

    def test_contract_list(self):
        self._assert_same_queries("/my/contracts", "/my/contracts")

    def test_contract_detail(self):
        self._assert_same_queries(
            f"/my/contracts/{self.small_contract.id}",
            f"/my/contracts/{self.big_contracts[0].id}",
        )

    def test_shares(self):
        self._assert_same_queries("/my/shares", "/my/shares")

    def test_my_data(self):
        self._assert_same_queries("/my/data", "/my/data")

    def test_big_tenant_really_has_more(self):
        self.assertEqual(len(self.big_contracts), 8)
        self.assertEqual(len(self.big_contracts[0].fee_line_ids), 8)
        self.assertEqual(len(self.user_big.partner_id.share_movement_ids), 41)
        self.assertTrue(
            all(self.partner_c in c.co_member_ids for c in self.big_contracts)
        )
