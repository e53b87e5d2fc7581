"""Notifications that really arrive: through real SMTP, within the test run.

The mails go through Odoo's ``ir.mail_server`` to ``scripts/mail_catcher.py``
(a real SMTP server on a free port): Odoo's test mode, which never connects,
is switched off around them, as in ``test_signup_mail``. The queue is run
with the mail cron, as the cron worker runs it when the trigger fires; the
pushes go to the fake FCM."""

import base64
import contextlib
from datetime import timedelta
from email.utils import getaddresses, parseaddr
from unittest.mock import patch

from odoo import fields, http, modules
from odoo.tests import HttpCase, new_test_user

from .common import TENANT_PASSWORD, TenantFixture
from .fake_fcm import FakeFCM
from .test_push import PDF, PushFixture
from .test_signup_mail import MailCatcher

COOPERATIVE = "service@wbg54.example"
CATCHALL = "catchall@wbg54.example"
ON_CALL = "bereitschaft@wbg54.example"


def _address(header):
    return parseaddr(str(header or ""))[1].lower()


def _text(mail):
    return mail.get_body(preferencelist=("html", "plain")).get_content()


class NotificationDeliveryCase(TenantFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_tenants()
        company = cls.env.company
        company.write(
            {
                "email": COOPERATIVE,
                "wbg54_on_call_email": ON_CALL,
                "wbg54_emergency_phone": "+49 341 5454599",
            }
        )
        # as in the demo, no alias domain: Odoo would send From each author's own
        # address (with an alias domain it sends From its notifications
        # address, see test_alias_domain)
        cls.env["mail.alias.domain"].search([]).unlink()
        cls.partner_a.mobile = "+49 151 23456789"
        cls.staff = new_test_user(
            cls.env,
            login="nd_staff",
            name="Sabine Sachbearbeiterin",
            email="sabine@wbg54.example",
            lang="de_DE",
            notification_type="email",
            groups="wbg54_portal.group_wbg54_portal_user",
        )
        cls.catcher = MailCatcher()
        cls.addClassCleanup(cls.catcher.stop)
        cls.env["ir.mail_server"].search([]).active = False
        cls.env["ir.mail_server"].create(
            {
                "name": "Cooperative SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.catcher.port,
                "smtp_encryption": "none",
            }
        )
        # tenants' requests are German in their mails
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt"], ["de_DE"], overwrite=True
        )
        cls.mail_cron = cls.env.ref("mail.ir_cron_mail_scheduler_action")
        cls.sanitary = cls.env.ref("wbg54_portal.helpdesk_category_sanitary")

    def setUp(self):
        super().setUp()
        self.seen = len(self.catcher.mails())
        self.last_trigger = self.env["ir.cron.trigger"].search(
            [], order="id desc", limit=1
        )

    @contextlib.contextmanager
    def real_smtp(self):
        """Odoo really connects to the mail catcher (no test mode)."""
        with patch.object(modules.module, "current_test", False):
            yield

    def run_mail_queue(self):
        """What the cron worker does when the mail queue's trigger fires."""
        with self.real_smtp():
            self.mail_cron.method_direct_trigger()

    def received(self, address):
        """Mails the catcher received for ``address`` since the test began."""
        return [
            mail
            for mail in self.catcher.mails()[self.seen :]
            if address
            in {
                email.lower()
                for _name, email in getaddresses(
                    [str(mail["To"] or ""), str(mail["Cc"] or "")]
                )
            }
        ]

    def assertMailQueueTriggered(self):
        """The mail queue runs within a minute, not with its hourly cron."""
        triggers = self.env["ir.cron.trigger"].search(
            [("cron_id", "=", self.mail_cron.id), ("id", ">", self.last_trigger.id)]
        )
        self.assertTrue(triggers, "the mail queue is triggered")
        self.assertLessEqual(
            min(triggers.mapped("call_at")),
            fields.Datetime.now() + timedelta(minutes=1),
        )

    def assertFromCooperative(self, mail, name=None, address=COOPERATIVE):
        self.assertEqual(_address(mail["From"]), address, mail["From"])
        if name:
            self.assertEqual(parseaddr(str(mail["From"]))[0], name)

    def _post(self, url, data):
        return self.url_open(
            url,
            data={**data, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )

    def _damage(self, urgency="normal", **overrides):
        self._post(
            "/my/tickets/damage",
            {
                "contract_id": str(self.contract_a1.id),
                "category_id": str(self.sanitary.id),
                "location": "Keller, Hausanschlussraum",
                "urgency": urgency,
                "time_windows": "jederzeit",
                "description": "Wasser läuft aus dem Rohr.",
                **overrides,
            },
        )
        return self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.partner_a.id)], order="id desc", limit=1
        )


