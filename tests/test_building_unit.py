from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import Wbg54Common


class TestBuildingUnit(Wbg54Common):
    def test_duplicate_building_number(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["wbg54.building"].create(
                {
                    "code": "T100",
                    "name": "Zweiter Testhof",
                    "street": "A 1",
                    "zip": "04109",
                    "city": "Leipzig",
                }
            )
            self.env.flush_all()

    def test_duplicate_unit_number_in_building(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["wbg54.unit"].create(
                {
                    "name": "00.01",
                    "building_id": self.building.id,
                    "rooms": 1,
                    "living_area": 30,
                }
            )
            self.env.flush_all()

    def test_negative_living_area(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["wbg54.unit"].create(
                {
                    "name": "09.09",
                    "building_id": self.building.id,
                    "rooms": 2,
                    "living_area": -40,
                }
            )
            self.env.flush_all()

    def test_apartment_needs_size_but_garage_does_not(self):
        with self.assertRaises(ValidationError):
            self.env["wbg54.unit"].create(
                {"name": "09.01", "building_id": self.building.id}
            )
        garage = self.env["wbg54.unit"].create(
            {
                "name": "G1",
                "building_id": self.building.id,
                "unit_type": "garage",
            }
        )
        self.assertEqual(garage.display_name, "T100/G1")

    def test_counts_and_search(self):
        self.assertEqual(self.building.unit_count, 3)
        self.assertEqual(self.building.display_name, "T100 Testhof")
        self.assertEqual(
            self.env["wbg54.building"].name_search("T10"),
            [(self.building.id, "T100 Testhof")],
        )
        action = self.building.action_view_units()
        self.assertEqual(
            self.env["wbg54.unit"].search(action["domain"]),
            self.unit_a | self.unit_b | self.unit_c,
        )
