"""Install through the Apps button, upgrade with -u, uninstall, in a fresh
database of its own (the test database is left alone)."""

import os
import subprocess
import sys
import textwrap
import unittest
import uuid

import odoo
from odoo.tools import config

SCRIPT = textwrap.dedent("""
    import sys
    import odoo
    from odoo import api, SUPERUSER_ID
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", sys.argv[1], "-d", sys.argv[2], "--log-level=warn"]
    )
    step = sys.argv[3]
    registry = Registry(sys.argv[2])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Module = env["ir.module.module"]
        if step == "install":
            Module.update_list()
            Module.search([("name", "=", "wbg54_portal")]).button_immediate_install()
        elif step == "uninstall":
            Module.search([("name", "=", "wbg54_portal")]).button_immediate_uninstall()
    with Registry(sys.argv[2]).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        module = env["ir.module.module"].search([("name", "=", "wbg54_portal")])
        cr.execute("SELECT to_regclass('wbg54_contract') IS NOT NULL")
        table = cr.fetchone()[0]
        menu = env.ref("wbg54_portal.wbg54_menu_root", False)
        print(module.state, "wbg54.contract" in env, table, bool(menu))
""")


class TestModuleLifecycle(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.db = f"wbg54_lifecycle_{uuid.uuid4().hex[:8]}"
        self.conf = config.rcfile
        self.addCleanup(self._drop)

    def _drop(self):
        odoo.sql_db.close_db(self.db)
        subprocess.run(["dropdb", "--if-exists", self.db], check=False, env=os.environ)

    def _odoo(self, *args):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                self.conf,
                "-d",
                self.db,
                "--stop-after-init",
                "--log-level=warn",
                *args,
            ],
            capture_output=True,
            text=True,
            check=True,
        )

    def _step(self, step):
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, self.conf, self.db, step],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result.stdout.strip().splitlines()[-1]

    def test_install_upgrade_uninstall(self):
        self._odoo("-i", "base", "--without-demo=all")
        self.assertEqual(self._step("install"), "installed True True True")
        self._odoo("-u", "wbg54_portal")
        self.assertEqual(self._step("check"), "installed True True True")
        self.assertEqual(self._step("uninstall"), "uninstalled False False False")
