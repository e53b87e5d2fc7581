from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

# meets the cooperative's password rules for every test tenant
TENANT_PASSWORD = "Wohnen2024"


class Wbg54Common(TransactionCase):
    """A building with three apartments, two members and staff users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.share_nominal_value = 160.0
        cls.building = cls.env["wbg54.building"].create(
            {
                "code": "T100",
                "name": "Testhof",
                "street": "Teststraße 1",
                "zip": "04109",
                "city": "Leipzig",
                "has_elevator": True,
            }
        )
        cls.unit_a, cls.unit_b, cls.unit_c = cls.env["wbg54.unit"].create(
            [
                {
                    "name": "00.01",
                    "building_id": cls.building.id,
                    "floor": 0,
                    "rooms": 2,
                    "living_area": 50.0,
                },
                {
                    "name": "01.01",
                    "building_id": cls.building.id,
                    "floor": 1,
                    "rooms": 3,
                    "living_area": 72.5,
                },
                {
                    "name": "01.02",
                    "building_id": cls.building.id,
                    "floor": 1,
                    "rooms": 2.5,
                    "living_area": 61.0,
                },
            ]
        )
        cls.member_anna, cls.member_ben = cls.env["res.partner"].create(
            [
                {
                    "name": "Anna Lindner",
                    "membership_state": "member",
                    "email": "anna@example.com",
                },
                {
                    "name": "Ben Krause",
                    "membership_state": "member",
                    "email": "ben@example.com",
                },
            ]
        )
        cls.spouse = cls.env["res.partner"].create({"name": "Carla Lindner"})
        cls.staff_user = new_test_user(
            cls.env, login="wbg54_staff", groups="wbg54_portal.group_wbg54_portal_user"
        )
        cls.staff_manager = new_test_user(
            cls.env,
            login="wbg54_manager",
            groups="wbg54_portal.group_wbg54_portal_manager",
        )

    @classmethod
    def _create_contract(
        cls,
        unit,
        partner,
        date_start="2020-01-01",
        date_end=False,
        state="draft",
        fees=None,
    ):
        fees = fees if fees is not None else {"base": 300.0}
        contract = cls.env["wbg54.contract"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "date_start": date_start,
                "date_end": date_end,
                "fee_line_ids": [
                    Command.create(
                        {
                            "fee_type": fee_type,
                            "amount": amount,
                            "date_from": date_start,
                        }
                    )
                    for fee_type, amount in fees.items()
                ],
            }
        )
        if state in ("active", "terminated", "ended"):
            contract.action_activate()
        if state == "terminated":
            contract.action_terminate()
        if state == "ended":
            contract.action_end()
        return contract


class TenantFixture:
    """Tenant A holds two contracts (one with B as co-member); tenant C is a
    stranger."""

    @classmethod
    def _setup_tenants(cls):
        # tenants read German, the portal's default language
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        cls.env["ir.default"].set("res.partner", "lang", "de_DE")
        cls.building = cls.env["wbg54.building"].create(
            {
                "code": "P1",
                "name": "Portalhof",
                "street": "Portalweg 7",
                "zip": "04109",
                "city": "Leipzig",
            }
        )
        cls.units = cls.env["wbg54.unit"].create(
            [
                {
                    "name": f"0{i}.01",
                    "building_id": cls.building.id,
                    "floor": i,
                    "position": "links",
                    "rooms": 3,
                    "living_area": 70.5,
                }
                for i in range(1, 9)
            ]
        )
        cls.user_a, cls.user_b, cls.user_c = (
            new_test_user(
                cls.env,
                login=login,
                password=TENANT_PASSWORD,
                groups="base.group_portal",
                name=name,
                email=f"{login}@example.com",
                lang="de_DE",
            )
            for login, name in (
                ("tenant_a", "Alma Albrecht"),
                ("tenant_b", "Bodo Albrecht"),
                ("tenant_c", "Clara Fremd"),
            )
        )
        (cls.user_a | cls.user_b | cls.user_c).partner_id.write(
            {
                "membership_state": "member",
                "street": "Portalweg 7",
                "zip": "04109",
                "city": "Leipzig",
            }
        )
        cls.partner_a, cls.partner_b, cls.partner_c = (
            cls.user_a | cls.user_b | cls.user_c
        ).partner_id
        cls.contract_a1 = cls._contract(
            cls.units[0], cls.partner_a, co_members=cls.partner_b
        )
        cls.contract_a2 = cls._contract(cls.units[1], cls.partner_a)
        cls.contract_c = cls._contract(cls.units[2], cls.partner_c)
        cls.env["wbg54.share.movement"].create(
            [
                {
                    "partner_id": cls.partner_a.id,
                    "kind": "subscription",
                    "share_qty": 4,
                    "date": "2020-01-01",
                },
                {
                    "partner_id": cls.partner_a.id,
                    "kind": "payment",
                    "amount": 400.0,
                    "date": "2020-02-01",
                },
                {
                    "partner_id": cls.partner_c.id,
                    "kind": "subscription",
                    "share_qty": 9,
                    "date": "2020-01-01",
                },
            ]
        ).action_post()

    @classmethod
    def _contract(cls, unit, partner, co_members=None, changes=1):
        lines = [
            Command.create(
                {"fee_type": "base", "amount": 420.0, "date_from": "2020-01-01"}
            ),
            Command.create(
                {
                    "fee_type": "operating_costs",
                    "amount": 140.0,
                    "date_from": "2020-01-01",
                }
            ),
            Command.create(
                {"fee_type": "heating_costs", "amount": 52.5, "date_from": "2020-01-01"}
            ),
        ]
        lines += [
            Command.create(
                {
                    "fee_type": "base",
                    "amount": 420.0 + 10 * i,
                    "date_from": f"{2020 + i}-07-01",
                }
            )
            for i in range(1, changes)
        ]
        contract = cls.env["wbg54.contract"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "co_member_ids": [Command.set(co_members.ids)] if co_members else [],
                "date_start": "2020-01-01",
                "fee_line_ids": lines,
            }
        )
        contract.action_activate()
        return contract
