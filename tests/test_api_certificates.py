"""The app API's certificates (rent certificate, share confirmation): the
web portal's access rules and file names, and the real PDF they answer.

Over HTTP (ApiCase) Odoo renders a report as HTML while tests run. Forcing
the PDF there (``force_report_rendering``) would hang: wkhtmltopdf loads the
report's CSS and fonts from the test server, which serves one request at a
time under the test's cursor and is busy with the very request waiting for
wkhtmltopdf. So status, headers, access and the rendered text are checked
over HTTP, and the PDF itself comes from the same route run in-process by
the fastapi addon's TestClient (FastAPITransactionCase), its environment
carrying ``force_report_rendering``: wkhtmltopdf then loads the assets from
this run's server, as for the letters of tests/test_letters.py."""

import re

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.fastapi.tests import common as fastapi_common

from .api_common import ApiCase
from .common import TENANT_PASSWORD, TenantFixture
from .test_letters import pdftotext


def _filename_star(content_disposition):
    """The exact (UTF-8) file name of a Content-Disposition header."""
    return re.search(r"filename\*=UTF-8''([^;]+)", content_disposition)[1]


class TestApiCertificates(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_en").active = True

    def _certificate(self, contract, key, **kwargs):
        return self._call(
            "GET", f"/contracts/{contract.id}/rent-certificate", key, **kwargs
        )

    def _web_download(self, login, url):
        self.authenticate(login, TENANT_PASSWORD)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_rent_certificate_of_her_contract(self):
        response = self._certificate(self.contract_a1, self.key_a)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertNotIn("ETag", response.headers)
        name = re.sub(r"\W+", "_", f"Mietbescheinigung {self.contract_a1.name}")
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(
            disposition.startswith(f'attachment; filename="{name}.pdf"; '), disposition
        )
        # the report's text (HTML while tests run, see the module's docstring)
        for expected in (
            "Mietbescheinigung",
            "Alma Albrecht",
            "Bodo Albrecht",
            "612,50",
        ):
            self.assertIn(expected, response.text)
        self.contract_a1.invalidate_recordset()
        note = self.contract_a1.message_ids[0]
        self.assertIn("Mietbescheinigung", note.body, "noted on the contract")
        self.assertEqual(note.author_id, self.partner_a)
        # the web portal names the download the same
        web = self._web_download(
            "tenant_a", f"/my/contracts/{self.contract_a1.id}/certificate"
        )
        self.assertEqual(
            _filename_star(disposition),
            _filename_star(web.headers["Content-Disposition"]),
        )

    def test_co_member_gets_the_household_certificate_only(self):
        response = self._certificate(self.contract_a1, self.key_b)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("Bodo Albrecht", response.text)
        body = self.assertProblem(
            self._certificate(self.contract_a2, self.key_b), 404, "not-found"
        )
        self.assertEqual(body["detail"], "Nutzungsvertrag nicht gefunden.")

    def test_another_tenants_contract_is_not_found(self):
        count = len(self.contract_a1.message_ids)
        response = self._certificate(self.contract_a1, self.key_c)
        body = self.assertProblem(response, 404, "not-found")
        self.assertNotIn("Alma", response.text)
        self.assertNotIn(self.contract_a1.name, response.text)
        # the same answer as an id nobody has
        missing = self._call(
            "GET", "/contracts/2147483647/rent-certificate", self.key_c
        )
        self.assertEqual(
            {k: v for k, v in body.items() if k != "instance"},
            {k: v for k, v in missing.json().items() if k != "instance"},
        )
        self.contract_a1.invalidate_recordset()
        self.assertEqual(len(self.contract_a1.message_ids), count, "nothing rendered")

    def test_certificates_need_a_valid_key_and_valid_input(self):
        for path in (
            f"/contracts/{self.contract_a1.id}/rent-certificate",
            "/shares/confirmation",
        ):
            self.assertProblem(self._call("GET", path), 401, "unauthorized")
            self.assertProblem(self._call("GET", path, "wbg54_x"), 401, "unauthorized")
        body = self.assertProblem(
            self._call("GET", "/contracts/0/rent-certificate", self.key_a), 422
        )
        self.assertEqual(
            [(e["location"], e["field"]) for e in body["errors"]],
            [("path", "contract_id")],
        )

    def test_share_confirmation_at_a_date(self):
        response = self._call("GET", "/shares/confirmation?date=2020-01-15", self.key_a)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        disposition = response.headers["Content-Disposition"]
        self.assertEqual(
            disposition,
            'attachment; filename="Best_tigung Gesch_ftsguthaben 2020-01-15.pdf"; '
            "filename*=UTF-8''Best%C3%A4tigung%20Gesch%C3%A4ftsguthaben%202020-01-15.pdf",
        )
        self.assertIn("Alma Albrecht", response.text)
        self.assertIn("640,00", response.text)
        self.assertNotIn("400,00", response.text, "paid in on 1 February")
        self.assertNotIn("Clara", response.text)
        web = self._web_download("tenant_a", "/my/shares/confirmation?date=2020-01-15")
        self.assertEqual(
            _filename_star(disposition),
            _filename_star(web.headers["Content-Disposition"]),
        )
        english = self._call(
            "GET",
            "/shares/confirmation?date=2020-01-15",
            self.key_a,
            headers={"Accept-Language": "en-US"},
        )
        self.assertIn(
            "Share%20capital%20confirmation%202020-01-15.pdf",
            english.headers["Content-Disposition"],
        )

    def test_share_confirmation_of_today(self):
        response = self._call("GET", "/shares/confirmation", self.key_a)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("400,00", response.text)
        today = fields.Date.context_today(self.partner_a).isoformat()
        self.assertIn(f"{today}.pdf", response.headers["Content-Disposition"])

    def test_share_confirmation_takes_a_date_only(self):
        for value in ("not-a-date", "2020-02-30", "0", "2020-01-15T00:00:00", ""):
            body = self.assertProblem(
                self._call("GET", f"/shares/confirmation?date={value}", self.key_a),
                422,
                "validation-error",
            )
            self.assertEqual(
                body["errors"],
                [
                    {
                        "location": "query",
                        "field": "date",
                        "detail": "Ein Datum (JJJJ-MM-TT) wird erwartet.",
                    }
                ],
                value,
            )

    def test_share_confirmation_for_members_only(self):
        # a portal user who is no member (a customer Odoo's portal invited)
        stranger = new_test_user(
            self.env,
            login="no_member",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Nora Nichtmitglied",
            lang="de_DE",
        )
        key = self._app_key(stranger)
        messages = stranger.partner_id.message_ids
        body = self.assertProblem(
            self._call("GET", "/shares/confirmation", key), 403, "forbidden"
        )
        self.assertEqual(
            body["detail"],
            "Nur Mitglieder der Genossenschaft erhalten eine Bestätigung ihres "
            "Geschäftsguthabens.",
        )
        stranger.partner_id.invalidate_recordset()
        self.assertEqual(stranger.partner_id.message_ids, messages, "nothing rendered")
        # the web portal sends her home
        self.authenticate("no_member", TENANT_PASSWORD)
        web = self.url_open("/my/shares/confirmation", allow_redirects=False)
        self.assertEqual(web.status_code, 303)


class TestApiCertificatePdf(TenantFixture, fastapi_common.FastAPITransactionCase):
    """The real PDF (wkhtmltopdf) through the routes' code: the API's FastAPI
    application in-process, the tenant's app key, read back with pdftotext."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        cls.key_a = cls.env["res.users.apikeys"]._wbg54_app_sign_in(
            cls.user_a, "Testtelefon"
        )[1]

    def _get(self, path):
        endpoint = self.env.ref("wbg54_portal.fastapi_endpoint_wbg54_app")
        # as the endpoint's user, as in production; PDF while tests run
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        with self._create_test_client(
            app=endpoint._get_app(), env=env, user=endpoint.user_id
        ) as client:
            response = client.get(
                path, headers={"Authorization": f"Bearer {self.key_a}"}
            )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"), response.content[:100])
        return response, " ".join(pdftotext(response.content).split())

    def test_rent_certificate_pdf(self):
        response, text = self._get(f"/contracts/{self.contract_a1.id}/rent-certificate")
        for expected in (
            "Mietbescheinigung",
            "Alma Albrecht Portalweg 7 04109 Leipzig",
            "Bodo Albrecht",
            self.contract_a1.name,
            "70,50 m²",
            "420,00 €",
            "140,00 €",
            "52,50 €",
            "Summe monatlich 612,50 €",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Clara Fremd", text)
        self.assertIn(
            re.sub(r"\W+", "_", f"Mietbescheinigung {self.contract_a1.name}") + ".pdf",
            response.headers["Content-Disposition"],
        )
        self.assertEqual(self.contract_a1.message_ids[0].author_id, self.partner_a)

    def test_share_confirmation_pdf(self):
        _response, text = self._get("/shares/confirmation?date=2020-03-01")
        for expected in (
            "Bestätigung über Geschäftsguthaben",
            "Alma Albrecht Portalweg 7 04109 Leipzig",
            "01.03.2020",
            "640,00 €",
            "400,00 €",
        ):
            self.assertIn(expected, text)
        _response, text = self._get("/shares/confirmation?date=2020-01-15")
        self.assertIn("640,00 €", text)
        self.assertNotIn("400,00 €", text, "paid in on 1 February")
