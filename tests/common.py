from odoo.tests import TransactionCase, new_test_user
from odoo.fields import Command


class Wbg54Common(TransactionCase):
    """A building with three apartments, two members and staff users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.share_nominal_value = 160.0
        cls.building = cls.env["wbg54.building"].create({
            "code": "T100",
            "name": "Testhof",
            "street": "Teststraße 1",
            "zip": "04109",
            "city": "Leipzig",
            "has_elevator": True,
        })
        cls.unit_a, cls.unit_b, cls.unit_c = cls.env["wbg54.unit"].create([
            {"name": "00.01", "building_id": cls.building.id, "floor": 0, "rooms": 2, "living_area": 50.0},
            {"name": "01.01", "building_id": cls.building.id, "floor": 1, "rooms": 3, "living_area": 72.5},
            {"name": "01.02", "building_id": cls.building.id, "floor": 1, "rooms": 2.5, "living_area": 61.0},
        ])
        cls.member_anna, cls.member_ben = cls.env["res.partner"].create([
            {"name": "Anna Lindner", "membership_state": "member", "email": "anna@example.com"},
            {"name": "Ben Krause", "membership_state": "member", "email": "ben@example.com"},
        ])
        cls.spouse = cls.env["res.partner"].create({"name": "Carla Lindner"})
        cls.staff_user = new_test_user(
            cls.env, login="wbg54_staff", groups="wbg54_portal.group_wbg54_portal_user"
        )
        cls.staff_manager = new_test_user(
            cls.env, login="wbg54_manager", groups="wbg54_portal.group_wbg54_portal_manager"
        )

    @classmethod
    def _create_contract(cls, unit, partner, date_start="2020-01-01", date_end=False, state="draft", fees=None):
        fees = fees if fees is not None else {"base": 300.0}
        contract = cls.env["wbg54.contract"].create({
            "unit_id": unit.id,
            "partner_id": partner.id,
            "date_start": date_start,
            "date_end": date_end,
            "fee_line_ids": [
                Command.create({"fee_type": fee_type, "amount": amount, "date_from": date_start})
                for fee_type, amount in fees.items()
            ],
        })
        if state in ("active", "terminated", "ended"):
            contract.action_activate()
        if state == "terminated":
            contract.action_terminate()
        if state == "ended":
            contract.action_end()
        return contract
