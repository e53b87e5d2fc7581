"""Sign-up when the mail server does not work, the staff's way out (resend,
confirm without e-mail) and the demo's mail catcher.

The mails go through Odoo's ``ir.mail_server`` over real SMTP: Odoo's test
mode, which never connects, is switched off around them (as Odoo's own
``mock_smtplib_connection`` does), and the server is either a port that
refuses connections or ``scripts/mail_catcher.py`` on a free port."""

import configparser
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path
from unittest.mock import patch

from odoo import http, modules
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import HttpCase, new_test_user

ROOT = Path(__file__).resolve().parent.parent
GOOD_PASSWORD = "Wohnen2024"
CONFIRM_LINK = re.compile(r'href="([^"]*/web/signup/confirm\?token=[^"]+)"')


class MailCatcher:
    """``scripts/mail_catcher.py`` as ``make run`` starts it, on a free port."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="wbg54-mail-"))
        self.dir = self.root / "mail"
        self.log = self.root / "catcher.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "scripts" / "mail_catcher.py"),
                    "--port",
                    "0",
                    "--dir",
                    str(self.dir),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 20
        while not (
            match := re.search(r"listening on 127\.0\.0\.1:(\d+)", self.log.read_text())
        ):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"mail catcher did not start: {self.log.read_text()}"
                )
            time.sleep(0.05)
        self.port = int(match.group(1))

    def mails(self):
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(self.dir.glob("*.eml"))
        ]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def _html(mail):
    return mail.get_body(preferencelist=("html",)).get_content()


class SignupMailCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        cls.env["ir.default"].set("res.partner", "lang", "de_DE")
        cls.env.company.email = "service@wbg54.example"
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Jürgen Müller",
                "email": "jm@example.com",
                "membership_state": "member",
                "lang": "de_DE",
                "street": "Lindenstraße 3",
                "zip": "04109",
                "city": "Leipzig",
            }
        )
        cls.code = cls.env["wbg54.registration"]._generate_codes(cls.member)[
            cls.member.id
        ]
        cls.registration = cls.env["wbg54.registration"].search(
            [("partner_id", "=", cls.member.id)]
        )
        # a port of this run that is bound but never listens: a mail server
        # that refuses every connection, as an unconfigured localhost:25 does
        cls.refusing = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        cls.refusing.bind(("127.0.0.1", 0))
        cls.addClassCleanup(cls.refusing.close)
        cls.env["ir.mail_server"].search([]).active = False
        cls.mail_server = cls.env["ir.mail_server"].create(
            {
                "name": "Cooperative SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.refusing.getsockname()[1],
                "smtp_encryption": "none",
            }
        )
        cls.staff = new_test_user(
            cls.env,
            login="mc_staff",
            name="Sabine Sachbearbeiterin",
            lang="de_DE",
            groups="wbg54_portal.group_wbg54_portal_user",
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # an anonymous visitor with a session (CSRF)

    @contextlib.contextmanager
    def real_smtp(self, catcher=None):
        """Odoo really connects (no test mode), to the catcher if given, else to
        the refusing port."""
        self.mail_server.smtp_port = (
            catcher.port if catcher else self.refusing.getsockname()[1]
        )
        with patch.object(modules.module, "current_test", False):
            yield

    def start_catcher(self):
        catcher = MailCatcher()
        self.addCleanup(catcher.stop)
        return catcher

    def signup(self, **overrides):
        data = {
            "registration_number": self.code,
            "email": "juergen@example.org",
            "password": GOOD_PASSWORD,
            "confirm_password": GOOD_PASSWORD,
            "consent_privacy": "1",
            "consent_terms": "1",
            "consent_edelivery": "1",
            "csrf_token": http.Request.csrf_token(self),
            **overrides,
        }
        return self.url_open("/web/signup", data=data)

    def can_login(self, login, password=GOOD_PASSWORD):
        try:
            self.env["res.users"].authenticate(
                self.env.cr.dbname,
                {"login": login, "password": password, "type": "password"},
                {},
            )
        except AccessDenied:
            return False
        return True

    def signed_up(self, catcher):
        """Sign up through the catcher; return the confirmation link."""
        with self.real_smtp(catcher):
            self.assertIn("o_wbg54_signup_done", self.signup().text)
        self.assertEqual(self.registration.state, "registered")
        return CONFIRM_LINK.search(_html(catcher.mails()[-1])).group(1)


class TestSignupWithoutWorkingMailServer(SignupMailCase):
    def test_told_the_truth_nothing_kept_and_the_number_works_later(self):
        with self.real_smtp():
            response = self.signup()
        self.assertNotIn("o_wbg54_signup_done", response.text)
        self.assertNotIn("Wir haben eine E-Mail gesendet", response.text)
        self.assertIn(
            "Wir konnten Ihnen gerade keine E-Mail senden. Bitte versuchen Sie es "
            "später erneut",
            response.text,
        )
        self.assertIn("o_wbg54_signup_mail_failed", response.text)
        self.assertIn(
            f'value="{self.code}"', response.text, "the form keeps what was typed"
        )
        self.assertIn('value="juergen@example.org"', response.text)
        # the checkbox's <input>, whatever the order of its attributes
        tag = re.search(r'<input [^>]*name="consent_edelivery"[^>]*>', response.text)
        self.assertIn("checked", tag[0])
        self.assertNotIn(GOOD_PASSWORD, response.text, "but not the password")
        # nothing half-created: no user, no consents, the number unused, no mail with a
        # token waiting
        self.assertEqual(self.registration.state, "letter")
        self.assertFalse(self.registration.user_id)
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", "juergen@example.org")])
        )
        self.assertFalse(self.member.consent_ids)
        self.assertEqual(
            self.env["wbg54.registration"]._find_by_code(self.code), self.registration
        )
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", "wbg54.registration")])
        )

        # the mail server works again: the same number, and the mail arrives over SMTP
        catcher = self.start_catcher()
        with self.real_smtp(catcher):
            response = self.signup()
        self.assertIn("o_wbg54_signup_done", response.text)
        mails = catcher.mails()
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails[0]["To"], "juergen@example.org")
        self.assertIn("service@wbg54.example", mails[0]["From"])
        link = CONFIRM_LINK.search(_html(mails[0])).group(1)
        self.assertFalse(self.can_login("juergen@example.org"))
        self.assertIn("o_wbg54_signup_confirmed", self.url_open(link).text)
        self.assertEqual(self.registration.state, "confirmed")
        self.assertEqual(self.registration.confirmation_method, "email")
        self.assertTrue(self.can_login("juergen@example.org"))

    def test_requested_resend_that_fails_keeps_the_link_sent_before(self):
        catcher = self.start_catcher()
        link = self.signed_up(catcher)
        self.url_open(
            "/web/signup/resend",
            data={
                "email": "juergen@example.org",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        with self.real_smtp():
            self.env["wbg54.account.mail.request"]._cron_send()
        self.assertEqual(len(catcher.mails()), 1)
        self.assertIn(
            "o_wbg54_signup_confirmed",
            self.url_open(link).text,
            "the first link still works",
        )


class TestStaffConfirmation(SignupMailCase):
    def test_resend_confirmation(self):
        catcher = self.start_catcher()
        first = self.signed_up(catcher)
        self.assertEqual(
            self.env["wbg54.registration"]
            .with_user(self.staff)
            .search([("state", "=", "registered")]),
            self.registration,
            "the filter “Not Confirmed”",
        )
        registration = self.registration.with_user(self.staff).with_context(
            lang="de_DE"
        )  # as the web client calls
        with self.real_smtp(catcher):
            registration.action_resend_confirmation()
        mails = catcher.mails()
        self.assertEqual(len(mails), 2)
        second = CONFIRM_LINK.search(_html(mails[1])).group(1)
        self.assertNotEqual(first, second)
        self.assertTrue(registration.confirmation_sent_date)
        note = self.member.message_ids.filtered(
            lambda message: "erneut gesendet" in (message.body or "")
        )
        self.assertEqual(note.author_id, self.staff.partner_id)

        # the mail server fails: staff are told, and the link sent last keeps working
        with (
            self.real_smtp(),
            self.assertRaisesRegex(UserError, "konnte nicht gesendet werden"),
            self.env.cr.savepoint(),
        ):
            registration.action_resend_confirmation()
        self.assertIn("o_wbg54_confirm_failed", self.url_open(first).text)
        self.assertIn("o_wbg54_signup_confirmed", self.url_open(second).text)

    def test_confirm_without_email_after_checking_identity(self):
        catcher = self.start_catcher()
        link = self.signed_up(catcher)
        self.assertFalse(self.can_login("juergen@example.org"))
        # through the web client's button call, as the staff member
        self.authenticate("mc_staff", "mc_staff")
        self.make_jsonrpc_request(
            "/web/dataset/call_button",
            {
                "model": "wbg54.registration",
                "method": "action_confirm_without_email",
                "args": [self.registration.ids],
                "kwargs": {"context": {"lang": "de_DE"}},
            },
        )
        self.assertEqual(self.registration.state, "confirmed")
        self.assertEqual(self.registration.confirmation_method, "staff")
        self.assertEqual(self.registration.confirmed_by_id, self.staff)
        self.assertTrue(self.registration.confirmed_date)
        self.assertTrue(self.can_login("juergen@example.org"))
        note = self.member.message_ids.filtered(
            lambda message: "ohne E-Mail" in (message.body or "")
        )
        self.assertEqual(note.author_id, self.staff.partner_id)
        self.assertIn("Sabine Sachbearbeiterin", note.body)
        self.assertIn(
            "o_wbg54_confirm_failed",
            self.url_open(link).text,
            "the mailed link is used up",
        )
        with self.assertRaises(UserError):
            self.registration.with_user(self.staff).action_confirm_without_email()

    def test_staff_only(self):
        catcher = self.start_catcher()
        self.signed_up(catcher)
        tenant = new_test_user(
            self.env,
            login="mc_tenant",
            password="Wohnen2024x",
            groups="base.group_portal",
        )
        clerk = new_test_user(self.env, login="mc_clerk", groups="base.group_user")
        for user in (tenant, clerk):
            for action in (
                "action_confirm_without_email",
                "action_resend_confirmation",
            ):
                with self.assertRaises(AccessError, msg=f"{user.login} {action}"):
                    getattr(self.registration.with_user(user), action)()
        self.assertEqual(self.registration.state, "registered")
        # letters not signed up yet are no case for these buttons
        other = self.env["res.partner"].create(
            {"name": "Erika Schulze", "membership_state": "member"}
        )
        self.env["wbg54.registration"]._generate_codes(other)
        with self.assertRaises(UserError):
            other.wbg54_registration_ids.with_user(
                self.staff
            ).action_confirm_without_email()
        self.assertFalse(other.wbg54_registration_ids.user_id)


class TestLoginEmailChangeWithoutWorkingMailServer(SignupMailCase):
    def test_told_the_truth_and_nothing_pending(self):
        tenant = new_test_user(
            self.env,
            login="old@example.com",
            email="old@example.com",
            password=GOOD_PASSWORD,
            lang="de_DE",
            groups="base.group_portal",
            name="Olga Wechsel",
        )
        tenant.partner_id.membership_state = "member"
        self.authenticate("old@example.com", GOOD_PASSWORD)

        def change(new):
            return self.url_open(
                "/my/data/email",
                data={
                    "new_email": new,
                    "new_email_confirm": new,
                    "csrf_token": http.Request.csrf_token(self),
                },
            )

        catcher = self.start_catcher()
        with self.real_smtp(catcher):
            change("first@example.com")
        self.assertEqual(len(catcher.mails()), 1)
        with self.real_smtp():
            response = change("second@example.com")
        self.assertIn(
            "Wir konnten gerade keine E-Mail an second@example.com senden.",
            response.text,
        )
        self.assertNotIn(
            "Wir haben einen Bestätigungslink gesendet an <strong>second@example.com",
            response.text,
        )
        pending = self.env["wbg54.email.change"].search(
            [("user_id", "=", tenant.id), ("state", "=", "pending")]
        )
        self.assertEqual(
            pending.new_email,
            "first@example.com",
            "the change asked for before still stands",
        )
        self.assertIn("/my/email/confirm?token=", _html(catcher.mails()[0]))
        self.assertEqual(tenant.login, "old@example.com")


class TestDemoMailCatcher(SignupMailCase):
    def test_catcher_keeps_each_mail_of_odoo_as_eml(self):
        catcher = self.start_catcher()
        IrMailServer = self.env["ir.mail_server"]
        message = IrMailServer.build_email(
            "service@wbg54.example",
            ["tenant@example.org"],
            "Bestätigung Ihrer Registrierung",
            '<p><a href="http://localhost:8069/web/signup/confirm?token=abc">Bestätigen</a></p>',
            subtype="html",
        )
        with self.real_smtp(catcher):
            IrMailServer.send_email(message, mail_server_id=self.mail_server.id)
        (mail,) = catcher.mails()
        self.assertEqual(str(mail["Subject"]), "Bestätigung Ihrer Registrierung")
        self.assertIn("/web/signup/confirm?token=abc", _html(mail))
        self.assertIn(
            "Bestätigung Ihrer Registrierung",
            catcher.log.read_text(),
            "one line per mail",
        )
        (path,) = catcher.dir.glob("*.eml")
        shown = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "mail_catcher.py"),
                "--show",
                str(path),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self.assertIn("Subject: Bestätigung Ihrer Registrierung", shown)
        self.assertIn(
            "http://localhost:8069/web/signup/confirm?token=abc",
            shown,
            "the link in full",
        )


def test_make_run_sends_the_demos_mail_to_the_catcher():
    """run.sh writes the catcher's address into the demo's configuration."""
    for env, port in (({"MAIL_PORT": "2626"}, "2626"), ({}, None)):
        subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "DEMO_CONFIG_ONLY": "1", **env},
        )
        parser = configparser.ConfigParser()
        parser.read(ROOT / ".run" / "demo.conf")
        options = parser["options"]
        assert options["smtp_server"] == "127.0.0.1"
        assert options["smtp_port"].isdigit()
        assert port is None or options["smtp_port"] == port
        assert (
            options["list_db"] == "False"
        ), "the rest of the demo's configuration is kept"
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert "scripts/mail_catcher.py" in run_sh and "MAIL_DIR=.run/mail" in run_sh
