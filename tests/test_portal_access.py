from odoo.exceptions import AccessError
from odoo.tests import TransactionCase

from .common import TenantFixture


class TestPortalRecordRules(TenantFixture, TransactionCase):
    """What a tenant's own environment lets her read, below the controllers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()

    def test_main_and_co_member_read_their_contracts_only(self):
        Contract = self.env["wbg54.contract"]
        self.assertEqual(
            Contract.with_user(self.user_a).search([]),
            self.contract_a1 | self.contract_a2,
        )
        self.assertEqual(Contract.with_user(self.user_b).search([]), self.contract_a1)
        self.assertEqual(Contract.with_user(self.user_c).search([]), self.contract_c)
        with self.assertRaises(AccessError):
            self.contract_a1.with_user(self.user_c).check_access("read")

    def test_related_records_follow_the_contract(self):
        as_c = self.env(user=self.user_c)
        self.assertEqual(
            as_c["wbg54.contract.fee.line"].search([]), self.contract_c.fee_line_ids
        )
        self.assertEqual(as_c["wbg54.unit"].search([]), self.contract_c.unit_id)
        self.assertEqual(as_c["wbg54.building"].search([]), self.building)
        self.assertEqual(
            as_c["wbg54.share.movement"].search([]).partner_id, self.partner_c
        )

    def test_draft_movements_stay_internal(self):
        draft = self.env["wbg54.share.movement"].create(
            {
                "partner_id": self.partner_a.id,
                "kind": "payment",
                "amount": 10.0,
            }
        )
        self.assertNotIn(
            draft, self.env["wbg54.share.movement"].with_user(self.user_a).search([])
        )
