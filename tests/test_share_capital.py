from odoo.exceptions import UserError, ValidationError

from .common import Wbg54Common


class TestShareCapital(Wbg54Common):
    def _movement(self, kind, qty=0, amount=0.0, partner=None, post=True, **vals):
        movement = self.env["wbg54.share.movement"].create(
            {
                "partner_id": (partner or self.member_anna).id,
                "kind": kind,
                "share_qty": qty,
                "amount": amount,
                "date": "2024-01-15",
                **vals,
            }
        )
        if post:
            movement.action_post()
        return movement

    def test_balances(self):
        anna = self.member_anna
        self._movement("subscription", qty=5)
        self.assertEqual(anna.share_count, 5)
        self.assertEqual(anna.share_capital_subscribed, 800.0)
        self.assertEqual(anna.share_balance, 0.0)
        self._movement("payment", amount=500.0)
        self._movement("dividend", amount=32.0)
        self.assertEqual(anna.share_balance, 532.0)
        self._movement("payment", amount=268.0)
        self.assertEqual(anna.share_balance, 800.0)
        self._movement("top_up", qty=2)
        self.assertEqual(anna.share_count, 7)
        self.assertEqual(anna.share_capital_subscribed, 1120.0)
        self._movement("payout", qty=1, amount=160.0)
        self.assertEqual(anna.share_count, 6)
        self.assertEqual(anna.share_capital_subscribed, 960.0)
        self.assertEqual(anna.share_balance, 640.0)
        self.assertEqual(
            self.member_ben.share_balance, 0.0, "other members are untouched"
        )

    def test_balance_cannot_exceed_subscribed_capital(self):
        self._movement("subscription", qty=1)
        self._movement("payment", amount=150.0)
        with self.assertRaises(ValidationError):
            self._movement("dividend", amount=12.0)
        self._movement("dividend", amount=10.0)
        self.assertEqual(self.member_anna.share_balance, 160.0)

    def test_drafts_do_not_count(self):
        self._movement("subscription", qty=3, post=False)
        self.assertEqual(self.member_anna.share_count, 0)

    def test_nominal_value_change_keeps_earlier_subscriptions(self):
        self._movement("subscription", qty=2)
        self.company.share_nominal_value = 200.0
        self._movement("top_up", qty=1)
        self.assertEqual(self.member_anna.share_capital_subscribed, 2 * 160.0 + 200.0)

    def test_negative_amounts_rejected(self):
        with self.assertRaises(ValidationError):
            self._movement("payment", amount=-10.0)
        with self.assertRaises(ValidationError):
            self._movement("subscription", qty=-1)

    def test_kind_specific_rules(self):
        with self.assertRaises(ValidationError):
            self._movement("subscription", qty=0)
        with self.assertRaises(ValidationError):
            self._movement("subscription", qty=1, amount=160.0)
        with self.assertRaises(ValidationError):
            self._movement("payment", amount=0.0)
        with self.assertRaises(ValidationError):
            self._movement("payment", qty=1, amount=10.0)
        with self.assertRaises(ValidationError):
            self._movement("correction")

    def test_payout_cannot_exceed_balance(self):
        self._movement("subscription", qty=1)
        self._movement("payment", amount=160.0)
        with self.assertRaises(ValidationError):
            self._movement("payout", amount=200.0)
        with self.assertRaises(ValidationError):
            self._movement("payout", qty=2, amount=100.0)

    def test_posted_movement_is_immutable(self):
        self._movement("subscription", qty=1)
        movement = self._movement("payment", amount=100.0)
        self.assertTrue(movement.name.startswith("GA/"))
        with self.assertRaises(UserError):
            movement.amount = 90.0
        with self.assertRaises(UserError):
            movement.unlink()
        draft = self._movement("payment", amount=10.0, post=False)
        draft.amount = 20.0
        draft.unlink()

    def test_reverse_by_correction(self):
        self._movement("subscription", qty=2)
        payment = self._movement("payment", amount=320.0)
        correction = payment.action_reverse()
        self.assertEqual(correction.kind, "correction")
        self.assertEqual(correction.state, "posted")
        self.assertEqual(correction.reversed_movement_id, payment)
        self.assertEqual(correction.amount, -320.0)
        self.assertEqual(payment.state, "posted", "the original stays as it was")
        self.assertEqual(self.member_anna.share_balance, 0.0)
        self.assertEqual(self.member_anna.share_count, 2)
