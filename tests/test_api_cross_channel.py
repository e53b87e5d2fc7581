"""The FAQ's promise across channels, over real HTTP against the test server:
what the tenant sends from the app is on her web page, what staff write or
publish in the backend reaches the app (push with its deep link, the API's
list and download) and her read receipt, and what she answers in the app
reaches the request's thread on the web.

Every step goes through the channel a person would use: the app's API with
its bearer token, the tenant's web session, the staff user's backend
session (the chatter's routes) or, for publishing a document, the staff
user's own environment; pushes go to a fake FCM server speaking the real
protocol."""

import base64
import io
from urllib.parse import urlsplit

from lxml import html
from PIL import Image

from odoo import http
from odoo.tests import new_test_user

from .api_common import API, ApiCase
from .common import TENANT_PASSWORD
from .fake_fcm import FakeFCM
from .test_photo import make_photo
from .test_push import PushFixture

STAFF_PASSWORD = "Sachbearbeitung2024"
PHONE_TOKEN = "cross-channel-phone-" + "x" * 40
REPLY = "Der Installateur kommt am Montag um 8 Uhr."
NOTE = "Nur intern: Schlüssel liegt beim Hausmeister."
ANSWER = "Montag passt, ich bin ab 7 Uhr zu Hause."


class TestApiCrossChannel(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fcm = FakeFCM(timeout_delay=11).start()
        cls.addClassCleanup(cls.fcm.stop)
        PushFixture._configure_fcm(cls.env, cls.fcm)
        cls.push_cron = cls.env.ref("wbg54_portal.ir_cron_send_push")
        cls.sanitary = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        # a caseworker of the cooperative, working in the backend
        cls.staff = new_test_user(
            cls.env,
            login="cross_staff",
            password=STAFF_PASSWORD,
            name="Sabine Sachbearbeiterin",
            email="sabine@wbg54.example",
            lang="de_DE",
            groups="wbg54_portal.group_wbg54_portal_user",
        )

    def setUp(self):
        super().setUp()
        self.fcm.reset()

    # ------------------------------------------------------------
    # The channels
    # ------------------------------------------------------------

    def _app_sign_in(self):
        """Tenant A signs in to the app and registers her phone for pushes:
        the app's access token."""
        response = self._call(
            "POST",
            "/auth/login",
            body={
                "email": "tenant_a",
                "password": TENANT_PASSWORD,
                "device_name": "Almas Pixel",
            },
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        key = response.json()["access_token"]
        response = self._call(
            "POST",
            "/devices",
            key,
            body={"token": PHONE_TOKEN, "platform": "android", "app_version": "2.1.0"},
        )
        self.assertEqual(response.status_code, 201, response.text[:300])
        return key

    def _app_upload(self, path, key, fields, files=()):
        # a form with files (multipart/form-data), as the app sends it
        return self.opener.post(
            self.base_url() + API + path,
            files=[(name, (None, value)) for name, value in fields.items()]
            + list(files),
            headers={"Authorization": f"Bearer {key}"},
            timeout=60,
        )

    def _app_get(self, url, key):
        """GET an API address as the app has it (``/api/wbg54/v1/...``)."""
        self.assertTrue(url.startswith(API + "/"), url)
        return self._call("GET", url[len(API) :], key)

    def _staff_session(self):
        self.authenticate(self.staff.login, STAFF_PASSWORD)

    def _chatter_post(self, ticket, body, subtype_xmlid, attachments=()):
        """Post as the backend's chatter does: upload the files to the
        composer, then post the message with them (staff's web session)."""
        uploaded = []
        for name, data in attachments:
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "thread_model": ticket._name,
                    "thread_id": str(ticket.id),
                    "is_pending": "true",
                    "csrf_token": http.Request.csrf_token(self),
                },
                files={"ufile": (name, data, "application/pdf")},
            )
            self.assertEqual(response.status_code, 200, response.text[:300])
            [attachment] = response.json()["data"]["ir.attachment"]
            uploaded.append(attachment["id"])
        result = self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": ticket._name,
                "thread_id": ticket.id,
                "post_data": {
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": subtype_xmlid,
                    "attachment_ids": uploaded,
                },
            },
        )
        [message] = result["mail.message"]
        return self.env["mail.message"].browse(message["id"])

    def _delivered_pushes(self):
        """What reached her phone: the outbox drained as the triggered cron
        does."""
        self.fcm.reset()
        self.push_cron.method_direct_trigger()
        return [
            message for token, message in self.fcm.delivered if token == PHONE_TOKEN
        ]

    # ------------------------------------------------------------
    # A damage report, its replies and the answer
    # ------------------------------------------------------------

    def test_damage_report_from_the_app_replies_from_the_backend(self):
        key = self._app_sign_in()
        # 1. the app reports damage with a photo taken on the phone
        response = self._app_upload(
            "/requests/damage",
            key,
            {
                "category_id": str(self.sanitary.id),
                "contract_id": str(self.contract_a1.id),
                "description": "Unter dem Waschbecken tropft der Siphon.",
                "location": "Bad",
                "urgency": "urgent",
                "access_allowed": "true",
            },
            [("photos", ("siphon.jpg", make_photo(size=(800, 600)), "image/jpeg"))],
        )
        self.assertEqual(response.status_code, 201, response.text[:500])
        created = response.json()
        ticket = self.env["helpdesk.ticket"].browse(created["id"])
        [photo] = created["attachments"]
        photo_bytes = self._app_get(photo["content_url"], key).content
        with Image.open(io.BytesIO(photo_bytes)) as image:
            self.assertEqual((image.format, image.size), ("JPEG", (800, 600)))

        # ... and the tenant's web session shows it on her request's page
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open(created["web_url"])
        self.assertEqual(page.status_code, 200)
        self.assertEqual(created["web_url"], f"/my/ticket/{ticket.id}")
        doc = html.fromstring(page.text)
        self.assertIn("Unter dem Waschbecken tropft der Siphon.", doc.text_content())
        [link] = doc.xpath(f"//a[starts-with(@href, '/web/content/{photo['id']}?')]")
        self.assertIn("siphon.jpg", link.text_content())
        download = self.url_open(link.get("href"))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, photo_bytes, "the same photo on the web")

        # 2. staff reply in the backend's chatter, and write an internal note
        # with a file
        self._staff_session()
        reply = self._chatter_post(ticket, REPLY, "mail.mt_comment")
        note = self._chatter_post(
            ticket,
            NOTE,
            "mail.mt_note",
            [("kostenvoranschlag.pdf", b"%PDF-1.4\n% intern\n")],
        )
        self.assertEqual(
            (reply.author_id, note.author_id), (self.staff.partner_id,) * 2
        )
        [note_file] = note.attachment_ids
        self.assertEqual(note_file.res_id, ticket.id)

        # her phone is told of the reply only, with the API's deep link
        [push] = self._delivered_pushes()
        self.assertEqual(push["data"]["event"], "ticket")
        self.assertEqual(push["data"]["api"], f"{API}/requests/{ticket.id}")
        self.assertEqual(urlsplit(push["data"]["url"]).path, created["web_url"])
        self.assertIn(ticket.number, push["notification"]["title"])
        # and by e-mail (her default: both)
        emailed = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.partner_a.id),
                ("notification_type", "=", "email"),
            ]
        )
        self.assertEqual(emailed.mail_message_id, reply)

        # the app's request lists the reply, and nothing of the note
        detail = self._app_get(push["data"]["api"], key)
        self.assertEqual(detail.status_code, 200, detail.text[:300])
        bodies = [m["body"] for m in detail.json()["messages"]]
        self.assertIn(REPLY, bodies)
        self.assertNotIn("Schlüssel", detail.text)
        self.assertNotIn("kostenvoranschlag", detail.text)
        self.assertEqual([a["id"] for a in detail.json()["attachments"]], [photo["id"]])
        response = self._call(
            "GET", f"/requests/{ticket.id}/attachments/{note_file.id}", key
        )
        self.assertProblem(response, 404, "not-found")

        # nor does her web page show the note or its file
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open(created["web_url"])
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("kostenvoranschlag", page.text)
        self.assertNotIn(f"/web/content/{note_file.id}", page.text)
        self.assertNotEqual(
            self.url_open(f"/web/content/{note_file.id}").status_code, 200
        )

        # 3. she answers in the app: the page's chatter lists her answer
        # beside the reply (what the page's chatter fetches), staff read it
        response = self._app_upload(
            f"/requests/{ticket.id}/messages", key, {"body": ANSWER}
        )
        self.assertEqual(response.status_code, 201, response.text[:300])
        self.assertEqual(self._delivered_pushes(), [], "no push of her own answer")
        thread = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": ticket._name, "thread_id": ticket.id, "limit": 30},
        )
        on_web = [
            (html.fromstring(message["body"]).text_content(), message["author"]["id"])
            for message in thread["data"]["mail.message"]
        ]
        self.assertIn((ANSWER, self.partner_a.id), on_web)
        self.assertIn((REPLY, self.staff.partner_id.id), on_web)
        self.assertNotIn(NOTE, str(thread))
        self.assertIn(
            ANSWER,
            ticket.with_user(self.staff).message_ids[0].body,
            "staff read her answer in the backend",
        )

    # ------------------------------------------------------------
    # A document published by staff
    # ------------------------------------------------------------

    def test_document_published_by_staff_reaches_the_app(self):
        key = self._app_sign_in()
        content = b"%PDF-1.4\n% Betriebskostenabrechnung 2025, Portalweg 7\n"
        document = (
            self.env["wbg54.document"]
            .with_user(self.staff)
            .create(
                {
                    "name": "Betriebskostenabrechnung 2025",
                    "category_id": self.env.ref(
                        "wbg54_portal.document_category_operating_costs"
                    ).id,
                    "scope": "contract",
                    "contract_id": self.contract_a1.id,
                    "file": base64.b64encode(content),
                    "file_name": "Betriebskosten-2025.pdf",
                }
            )
        )
        document.action_publish()
        self.assertEqual(document.state, "published")

        # her phone gets the push; its deep link is the API's document
        [push] = self._delivered_pushes()
        self.assertEqual(push["data"]["event"], "document")
        self.assertEqual(push["data"]["api"], f"{API}/documents/{document.id}")
        self.assertEqual(
            push["notification"]["title"],
            "Neues Dokument: Betriebskostenabrechnung",
        )
        # and the e-mail (her default: both)
        recipient_a = document.sudo().recipient_ids.filtered(
            lambda r: r.partner_id == self.partner_a
        )
        self.assertTrue(
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "wbg54.document.recipient"),
                    ("res_id", "=", recipient_a.id),
                ]
            )
        )

        response = self._app_get(push["data"]["api"], key)
        self.assertEqual(response.status_code, 200, response.text[:300])
        found = response.json()
        self.assertEqual(
            (found["id"], found["title"], found["opened"]),
            (document.id, "Betriebskostenabrechnung 2025", False),
        )
        listed = self._call("GET", "/documents", key).json()["items"]
        self.assertIn(document.id, [item["id"] for item in listed])

        download = self._app_get(found["content_url"], key)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, content, "the bytes staff uploaded")
        self.assertIn(
            "Betriebskosten-2025.pdf", download.headers["Content-Disposition"]
        )

        # her download is her read receipt, as staff see it in the backend
        self.assertTrue(recipient_a.opened_at)
        self.assertEqual(document.with_user(self.staff).opened_count, 1)
        recipient_b = document.sudo().recipient_ids - recipient_a
        self.assertEqual(recipient_b.partner_id, self.partner_b)
        self.assertFalse(recipient_b.opened_at, "B has not opened it")
        self.assertTrue(self._app_get(push["data"]["api"], key).json()["opened"])

        # the push's web link is the same file on the portal
        self.authenticate("tenant_a", TENANT_PASSWORD)
        web = self.url_open(urlsplit(push["data"]["url"]).path)
        self.assertEqual(web.status_code, 200)
        self.assertEqual(web.content, content)
