"""`make run` serves the demo without Odoo's database manager and with a
master password nobody can guess (Odoo's default is "admin")."""

import configparser
import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _demo_config():
    subprocess.run(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DEMO_CONFIG_ONLY": "1"},
        stdout=subprocess.DEVNULL,
    )
    path = ROOT / ".run" / "demo.conf"
    parser = configparser.ConfigParser()
    parser.read(path)
    return path, parser["options"]


def test_no_database_manager_and_a_random_master_password():
    path, options = _demo_config()
    assert options["list_db"] == "False"
    assert options["admin_passwd"] not in ("", "admin", "False")
    assert len(options["admin_passwd"]) >= 24
    assert (
        stat.S_IMODE(path.stat().st_mode) == 0o600
    ), "only the owner reads the master password"
    assert options["addons_path"], "the rest of the set-up is kept"
    _path, again = _demo_config()
    assert again["admin_passwd"] == options["admin_passwd"], "stable across runs"
