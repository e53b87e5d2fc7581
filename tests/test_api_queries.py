"""The app API's lists and details cost the same number of queries for a
tenant with one record of each kind as for one with many."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .api_common import ApiCase
from .common import TENANT_PASSWORD
from .test_photo import make_photo


class TestApiQueryCount(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.small = cls._tenant("tenant_small", "Sina Klein")
        cls.big = cls._tenant("tenant_big", "Bernd Groß", many=True)
        cls.keys = {
            user.login: cls._app_key(user)
            for user in (cls.small["user"], cls.big["user"])
        }

    @classmethod
    def _tenant(cls, login, name, many=False):
        user = new_test_user(
            cls.env,
            login=login,
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name=name,
        )
        partner = user.partner_id
        partner.membership_state = "member"
        # a building of her own, so that notices reach her alone
        building = cls.env["wbg54.building"].create(
            {
                "code": login,
                "name": name,
                "street": "Weg 1",
                "zip": "04109",
                "city": "Leipzig",
            }
        )
        units = cls.env["wbg54.unit"].create(
            [
                {
                    "name": str(i),
                    "building_id": building.id,
                    "rooms": 2,
                    "living_area": 50,
                }
                for i in range(4 if many else 1)
            ]
        )
        contracts = cls.env["wbg54.contract"].union(
            *(
                cls._contract(
                    unit, partner, co_members=cls.partner_c, changes=6 if many else 1
                )
                for unit in units
            )
        )
        cls.env["wbg54.share.movement"].create(
            [{"partner_id": partner.id, "kind": "subscription", "share_qty": 5}]
            + [{"partner_id": partner.id, "kind": "payment", "amount": 10.0}]
            * (40 if many else 1)
        ).action_post()
        category = cls.env.ref("wbg54_portal.document_category_letters")
        documents = cls.env["wbg54.document"].create(
            [
                {
                    "name": f"Brief {i}",
                    "category_id": category.id,
                    "file": base64.b64encode(b"%PDF-1.4\n"),
                    "file_name": "Brief.pdf",
                    "scope": "member",
                    "partner_id": partner.id,
                }
                for i in range(12 if many else 2)
            ]
        )
        documents.action_publish()
        # half of them read
        documents[: len(documents) // 2].recipient_ids.opened_at = fields.Datetime.now()
        notices = cls.env["wbg54.notice"].create(
            [
                {
                    "name": f"Hinweis {i}",
                    "body": "Text",
                    "building_ids": [building.id],
                    "valid_from": fields.Datetime.now() - timedelta(hours=1),
                }
                for i in range(6 if many else 1)
            ]
        )
        notices.action_publish()
        for i in range(5 if many else 1):
            cls.env["wbg54.push.device"].with_user(user)._register_token(
                f"fcm-{login}-{i}-" + "x" * 30, "android"
            )
        Ticket = cls.env["helpdesk.ticket"].with_user(user)
        category = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        tickets = Ticket.browse()
        for i in range(6 if many else 1):
            tickets |= Ticket._wbg54_submit_damage(
                {"category_id": category.id, "description": f"Schaden {i}"},
                [
                    (f"foto{j}.png", make_photo("PNG", size=(40, 30)), "image/png")
                    for j in range(4 if many else 1)
                ],
            )
        ticket = tickets[0].sudo()
        for i in range(5 if many else 1):
            ticket.with_user(cls.env.ref("base.user_admin")).message_post(
                body=f"Antwort {i}",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.with_user(user).message_post(
                body=f"Rückfrage {i}",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return {
            "user": user,
            "contract": contracts[0],
            "document": documents[0],
            "ticket": tickets[0],
        }

    def _open(self, login, path):
        response = self._call("GET", path, self.keys[login])
        self.assertEqual(response.status_code, 200, f"{path}: {response.text[:300]}")
        return response.json()

    def _assert_same_queries(self, path, **ids):
        small_path = path.format(**{k: v(self.small) for k, v in ids.items()})
        big_path = path.format(**{k: v(self.big) for k, v in ids.items()})
        for _warm_up in range(2):  # caches of the registry, rules, the app pool
            self._open("tenant_small", small_path)
            self._open("tenant_big", big_path)
        before = self.cr.sql_log_count
        small = self._open("tenant_small", small_path)
        queries = self.cr.sql_log_count - before
        with self.assertQueryCount(queries):
            big = self._open("tenant_big", big_path)
        return small, big

    def test_contracts(self):
        small, big = self._assert_same_queries("/contracts")
        self.assertEqual((small["total"], big["total"]), (1, 4))

    def test_contract_detail(self):
        small, big = self._assert_same_queries(
            "/contracts/{contract}", contract=lambda t: t["contract"].id
        )
        self.assertEqual((len(small["fee_history"]), len(big["fee_history"])), (1, 6))

    def test_shares(self):
        small, big = self._assert_same_queries("/shares")
        self.assertEqual(
            (len(small["movements"]["items"]), len(big["movements"]["items"])),
            (2, 20),
        )

    def test_documents(self):
        small, big = self._assert_same_queries("/documents")
        self.assertEqual((small["total"], big["total"]), (2, 12))
        # filtered by the year
        year = fields.Date.context_today(self.small["document"]).year
        self._assert_same_queries(f"/documents?year={year}")

    def test_document_detail(self):
        self._assert_same_queries(
            "/documents/{document}", document=lambda t: t["document"].id
        )

    def test_notices(self):
        small, big = self._assert_same_queries("/notices")
        self.assertEqual((small["total"], big["total"]), (1, 6))

    def test_devices(self):
        small, big = self._assert_same_queries("/devices")
        self.assertEqual((small["total"], big["total"]), (1, 5))

    def test_me_and_preferences(self):
        self._assert_same_queries("/me")
        self._assert_same_queries("/preferences")

    def test_requests(self):
        small, big = self._assert_same_queries("/requests")
        self.assertEqual((small["total"], big["total"]), (1, 6))

    def test_request_detail(self):
        small, big = self._assert_same_queries(
            "/requests/{ticket}", ticket=lambda t: t["ticket"].id
        )
        self.assertEqual((len(small["messages"]), len(big["messages"])), (2, 10))
        self.assertEqual((len(small["attachments"]), len(big["attachments"])), (1, 4))

    def test_damage_categories_and_application_types(self):
        self._assert_same_queries("/damage-categories")
        self._assert_same_queries("/application-types")
