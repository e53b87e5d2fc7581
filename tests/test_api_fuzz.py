"""Property-based fuzzing of the app API from its own OpenAPI description.

Schemathesis reads the description the test server serves at
``/api/wbg54/v1/openapi.json`` (so every operation the routers offer at run
time is fuzzed, none is listed here) and sends generated requests, valid and
invalid (examples, coverage and fuzzing phases), to the real Odoo server on
127.0.0.1, signed in as the demo tenant Anna Schmidt with an app key. Checks
on every answer: no server error (5xx), a status code, content type and body
the description documents for the operation.

Bounded for ``make test`` (WBG54_FUZZ_EXAMPLES examples per operation, 5 by
default, deterministic generation); ``make fuzz`` runs it with more examples
and a seed (WBG54_FUZZ_SEED). The run happens inside the test's transaction:
what the fuzz creates or changes is rolled back."""

import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from odoo.tests import HttpCase

from .api_common import API

_logger = logging.getLogger(__name__)

EXAMPLES = int(os.environ.get("WBG54_FUZZ_EXAMPLES") or 5)
# a seed (make fuzz) explores at random, reproducibly; without one the
# generation is deterministic (derandomized), the same cases every run
SEED = os.environ.get("WBG54_FUZZ_SEED")
# a regular expression of paths to leave out for one run (none by default)
EXCLUDE = os.environ.get("WBG54_FUZZ_EXCLUDE")
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
# each call of sign-out and refresh (tests/fuzz_hooks.py) takes a key of its own
POOL_PER_EXAMPLE = 6
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


class TestApiFuzz(HttpCase):
    def _app_key(self, user, device):
        return self.env["res.users.apikeys"]._wbg54_app_sign_in(user, device)[1]

    def _operations(self):
        response = self.url_open(API + "/openapi.json", timeout=60)
        self.assertEqual(response.status_code, 200)
        description = response.json()
        return {
            f"{method.upper()} {path}"
            for path, item in description["paths"].items()
            for method in item
            if method in HTTP_METHODS
        }

    def _her_ids(self, user):
        """Ids of her records by path parameter: tests/fuzz_hooks.py puts
        them into every other generated id, so that details are fuzzed too
        (random ids are not hers: 404)."""
        env = self.env(user=user)
        tickets = env["helpdesk.ticket"].search([])
        attachments = tickets.message_ids.attachment_ids
        ids = {
            "contract_id": env["wbg54.contract"].search([]).ids,
            "document_id": env["wbg54.document"].search([]).ids,
            "request_id": tickets.ids,
            "attachment_id": attachments.ids,
            "device_id": env["wbg54.push.device"].search([]).ids,
        }
        return {name: values for name, values in ids.items() if values}

    def test_fuzz_every_operation(self):
        """0 server errors and 0 answers contradicting the description."""
        # the fuzzer's failed sign-ins would lock the next tests out
        self.addCleanup(lambda: getattr(self.registry, "_login_failures", {}).clear())
        anna = self.env.ref("wbg54_portal.user_wbg54_tenant_2")
        operations = self._operations()
        self.assertGreater(len(operations), 10, operations)
        revoked = self._app_key(anna, "Schemathesis (abgemeldet)")
        Keys = self.env["res.users.apikeys"]
        revoked_id = Keys._wbg54_find_app_key(revoked)[0]
        Keys.with_user(anna).browse(revoked_id)._wbg54_revoke()
        keys = {
            "ids": self._her_ids(anna),
            "key": self._app_key(anna, "Schemathesis"),
            "revoked": revoked,
            "pool": [
                self._app_key(anna, f"Schemathesis {i}")
                for i in range(POOL_PER_EXAMPLE * EXAMPLES + 20)
            ],
        }
        out = Path(
            os.environ.get("WBG54_FUZZ_REPORT_DIR")
            or tempfile.mkdtemp(prefix="wbg54-fuzz-")
        )
        out.mkdir(parents=True, exist_ok=True)
        keys_file = out / "keys.json"
        keys_file.write_text(json.dumps(keys))
        junit = out / "junit.xml"
        tests_dir = Path(__file__).parent
        command = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            self.base_url() + API + "/openapi.json",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            str(EXAMPLES),
            *(["--seed", SEED] if SEED else ["--generation-deterministic"]),
            *(["--exclude-path-regex", EXCLUDE] if EXCLUDE else []),
            "--workers",
            "1",
            "--request-timeout",
            "60",
            "--suppress-health-check",
            "all",
            "--continue-on-failure",
            "--no-color",
            "--report",
            "junit",
            "--report-junit-path",
            str(junit),
        ]
        env = dict(
            os.environ,
            SCHEMATHESIS_HOOKS="fuzz_hooks",
            WBG54_FUZZ_KEYS=str(keys_file),
            WBG54_FUZZ_STATUSES=str(out / "statuses.json"),
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(tests_dir), os.environ.get("PYTHONPATH")])
            ),
        )
        try:
            run = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=3600,
                check=False,
            )
        finally:
            keys_file.unlink()
        output = run.stdout + run.stderr
        (out / "schemathesis.log").write_text(output)
        self.assertTrue(junit.exists(), output[-5000:])
        cases = ET.parse(junit).getroot().iter("testcase")
        fuzzed = {case.get("name") for case in cases}
        summary = output.strip().splitlines()[-3:]
        _logger.info("%s operations fuzzed; report in %s", len(operations), out)
        statuses = json.loads((out / "statuses.json").read_text())
        for operation in sorted(statuses):
            _logger.info("%s: %s", operation, statuses[operation])
        _logger.info("%s", "\n".join(summary))
        self.assertEqual(run.returncode, 0, output[-20000:])
        if EXCLUDE:
            operations = {op for op in operations if not re.search(EXCLUDE, op)}
        self.assertEqual(
            fuzzed, operations, "Schemathesis did not fuzz every operation"
        )
