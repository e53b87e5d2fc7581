"""The tenant pages and their error states, as a browser reaches them.

Shared by the accessibility check (tests/test_accessibility.py, Odoo's
headless Chromium in the test run) and the phone screenshots
(scripts/screenshots.py, `make screenshots`, against a running server). Both
drive Chromium through the DevTools protocol and hand ``visit`` a small driver:

- ``navigate(url)``: load the page and wait until it has loaded;
- ``evaluate(expression)``: run JavaScript (promises awaited) and return its
  JSON value;
- ``wait_for_load()``: wait for the page a form submission opened.

No Odoo import here: the screenshot script runs outside Odoo.
"""

import json
import pathlib
import time
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parent.parent
# installed by scripts/bootstrap.sh from requirements/npm/package-lock.json
AXE_JS = ROOT / ".run" / "npm" / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0 and 2.1, levels A and AA, and the 24 x 24 px tap targets (2.5.8)
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_EXTRA_RULES = ("target-size",)
FAILING_IMPACTS = ("critical", "serious")

# phone and desktop, and the narrowest width of WCAG 1.4.10 (reflow)
PHONE = (360, 800)
DESKTOP = (1280, 900)
REFLOW_WIDTH = 320

TENANT_LOGIN = "anna.schmidt@example.com"
TENANT_PASSWORD = "Wohnen2024"  # noqa: S105 (the demo's published password)


@dataclass(frozen=True)
class Page:
    name: str  # screenshot file name and label in messages
    path: str  # where the browser goes first
    tenant: bool = True  # logged in as the demo tenant, else anonymous
    follow: str = ""  # CSS selector of a link on `path` to follow
    # a form to submit: CSS selector, values typed by input name, and whether
    # the browser's own checks (required, type=email) are bypassed to see
    # the server's answer
    submit: str = ""
    fill: dict = field(default_factory=dict)
    novalidate: bool = True
    # how to get there when `follow` finds no link (e.g. a demo tenant
    # without a request: she reports one)
    fallback: "Page | None" = None


PAGES = (
    # anonymous visitors
    Page("login", "/web/login", tenant=False),
    Page(
        "login-error",
        "/web/login",
        tenant=False,
        submit="form.oe_login_form",
        fill={"login": TENANT_LOGIN, "password": "wrong-password"},
    ),
    Page("signup", "/web/signup", tenant=False),
    Page("signup-error", "/web/signup", tenant=False, submit="form.o_wbg54_signup"),
    Page(
        "signup-error-fields",
        "/web/signup",
        tenant=False,
        submit="form.o_wbg54_signup",
        fill={
            "registration_number": "AAAA-BBBB-CCCC-DD",
            "email": "not-an-address",
            "password": "short",
            "confirm_password": "other",
        },
    ),
    Page("letter-request", "/web/signup/letter", tenant=False),
    Page(
        "letter-request-error",
        "/web/signup/letter",
        tenant=False,
        submit="form.o_wbg54_letter_request",
    ),
    Page("reset-password", "/web/reset_password", tenant=False),
    Page(
        "reset-password-sent",
        "/web/reset_password",
        tenant=False,
        submit="form.oe_reset_password_form",
        fill={"login": "nobody@example.com"},
    ),
    Page(
        "reset-password-error",
        "/web/reset_password?token=invalid-link",
        tenant=False,
    ),
    Page("resend-confirmation", "/web/signup/resend", tenant=False),
    Page(
        "resend-confirmation-error",
        "/web/signup/resend",
        tenant=False,
        submit="form.o_wbg54_signup_resend",
        fill={"email": "not-an-address"},
    ),
    Page("signup-link-invalid", "/web/signup/confirm?token=invalid", tenant=False),
    Page("email-link-invalid", "/my/email/confirm?token=invalid", tenant=False),
    # the tenant
    Page("home", "/my"),
    Page("my-data", "/my/data"),
    Page(
        "my-data-error",
        "/my/data",
        submit="form.o_wbg54_my_data",
        fill={"phone": "12", "mobile": "not a number"},
    ),
    Page(
        "my-data-email-error",
        "/my/data",
        submit="form.o_wbg54_email_change",
        fill={"new_email": "new@example.com", "new_email_confirm": "other@example.com"},
    ),
    Page(
        "my-data-request-error",
        "/my/data",
        submit="form.o_wbg54_change_request",
    ),
    Page("contracts", "/my/contracts"),
    Page("contract", "/my/contracts", follow=".o_wbg54_contracts a[href^='/my/c']"),
    Page("shares", "/my/shares"),
    Page("documents", "/my/documents"),
    Page("tickets", "/my/tickets"),
    Page(
        "ticket",
        "/my/tickets",
        follow=".o_wbg54_tickets a[href^='/my/ticket/']",
        fallback=Page(
            "ticket",
            "/my/tickets/damage",
            submit="form.o_wbg54_ticket_form",
            fill={
                "category_id": ":first",
                "location": "Bad",
                "description": "Der Wasserhahn im Bad tropft.",
            },
            novalidate=False,
        ),
    ),
    Page("damage-form", "/my/tickets/damage"),
    Page("damage-form-error", "/my/tickets/damage", submit="form.o_wbg54_ticket_form"),
    Page("application-form", "/my/tickets/application"),
    Page(
        "application-form-type",
        "/my/tickets/application",
        submit="form.o_wbg54_type_choice",
        fill={"type": ":first"},
    ),
    Page(
        "application-form-error",
        "/my/tickets/application",
        submit="form.o_wbg54_type_choice, form.o_wbg54_ticket_form",
        fill={"type": ":first"},
    ),
    Page("new-ticket", "/new/ticket"),
    Page("security", "/my/security"),
    Page(
        "security-error",
        "/my/security",
        submit="form[action='/my/security']",
        fill={
            "old": "wrong-password",
            "new1": "Neues2Passwort9",
            "new2": "Neues2Passwort9",
        },
    ),
)

