"""The environment `make` builds: Odoo importable as a real package beside
OCA addons installed as wheels."""

import importlib.metadata
import pathlib
import subprocess
import sys
import sysconfig
import unittest

import odoo
from odoo.modules.module import get_module_path


class TestOdooImport(unittest.TestCase):
    def test_odoo_is_a_regular_package(self):
        # a strict setuptools editable install would leave `odoo` a namespace
        # package (no __file__) once a wheel adds site-packages/odoo/addons/
        code = (
            "import odoo, odoo.release; print(odoo.__file__); "
            "print(odoo.release.version_info[:2])"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        file_line, version_line = out.splitlines()
        self.assertTrue(file_line.endswith("odoo/__init__.py"), file_line)
        self.assertEqual(version_line, "(18, 0)")
        self.assertEqual(importlib.metadata.version("odoo").split(".")[:2], ["18", "0"])

    def test_oca_wheel_addons_and_source_addons_both_found(self):
        site_addons = pathlib.Path(sysconfig.get_paths()["purelib"], "odoo", "addons")
        self.assertTrue(
            (site_addons / "helpdesk_mgmt" / "__manifest__.py").is_file(),
            "the OCA wheel installs into site-packages/odoo/addons",
        )
        self.assertIn(
            str(site_addons), [str(pathlib.Path(p)) for p in odoo.addons.__path__]
        )
        self.assertTrue(get_module_path("helpdesk_mgmt"))
        self.assertTrue(get_module_path("web"), "Odoo's own addons stay visible")
        self.assertTrue(get_module_path("wbg54_portal"))
        self.assertFalse(
            pathlib.Path(odoo.__file__).is_relative_to(site_addons.parent),
            "odoo itself comes from the source tree, not from the wheels' folder",
        )