class TestEmailFallback(PushFixture, NotificationDeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fcm = FakeFCM().start()
        cls.addClassCleanup(cls.fcm.stop)
        cls._configure_fcm(cls.env, cls.fcm)
        cls.push_cron = cls.env.ref("wbg54_portal.ir_cron_send_push")

    def setUp(self):
        super().setUp()
        self.fcm.reset()

    def test_notice_by_app_and_by_email_without_it(self):
        # A and C keep the default (notices by push only); A has the app, C has
        # not; B wants no notices at all
        phone_a = self._device(self.user_a, "nd-notice-a-" + "n" * 40)
        self.partner_b.write(
            {"wbg54_notify_notice_email": False, "wbg54_notify_notice_push": False}
        )
        self.assertFalse(self.partner_c.wbg54_notify_notice_email)
        with self.real_smtp():
            notice = self.env["wbg54.notice"].create(
                {
                    "name": "Wasser abgestellt",
                    "kind": "appointment",
                    "body": "Am Montag von 8 bis 12 Uhr gibt es kein Wasser.",
                    "building_ids": [(6, 0, self.building.ids)],
                }
            )
            notice.action_publish()
        queued = self.env["mail.mail"].search(
            [("model", "=", "wbg54.notice.recipient")]
        )
        self.assertEqual(queued.recipient_ids, self.partner_c, "C has no app")
        self.assertEqual(set(queued.mapped("state")), {"outgoing"})
        self.assertMailQueueTriggered()
        self.run_mail_queue()
        [mail] = self.received("tenant_c@example.com")
        self.assertFromCooperative(mail)
        self.assertEqual(mail["Subject"], "Aushang für Ihr Haus: Wasser abgestellt")
        self.assertIn("kein Wasser", _text(mail))
        self.assertFalse(self.received("tenant_a@example.com"), "A has the app")
        self.assertFalse(self.received("tenant_b@example.com"), "B wants nothing")
        self.push_cron.method_direct_trigger()
        self.assertEqual(
            [token for token, _sent in self.fcm.delivered],
            [phone_a.token],
            "the push reaches A's phone",
        )

    def test_document_by_email_until_the_app_is_signed_in(self):
        # A and B want new documents by push only; B has the app, A has not
        self.partner_a.wbg54_notify_document_email = False
        self.partner_b.wbg54_notify_document_email = False
        phone_b = self._device(self.user_b, "nd-document-b-" + "d" * 40)
        document = self.env["wbg54.document"].create(
            {
                "name": "Nebenkostenabrechnung 2025",
                "scope": "contract",
                "contract_id": self.contract_a1.id,
                "category_id": self.env.ref(
                    "wbg54_portal.document_category_operating_costs"
                ).id,
                "file": base64.b64encode(PDF),
                "file_name": "nk.pdf",
            }
        )
        document.action_publish()
        self.assertMailQueueTriggered()
        self.run_mail_queue()
        [mail] = self.received("tenant_a@example.com")
        self.assertFromCooperative(mail)
        self.assertIn("Nebenkostenabrechnung 2025", mail["Subject"])
        self.assertFalse(self.received("tenant_b@example.com"))
        self.push_cron.method_direct_trigger()
        self.assertEqual(
            [token for token, _sent in self.fcm.delivered], [phone_b.token]
        )
        # signed out of the app on her phone: the next one comes by e-mail
        phone_b.with_user(self.user_b)._unregister_device()
        self.assertEqual(
            (self.partner_a | self.partner_b)._wbg54_email_recipients("document"),
            self.partner_a | self.partner_b,
        )

    def test_preference_page_says_what_happens(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        page = self.url_open("/my/data").text
        self.assertIn(
            "Sie sind noch nicht in der 54er2go App angemeldet: Was Sie per Push "
            "gewählt haben, erhalten Sie bis dahin per E-Mail.",
            page,
        )
        self._device(self.user_a, "nd-page-a-" + "p" * 40)
        page = self.url_open("/my/data").text
        self.assertIn(
            "Wenn Sie sich in der App abmelden, erhalten Sie sie wieder", page
        )
        self.assertNotIn("Sie sind noch nicht in der 54er2go App angemeldet", page)


class TestRequestMails(NotificationDeliveryCase):
    def test_staff_told_of_every_new_request(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        with self.real_smtp():
            damage = self._damage()
            self._post(
                "/submitted/ticket",
                {
                    "subject": "Frage zur Hausordnung",
                    "description": "Wann ist Ruhezeit?",
                    "category": "",
                },
            )
        message = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.partner_a.id), ("id", ">", damage.id)]
        )
        self.assertFalse(message.team_id, "a general message has no team")
        self.run_mail_queue()
        for ticket in damage | message:
            self.assertNotIn(
                self.staff.partner_id,
                ticket.message_partner_ids,
                "told of the new request, not of every later reply",
            )
            [mail] = [
                mail
                for mail in self.received("sabine@wbg54.example")
                if ticket.number in mail["Subject"]
            ]
            self.assertFromCooperative(mail, "Alma Albrecht")
            self.assertNotIn("tenant_a@example.com", str(mail["From"]))
            self.assertEqual(_address(mail["Reply-To"]), COOPERATIVE)

    def test_emergency_reaches_the_on_call_address_at_once(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        form = self.url_open("/my/tickets/damage").text
        self.assertIn('href="tel:+493415454599"', form)
        self.assertIn("+49 341 5454599", form)
        self.assertIn("Im Notfall rufen Sie uns bitte außerdem sofort an:", form)
        with self.real_smtp():
            ticket = self._damage("emergency")
        self.assertEqual(ticket.wbg54_urgency, "emergency")
        self.assertMailQueueTriggered()
        self.run_mail_queue()
        [mail] = self.received(ON_CALL)
        self.assertFromCooperative(mail)
        self.assertEqual(mail["Subject"], f"NOTFALL {ticket.number}: {ticket.name}")
        self.assertEqual(_address(mail["Reply-To"]), COOPERATIVE)
        text = _text(mail)
        for expected in (
            "Alma Albrecht",
            "+49 151 23456789",
            "Keller, Hausanschlussraum",
            "Wasser läuft aus dem Rohr.",
            "Portalweg 7, 04109 Leipzig",
        ):
            self.assertIn(expected, text)
        # a normal report does not alarm the on-call service
        self.seen = len(self.catcher.mails())
        with self.real_smtp():
            self._damage("urgent")
        self.run_mail_queue()
        self.assertFalse(self.received(ON_CALL))

    def test_replies_from_the_cooperative_and_back_to_the_request(self):
        self.authenticate("tenant_a", TENANT_PASSWORD)
        ticket = self._damage()
        ticket.user_id = self.staff  # assigned: she follows the discussion
        with self.real_smtp():
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "helpdesk.ticket",
                    "thread_id": ticket.id,
                    "post_data": {
                        "body": "Es tropft jetzt stärker.",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                    },
                },
            )
            ticket.with_user(self.staff).message_post(
                body="Der Installateur kommt heute um 14 Uhr.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.run_mail_queue()
        [to_staff] = [
            mail
            for mail in self.received("sabine@wbg54.example")
            if "Es tropft jetzt stärker." in _text(mail)
        ]
        self.assertFromCooperative(to_staff, "Alma Albrecht")
        self.assertEqual(_address(to_staff["Reply-To"]), COOPERATIVE)
        [to_tenant] = self.received("tenant_a@example.com")
        self.assertFromCooperative(to_tenant, "Sabine Sachbearbeiterin")
        self.assertEqual(_address(to_tenant["Reply-To"]), COOPERATIVE)
        self.assertIn("Der Installateur kommt heute um 14 Uhr.", _text(to_tenant))

        # the tenant answers the mail in her mail program: the answer is on the
        # request
        answer = (
            f"From: Alma Albrecht <tenant_a@example.com>\r\n"
            f"To: {to_tenant['Reply-To']}\r\n"
            f"Subject: Re: {to_tenant['Subject']}\r\n"
            f"Message-ID: <antwort-{ticket.id}@example.com>\r\n"
            f"In-Reply-To: {to_tenant['Message-ID']}\r\n"
            f"References: {to_tenant['Message-ID']}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "\r\n"
            "Danke, ich bin zu Hause.\r\n"
        )
        self.env["mail.thread"].message_process(False, answer.encode())
        reply = ticket.message_ids.filtered(
            lambda m: "Danke, ich bin zu Hause." in (m.body or "")
        )
        self.assertEqual(reply.author_id, self.partner_a)

        # she closes her request herself: the stage mail is the cooperative's
        self.seen = len(self.catcher.mails())
        with self.real_smtp():
            self._post(
                "/ticket/close",
                {
                    "ticket_id": str(ticket.id),
                    "stage_id": str(
                        self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
                    ),
                    "confirm": "1",
                },
            )
        self.run_mail_queue()
        self.assertTrue(ticket.closed)
        [stage_mail] = self.received("tenant_a@example.com")
        self.assertFromCooperative(stage_mail)
        self.assertIn(ticket.number, stage_mail["Subject"])

    def test_alias_domain(self):
        """With an alias domain the answers go to its catchall address, and
        Odoo sends From its notifications address with the author's name."""
        self.env.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {
                "name": "wbg54.example",
                "catchall_alias": "catchall",
                "bounce_alias": "bounce",
                "default_from": "notifications",
            }
        )
        self.authenticate("tenant_a", TENANT_PASSWORD)
        with self.real_smtp():
            ticket = self._damage("emergency")
        self.run_mail_queue()
        [created] = [
            mail
            for mail in self.received("sabine@wbg54.example")
            if ticket.number in mail["Subject"]
        ]
        self.assertFromCooperative(
            created, "Alma Albrecht", address="notifications@wbg54.example"
        )
        self.assertEqual(_address(created["Reply-To"]), CATCHALL)
        [on_call] = self.received(ON_CALL)
        self.assertEqual(_address(on_call["Reply-To"]), CATCHALL)
