"""Every page and e-mail a tenant sees is German.

A demo tenant (German) opens each of her pages in Chromium (the ticket page's
messages are rendered by JavaScript in a shadow root) and receives each of
her e-mails; no English word of Odoo's, helpdesk_mgmt's or the addon's
interface may remain. The words were taken from these pages and mails as they
were before they were translated."""

import base64
import json
import re
import unittest
from datetime import timedelta

import lxml.html

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.mail.tests.common import MockEmail

# English interface words seen on the tenant's pages and mails (matched as
# whole words, in any case); none of them is also a German word
ENGLISH = [
    # Odoo
    "Powered by",
    "Odoo",
    "Your logo",
    "Manage Databases",
    "Database",
    "Log in",
    "Log out",
    "Logout",
    "Sign in",
    "Sign up",
    "Reset",
    "Password",
    "Email",
    "My account",
    "Your account",
    "Security",
    "Connection",
    "Contact",
    "Edit",
    "Save",
    "Discard",
    "Cancel",
    "Delete",
    "Confirm",
    "Back",
    "Close",
    "Open",
    "Home",
    "Previous",
    "Next",
    "Search",
    "Sort By",
    "Filter By",
    "Group By",
    "Send message",
    "Send",
    "Write",
    "Message",
    "Messages",
    "Loading",
    "Unfollow",
    "Follow",
    "View",
    "Documentation",
    # helpdesk_mgmt
    "Tickets",
    "Ticket",
    "Assignee",
    "Customer",
    "Communication history",
    "Closed Date",
    "Close Date",
    "Create Date",
    "Last Stage Update",
    "Stage",
    "Category",
    "Description",
    "Attachments",
    "Subject",
    "Submit",
    "Number",
    "Title",
    "Newest",
    "None",
    "All",
    "New",
    "Done",
    "Cancelled",
    "In Progress",
    "Awaiting",
    "Rejected",
    # the addon's own terms
    "Documents",
    "Document",
    "Request",
    "Requests",
    "Report",
    "Damage",
    "Apply",
    "Contract",
    "Contracts",
    "Shares",
    "Data",
    "Member",
    "Cooperative",
    "Notice",
    "Notices",
    "Building",
    "Phone",
    "Mobile",
    "Address",
    "Change",
    "Choose",
    "Select",
    "Yes",
    # any English sentence
    "Dear",
    "Hello",
    "Thanks",
    "Regards",
    "Please",
    "the",
    "and",
    "you",
    "your",
    "with",
    "this",
    "is",
    "are",
    "of",
    "to",
    "for",
    "from",
    "by",
    "has",
    "have",
    "been",
]
# German that is wrong: helpdesk_mgmt's truncated stage, its "stage" for a
# status, Odoo's gender-neutral "your"
WRONG_GERMAN = ["Warten auf", "Stufe", "Ihr(e)", "Odoo-Konto"]

# whole words in any case (in JavaScript, \w knows no umlauts)
ENGLISH_WORDS = "|".join(word.replace(" ", r"\s+") for word in ENGLISH)
ENGLISH_RE = re.compile(rf"(?<!\w)(?:{ENGLISH_WORDS})(?!\w)", re.IGNORECASE)
ENGLISH_JS = rf"(?<![\p{{L}}\p{{N}}_])(?:{ENGLISH_WORDS})(?![\p{{L}}\p{{N}}_])"
ADDRESSES = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+")


