"""The app API's read endpoints with the web portal's access rules: the
owner reads her data, another tenant gets 404 and nothing of it, lists are
paged in a stable order, ETags answer 304, texts follow Accept-Language."""

import base64
from datetime import timedelta

from odoo import fields

from .api_common import ApiCase


class TestApiResources(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_en").active = True
        category = cls.env.ref("wbg54_portal.document_category_letters")
        cls.documents = cls.env["wbg54.document"].create(
            [
                {
                    "name": f"Brief {i}",
                    "category_id": category.id,
                    "document_date": f"202{i}-03-01",
                    "file": base64.b64encode(b"%PDF-1.4\n% Brief " + str(i).encode()),
                    "file_name": f"Brief-{i}.pdf",
                    "scope": "member",
                    "partner_id": cls.partner_a.id,
                }
                for i in range(1, 5)
            ]
        )
        cls.documents.action_publish()
        cls.doc_c = cls.env["wbg54.document"].create(
            {
                "name": "Brief an C",
                "category_id": category.id,
                "file": base64.b64encode(b"%PDF-1.4\n% C"),
                "file_name": "C.pdf",
                "scope": "member",
                "partner_id": cls.partner_c.id,
            }
        )
        cls.doc_c.action_publish()
        now = fields.Datetime.now()
        Notice = cls.env["wbg54.notice"]
        cls.notice_now, cls.notice_past = Notice.create(
            [
                {
                    "name": "Aufzug steht",
                    "body": "Der Aufzug wird repariert.",
                    "kind": "disruption",
                    "building_ids": [cls.building.id],
                    "valid_from": now - timedelta(hours=1),
                },
                {
                    "name": "Wasser abgestellt",
                    "body": "Gestern",
                    "building_ids": [cls.building.id],
                    "valid_from": now - timedelta(days=3),
                    "valid_to": now - timedelta(days=2),
                },
            ]
        )
        (cls.notice_now | cls.notice_past).action_publish()

    # ------------------------------------------------------------

    def test_me_is_her_own_profile(self):
        me = self._get("/me", self.key_a)
        self.assertEqual(
            (me["id"], me["name"], me["login"]),
            (self.partner_a.id, "Alma Albrecht", "tenant_a"),
        )
        self.assertEqual(me["membership"], {"code": "member", "label": "Mitglied"})
        self.assertEqual(me["address"]["street"], "Portalweg 7")
        english = self._get("/me", self.key_a, headers={"Accept-Language": "en-GB"})
        self.assertEqual(english["membership"]["label"], "Member")
        self.assertEqual(self._get("/me", self.key_c)["name"], "Clara Fremd")

    def test_contracts_of_main_and_co_member(self):
        listed = self._get("/contracts", self.key_a)
        self.assertEqual(
            [c["id"] for c in listed["items"]],
            [self.contract_a2.id, self.contract_a1.id],
            "newest first, then by id",
        )
        self.assertEqual((listed["total"], listed["next_page"]), (2, None))
        first = listed["items"][1]
        self.assertEqual(first["unit"]["building"]["street"], "Portalweg 7")
        self.assertEqual(first["fee_total"], 612.5)
        self.assertEqual(first["state"]["label"], "Aktiv")
        self.assertEqual(first["web_url"], f"/my/contracts/{self.contract_a1.id}")
        # the co-member sees the shared contract only
        self.assertEqual(
            [c["id"] for c in self._get("/contracts", self.key_b)["items"]],
            [self.contract_a1.id],
        )
        detail = self._get(f"/contracts/{self.contract_a1.id}", self.key_b)
        self.assertEqual(
            [(p["name"], p["role"]["code"]) for p in detail["persons"]],
            [("Alma Albrecht", "main_member"), ("Bodo Albrecht", "co_member")],
        )
        self.assertEqual(
            sorted(
                (line["type"]["code"], line["amount"]) for line in detail["fee_lines"]
            ),
            [("base", 420.0), ("heating_costs", 52.5), ("operating_costs", 140.0)],
        )
        self.assertEqual(detail["fee_history"][0]["total"], 612.5)

    def test_another_tenants_records_are_not_found(self):
        for path, detail in (
            (f"/contracts/{self.contract_c.id}", "Nutzungsvertrag nicht gefunden."),
            (f"/documents/{self.doc_c.id}", "Dokument nicht gefunden."),
            (f"/documents/{self.doc_c.id}/content", "Dokument nicht gefunden."),
            (f"/contracts/{self.contract_a2.id}", "Nutzungsvertrag nicht gefunden."),
        ):
            # B shares contract A1 only
            body = self.assertProblem(
                self._call("GET", path, self.key_b), 404, "not-found"
            )
            self.assertEqual(body["detail"], detail)
            self.assertNotIn("Fremd", str(body))
        # the same answer as an id nobody has
        missing = self._call("GET", "/contracts/2147483647", self.key_c).json()
        other = self._call(
            "GET", f"/contracts/{self.contract_a1.id}", self.key_c
        ).json()
        self.assertEqual(
            {k: v for k, v in missing.items() if k != "instance"},
            {k: v for k, v in other.items() if k != "instance"},
        )
        self.assertNotIn(
            self.doc_c.id,
            [d["id"] for d in self._get("/documents", self.key_a)["items"]],
        )
        self.assertEqual(self.recipient(self.doc_c, self.partner_c).opened_at, False)

    def recipient(self, document, partner):
        return document.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def test_shares_with_movements(self):
        shares = self._get("/shares", self.key_a)
        self.assertEqual(
            (shares["share_count"], shares["capital_subscribed"], shares["balance"]),
            (4, self.partner_a.share_capital_subscribed, 400.0),
        )
        self.assertEqual(
            [
                (m["kind"]["code"], m["shares"], m["amount"])
                for m in shares["movements"]["items"]
            ],
            [("payment", 0, 400.0), ("subscription", 4, 0.0)],
        )
        self.assertEqual(self._get("/shares", self.key_c)["share_count"], 9)
        page = self._get("/shares?limit=1&page=2", self.key_a)["movements"]
        self.assertEqual(
            (len(page["items"]), page["total"], page["next_page"]), (1, 2, None)
        )

    def test_documents_unread_first_and_download_marks_read(self):
        listed = self._get("/documents", self.key_a)
        self.assertEqual(
            [d["id"] for d in listed["items"]],
            self.documents.sorted("id", reverse=True).ids,
        )
        oldest = self.documents[0]
        response = self._call("GET", f"/documents/{oldest.id}/content", self.key_a)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4\n% Brief 1")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(
            response.headers["Content-Disposition"],
            "attachment; filename=\"Brief-1.pdf\"; filename*=UTF-8''Brief-1.pdf",
        )
        self.assertTrue(self.recipient(oldest, self.partner_a).opened_at)
        etag = response.headers["ETag"]
        response = self._call(
            "GET",
            f"/documents/{oldest.id}/content",
            self.key_a,
            headers={"If-None-Match": etag},
        )
        self.assertEqual((response.status_code, response.content), (304, b""))
        listed = self._get("/documents", self.key_a)["items"]
        self.assertEqual(
            [d["id"] for d in listed],
            self.documents[1:].sorted("id", reverse=True).ids + [oldest.id],
            "unread first, then the read ones",
        )
        self.assertEqual([d["opened"] for d in listed], [False, False, False, True])
        self.assertTrue(listed[-1]["opened_at"].endswith("Z"))
        # pages run across both parts in the same order
        ids = []
        for page in (1, 2, 3):
            chunk = self._get(f"/documents?limit=2&page={page}", self.key_a)
            ids += [d["id"] for d in chunk["items"]]
            self.assertEqual(chunk["next_page"], 2 if page == 1 else None)
        self.assertEqual(ids, [d["id"] for d in listed])
        # filters: year and category
        self.assertEqual(
            [d["id"] for d in self._get("/documents?year=2022", self.key_a)["items"]],
            self.documents[1].ids,
        )
        other = self.env["wbg54.document.category"].create({"name": "Sonstiges"})
        self.assertEqual(
            self._get(f"/documents?category={other.id}", self.key_a)["items"], []
        )
        detail = self._get(f"/documents/{oldest.id}", self.key_a)
        self.assertEqual((detail["title"], detail["opened"]), ("Brief 1", True))
        # a name beyond ASCII: exact in filename*, readable for every client
        oldest.file_name = "Übersicht „2021“.pdf"
        response = self._call("GET", f"/documents/{oldest.id}/content", self.key_a)
        self.assertEqual(
            response.headers["Content-Disposition"],
            'attachment; filename="_bersicht _2021_.pdf"; '
            "filename*=UTF-8''%C3%9Cbersicht%20%E2%80%9E2021%E2%80%9C.pdf",
        )

    def test_notices_valid_now(self):
        listed = self._get("/notices", self.key_a)
        self.assertEqual([n["id"] for n in listed["items"]], self.notice_now.ids)
        notice = listed["items"][0]
        self.assertEqual(notice["kind"], {"code": "disruption", "label": "Störung"})
        self.assertTrue(notice["valid_from"].endswith("Z"))
        other = self.env["wbg54.building"].create(
            {
                "code": "X9",
                "name": "Anderes Haus",
                "street": "Weg 1",
                "zip": "1",
                "city": "L",
            }
        )
        self.env["wbg54.notice"].create(
            {"name": "Anderswo", "body": "x", "building_ids": [other.id]}
        ).action_publish()
        self.assertEqual(
            [n["id"] for n in self._get("/notices", self.key_a)["items"]],
            self.notice_now.ids,
        )

    def test_etag_answers_304_until_something_changes(self):
        for path in (
            "/me",
            "/contracts",
            f"/contracts/{self.contract_a1.id}",
            "/shares",
            "/documents",
            f"/documents/{self.documents[0].id}",
            "/notices",
            "/devices",
            "/preferences",
        ):
            response = self._call("GET", path, self.key_a)
            etag = response.headers["ETag"]
            self.assertEqual(response.headers["Cache-Control"], "private, no-cache")
            again = self._call("GET", path, self.key_a, headers={"If-None-Match": etag})
            self.assertEqual((again.status_code, again.content), (304, b""), path)
            self.assertEqual(again.headers["ETag"], etag)
            weak = self._call(
                "GET", path, self.key_a, headers={"If-None-Match": f'"x", W/{etag}'}
            )
            self.assertEqual(weak.status_code, 304, path)
        etag = self._call("GET", "/notices", self.key_a).headers["ETag"]
        self.notice_now.name = "Aufzug steht weiter"
        response = self._call(
            "GET", "/notices", self.key_a, headers={"If-None-Match": etag}
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response.headers["ETag"], etag)
        # another tenant's ETag is no use: her own answer differs
        response = self._call(
            "GET", "/contracts", self.key_c, headers={"If-None-Match": etag}
        )
        self.assertEqual(response.status_code, 200)

    def test_paging_limits(self):
        page = self._get("/contracts?limit=1", self.key_a)
        self.assertEqual(
            (
                len(page["items"]),
                page["page"],
                page["limit"],
                page["total"],
                page["next_page"],
            ),
            (1, 1, 1, 2, 2),
        )
        self.assertEqual(
            self._get("/contracts?limit=1&page=2", self.key_a)["items"][0]["id"],
            self.contract_a1.id,
        )
        self.assertEqual(self._get("/contracts?page=9", self.key_a)["items"], [])
        for query in ("limit=101", "limit=0", "page=0", "page=x", "limit=1.5"):
            body = self.assertProblem(
                self._call("GET", f"/contracts?{query}", self.key_a), 422
            )
            self.assertEqual(body["errors"][0]["location"], "query")