# fills the named fields of a form and submits it; ":first" picks the first
# option of a select that has a value
SUBMIT_JS = """
(selector, fill, novalidate) => {
    const form = document.querySelector(selector);
    if (!form) { return "no form " + selector; }
    for (const [name, value] of Object.entries(fill)) {
        const input = form.elements[name];
        if (!input) { return "no field " + name; }
        if (value === ":first") {
            input.value = [...input.options].find((o) => o.value).value;
        } else {
            input.value = value;
        }
    }
    form.noValidate = novalidate;
    window.__wbg54_leaving = true;
    setTimeout(() => form.requestSubmit(), 0);
    return "";
}
"""

AXE_JS_RUN = """
(tags, rules) => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: Object.fromEntries(rules.map((rule) => [rule, {enabled: true}])),
    resultTypes: ["violations"],
}).then((result) => result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(" ")),
})))
"""


def js_call(function, *args):
    """An expression calling the JavaScript `function` with JSON arguments."""
    return f"({function})({', '.join(json.dumps(arg) for arg in args)})"


def submit_js(selector, fill, novalidate=True):
    return js_call(SUBMIT_JS, selector, fill, novalidate)


def axe_run_js(tags=AXE_TAGS, rules=AXE_EXTRA_RULES):
    """JavaScript running axe-core on the page: its violations, JSON."""
    return js_call(AXE_JS_RUN, list(tags), list(rules))


AXE_RUN_JS = axe_run_js()

# what sticks out at the right-hand edge: the page's width and its widest
# elements (to name them in a failure)
OVERFLOW_JS = """
(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .filter((el) => !el.closest(".visually-hidden, .visually-hidden-focusable"))
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase()
            + (el.id ? "#" + el.id : "")
            + (el.className && typeof el.className === "string"
                ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
    return {scrollWidth: document.documentElement.scrollWidth, wide};
})()
"""

# loaded, and Odoo's frontend started (it shows the login form, mounts the
# chatter): createPublicRoot() sets odoo.__WOWL_DEBUG__ last
# after a submission with errors: where the focus is, and the invalid fields
# whose aria-describedby names no element of the page
FOCUS_JS = """
(() => {
    const active = document.activeElement;
    const unlinked = [...document.querySelectorAll("[aria-invalid=true]")]
        .filter((el) => !(el.getAttribute("aria-describedby") || "")
            .split(/\\s+/).some((id) => id && document.getElementById(id)))
        .map((el) => el.name || el.id);
    return {
        focused: !!active && active.matches(
            ".o_wbg54_error_summary, [role=alert], [aria-invalid=true]"),
        active: active ? active.outerHTML.slice(0, 100) : "",
        invalid: document.querySelectorAll("[aria-invalid=true]").length,
        unlinked,
    };
})()
"""

READY_JS = (
    "!window.__wbg54_leaving && document.readyState === 'complete'"
    " && !!(window.odoo && odoo.__WOWL_DEBUG__)"
)


def visit(driver, base_url, page):
    """Bring the browser to `page` in its state; returns a problem or ''."""
    driver.navigate(base_url + page.path)
    if page.follow:
        href = driver.evaluate(
            js_call(
                "(selector) => document.querySelector(selector)"
                "?.getAttribute('href')",
                page.follow,
            )
        )
        if not href:
            if page.fallback:
                return visit(driver, base_url, page.fallback)
            return f"no link {page.follow} on {page.path}"
        driver.navigate(base_url + href)
    for selector in filter(None, page.submit.split(", ")):
        fill = page.fill if selector == page.submit.split(", ")[0] else {}
        problem = driver.evaluate(submit_js(selector, fill, page.novalidate))
        if problem:
            return f"{problem} on {page.path}"
        driver.wait_for_load()
    return ""


def wait_until(evaluate, expression, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if evaluate(expression) is True:
                return True
        except Exception:  # noqa: BLE001
            # the page is being replaced: ask again
            time.sleep(0.1)
            continue
        time.sleep(0.1)
    return False
