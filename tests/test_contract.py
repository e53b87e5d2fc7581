from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import mute_logger

from .common import Wbg54Common


class TestContract(Wbg54Common):
    def test_number_from_sequence_and_unique(self):
        first = self._create_contract(self.unit_a, self.member_anna)
        second = self._create_contract(self.unit_b, self.member_ben)
        self.assertTrue(first.name.startswith("NV-"))
        self.assertNotEqual(first.name, second.name)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            second.name = first.name
            self.env.flush_all()

    def test_end_before_start(self):
        with self.assertRaises(ValidationError):
            self._create_contract(
                self.unit_a,
                self.member_anna,
                date_start="2020-01-01",
                date_end="2019-12-31",
            )

    def test_main_member_must_be_member(self):
        with self.assertRaises(ValidationError):
            self._create_contract(self.unit_a, self.spouse)
        self.spouse.membership_state = "applicant"
        with self.assertRaises(ValidationError):
            self._create_contract(self.unit_a, self.spouse)

    def test_co_member_need_not_be_member(self):
        contract = self._create_contract(self.unit_a, self.member_anna, state="active")
        contract.co_member_ids = self.spouse
        self.assertEqual(contract.co_member_ids, self.spouse)

    def test_overlapping_contracts_on_one_unit(self):
        self._create_contract(
            self.unit_a,
            self.member_anna,
            "2020-01-01",
            "2022-12-31",
            state="terminated",
        )
        # a draft may be prepared for an overlapping period, but not activated
        overlapping = self._create_contract(self.unit_a, self.member_ben, "2022-06-01")
        with self.assertRaises(ValidationError):
            overlapping.action_activate()
        # open-ended contract starting after the end is fine
        follow_up = self._create_contract(
            self.unit_a, self.member_ben, "2023-01-01", state="active"
        )
        self.assertEqual(follow_up.state, "active")
        # an open-ended contract overlaps everything after its start
        with self.assertRaises(ValidationError):
            self._create_contract(
                self.unit_a, self.member_anna, "2030-01-01", state="active"
            )

    def test_ended_contract_frees_the_unit(self):
        old = self._create_contract(
            self.unit_a, self.member_anna, "2010-01-01", state="active"
        )
        with self.assertRaises(ValidationError):
            self._create_contract(
                self.unit_a, self.member_ben, "2024-01-01", state="active"
            )
        old.date_end = "2023-12-31"
        old.action_end()
        self._create_contract(
            self.unit_a, self.member_ben, "2024-01-01", state="active"
        )

    def test_other_unit_does_not_overlap(self):
        self._create_contract(self.unit_a, self.member_anna, state="active")
        self._create_contract(self.unit_b, self.member_anna, state="active")

    def test_negative_fee(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_contract(self.unit_a, self.member_anna, fees={"base": -1.0})
            self.env.flush_all()

    def test_fee_total_over_history(self):
        contract = self._create_contract(
            self.unit_b,
            self.member_anna,
            "2020-01-01",
            fees={"base": 400.0, "operating_costs": 120.0, "heating_costs": 80.0},
        )
        contract.action_activate()
        contract._add_fee_change(
            date(2023, 1, 1), {"base": 420.0, "heating_costs": 95.5}
        )
        contract._add_fee_change(date(2025, 7, 1), {"operating_costs": 130.0})
        self.assertEqual(
            len(contract.fee_line_ids), 6, "history is kept, nothing overwritten"
        )

        def total_at(day):
            return contract.with_context(date=day)._get_fee_lines_at(day)

        self.assertEqual(sum(total_at(date(2019, 12, 31)).mapped("amount")), 0.0)
        self.assertEqual(sum(total_at(date(2020, 1, 1)).mapped("amount")), 600.0)
        self.assertEqual(sum(total_at(date(2022, 12, 31)).mapped("amount")), 600.0)
        self.assertEqual(sum(total_at(date(2023, 1, 1)).mapped("amount")), 635.5)
        self.assertEqual(sum(total_at(date(2025, 7, 1)).mapped("amount")), 645.5)
        self.assertEqual(
            sorted(total_at(date(2025, 7, 1)).mapped("fee_type")),
            ["base", "heating_costs", "operating_costs"],
        )
        # fee_total is the sum valid today (today is after every change)
        self.assertEqual(contract.fee_total, 645.5)

    def test_fee_history_cannot_be_rewritten(self):
        contract = self._create_contract(self.unit_a, self.member_anna, state="active")
        line = contract.fee_line_ids
        with self.assertRaises(UserError):
            line.amount = 1.0
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            contract.fee_line_ids = [
                Command.update(line.id, {"date_from": "2019-01-01"})
            ]
        # adding a change is the way
        contract.fee_line_ids = [
            Command.create(
                {"fee_type": "base", "amount": 310.0, "date_from": "2024-01-01"}
            )
        ]
        self.assertEqual(contract.fee_total, 310.0)

    def test_draft_fee_lines_are_editable(self):
        contract = self._create_contract(self.unit_a, self.member_anna)
        contract.fee_line_ids.amount = 333.0
        self.assertEqual(contract.fee_total, 333.0)

    def test_duplicate_fee_type_on_same_date(self):
        contract = self._create_contract(self.unit_a, self.member_anna)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            contract.fee_line_ids = [
                Command.create(
                    {"fee_type": "base", "amount": 1.0, "date_from": "2020-01-01"}
                )
            ]
            self.env.flush_all()

    def test_state_flow(self):
        contract = self._create_contract(self.unit_a, self.member_anna, fees={})
        with self.assertRaises(UserError, msg="no fee, no activation"):
            contract.action_activate()
        contract.fee_line_ids = [
            Command.create(
                {"fee_type": "base", "amount": 300.0, "date_from": "2020-01-01"}
            )
        ]
        contract.action_activate()
        with self.assertRaises(UserError, msg="terminating needs an end date"):
            contract.action_terminate()
        contract.date_end = "2099-12-31"
        contract.action_terminate()
        self.assertEqual(contract.state, "terminated")
        with self.assertRaises(UserError):
            contract.unlink()
        contract.action_end()
        self.assertEqual(contract.state, "ended")

    def test_unit_current_contract(self):
        self.assertFalse(self.unit_a.current_contract_id)
        contract = self._create_contract(self.unit_a, self.member_anna, state="active")
        self.assertEqual(self.unit_a.current_contract_id, contract)
        self.assertEqual(contract.building_id, self.building)
        future = self._create_contract(
            self.unit_b, self.member_ben, "2999-01-01", state="active"
        )
        self.assertFalse(
            self.unit_b.current_contract_id,
            "a contract that has not started is not current",
        )
        self.assertTrue(future)
