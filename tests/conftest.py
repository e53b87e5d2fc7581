"""pytest-odoo glue for the top-level tests/ folder.

Odoo gives test classes their tags and module name only when they live in
``odoo.addons.<module>.tests``; these tests live beside the addon, so they get
the same attributes here, as tests of wbg54_portal run after installation.
"""

import shutil
import socket

import pytest


def pytest_pycollect_makeitem(collector, name, obj):
    from odoo.tests.common import (
        BaseCase,  # imported late: only once Odoo is configured
    )

    if (
        isinstance(obj, type)
        and issubclass(obj, BaseCase)
        and "test_module" not in vars(obj)
    ):
        obj.test_tags = set(
            getattr(obj, "test_tags", None) or {"standard", "post_install"}
        )
        obj.test_module = "wbg54_portal"
        obj.test_class = obj.__name__
        obj.test_sequence = 0


def pytest_collection_modifyitems(config, items):
    # Odoo skips browser tests silently when Chromium is missing; with
    # --odoo-http a missing browser is an error, not a green run.
    from odoo.tests.common import HttpCase

    wants_browser = any(
        isinstance(getattr(item, "instance", None), HttpCase) for item in items
    )
    if config.getoption("--odoo-http") and wants_browser:
        if not any(
            shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
        ):
            raise pytest.UsageError(
                "HttpCase tests need Chromium: apt install chromium"
            )
        try:
            import websocket  # noqa: F401  (Odoo drives Chromium through it)
        except ImportError:
            raise pytest.UsageError(
                "HttpCase tests need websocket-client: make bootstrap"
            ) from None


@pytest.fixture(scope="session", autouse=True)
def wbg54_base_url(request, load_http):
    """Keep the tests off whatever listens on the configured port (8069).

    Installation derived the test database's ``web.base.url`` from the
    configured ``http_port``, 8069, where ``make run`` serves the demo; HttpCase
    corrects it only inside its own class transaction. So every other test saw
    the demo's URL, and wkhtmltopdf, which loads a report's assets from
    ``ir.actions.report._get_report_url()`` (``report.url``, else
    ``web.base.url``), rendered the PDF tests against the demo.

    Here, committed for the whole run (a test database is throwaway):
    ``web.base.url`` and ``report.url`` are this run's own server (pytest-odoo's
    ``--odoo-http`` server on a free port), so the PDFs of the tests are
    rendered with the report assets (CSS, fonts) as in production, and no other
    process can answer wkhtmltopdf's requests. Without a server of its own (no
    ``--odoo-http``), ``report.url`` is a port of this run that is bound but
    never listens: wkhtmltopdf's asset requests are refused at once.
    """
    import odoo  # imported late: only once Odoo is configured
    from odoo.modules.registry import Registry
    from odoo.tests.common import HOST, get_db_name

    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind((HOST, 0))  # reserved for the run, never listen()ed: refused
    closed_port = closed.getsockname()[1]
    server = odoo.service.server.server
    port = server.httpd.server_port if server and server.httpd else closed_port
    urls = {
        "web.base.url": f"http://{HOST}:{port}",
        "report.url": f"http://{HOST}:{port}",
    }
    with Registry(get_db_name()).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for key, url in urls.items():
            env["ir.config_parameter"].set_param(key, url)
        # The report bundles exist before any test renders a PDF. Otherwise the
        # server makes them while wkhtmltopdf waits, and a test that changed its
        # company's name (a unique key: the row is locked until the test ends)
        # blocks their insert (foreign key company_id): wkhtmltopdf waits for
        # the server, the server for the test, the test for wkhtmltopdf.
        for bundle in ("web.report_assets_common", "web.report_assets_pdf"):
            env["ir.qweb"]._get_asset_bundle(bundle, css=True, js=False).css()
            env["ir.qweb"]._get_asset_bundle(bundle, css=False, js=True).js()
    yield urls
    closed.close()
