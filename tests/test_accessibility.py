"""WCAG 2.1 AA on every tenant page, checked with axe-core in headless Chromium.

Each page of tests/a11y_pages.py (the sign-up pages as an anonymous visitor,
/my and every page below it as the demo tenant, every form also after a
submission with errors), plus the pages that need a record of this database
(a password reset link, Odoo's /my/account of a portal user who is no
member), is loaded at 360 x 800 and 1280 x 900; axe-core (npm, pinned in
requirements/npm/, installed by scripts/bootstrap.sh into .run/npm) runs with
the WCAG 2.0/2.1 A and AA rules and the 24 px tap targets, and any critical or
serious violation fails the test, naming page, width, rule and elements. At
320 px nothing may stick out sideways (1.4.10 reflow), and every page states
its language and a title of its own.
"""

import base64
import time
import unittest

import odoo
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import ChromeBrowser

from .a11y_pages import (
    AXE_JS,
    AXE_RUN_JS,
    DESKTOP,
    FAILING_IMPACTS,
    FOCUS_JS,
    OVERFLOW_JS,
    PAGES,
    PHONE,
    READY_JS,
    REFLOW_WIDTH,
    TENANT_LOGIN,
    Page,
    visit,
    wait_until,
)
from .common import TENANT_PASSWORD


class _Driver:
    """tests/a11y_pages.py's driver on Odoo's ChromeBrowser."""

    def __init__(self, browser):
        self.browser = browser

    def evaluate(self, expression):
        result = self.browser._websocket_request(
            "Runtime.evaluate",
            params={
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
            timeout=60,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "error"))
        return result["result"].get("value")

    def wait_for_load(self):
        if not wait_until(self.evaluate, READY_JS, timeout=60):
            raise AssertionError("the page did not finish loading")
        time.sleep(0.3)  # what Odoo's frontend starts after its root

    def navigate(self, url):
        self.evaluate("window.__wbg54_leaving = true")
        self.browser.navigate_to(url)
        self.wait_for_load()

    def resize(self, width, height):
        self.browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 768,
            },
        )
        time.sleep(0.1)


