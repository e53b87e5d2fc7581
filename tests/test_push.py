import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase

from .common import TenantFixture
from .fake_fcm import FakeFCM

PDF = b"%PDF-1.4\n% Betriebskostenabrechnung\n"


class PushFixture(TenantFixture):
    @classmethod
    def _setup_push(cls):
        cls._setup_tenants()
        # Odoo's test harness raises request timeouts below 10 s to 10 s
        cls.fcm = FakeFCM(timeout_delay=11).start()
        cls.addClassCleanup(cls.fcm.stop)
        cls._configure_fcm(cls.env, cls.fcm)
        cls.Message = cls.env["wbg54.push.message"]
        cls.cron = cls.env.ref("wbg54_portal.ir_cron_send_push")

    @staticmethod
    def _configure_fcm(env, fcm):
        ICP = env["ir.config_parameter"].sudo()
        for key, value in {
            "fcm_service_account": fcm.service_account_json(),
            "fcm_project_id": fcm.project_id,
            "fcm_endpoint": fcm.endpoint,
            "push_timeout_seconds": "10",
            "push_backoff_seconds": "30",
        }.items():
            ICP.set_param(f"wbg54_portal.{key}", value)

    @classmethod
    def _device(cls, user, token, platform="android"):
        return (
            cls.env["wbg54.push.device"]
            .with_user(user)
            ._register_token(token, platform, "1.0.0")[0]
            .sudo()
        )

    def _queue(self, devices, title="Aufzug außer Betrieb"):
        """One message per device (as _queue makes them for a notice)."""
        return self.Message.sudo().create(
            [
                {
                    "device_id": device.id,
                    "event": "notice",
                    "title": title,
                    "body": "Portalweg 7",
                    "url": "/my",
                }
                for device in devices
            ]
        )

    def _drain(self, times=1):
        for _i in range(times):
            self.cron.method_direct_trigger()


