# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's own test runner, with two changes for `make test-upstream`.

Usage: python scripts/test_upstream_runner.py RESULT.json <odoo server args>

1. On a database that is already installed, Odoo runs a module's at-install
   tests while it loads that module, i.e. with only the module and its
   dependencies in the registry -- the code of the modules that depend on it
   (wbg54_portal) is not loaded yet.  Here the at-install phase runs nothing and
   the post-install phase (full registry) runs every test that `--test-tags`
   selects, at-install ones first, so the dependencies' at-install tests see the
   addon's overrides as they would in production.
2. Every test started, failed or errored is recorded per module and written to
   RESULT.json (the log stays Odoo's own).
"""

import collections
import json
import re
import sys

import odoo
import odoo.cli
from odoo.tests import loader
from odoo.tests.result import OdooTestResult
from odoo.tests.tag_selector import TagsSelector

MODULE_RE = re.compile(r"odoo\.addons\.(\w+)\.")
RESULT = {"ran": collections.Counter(), "started": [], "failed": [], "errors": []}


def _module_of(test):
    match = MODULE_RE.search(getattr(test, "__module__", "") + "." + str(test.id()))
    if not match:
        match = MODULE_RE.search(str(test))
    return match.group(1) if match else "?"


def _name_of(test):
    return str(test.id()).replace("odoo.addons.", "")


def make_suite(module_names, position="at_install"):
    if position == "at_install":
        return loader.OdooSuite([])
    config_tags = TagsSelector(odoo.tools.config["test_tags"] or "")
    at_install = TagsSelector("at_install")
    tests = [
        t
        for module_name in module_names
        for m in loader.get_test_modules(module_name)
        for t in loader.get_module_test_cases(m)
        if config_tags.check(t)
    ]
    # at-install tests first (as Odoo runs them), each group by test_sequence
    tests.sort(key=lambda t: (not at_install.check(t), t.test_sequence))
    return loader.OdooSuite(tests)


_start, _fail, _error = (
    OdooTestResult.startTest,
    OdooTestResult.addFailure,
    OdooTestResult.addError,
)


def start_test(self, test):
    RESULT["ran"][_module_of(test)] += 1
    RESULT["started"].append(_name_of(test))
    return _start(self, test)


def add_failure(self, test, err):
    RESULT["failed"].append([_module_of(test), _name_of(test)])
    return _fail(self, test, err)


def add_error(self, test, err):
    RESULT["errors"].append([_module_of(test), _name_of(test)])
    return _error(self, test, err)


def main():
    out = sys.argv[1]
    sys.argv = ["odoo", "server"] + sys.argv[2:]
    loader.make_suite = make_suite
    OdooTestResult.startTest = start_test
    OdooTestResult.addFailure = add_failure
    OdooTestResult.addError = add_error
    try:
        odoo.cli.main()
    finally:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(RESULT, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