class TestAccessibility(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = cls.env["res.users"].search([("login", "=", TENANT_LOGIN)])
        if not cls.tenant:
            raise unittest.SkipTest("database without demo data (the demo tenant)")
        cls.env.ref("base.lang_de").active = True
        cls.env["ir.module.module"]._load_module_terms(
            ["wbg54_portal"], ["de_DE"], overwrite=True
        )
        partner = cls.tenant.partner_id
        contract = partner.contract_ids.filtered(lambda c: c.state == "active")[:1]
        # a request of hers (the ticket page and the list) and a notice of
        # her building (on /my)
        category = cls.env["helpdesk.ticket.category"].search(
            [("wbg54_damage", "=", True)], limit=1
        )
        team = category.wbg54_team_id
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "wbg54_kind": "damage",
                "name": f"Schaden: {category.name}",
                "description": "<p>Der Wasserhahn im Bad tropft.</p>",
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email,
                "category_id": category.id,
                "team_id": team.id,
                "stage_id": team._get_applicable_stages()[:1].id,
                "wbg54_contract_id": contract.id,
                "wbg54_location": "Bad",
                "wbg54_urgency": "urgent",
            }
        )
        ticket.message_subscribe(partner_ids=partner.ids)
        cls.env["wbg54.notice"].create(
            {
                "name": "Wasserabschaltung",
                "body": "Am Montag ist von 8 bis 12 Uhr das Wasser abgestellt.",
                "kind": "disruption",
                "building_ids": [Command.set(contract.building_id.ids)],
            }
        ).action_publish()
        # a document for her, with a long title (the cards keep it whole)
        cls.env["wbg54.document"].create(
            {
                "name": "Betriebskostenabrechnung 2024 mit Heizkostenabrechnung",
                "category_id": cls.env.ref("wbg54_portal.document_category_letters").id,
                "file": base64.b64encode(b"%PDF-1.4\n% a tenant's document\n"),
                "file_name": "Betriebskosten 2024.pdf",
                "scope": "member",
                "partner_id": partner.id,
            }
        ).action_publish()
        # Odoo's own contact form: a portal user who is no member
        cls.non_member = new_test_user(
            cls.env,
            login="a11y.nonmember@example.com",
            email="a11y.nonmember@example.com",
            password=TENANT_PASSWORD,
            groups="base.group_portal",
            name="Nina Nichtmitglied",
            lang="de_DE",
        )
        cls.axe_source = AXE_JS.read_text() if AXE_JS.exists() else None

    def setUp(self):
        super().setUp()
        if not self.axe_source:
            self.fail(
                f"axe-core is missing ({AXE_JS}): run `make bootstrap` (needs npm)"
            )

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _check_pages(self, pages, login=None, password=None):
        """Open each page in its state at both widths; returns the problems."""
        # one static file first: Odoo reads the addons' manifests on the first
        # one, and parallel first requests of a page's assets can fail
        # (Python 3.11's "AST constructor recursion depth mismatch"), leaving
        # the page without its style sheet
        self.url_open("/web/static/img/favicon.ico")
        browser = ChromeBrowser(self)
        problems = []
        try:
            if login:
                self.authenticate(login, password, browser=browser)
            else:
                # an anonymous visitor whose browser asks for German
                self.authenticate(None, None, browser=browser)
                self.session.context["lang"] = "de_DE"
                odoo.http.root.session_store.save(self.session)
            self.cr.flush()
            self.cr.clear()
            driver = _Driver(browser)
            for page in pages:
                driver.resize(*PHONE)
                problem = visit(driver, self.base_url(), page)
                if problem:
                    problems.append(f"{page.name}: {problem}")
                    continue
                problems += self._check_page(driver, page)
        finally:
            browser.stop()
            self._wait_remaining_requests()
        return problems

    def _check_page(self, driver, page):
        problems = []
        head = driver.evaluate(
            "({lang: document.documentElement.lang, title: document.title})"
        )
        if head["lang"] != "de-DE":
            problems.append(f"{page.name}: <html lang={head['lang']!r}>, not de-DE")
        if " | " not in head["title"]:
            problems.append(f"{page.name}: no page title of its own: {head['title']!r}")
        if "error" in page.name.split("-"):
            # the errors are announced: the focus on the summary, the message
            # or an invalid field, each invalid field pointing at its message
            state = driver.evaluate(FOCUS_JS)
            if not state["focused"]:
                problems.append(
                    f"{page.name}: after the submission the focus is on "
                    f"{state['active']!r}, not on the errors"
                )
            if state["unlinked"]:
                problems.append(
                    f"{page.name}: invalid fields without a described-by message: "
                    f"{', '.join(state['unlinked'])}"
                )
        for width, height in (PHONE, DESKTOP):
            driver.resize(width, height)
            if not driver.evaluate("typeof axe !== 'undefined'"):
                driver.evaluate(self.axe_source)
            for violation in driver.evaluate(AXE_RUN_JS):
                if violation["impact"] in FAILING_IMPACTS:
                    problems.append(
                        f"{page.name} at {width}px: {violation['impact']} "
                        f"{violation['id']} ({violation['help']}) on "
                        f"{', '.join(violation['targets'][:5])}"
                    )
        driver.resize(REFLOW_WIDTH, PHONE[1])
        overflow = driver.evaluate(OVERFLOW_JS)
        if overflow["scrollWidth"] > REFLOW_WIDTH:
            problems.append(
                f"{page.name} at {REFLOW_WIDTH}px: scrolls sideways "
                f"({overflow['scrollWidth']}px wide: {', '.join(overflow['wide'])})"
            )
        return problems

    def _assert_no_problems(self, problems):
        self.assertFalse(
            problems,
            "accessibility problems (WCAG 2.1 AA, axe-core):\n" + "\n".join(problems),
        )

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_public_pages(self):
        partner = self.tenant.partner_id.sudo()
        partner.signup_prepare(signup_type="reset")
        reset_link = f"/web/reset_password?token={partner._generate_signup_token()}"
        pages = [page for page in PAGES if not page.tenant] + [
            Page("reset-password-link", reset_link, tenant=False),
            Page(
                "reset-password-link-error",
                reset_link,
                tenant=False,
                submit="form.oe_reset_password_form",
                fill={"password": "kurz", "confirm_password": "anders"},
            ),
        ]
        self._assert_no_problems(self._check_pages(pages))

    def test_tenant_pages(self):
        pages = [page for page in PAGES if page.tenant]
        self._assert_no_problems(
            self._check_pages(pages, self.tenant.login, TENANT_PASSWORD)
        )

    def test_contact_details_of_a_portal_user_who_is_no_member(self):
        pages = [
            Page("account", "/my/account"),
            Page(
                "account-error",
                "/my/account",
                submit="form[action='/my/account']",
                fill={"name": "", "street": "", "city": ""},
            ),
        ]
        self._assert_no_problems(
            self._check_pages(pages, self.non_member.login, TENANT_PASSWORD)
        )

    def test_the_check_finds_problems(self):
        # the check itself: a form's error state with a field without a
        # label or message, the focus elsewhere, an image without alt text,
        # no language, no title and a table 600 px wide fails
        browser = ChromeBrowser(self)
        try:
            self.authenticate(None, None, browser=browser)
            driver = _Driver(browser)
            driver.navigate(f"{self.base_url()}/web/login")
            driver.evaluate(
                "document.documentElement.removeAttribute('lang');"
                "document.title = 'Odoo';"
                "document.body.insertAdjacentHTML('beforeend',"
                ' \'<input type="text" name="x" aria-invalid="true">'
                '<img src="/web/static/img/logo.png">'
                '<table style="width: 600px"><tr><td>x</td></tr></table>\')'
            )
            driver.evaluate("document.activeElement.blur()")
            problems = self._check_page(driver, Page("broken-error", "/web/login"))
        finally:
            browser.stop()
            self._wait_remaining_requests()
        text = "\n".join(problems)
        for expected in (
            "<html lang=''>",
            "no page title",
            "critical label",
            "critical image-alt",
            "serious html-has-lang",
            "scrolls sideways",
            "the focus is on",
            "invalid fields without a described-by message: x",
        ):
            self.assertIn(expected, text)
