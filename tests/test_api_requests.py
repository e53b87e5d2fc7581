"""The app API's requests (Anliegen): a damage report with photos as a form
upload, an application with the type's answers, the list and the detail
with the thread she may read (no internal notes) and its files, a reply
with files, closing; another tenant gets 404 and nothing of it."""

from .api_common import ApiCase
from .test_photo import make_photo


class TestApiRequests(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sanitary = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")
        cls.pet = cls.env.ref("wbg54_portal.application_type_pet")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.staff = cls.env.ref("base.user_admin")

    def _upload(self, path, key, fields, files=(), headers=None):
        headers = {"Authorization": f"Bearer {key}", **(headers or {})}
        # always multipart/form-data, as an app sends a form with files
        parts = [(name, (None, value)) for name, value in fields.items()]
        return self.opener.post(
            self.base_url() + "/api/wbg54/v1" + path,
            files=parts + list(files),
            headers=headers,
            timeout=60,
        )

    def _damage(self, key=None, files=None, **fields):
        return self._upload(
            "/requests/damage",
            key or self.key_a,
            {
                "category_id": str(self.sanitary.id),
                "contract_id": str(self.contract_a1.id),
                "description": "Der Siphon tropft.",
                "location": "Bad",
                "urgency": "urgent",
                "access_allowed": "true",
                "time_windows": "werktags ab 16 Uhr",
                **fields,
            },
            files
            if files is not None
            else [
                ("photos", ("siphon.jpg", make_photo(size=(800, 600)), "image/jpeg"))
            ],
        )

    def _tickets(self):
        return self.env["helpdesk.ticket"].sudo().search_count([])

    def test_damage_report_with_photo_and_its_detail(self):
        response = self._damage()
        self.assertEqual(response.status_code, 201, response.text[:500])
        created = response.json()
        ticket = self.env["helpdesk.ticket"].browse(created["id"])
        self.assertEqual(
            (ticket.partner_id, ticket.wbg54_contract_id, ticket.wbg54_urgency),
            (self.partner_a, self.contract_a1, "urgent"),
        )
        self.assertEqual(
            created["kind"], {"code": "damage", "label": "Schadensmeldung"}
        )
        self.assertEqual(
            (created["location"], created["time_windows"], created["access_allowed"]),
            ("Bad", "werktags ab 16 Uhr", True),
        )
        self.assertEqual(created["urgency"]["code"], "urgent")
        self.assertEqual(created["contract"]["id"], self.contract_a1.id)
        self.assertEqual(created["category"]["id"], self.sanitary.id)
        self.assertEqual(created["description"], "Der Siphon tropft.")
        [photo] = created["attachments"]
        self.assertEqual(
            (photo["name"], photo["mimetype"]), ("siphon.jpg", "image/jpeg")
        )
        response = self._call(
            "GET", photo["content_url"][len("/api/wbg54/v1") :], self.key_a
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"\xff\xd8"), "a JPEG")
        self.assertIn('filename="siphon.jpg"', response.headers["Content-Disposition"])
        # staff reply and an internal note: she reads the reply only
        ticket.with_user(self.staff).message_post(
            body="Der Handwerker kommt am Montag.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        note_file = self.env["ir.attachment"].create(
            {
                "name": "intern.txt",
                "raw": b"intern",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        ticket.with_user(self.staff).message_post(
            body="Nur intern",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=note_file.ids,
        )
        detail = self._get(f"/requests/{ticket.id}", self.key_a)
        self.assertIn(
            "Der Handwerker kommt am Montag.", [m["body"] for m in detail["messages"]]
        )
        self.assertNotIn("intern", str(detail).lower().replace("international", ""))
        self.assertEqual([a["name"] for a in detail["attachments"]], ["siphon.jpg"])
        response = self._call(
            "GET", f"/requests/{ticket.id}/attachments/{note_file.id}", self.key_a
        )
        self.assertProblem(response, 404, "not-found")
        # listed, with an ETag
        listed = self._call("GET", "/requests", self.key_a)
        self.assertEqual([r["id"] for r in listed.json()["items"]], [ticket.id])
        again = self._call(
            "GET",
            "/requests",
            self.key_a,
            headers={"If-None-Match": listed.headers["ETag"]},
        )
        self.assertEqual(again.status_code, 304)
        self.assertEqual(self._get("/requests", self.key_c)["items"], [])

    def test_damage_report_refused_per_field(self):
        before = self._tickets()
        response = self._damage(
            category_id="999999",
            contract_id=str(self.contract_c.id),
            files=[("photos", ("x.jpg", b"no photo", "image/jpeg"))],
        )
        body = self.assertProblem(response, 422, "validation-error")
        errors = {error["field"]: error["detail"] for error in body["errors"]}
        self.assertEqual(set(errors), {"category_id", "contract_id", "photos"})
        self.assertEqual(
            errors["contract_id"], "Bitte wählen Sie einen Ihrer Verträge aus."
        )
        self.assertIn("„x.jpg“", errors["photos"])
        # FastAPI's own checks in the same format
        body = self.assertProblem(self._damage(urgency="sofort"), 422)
        self.assertEqual(body["errors"][0]["field"], "urgency")
        # JSON instead of a form
        response = self._call(
            "POST", "/requests/damage", self.key_a, body={"category_id": 1}
        )
        self.assertProblem(response, 415, "unsupported-media-type")
        self.assertEqual(self._tickets(), before)

    def test_application_with_answers(self):
        types = self._get("/application-types", self.key_a)["items"]
        pet = next(t for t in types if t["id"] == self.pet.id)
        self.assertEqual(
            [(q["field"], q["type"]) for q in pet["questions"]],
            [("pet_species", "char"), ("pet_count", "integer"), ("pet_breed", "char")],
        )
        self.assertEqual(pet["questions"][0]["question"], "Tierart")
        categories = self._get("/damage-categories", self.key_a)["items"]
        self.assertIn(self.sanitary.id, [c["id"] for c in categories])
        body = {
            "application_type_id": self.pet.id,
            "description": "Wir möchten eine Katze halten.",
            "answers": {"pet_species": "Katze", "pet_count": 1, "pet_breed": "klein"},
        }
        response = self._call("POST", "/requests/applications", self.key_a, body=body)
        self.assertEqual(response.status_code, 201, response.text[:500])
        created = response.json()
        self.assertEqual(
            [(a["field"], a["value"]) for a in created["answers"]],
            [("pet_species", "Katze"), ("pet_count", 1), ("pet_breed", "klein")],
        )
        self.assertEqual(created["application_type"]["id"], self.pet.id)
        before = self._tickets()
        body["answers"] = {"pet_species": "", "pet_count": 5000, "x": "y"}
        problem = self.assertProblem(
            self._call("POST", "/requests/applications", self.key_a, body=body), 422
        )
        self.assertEqual(problem["errors"][0]["field"], "answers.x")
        del body["answers"]["x"]
        problem = self.assertProblem(
            self._call("POST", "/requests/applications", self.key_a, body=body), 422
        )
        self.assertEqual(
            {e["field"]: e["detail"] for e in problem["errors"]},
            {
                "answers.pet_species": "Bitte beantworten Sie diese Frage.",
                "answers.pet_count": "Bitte prüfen Sie diese Angabe.",
                "answers.pet_breed": "Bitte beantworten Sie diese Frage.",
            },
        )
        self.assertEqual(self._tickets(), before)

    def test_reply_with_file_and_close(self):
        ticket_id = self._damage(files=[]).json()["id"]
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        response = self._upload(
            f"/requests/{ticket_id}/messages",
            self.key_a,
            {"body": "Heute bin ich ab 15 Uhr da."},
            [("attachments", ("plan.pdf", b"%PDF-1.4\n%plan", "application/pdf"))],
        )
        self.assertEqual(response.status_code, 201, response.text[:500])
        [message] = [m for m in response.json()["messages"] if m["from_her"]]
        self.assertEqual(message["body"], "Heute bin ich ab 15 Uhr da.")
        self.assertEqual([a["name"] for a in message["attachments"]], ["plan.pdf"])
        self.assertEqual(ticket.message_ids[0].author_id, self.partner_a)
        download = self._call(
            "GET",
            message["attachments"][0]["content_url"][len("/api/wbg54/v1") :],
            self.key_a,
        )
        self.assertEqual(download.content, b"%PDF-1.4\n%plan")
        # an empty reply
        response = self._upload(
            f"/requests/{ticket_id}/messages", self.key_a, {"body": " "}
        )
        problem = self.assertProblem(response, 422)
        self.assertEqual(problem["errors"][0]["field"], "body")
        # close as a stage the web offers, not as any other
        detail = self._get(f"/requests/{ticket_id}", self.key_a)
        self.assertIn(self.done.id, [s["id"] for s in detail["close_stages"]])
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        problem = self.assertProblem(
            self._call(
                "POST",
                f"/requests/{ticket_id}/close",
                self.key_a,
                body={"stage_id": in_progress.id},
            ),
            422,
        )
        self.assertEqual(problem["errors"][0]["field"], "stage_id")
        response = self._call(
            "POST",
            f"/requests/{ticket_id}/close",
            self.key_a,
            body={"stage_id": self.done.id},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(ticket.stage_id, self.done)
        self.assertEqual(response.json()["close_stages"], [])

    def test_another_tenants_request_is_not_found(self):
        ticket_id = self._damage().json()["id"]
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket_id)]
        )
        stage = ticket.stage_id
        messages = len(ticket.message_ids)
        for response in (
            self._call("GET", f"/requests/{ticket_id}", self.key_c),
            self._call(
                "GET", f"/requests/{ticket_id}/attachments/{photo.id}", self.key_c
            ),
            self._upload(
                f"/requests/{ticket_id}/messages", self.key_c, {"body": "Hallo"}
            ),
            self._call(
                "POST",
                f"/requests/{ticket_id}/close",
                self.key_c,
                body={"stage_id": self.done.id},
            ),
        ):
            body = self.assertProblem(response, 404, "not-found")
            self.assertEqual(body["detail"], "Anliegen nicht gefunden.")
            self.assertNotIn("Siphon", response.text)
        self.assertEqual((ticket.stage_id, len(ticket.message_ids)), (stage, messages))
        # anonymous
        response = self._call("GET", f"/requests/{ticket_id}")
        self.assertProblem(response, 401, "unauthorized")