# Collects what the page shows and says (texts, shadow roots, names of
# controls, the title) and fails on the words above. Hidden parts count: a
# tenant opens the user menu, the filters, the dialogs. Odoo's data island of
# the two-factor wizard (its form view as escaped XML) is no text.
CHECK_PAGE = """
(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pattern = new RegExp(%(pattern)s, "giu");
    const wrong = %(wrong)s;
    const texts = [document.title];
    const collect = (node) => {
        if (node.nodeType === Node.TEXT_NODE) {
            texts.push(node.nodeValue);
            return;
        }
        if (node.nodeType === Node.ELEMENT_NODE) {
            if (["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(node.tagName)
                || node.id === "totp_wizard_view") {
                return;
            }
            for (const name of ["title", "alt", "placeholder", "aria-label"]) {
                if (node.getAttribute(name)) {
                    texts.push(node.getAttribute(name));
                }
            }
            if (node.tagName === "INPUT" && ["submit", "button"].includes(node.type)) {
                texts.push(node.value);
            }
            if (node.shadowRoot) {
                collect(node.shadowRoot);
            }
        }
        for (const child of node.childNodes) {
            collect(child);
        }
    };
    collect(document.body);
    const text = texts.join("\\n").replace(new RegExp(%(addresses)s, "gu"), " ");
    const found = [...text.matchAll(pattern)].map((match) => {
        const around = text.slice(Math.max(0, match.index - 40), match.index + 40);
        return `${match[0]} (…${around.replace(/\\s+/g, " ")}…)`;
    });
    found.push(...wrong.filter((words) => text.includes(words)));
    if (found.length) {
        const page = location.pathname + location.search;
        console.error(`English on ${page}: ${found.join("; ")}`);
    } else {
        console.log("test successful");
    }
})();
"""

# the messages are rendered by JavaScript, in a shadow root
CHATTER_READY = (
    "!!document.querySelector('#chatterRoot')?.shadowRoot"
    "?.querySelector('.o-mail-Message')"
)


