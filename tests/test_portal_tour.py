from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user

from .common import TENANT_PASSWORD


class TestPortalTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        cls.tenant = new_test_user(
            cls.env,
            login="tour_tenant",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Tanja Tour",
            lang="de_DE",
        )
        cls.tenant.partner_id.membership_state = "member"
        building = cls.env["wbg54.building"].create(
            {
                "code": "TP",
                "name": "Tourhof",
                "street": "Tourweg 2",
                "zip": "01067",
                "city": "Dresden",
            }
        )
        unit = cls.env["wbg54.unit"].create(
            {"name": "01.01", "building_id": building.id, "rooms": 3, "living_area": 70}
        )
        cls.env["wbg54.contract"].create(
            {
                "name": "NV-TOUR-P",
                "unit_id": unit.id,
                "partner_id": cls.tenant.partner_id.id,
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
        ).action_activate()

    def test_tenant_on_a_phone(self):
        # 360 px wide, the phone size the portal must work on
        self.browser_size = "360x740"
        self.touch_enabled = True
        self.start_tour("/my", "wbg54_portal_tenant", login="tour_tenant")
        self.assertEqual(self.tenant.partner_id.phone, "+493411234567")
        self.assertEqual(self.tenant.partner_id.mobile, "+4915123456789")
