"""`make test` while `make run` serves the demo on port 8069.

The tests' server runs on a free port of its own, and no PDF of a test is
rendered against port 8069: wkhtmltopdf fetches a report's assets from
``report.url`` or else ``web.base.url``, which installation derived from the
configured port (8069); tests/conftest.py points both at ports of this run.
Here a decoy listens on 8069 (unless something, like ``make run``, already
does) and answers every request with a style sheet that hides all text.
"""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PyPDF2 import PdfReader

import odoo
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import config

from .common import TenantFixture

DEMO_PORT = 8069  # `make run`'s default (HTTP_PORT)


class _HideEverything(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        body = b"* { display: none !important; }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestFreePortServer(HttpCase):
    def test_server_on_a_free_port_of_its_own(self):
        port = odoo.service.server.server.httpd.server_port
        self.assertNotEqual(port, DEMO_PORT)
        self.assertEqual(port, config["http_port"])
        self.assertEqual(self.base_url(), f"http://127.0.0.1:{port}")
        self.assertEqual(self.url_open("/web/login").status_code, 200)


@tagged("post_install", "-at_install")
class TestFreePortPdf(TenantFixture, TransactionCase):
    """A PDF rendered outside HttpCase, as the other PDF tests do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        try:
            cls.decoy = ThreadingHTTPServer(("127.0.0.1", DEMO_PORT), _HideEverything)
        except OSError:
            cls.decoy = None  # taken already, e.g. by `make run`: the case to test
        else:
            cls.decoy.requests = []
            threading.Thread(target=cls.decoy.serve_forever, daemon=True).start()
            cls.addClassCleanup(cls.decoy.server_close)
            cls.addClassCleanup(cls.decoy.shutdown)

    def test_pdf_rendered_against_this_run(self):
        server = odoo.service.server.server
        ICP = self.env["ir.config_parameter"]
        if server and server.httpd:
            self.assertEqual(
                ICP.get_param("web.base.url"),
                f"http://127.0.0.1:{server.httpd.server_port}",
            )
        report_url = self.env["ir.actions.report"]._get_report_url()
        self.assertNotIn(f":{DEMO_PORT}", report_url)
        report = self.env.ref("wbg54_portal.action_report_rent_certificate")
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, self.contract_a1.ids
        )
        self.assertEqual(kind, "pdf")
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        if self.decoy:
            self.assertEqual(self.decoy.requests, [], "wkhtmltopdf asked port 8069")
        self.assertIn("Alma Albrecht", text)
