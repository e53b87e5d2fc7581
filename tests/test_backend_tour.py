from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user


class TestBackendTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        building = cls.env["wbg54.building"].create(
            {
                "code": "TOUR",
                "name": "Tourhof",
                "street": "Tourweg 1",
                "zip": "01067",
                "city": "Dresden",
            }
        )
        unit = cls.env["wbg54.unit"].create(
            {
                "name": "02.01",
                "building_id": building.id,
                "rooms": 3,
                "living_area": 70.0,
            }
        )
        member = cls.env["res.partner"].create(
            {"name": "Tina Tour", "membership_state": "member"}
        )
        contract = cls.env["wbg54.contract"].create(
            {
                "name": "NV-TOUR-1",
                "unit_id": unit.id,
                "partner_id": member.id,
                "date_start": "2021-01-01",
                "fee_line_ids": [
                    Command.create(
                        {"fee_type": "base", "amount": 420.0, "date_from": "2021-01-01"}
                    ),
                    Command.create(
                        {
                            "fee_type": "operating_costs",
                            "amount": 140.0,
                            "date_from": "2021-01-01",
                        }
                    ),
                    Command.create(
                        {
                            "fee_type": "heating_costs",
                            "amount": 52.5,
                            "date_from": "2021-01-01",
                        }
                    ),
                ],
            }
        )
        contract.action_activate()
        cls.staff = new_test_user(
            cls.env,
            login="tour_staff",
            password="tour_staff_pw1",
            groups="wbg54_portal.group_wbg54_portal_user",
            lang="de_DE",
        )

    def test_staff_opens_a_contract_in_german(self):
        self.start_tour("/odoo", "wbg54_backend_contract", login="tour_staff")
