"""`make screenshots`: every tenant page at 360 px as a full-page PNG.

The pages and their error states are those of the accessibility check
(tests/a11y_pages.py): the public sign-up pages as an anonymous visitor, then
/my and everything below it as the demo tenant. The files go to
.run/screenshots/<page>.png for review on a phone-sized screen.

Without --url the script serves the demo database itself (created first as
`make run` does when it is missing) on a free port and stops it at the end;
with --url it uses a running server (e.g. `make run`'s).
--axe also runs axe-core on each page (360 and 1280 px) and lists every
violation of the test's rules, moderate and minor ones included, and of
axe's best practices (heading order, landmarks), which the test leaves out.
"""
# pylint: disable=print-used
# (a command-line tool: the findings and progress are its output)

import argparse
import base64
import contextlib
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.a11y_pages import (  # noqa: E402
    AXE_JS,
    AXE_RUN_JS,
    DESKTOP,
    PAGES,
    PHONE,
    READY_JS,
    TENANT_LOGIN,
    TENANT_PASSWORD,
    axe_run_js,
    submit_js,
    visit,
    wait_until,
)

PYTHON = str(ROOT / ".venv" / "bin" / "python")
BEST_JS = axe_run_js(tags=("best-practice",), rules=())


def say(message):
    print(f"[screenshots] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chromium:
    """Headless Chromium on one page, driven through the DevTools protocol."""

    def __init__(self):
        binary = next(
            filter(
                None,
                map(shutil.which, ("chromium", "chromium-browser", "google-chrome")),
            ),
            None,
        )
        if not binary:
            sys.exit("[screenshots] Chromium is needed: apt install chromium")
        self.profile = tempfile.mkdtemp(prefix="wbg54_screenshots_")
        command = [
            binary,
            "--headless=new",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}",
            "--no-first-run",
            "--disable-gpu",
            "--disable-extensions",
            "--hide-scrollbars",
            "--lang=de-DE",
        ]
        if os.geteuid() == 0:
            command.append("--no-sandbox")
        self.process = subprocess.Popen(
            command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        for line in self.process.stderr:
            match = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if match:
                port = match.group(1)
                break
        else:
            sys.exit("[screenshots] Chromium did not start")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
            target = next(t for t in json.load(answer) if t["type"] == "page")
        self.ws = websocket.create_connection(
            target["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.ids = iter(range(1, 10**9))
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, **params):
        request_id = next(self.ids)
        self.ws.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == request_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "error"))
        return result["result"].get("value")

    def wait_for_load(self):
        if not wait_until(self.evaluate, READY_JS):
            raise RuntimeError("the page did not load")
        time.sleep(0.3)  # Odoo's frontend scripts start after the load event

    def navigate(self, url):
        with contextlib.suppress(RuntimeError):
            self.evaluate("window.__wbg54_leaving = true")
        self.send("Page.navigate", url=url)
        self.wait_for_load()

    def resize(self, width, height):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 768,
        )
        time.sleep(0.2)

    def screenshot(self, path):
        metrics = self.send("Page.getLayoutMetrics")["cssContentSize"]
        data = self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={
                "x": 0,
                "y": 0,
                "width": PHONE[0],
                "height": max(PHONE[1], metrics["height"]),
                "scale": 1,
            },
        )["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        with contextlib.suppress(Exception):
            self.ws.close()
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


@contextlib.contextmanager
def demo_server(database):
    """The demo database on a free port for the time of the run."""
    config = ROOT / ".run" / "odoo.conf"
    if not config.exists():
        sys.exit("[screenshots] Run `make bootstrap` (or `make run`) first.")
    installed = subprocess.run(
        [
            "psql",
            "-d",
            database,
            "-tAc",
            "SELECT state FROM ir_module_module WHERE name = 'wbg54_portal'",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    odoo = [PYTHON, "-m", "odoo", "-c", str(config), "-d", database]
    if installed != "installed":
        say(f"Creating the demo database {database} (a few minutes, once)")
        subprocess.run(["dropdb", "--if-exists", database], check=True)
        subprocess.run(
            [
                *odoo,
                "-i",
                "wbg54_portal",
                "--load-language=de_DE",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
    port = free_port()
    server = subprocess.Popen(
        [
            *odoo,
            f"--db-filter=^{database}$",
            f"--http-port={port}",
            f"--gevent-port={free_port()}",
            "--log-level=warn",
            "--max-cron-threads=0",
        ]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(600):
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{url}/web/login", timeout=5):
                    break
            if server.poll() is not None:
                sys.exit("[screenshots] The Odoo server stopped (see above).")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def log_in(browser, url):
    browser.navigate(f"{url}/web/login")
    problem = browser.evaluate(
        submit_js(
            "form.oe_login_form",
            {"login": TENANT_LOGIN, "password": TENANT_PASSWORD},
            novalidate=False,
        )
    )
    if problem:
        sys.exit(f"[screenshots] {problem}")
    browser.wait_for_load()
    if "/web/login" in browser.evaluate("location.pathname"):
        sys.exit(f"[screenshots] {TENANT_LOGIN} could not log in")


def run_axe(browser, page, axe_source):
    findings = []
    for width, height in (PHONE, DESKTOP):
        browser.resize(width, height)
        if not browser.evaluate("typeof axe !== 'undefined'"):
            browser.evaluate(axe_source)
        for label, script in (("wcag", AXE_RUN_JS), ("best-practice", BEST_JS)):
            for violation in browser.evaluate(script):
                findings.append(
                    f"{page.name} {width}px {label} {violation['impact']} "
                    f"{violation['id']}: {violation['help']} "
                    f"{violation['targets'][:5]}"
                )
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server, e.g. http://localhost:8069")
    parser.add_argument("--db", default=os.environ.get("DEMO_DB", "wbg54_demo"))
    parser.add_argument("--out", default=str(ROOT / ".run" / "screenshots"))
    parser.add_argument("--axe", action="store_true", help="list axe-core findings")
    parser.add_argument("pages", nargs="*", help="only these pages (names)")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [p for p in PAGES if not args.pages or p.name in args.pages]
    axe_source = AXE_JS.read_text() if args.axe else None

    with contextlib.ExitStack() as stack:
        url = (
            args.url.rstrip("/")
            if args.url
            else stack.enter_context(demo_server(args.db))
        )
        # one static file first: Odoo reads the addons' manifests on the first
        # one, and a page's parallel first asset requests can fail at it
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/web/static/img/favicon.ico", timeout=30),
        ):
            pass
        browser = Chromium()
        stack.callback(browser.close)
        findings = []
        logged_in = False
        for page in sorted(pages, key=lambda p: p.tenant):
            if page.tenant and not logged_in:
                browser.resize(*DESKTOP)
                log_in(browser, url)
                logged_in = True
            browser.resize(*PHONE)
            problem = visit(browser, url, page)
            if problem:
                say(f"{page.name}: {problem}")
                continue
            browser.screenshot(out / f"{page.name}.png")
            if axe_source:
                findings += run_axe(browser, page, axe_source)
            say(f"{page.name}: {out / page.name}.png")
        for finding in findings:
            print(finding)
    say(f"{len(pages)} pages in {out}")


if __name__ == "__main__":
    main()
