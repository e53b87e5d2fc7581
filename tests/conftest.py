"""pytest-odoo glue for the top-level tests/ folder.

Odoo gives test classes their tags and module name only when they live in
``odoo.addons.<module>.tests``; these tests live beside the addon, so they get
the same attributes here, as tests of wbg54_portal run after installation.
"""
import shutil

import pytest


def pytest_pycollect_makeitem(collector, name, obj):
    from odoo.tests.common import BaseCase  # imported late: only once Odoo is configured

    if isinstance(obj, type) and issubclass(obj, BaseCase) and "test_module" not in vars(obj):
        obj.test_tags = set(getattr(obj, "test_tags", None) or {"standard", "post_install"})
        obj.test_module = "wbg54_portal"
        obj.test_class = obj.__name__
        obj.test_sequence = 0


def pytest_collection_modifyitems(config, items):
    # Odoo skips browser tests silently when Chromium is missing; with
    # --odoo-http a missing browser is an error, not a green run.
    from odoo.tests.common import HttpCase

    wants_browser = any(isinstance(getattr(item, "instance", None), HttpCase) for item in items)
    if config.getoption("--odoo-http") and wants_browser:
        if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
            raise pytest.UsageError("HttpCase tests need Chromium: apt install chromium")
        try:
            import websocket  # noqa: F401  (Odoo drives Chromium through it)
        except ImportError:
            raise pytest.UsageError("HttpCase tests need websocket-client: make bootstrap") from None
