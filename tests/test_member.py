from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import Wbg54Common


class TestMember(Wbg54Common):
    def test_member_number_from_sequence(self):
        self.assertTrue(self.member_anna.member_number)
        self.assertTrue(self.member_ben.member_number)
        self.assertNotEqual(
            self.member_anna.member_number, self.member_ben.member_number
        )
        self.assertFalse(
            self.spouse.member_number, "A partner who is no member gets no number"
        )

    def test_member_number_assigned_when_becoming_applicant(self):
        self.spouse.membership_state = "applicant"
        number = self.spouse.member_number
        self.assertTrue(number)
        self.spouse.membership_state = "member"
        self.assertEqual(
            self.spouse.member_number, number, "The number is kept on admission"
        )

    def test_member_number_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.member_ben.member_number = self.member_anna.member_number
            self.env.flush_all()

    def test_exit_before_entry(self):
        with self.assertRaises(ValidationError):
            self.member_anna.write(
                {"member_entry_date": "2020-05-01", "member_exit_date": "2020-04-30"}
            )

    def test_contract_count_includes_co_member_contracts(self):
        contract = self._create_contract(self.unit_a, self.member_anna, state="active")
        self._create_contract(self.unit_b, self.member_ben, state="active")
        contract.co_member_ids = self.spouse | self.member_ben
        self.assertEqual(self.member_anna.contract_count, 1)
        self.assertEqual(self.member_ben.contract_count, 2)
        self.assertEqual(self.spouse.contract_count, 1)
        action = self.spouse.action_view_contracts()
        self.assertEqual(self.env["wbg54.contract"].search(action["domain"]), contract)
