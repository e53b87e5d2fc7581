from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user

from .common import TENANT_PASSWORD, TenantFixture


class NoticeFixture(TenantFixture):
    @classmethod
    def _setup_notices(cls):
        cls._setup_tenants()
        cls.env.company.email = "service@wbg54.example"
        cls.Notice = cls.env["wbg54.notice"]
        # a second building with its own tenant
        cls.other_building = cls.env["wbg54.building"].create(
            {
                "code": "P2",
                "name": "Nachbarhof",
                "street": "Nachbarweg 2",
                "zip": "04109",
                "city": "Leipzig",
            }
        )
        other_unit = cls.env["wbg54.unit"].create(
            {
                "name": "01.01",
                "building_id": cls.other_building.id,
                "rooms": 2,
                "living_area": 50.0,
            }
        )
        cls.user_d = new_test_user(
            cls.env,
            login="tenant_d",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Dora Nachbar",
            email="tenant_d@example.com",
            lang="de_DE",
        )
        cls.partner_d = cls.user_d.partner_id
        cls.partner_d.membership_state = "member"
        cls._contract(other_unit, cls.partner_d)

    @classmethod
    def _notice(cls, name="Aufzug außer Betrieb", buildings=None, publish=True, **vals):
        notice = cls.env["wbg54.notice"].create(
            {
                "name": name,
                "kind": "disruption",
                "body": "Der Aufzug wird repariert. Bitte nutzen Sie die Treppe.",
                "building_ids": [(6, 0, (buildings or cls.building).ids)],
                **vals,
            }
        )
        if publish:
            notice.action_publish()
        return notice