@tagged("post_install", "-at_install")
class TestGermanPages(MockEmail, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = cls.env.ref(
            "wbg54_portal.user_wbg54_tenant_2", raise_if_not_found=False
        )
        if not cls.tenant:
            raise unittest.SkipTest("needs the demo data (a demo tenant)")
        cls.staff = cls.env.ref("wbg54_portal.user_wbg54_staff")
        cls.partner = cls.tenant.partner_id
        cls.company = cls.env.company

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _assert_german_pages(self, urls, login=None):
        """Open each page (url, or (url, ready)) in Chromium; fail with the
        English found on all of them."""
        code = CHECK_PAGE % {
            "pattern": json.dumps(ENGLISH_JS),
            "wrong": json.dumps(WRONG_GERMAN),
            "addresses": json.dumps(ADDRESSES.pattern),
        }
        failures = []
        for url in urls:
            url, ready = url if isinstance(url, tuple) else (url, "")
            try:
                self.browser_js(
                    url,
                    code,
                    ready=ready or "document.readyState === 'complete'",
                    login=login,
                )
            except AssertionError as error:
                found = re.findall(r"English on [^\n]*", str(error))
                failures.append(found[-1] if found else f"{url}: {error}")
        self.assertEqual(failures, [], "\n".join(failures))

    def _english_in(self, text):
        text = ADDRESSES.sub(" ", text)
        found = [match.group(0) for match in ENGLISH_RE.finditer(text)]
        return found + [words for words in WRONG_GERMAN if words in text]

    def _assert_german_mails(self, what):
        """The e-mails sent to the tenant since ``mock_mail_gateway`` began."""
        self._new_mails.exists().filtered(lambda mail: mail.state == "outgoing").send()
        mails = [
            mail
            for mail in self._mails
            if any(self.partner.email in address for address in mail["email_to"])
        ]
        self.assertTrue(mails, f"{what}: no e-mail reached the tenant")
        for mail in mails:
            body = lxml.html.fromstring(mail["body"])
            for node in body.xpath("//style|//script"):
                node.drop_tree()
            shown = [mail["subject"], body.text_content()] + body.xpath(
                "//@alt|//@title"
            )
            with self.subTest(mail=what, subject=mail["subject"]):
                self.assertEqual(
                    self._english_in("\n".join(shown)),
                    [],
                    f"English in the e-mail {what}: {mail['subject']}",
                )

    def _request(self):
        """A damage report of the tenant, with a reply and a status change."""
        self.authenticate(self.tenant.login, "unused")
        contract = self.env["wbg54.contract"].search(
            [("partner_id", "=", self.partner.id), ("state", "=", "active")], limit=1
        )
        self.url_open(
            "/my/tickets/damage",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "contract_id": str(contract.id),
                "category_id": str(
                    self.env.ref("wbg54_portal.helpdesk_category_sanitary").id
                ),
                "location": "Bad",
                "urgency": "urgent",
                "time_windows": "werktags ab 16 Uhr",
                "description": "Der Wasserhahn tropft seit gestern.",
            },
            allow_redirects=False,
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.partner.id)], order="id desc", limit=1
        )
        self.assertTrue(ticket, "the damage report was not created")
        return ticket

    # ------------------------------------------------------------
    # pages
    # ------------------------------------------------------------

    def test_public_pages(self):
        self.assertFalse(self.company.uses_default_logo, "Odoo's 'Your logo'")
        # the last: the page behind the reset link
        self.partner.signup_prepare(signup_type="reset")
        self._assert_german_pages(
            [
                "/web/login",
                "/web/signup",
                "/web/signup/letter",
                "/web/signup/resend",
                "/web/reset_password",
                self.partner._get_signup_url(),
            ]
        )

    def test_tenant_pages(self):
        ticket = self._request()
        ticket.with_user(self.staff).message_post(
            body="Wir kommen morgen vorbei.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.with_user(self.staff).stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        contract = self.env["wbg54.contract"].search(
            [("partner_id", "=", self.partner.id)], limit=1
        )
        pet = self.env.ref("wbg54_portal.application_type_pet")
        self._assert_german_pages(
            [
                "/my",
                "/my/data",
                "/my/contracts",
                f"/my/contracts/{contract.id}",
                "/my/shares",
                "/my/documents",
                "/my/security",
                "/my/tickets",
                "/my/tickets?groupby=stage",
                "/my/tickets/damage",
                "/my/tickets/application",
                f"/my/tickets/application?type={pet.id}",
                "/new/ticket",
                (f"/my/ticket/{ticket.id}", CHATTER_READY),
            ],
            login=self.tenant.login,
        )

    def test_home_page_look(self):
        """The cooperative's name and logo, its notices on top, a fitting
        pictogram on each card, "Passwort ändern" in the user menu."""
        self.authenticate(self.tenant.login, "unused")
        page = lxml.html.fromstring(self.url_open("/my").content)
        self.assertEqual(
            page.xpath("//a[hasclass('navbar-brand')]/img/@alt"), [self.company.name]
        )
        self.assertIn(
            self.company.name,
            page.xpath("string(//*[hasclass('o_wbg54_home_brand')])"),
        )
        notices = page.xpath("//section[hasclass('o_wbg54_notices')]")
        self.assertTrue(notices, "the demo's notice of her building")
        self.assertEqual(
            notices[0].getnext().get("class", "").split()[:1],
            ["o_portal_docs"],
            "notices come before the cards",
        )
        cards = {
            card.xpath("string(.//a/@href)"): card.xpath(".//img")
            for card in page.xpath("//div[hasclass('o_portal_index_card')]")
        }
        self.assertEqual(
            [url for url in cards if url.startswith("/my/ticket")],
            ["/my/tickets/damage", "/my/tickets/application", "/my/tickets"],
            "one card for all requests, besides reporting and applying",
        )
        for url, images in cards.items():
            with self.subTest(card=url):
                self.assertEqual(len(images), 1)
                self.assertTrue(
                    images[0].get("src").startswith("/wbg54_portal/static/src/img/"),
                    "the cooperative's pictogram, not Odoo's antenna or folder",
                )
                self.assertEqual(
                    images[0].get("alt"), "", "decorative beside the card's title"
                )
        self.assertEqual(
            page.xpath("string(//a[@id='o_wbg54_change_password'])").strip(),
            "Passwort ändern",
        )
        self.assertEqual(
            page.xpath("//a[@id='o_wbg54_change_password']/@href"), ["/my/security"]
        )
        # what the security card holds, not Odoo's "Verbindungsparameter"
        self.assertIn(
            "Passwort, Zwei-Faktor-Anmeldung und Ihre App-Anmeldungen",
            page.xpath(
                "string(//div[hasclass('o_portal_index_card')][.//a[@href='/my/security']])"
            ),
        )

    def test_no_database_manager_link(self):
        self.assertTrue(config["list_db"], "Odoo would show the link")
        for url in ("/web/login", "/web/signup", "/web/reset_password"):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertNotIn("/web/database/manager", page)
                self.assertNotIn("odoo.com", page)

    # ------------------------------------------------------------
    # e-mails
    # ------------------------------------------------------------

    def test_request_mails(self):
        with self.mock_mail_gateway():
            ticket = self._request()
            ticket.with_user(self.staff).message_post(
                body="Wir kommen morgen vorbei.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self._assert_german_mails("reply to a request")
        for stage in ("awaiting", "done", "rejected"):
            with self.mock_mail_gateway():
                ticket.with_user(self.staff).stage_id = self.env.ref(
                    f"helpdesk_mgmt.helpdesk_ticket_stage_{stage}"
                )
                self.env.flush_all()
                self.env.cr.precommit.run()
                self._assert_german_mails(f"request {stage}")

    def test_account_mails(self):
        with self.mock_mail_gateway():
            self.tenant.action_reset_password()
            self._assert_german_mails("password reset")
        with self.mock_mail_gateway():
            self.tenant._alert_new_device()
            self._assert_german_mails("sign-in from a new device")
        registration = self.env["wbg54.registration"].create(
            {"partner_id": self.partner.id, "user_id": self.tenant.id}
        )
        change = self.env["wbg54.email.change"].create(
            {
                "user_id": self.tenant.id,
                "old_email": "anna.alt@example.com",
                "new_email": self.partner.email,
                "token_hash": "x",
                "expiry": fields.Datetime.now() + timedelta(days=1),
            }
        )
        for xmlid, record in (
            ("mail_template_registration_confirm", registration),
            ("mail_template_email_change_confirm", change),
            ("mail_template_email_change_done", change),
        ):
            with self.mock_mail_gateway():
                self.env.ref(f"wbg54_portal.{xmlid}").with_context(
                    wbg54_confirm_url="https://portal.example/confirm?token=x"
                ).send_mail(
                    record.id,
                    force_send=True,
                    email_values={"email_to": self.partner.email},
                )
                self._assert_german_mails(xmlid)

    def test_document_and_notice_mails(self):
        document = self.env["wbg54.document"].create(
            {
                "name": "Betriebskostenabrechnung 2025",
                "category_id": self.env.ref(
                    "wbg54_portal.document_category_operating_costs"
                ).id,
                "file": base64.b64encode(b"%PDF-1.4\n%%EOF\n"),
                "file_name": "bk2025.pdf",
                "partner_id": self.partner.id,
            }
        )
        document_recipient = self.env["wbg54.document.recipient"].create(
            {"document_id": document.id, "partner_id": self.partner.id}
        )
        notice = self.env.ref("wbg54_portal.wbg54_notice_lindenhof_hot_water")
        notice_recipient = notice.recipient_ids.filtered(
            lambda recipient: recipient.partner_id == self.partner
        )
        for xmlid, record in (
            ("mail_template_document_published", document_recipient),
            ("mail_template_notice_published", notice_recipient),
            ("mail_template_notice_resolved", notice_recipient),
        ):
            with self.mock_mail_gateway():
                self.env.ref(f"wbg54_portal.{xmlid}").send_mail(
                    record.id, force_send=True
                )
                self._assert_german_mails(xmlid)
