"""Delivery guarantees of the push outbox with real worker processes.

The drains run as separate Odoo processes (``odoo shell``) on committed data,
so a worker can be killed with SIGKILL in the middle of a batch and two
workers can drain side by side, as cron workers on several servers would."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

from odoo import SUPERUSER_ID, api
from odoo.tests import BaseCase
from odoo.tools import config

from .fake_fcm import FakeFCM

DRAIN_ONCE = "env['wbg54.push.message']._cron_send()\n"
DRAIN_ALL = """
import time
Message = env['wbg54.push.message']
deadline = time.time() + 120
while Message._pending_count() and time.time() < deadline:
    Message._cron_send()
    env.cr.commit()
"""


class TestPushDeliveryProcesses(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = __import__("odoo").modules.registry.Registry(config["db_name"])
        cls.fcm = FakeFCM().start()
        cls.addClassCleanup(cls.fcm.stop)

    def setUp(self):
        super().setUp()
        self.fcm.reset()
        self.params = {}
        self.addCleanup(self._cleanup)

    def _committed(self, function):
        with self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {}))

    def _setup_outbox(self, count, **params):
        def setup(env):
            ICP = env["ir.config_parameter"]
            values = {
                "fcm_service_account": self.fcm.service_account_json(),
                "fcm_project_id": self.fcm.project_id,
                "fcm_endpoint": self.fcm.endpoint,
                **{f"push_{k}": str(v) for k, v in params.items()},
            }
            for key, value in values.items():
                self.params.setdefault(key, ICP.get_param(f"wbg54_portal.{key}"))
                ICP.set_param(f"wbg54_portal.{key}", value)
            devices = env["wbg54.push.device"].create(
                [
                    {
                        "user_id": env.ref("base.user_admin").id,
                        "platform": "android",
                        "token": f"delivery-test-{i:05d}-" + "k" * 40,
                    }
                    for i in range(count)
                ]
            )
            # nothing else may wait in the outbox of this database
            env["wbg54.push.message"].search(
                [("state", "in", ("queued", "failed", "sending"))]
            ).write({"state": "dead", "error": "parked by test_push_delivery"})
            messages = env["wbg54.push.message"].create(
                [
                    {
                        "device_id": device.id,
                        "event": "notice",
                        "title": "Aufzug außer Betrieb",
                        "url": "/my",
                    }
                    for device in devices
                ]
            )
            return devices.mapped("token"), messages.ids

        return self._committed(setup)

    def _cleanup(self):
        def cleanup(env):
            env["wbg54.push.device"].with_context(active_test=False).search(
                [("token", "=like", "delivery-test-%")]
            ).unlink()
            for key, value in self.params.items():
                env["ir.config_parameter"].set_param(f"wbg54_portal.{key}", value)

        self._committed(cleanup)

    def _worker(self, script):
        command = [
            sys.executable,
            "-m",
            "odoo",
            "shell",
            "-c",
            config.rcfile,
            "-d",
            config["db_name"],
            "--no-http",
            "--log-level=warn",
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        process.stdin.write(script.encode())
        process.stdin.close()
        return process

    def _finish(self, process, timeout=180):
        output = process.stdout.read().decode()
        self.assertEqual(process.wait(timeout), 0, output)

    def _states(self, ids):
        return self._committed(
            lambda env: Counter(env["wbg54.push.message"].browse(ids).mapped("state"))
        )

    def test_killed_worker_loses_nothing(self):
        tokens, ids = self._setup_outbox(45, lease_seconds=3)
        self.fcm.fail(tokens[30], "hang")
        worker = self._worker(DRAIN_ONCE)
        self.assertTrue(
            self.fcm.hanging.wait(120), "the worker reached the 31st message"
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        self.fcm.release()
        before = self.fcm.delivered_ids()
        self.assertEqual(len(before), 30)
        states = self._states(ids)
        self.assertEqual(
            states,
            Counter(sent=20, sending=25),
            "20 committed as sent, the rest still leased",
        )
        time.sleep(3)  # the lease of the killed worker runs out
        self._finish(self._worker(DRAIN_ALL))
        self.assertEqual(self._states(ids), Counter(sent=45))
        delivered = self.fcm.delivered_ids()
        self.assertEqual(set(delivered), set(ids), "every message delivered")
        resent = {message_id for message_id, count in delivered.items() if count > 1}
        self.assertEqual(
            len(resent),
            10,
            "only what was delivered but not yet recorded is sent twice",
        )

    def test_parallel_workers_send_each_message_once(self):
        self.fcm.latency = 0.002
        _tokens, ids = self._setup_outbox(400, batch_size=25)
        workers = [self._worker(DRAIN_ALL) for _i in range(2)]
        for worker in workers:
            self._finish(worker)
        self.fcm.latency = 0
        self.assertEqual(self._states(ids), Counter(sent=400))
        self.assertEqual(
            self.fcm.delivered_ids(), Counter({message_id: 1 for message_id in ids})
        )