class TestNoticeLifecycle(NoticeFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_notices()

    def _visible(self, user):
        Notice = self.Notice.with_user(user)
        return Notice.search(
            Notice._portal_domain(user.partner_id, fields.Datetime.now())
        )

    def test_publish_informs_current_tenants_and_shows_while_valid(self):
        draft = self._notice(publish=False)
        self.assertFalse(self._visible(self.user_a), "drafts are not shown")
        self.contract_c.write({"date_end": fields.Date.today() - timedelta(days=1)})
        self.contract_c.action_terminate()
        draft.action_publish()
        self.assertEqual(draft.state, "published")
        self.assertEqual(
            draft.recipient_ids.partner_id,
            self.partner_a | self.partner_b,
            "the moved-out tenant C is not informed",
        )
        self.assertEqual(self._visible(self.user_a), draft)
        self.assertEqual(self._visible(self.user_b), draft, "co-members live there too")
        self.assertFalse(self._visible(self.user_d), "other building")
        draft.action_resolve()
        self.assertEqual(draft.state, "resolved")
        self.assertFalse(
            self._visible(self.user_a), "resolved notices leave the home page"
        )

    def test_tenant_moving_in_sees_the_notice(self):
        notice = self._notice()
        newcomer = self.env["res.partner"].create(
            {"name": "Nina Neu", "membership_state": "member"}
        )
        contract = self._contract(self.units[5], newcomer)
        self.assertIn(newcomer, notice.recipient_ids.partner_id)
        self.assertEqual(
            self.Notice.search(
                self.Notice._portal_domain(newcomer, fields.Datetime.now())
            ),
            notice,
        )
        self.assertEqual(
            len(
                self.env["mail.mail"].search(
                    [
                        ("model", "=", "wbg54.notice.recipient"),
                        ("recipient_ids", "in", newcomer.ids),
                    ]
                )
            ),
            0,
            "shown on the portal, not notified after the fact",
        )
        self.assertEqual(contract.state, "active")

    def test_validity_window(self):
        now = fields.Datetime.now()
        later = self._notice(
            "Wasser abgestellt",
            kind="appointment",
            valid_from=now + timedelta(days=2),
            valid_to=now + timedelta(days=2, hours=4),
        )
        over = self._notice(
            "Treppenhausreinigung",
            kind="information",
            valid_from=now - timedelta(days=3),
            valid_to=now - timedelta(days=1),
        )
        self.assertFalse(self._visible(self.user_a))
        self.assertTrue(later.recipient_ids, "announced ahead, informed at once")
        with self.assertRaises(ValidationError):
            over.valid_to = now - timedelta(days=4)

    def test_other_buildings_notices_are_unreachable(self):
        notice = self._notice(buildings=self.other_building)
        with self.assertRaises(AccessError):
            notice.with_user(self.user_a).read(["name"])
        self.assertEqual(
            notice.with_user(self.user_d).read(["name"])[0]["name"],
            "Aufzug außer Betrieb",
        )
        with self.assertRaises(AccessError):
            notice.with_user(self.user_d).write({"name": "x"})
        self.assertEqual(
            self.env["wbg54.notice.recipient"]
            .with_user(self.user_d)
            .search([])
            .partner_id,
            self.partner_d,
            "a tenant sees only that she was informed",
        )

    def test_staff_publish_and_resolve(self):
        staff = new_test_user(
            self.env,
            login="notice_staff",
            groups="wbg54_portal.group_wbg54_portal_user",
        )
        notice = self._notice(publish=False).with_user(staff)
        notice.action_publish()
        self.assertEqual(
            notice.recipient_ids.partner_id,
            self.partner_a | self.partner_b | self.partner_c,
        )
        notice.action_resolve()
        self.assertEqual(notice.state, "resolved")

    def test_published_buildings_are_fixed(self):
        notice = self._notice()
        with self.assertRaises(UserError):
            notice.building_ids = self.other_building

    def test_preferences_per_channel(self):
        self.partner_a.wbg54_notify_notice_email = True  # default is push only
        self.partner_b.wbg54_notify_notice_push = False
        Device = self.env["wbg54.push.device"]
        phone_a = Device.with_user(self.user_a)._register_token(
            "notice-a-" + "n" * 40, "android"
        )[0]
        phone_b = Device.with_user(self.user_b)._register_token(
            "notice-b-" + "n" * 40, "ios"
        )[0]
        notice = self._notice()
        mails = self.env["mail.mail"].search([("model", "=", "wbg54.notice.recipient")])
        self.assertEqual(
            mails.recipient_ids,
            self.partner_a | self.partner_c,
            "A chose e-mail; C chose push (the default) but has no app: e-mail",
        )
        mail_a = mails.filtered(lambda m: self.partner_a in m.recipient_ids)
        self.assertEqual(mail_a.subject, "Aushang für Ihr Haus: Aufzug außer Betrieb")
        self.assertIn("Guten Tag Alma Albrecht", mail_a.body_html)
        self.assertIn("Bitte nutzen Sie die Treppe", mail_a.body_html)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        pushes = self.env["wbg54.push.message"].search(
            [("res_model", "=", "wbg54.notice")]
        )
        self.assertEqual(pushes.device_id, phone_a.sudo(), "B wants no notice pushes")
        self.assertEqual(
            (pushes.title, pushes.body, pushes.url),
            (
                "Aufzug außer Betrieb",
                "Portalweg 7, Leipzig",
                f"/my#wbg54-notice-{notice.id}",
            ),
        )
        notice.action_resolve()
        resolved = (
            self.env["wbg54.push.message"].search([("res_model", "=", "wbg54.notice")])
            - pushes
        )
        self.assertEqual(resolved.title, "Erledigt: Aufzug außer Betrieb")
        resolved_mail = (
            self.env["mail.mail"].search([("model", "=", "wbg54.notice.recipient")])
            - mails
        )
        self.assertEqual(resolved_mail.recipient_ids, self.partner_a | self.partner_c)
        self.assertEqual(
            set(resolved_mail.mapped("subject")), {"Erledigt: Aufzug außer Betrieb"}
        )
        self.assertFalse(
            phone_b.sudo().id in self.env["wbg54.push.message"].search([]).device_id.ids
        )


class TestNoticePortal(NoticeFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_notices()

    def test_home_shows_the_tenants_notices_only(self):
        self._notice()
        self._notice("Heizung Wartung", buildings=self.other_building)
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open("/my").text
        self.assertIn("Aushänge für Ihr Haus", page)
        self.assertIn("Aufzug außer Betrieb", page)
        self.assertNotIn("Heizung Wartung", page)
        self.authenticate("tenant_d", TENANT_PASSWORD)
        page = self.url_open("/my").text
        self.assertIn("Heizung Wartung", page)
        self.assertNotIn("Aufzug außer Betrieb", page)

    def test_home_queries_do_not_grow_with_notices(self):
        self._notice()
        self.authenticate("tenant_a", TENANT_PASSWORD)
        self.url_open("/my")
        self.url_open("/my")
        before = self.cr.sql_log_count
        self.url_open("/my")
        one = self.cr.sql_log_count - before
        for i in range(6):
            self._notice(f"Hinweis {i}", kind="information")
        self.url_open("/my")
        with self.assertQueryCount(one):
            page = self.url_open("/my").text
        self.assertIn("Hinweis 5", page)