class TestPushOutbox(PushFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_push()

    def setUp(self):
        super().setUp()
        self.fcm.reset()

    def test_published_document_queues_push_with_deep_link(self):
        phone_a = self._device(self.user_a, "token-a-" + "x" * 40)
        phone_b = self._device(self.user_b, "token-b-" + "x" * 40, "ios")
        self.partner_b.wbg54_notify_document_push = False
        document = self.env["wbg54.document"].create(
            {
                "name": "Betriebskostenabrechnung 2025",
                "scope": "contract",
                "contract_id": self.contract_a1.id,
                "category_id": self.env.ref(
                    "wbg54_portal.document_category_operating_costs"
                ).id,
                "file": base64.b64encode(PDF),
                "file_name": "bk.pdf",
            }
        )
        document.action_publish()
        message = self.Message.search(
            [("res_model", "=", "wbg54.document"), ("res_id", "=", document.id)]
        )
        self.assertEqual(
            message.device_id, phone_a, "B switched pushes for documents off"
        )
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.title, "Neues Dokument: Betriebskostenabrechnung")
        self._drain()
        self.assertEqual(message.state, "sent")
        self.assertTrue(
            message.fcm_message_id.startswith("projects/wbg54-test/messages/")
        )
        [(token, sent)] = self.fcm.delivered
        self.assertEqual(token, phone_a.token)
        self.assertEqual(
            sent["notification"],
            {
                "title": "Neues Dokument: Betriebskostenabrechnung",
                "body": "Betriebskostenabrechnung 2025",
            },
        )
        self.assertEqual(
            sent["data"]["url"],
            f"{document.get_base_url()}/my/documents/{document.id}/download",
        )
        self.assertEqual(sent["data"]["api"], f"/api/wbg54/v1/documents/{document.id}")
        self.assertEqual(sent["data"]["id"], str(message.id))
        self.assertFalse(phone_b.id in self.Message.search([]).device_id.ids)

    def test_healthy_run_delivers_every_message_once(self):
        devices = self.env["wbg54.push.device"].concat(
            *(
                self._device(user, f"token-{user.login}-{i}-" + "y" * 40)
                for user in (self.user_a, self.user_b, self.user_c)
                for i in range(4)
            )
        )
        messages = self._queue(devices) | self._queue(devices, "Wasser abgestellt")
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.push_batch_size", "7"
        )
        self._drain(times=3)  # 21 of 24 claimed
        self.assertEqual(set(messages.mapped("state")), {"sent", "queued"})
        self._drain(times=10)
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(len(messages), 24)
        self.assertEqual(
            self.fcm.delivered_ids(), {m.id: 1 for m in messages}, "each exactly once"
        )

    def test_faults_are_retried_or_dead_lettered(self):
        tokens = {
            fault: f"token-{fault.replace(':', '-')}-" + "z" * 40
            for fault in (
                "ok",
                "500",
                "503",
                "timeout",
                "UNREGISTERED",
                "INVALID_ARGUMENT",
                "429:7",
            )
        }
        devices = {
            fault: self._device(self.user_a, token) for fault, token in tokens.items()
        }
        for fault, token in tokens.items():
            if fault != "ok":
                self.fcm.fail(token, fault)
        # one message per device, the 429 one last in the batch
        messages = {fault: self._queue(device) for fault, device in devices.items()}
        start = fields.Datetime.now()
        self._drain()
        end = fields.Datetime.now()
        self.assertEqual(messages["ok"].state, "sent")
        for fault in ("UNREGISTERED", "INVALID_ARGUMENT"):
            self.assertEqual(messages[fault].state, "dead")
            self.assertTrue(messages[fault].error.startswith(fault))
            self.assertFalse(devices[fault].active, "a dead token is deactivated")
            self.assertEqual(devices[fault].deactivation_reason, fault)
        for fault in ("500", "503", "timeout"):
            self.assertEqual(messages[fault].state, "failed", fault)
            self.assertGreaterEqual(
                messages[fault].next_attempt_at, start + timedelta(seconds=29)
            )
            self.assertTrue(devices[fault].active)
        self.assertIn("Timeout", messages["timeout"].error)
        self.assertEqual(messages["429:7"].state, "failed")
        retry_at = messages["429:7"].next_attempt_at
        self.assertTrue(
            start + timedelta(seconds=7) <= retry_at <= end + timedelta(seconds=7),
            "Retry-After: 7",
        )
        # the retries are due later, the cron is triggered for then
        trigger = self.env["ir.cron.trigger"].search(
            [("cron_id", "=", self.cron.id)], order="call_at desc", limit=1
        )
        self.assertGreater(trigger.call_at, start)
        self._drain()
        self.assertEqual(
            messages["500"].state, "failed", "nothing is retried before it is due"
        )
        with freeze_time(fields.Datetime.now() + timedelta(minutes=5)):
            self._drain()
        for fault in ("ok", "500", "503", "timeout", "429:7"):
            self.assertEqual(messages[fault].state, "sent", fault)
            self.assertEqual(messages[fault].attempt_count, 1 if fault == "ok" else 2)
        delivered = self.fcm.delivered_ids()
        self.assertEqual(
            delivered,
            {messages[f].id: 1 for f in ("ok", "500", "503", "timeout", "429:7")},
        )

    def test_retry_after_holds_back_the_rest_of_the_batch(self):
        first = self._device(self.user_a, "token-first-" + "q" * 40)
        rest = self._device(self.user_b, "token-rest-" + "q" * 40)
        self.fcm.fail(first.token, "429:30")
        messages = self._queue(first | rest)
        self._drain()
        self.assertEqual(messages.mapped("state"), ["failed", "queued"])
        self.assertEqual(
            messages[1].attempt_count, 0, "untried messages do not lose an attempt"
        )
        self.assertFalse(self.fcm.delivered)
        with freeze_time(fields.Datetime.now() + timedelta(seconds=31)):
            self._drain()
        self.assertEqual(messages.mapped("state"), ["sent", "sent"])

    def test_gives_up_after_the_last_attempt(self):
        device = self._device(self.user_c, "token-flaky-" + "w" * 40)
        self.fcm.fail(device.token, "503", "503", "503")
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.push_max_attempts", "3"
        )
        message = self._queue(device)
        for hours in range(3):
            with freeze_time(fields.Datetime.now() + timedelta(hours=hours)):
                self._drain()
        self.assertEqual(message.state, "dead")
        self.assertIn("gave up after 3 attempts", message.error)
        self.assertTrue(device.active, "a busy server says nothing about the token")
        self.assertEqual(self.fcm.attempts[device.token], 3)

    def test_lease_of_a_killed_sender_runs_out(self):
        device = self._device(self.user_a, "token-lease-" + "v" * 40)
        message = self._queue(device)
        message.sudo().write(
            {
                "state": "sending",
                "lease_until": fields.Datetime.now() + timedelta(minutes=5),
            }
        )
        self._drain()
        self.assertEqual(message.state, "sending", "another sender still holds it")
        with freeze_time(fields.Datetime.now() + timedelta(minutes=6)):
            self._drain()
        self.assertEqual(message.state, "sent")

    def test_nothing_is_sent_without_firebase_settings(self):
        device = self._device(self.user_a, "token-unconfigured-" + "u" * 40)
        message = self._queue(device)
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.fcm_service_account", False
        )
        self._drain()
        self.assertEqual(message.state, "queued")
        self.assertFalse(self.fcm.attempts)

    def test_rejected_service_account_keeps_messages(self):
        device = self._device(self.user_a, "token-badkey-" + "t" * 40)
        message = self._queue(device)
        other = FakeFCM()  # a key the server does not know
        self.env["ir.config_parameter"].sudo().set_param(
            "wbg54_portal.fcm_service_account",
            other.service_account_json().replace(other.token_uri, self.fcm.token_uri),
        )
        self._drain()
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.attempt_count, 1)
        self.assertFalse(self.fcm.attempts)

    def test_rolled_back_cause_queues_nothing(self):
        device = self._device(self.user_a, "token-rollback-" + "s" * 40)
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            self._queue(device)
            raise ZeroDivisionError
        self.assertFalse(self.Message.search([("device_id", "=", device.id)]))

    def test_settings_keep_the_key_from_portal_users(self):
        settings = self.env["res.config.settings"].create(
            {
                "wbg54_fcm_service_account_file": base64.b64encode(
                    self.fcm.service_account_json().encode()
                ),
            }
        )
        settings.execute()
        self.assertEqual(
            self.env["res.config.settings"].create({}).wbg54_fcm_client_email,
            self.fcm.client_email,
        )
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.user_a).get_param(
                "wbg54_portal.fcm_service_account"
            )
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.user_a).search([])
        with self.assertRaisesRegex(Exception, "Firebase service account"):
            self.env["res.config.settings"].create(
                {
                    "wbg54_fcm_service_account_file": base64.b64encode(
                        b'{"type": "user"}'
                    )
                }
            ).execute()
