from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import TENANT_PASSWORD, Wbg54Common


class TestStaffAccess(Wbg54Common):
    def test_staff_user_keeps_the_data(self):
        env = self.env(user=self.staff_user)
        member = env["res.partner"].create(
            {"name": "Dora Neu", "membership_state": "member"}
        )
        contract = env["wbg54.contract"].create(
            {
                "unit_id": self.unit_c.id,
                "partner_id": member.id,
                "date_start": "2024-01-01",
                "fee_line_ids": [
                    (
                        0,
                        0,
                        {
                            "fee_type": "base",
                            "amount": 350.0,
                            "date_from": "2024-01-01",
                        },
                    )
                ],
            }
        )
        contract.action_activate()
        movement = env["wbg54.share.movement"].create(
            {
                "partner_id": member.id,
                "kind": "subscription",
                "share_qty": 2,
            }
        )
        movement.action_post()
        self.assertEqual(member.share_count, 2)
        env["wbg54.building"].browse(self.building.id).has_elevator = False

    def test_staff_user_cannot_delete(self):
        env = self.env(user=self.staff_user)
        with self.assertRaises(AccessError):
            env["wbg54.building"].browse(self.building.id).unlink()
        with self.assertRaises(AccessError):
            env["wbg54.unit"].browse(self.unit_a.id).unlink()
        draft = self._create_contract(self.unit_a, self.member_anna)
        with self.assertRaises(AccessError):
            draft.with_user(self.staff_user).unlink()
        draft.with_user(self.staff_manager).unlink()

    def test_manager_cannot_delete_posted_history(self):
        movement = self.env["wbg54.share.movement"].create(
            {
                "partner_id": self.member_anna.id,
                "kind": "subscription",
                "share_qty": 1,
            }
        )
        movement.action_post()
        with self.assertRaises(UserError):
            movement.with_user(self.staff_manager).unlink()

    def test_settings_for_administrators(self):
        # res.config.settings is Odoo's administrators' business
        settings_menu = self.env.ref("wbg54_portal.wbg54_menu_settings")
        admin = self.env.ref("base.user_admin")
        self.assertFalse(
            settings_menu.with_user(self.staff_user)._filter_visible_menus()
        )
        self.assertTrue(settings_menu.with_user(admin)._filter_visible_menus())
        self.assertTrue(admin.has_group("wbg54_portal.group_wbg54_portal_manager"))

    def test_other_users_see_nothing(self):
        internal = new_test_user(
            self.env, login="plain_employee", groups="base.group_user"
        )
        portal = new_test_user(
            self.env,
            login="some_tenant",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
        )
        self._create_contract(self.unit_a, self.member_anna, state="active")
        models = (
            "wbg54.building",
            "wbg54.unit",
            "wbg54.contract",
            "wbg54.contract.fee.line",
            "wbg54.share.movement",
        )
        for model in models:
            with self.assertRaises(
                AccessError, msg=f"an employee outside the groups must not read {model}"
            ):
                self.env[model].with_user(internal).search([])
            # a portal user sees only what concerns her, here: nothing
            self.assertFalse(self.env[model].with_user(portal).search([]), model)
            with self.assertRaises(
                AccessError, msg=f"portal users never write {model}"
            ):
                self.env[model].with_user(portal).check_access("write")
        root_menu = self.env.ref("wbg54_portal.wbg54_menu_root")
        self.assertFalse(root_menu.with_user(internal)._filter_visible_menus())

    def test_other_company_data_hidden(self):
        other_company = self.env["res.company"].create({"name": "Andere eG"})
        foreign = self.env["wbg54.building"].create(
            {
                "code": "X1",
                "name": "Fremdhof",
                "street": "X 1",
                "zip": "1",
                "city": "X",
                "company_id": other_company.id,
            }
        )
        buildings = self.env["wbg54.building"].with_user(self.staff_user).search([])
        self.assertIn(self.building, buildings)
        self.assertNotIn(foreign, buildings)
