"""Locust scenario: tenants of the cooperative using the self-service portal.

Each locust user is one tenant with her own session: she logs in through the
real login form (GET /web/login for the csrf_token, POST login/password), then
browses /my with weighted tasks and short think times, downloads documents and
now and then reports damage with a photo.

Credentials: the file named by the environment variable WBG54_BENCH_USERS,
one ``login<TAB>password`` per line (blank lines and ``#`` comments skipped),
handed out round-robin to the locust users (several users may share a login;
each still has a session of her own).

Requests are named by route pattern (``/my/contracts/<id>``) so the stats
group per endpoint. A request fails when its status is not 2xx/3xx, when the
session has been lost (ended on /web/login), when the login does not end on
/my, or when a damage report does not redirect to the new ticket.

Run through bench/load/run_load.py, or by hand with the bench venv:
    WBG54_BENCH_USERS=users.tsv .run/bench-venv/bin/locust \
        -f bench/load/locustfile.py --headless -u 10 -r 5 -t 20s --host http://127.0.0.1:8069
"""

import io
import itertools
import os
import random
import re
import threading
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

USERS_ENV = "WBG54_BENCH_USERS"
# optional: a CSV of every request (start time, method, name, ms, ok), for
# figures over a time window (run_load.py: steady state after the ramp-up)
REQUEST_LOG_ENV = "WBG54_BENCH_REQUEST_LOG"

CSRF_RE = re.compile(
    r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"|'
    r'<input[^>]*value="([^"]+)"[^>]*name="csrf_token"'
)
CONTRACT_RE = re.compile(r'href="/my/contracts/(\d+)(?:[?"#])')
DOCUMENT_RE = re.compile(r'href="/my/documents/(\d+)/download')
TICKET_RE = re.compile(r'href="/my/ticket/(\d+)(?:[?"#])')
OPTION_RE = re.compile(r'<option[^>]*value="([^"]*)"')
TICKET_LOCATION_RE = re.compile(r"^/my/ticket/(\d+)$")

DAMAGE_TEXTS = [
    "Der Wasserhahn in der Küche tropft seit gestern.",
    "Die Heizung im Wohnzimmer wird nicht mehr warm.",
    "Im Bad löst sich eine Fliese an der Wand.",
    "Das Fenster im Schlafzimmer schließt nicht richtig.",
    "Die Klingel funktioniert nicht.",
]
LOCATIONS = [
    "Bad",
    "Küche",
    "Wohnzimmer",
    "Schlafzimmer",
    "Treppenhaus 2. OG",
    "Keller",
]


def _load_credentials():
    path = os.environ.get(USERS_ENV)
    if not path:
        raise RuntimeError(
            f"set {USERS_ENV} to a file with one 'login<TAB>password' per line"
        )
    credentials = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            login, sep, password = line.partition("\t")
            if not sep or not login or not password:
                raise RuntimeError(f"{path}:{number}: expected 'login<TAB>password'")
            credentials.append((login, password))
    if not credentials:
        raise RuntimeError(f"{path}: no credentials")
    return credentials


_credentials = None
_credentials_cycle = None
_credentials_lock = threading.Lock()


def next_credentials():
    """Round-robin over the users file (read once, on first use)."""
    global _credentials, _credentials_cycle
    with _credentials_lock:
        if _credentials_cycle is None:
            _credentials = _load_credentials()
            _credentials_cycle = itertools.cycle(_credentials)
        return next(_credentials_cycle)


def _make_jpeg():
    """A small real JPEG (about 2 KB, 160x120): the portal re-encodes every
    photo with Pillow, so it has to decode."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:  # Pillow comes with matplotlib in bench/requirements.txt
        raise RuntimeError("Pillow is needed to build the test photo") from None
    image = Image.new("RGB", (160, 120), (200, 190, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 30, 140, 90), fill=(90, 120, 160))
    draw.line((20, 30, 140, 90), fill=(40, 40, 40), width=3)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80)
    return output.getvalue()


PHOTO = _make_jpeg()


def _csrf(html):
    match = CSRF_RE.search(html)
    return match and (match.group(1) or match.group(2))


def _status_problem(response):
    if response.status_code == 0:  # no HTTP answer at all
        return f"connection error: {response.error!r}"
    return f"status {response.status_code}"


def _select_options(html, name):
    """The non-empty option values of <select name="NAME"> (empty list when
    the select is not there, e.g. the contract select for a single contract)."""
    match = re.search(
        rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S
    )
    if not match:
        return []
    return [value for value in OPTION_RE.findall(match.group(1)) if value]


_request_log = None


@events.test_start.add_listener
def _open_request_log(environment, **kwargs):
    global _request_log
    path = os.environ.get(REQUEST_LOG_ENV)
    if path and _request_log is None:
        _request_log = open(path, "w", encoding="utf-8", buffering=1 << 16)
        _request_log.write("start,method,name,ms,ok\n")


@events.request.add_listener
def _log_request(
    request_type, name, response_time, exception=None, start_time=None, **kwargs
):
    if _request_log is not None:
        _request_log.write(
            f"{start_time or 0:.3f},{request_type},{name},{response_time:.1f},"
            f"{0 if exception else 1}\n"
        )


@events.quitting.add_listener
def _close_request_log(environment, **kwargs):
    global _request_log
    if _request_log is not None:
        _request_log.close()
        _request_log = None


class Tenant(HttpUser):
    """A tenant browsing the portal."""

    wait_time = between(0.5, 2)

    def on_start(self):
        self.login, password = next_credentials()
        self.contract_ids = []
        self.document_ids = []
        self.ticket_ids = []
        with self.client.get(
            "/web/login", name="/web/login", catch_response=True
        ) as response:
            token = response.ok and _csrf(response.text)
            if not token:
                response.failure(
                    f"login form without csrf_token (status {response.status_code})"
                )
                raise StopUser()
            response.success()
        with self.client.post(
            "/web/login",
            name="/web/login [POST]",
            data={
                "login": self.login,
                "password": password,
                "csrf_token": token,
                "redirect": "",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = urlsplit(response.headers.get("Location", "")).path
            if response.status_code in (301, 302, 303, 307, 308) and target == "/my":
                response.success()
            else:
                if response.status_code == 0:
                    reason = _status_problem(response)
                elif "alert-danger" in (response.text or ""):
                    reason = "wrong login/password"
                else:
                    reason = "no redirect to /my"
                response.failure(
                    f"login {self.login}: status {response.status_code}, "
                    f"Location {target or '-'} ({reason})"
                )
                raise StopUser()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _get(self, path, name, check=None):
        """GET ``path``; a failure unless 2xx/3xx, still logged in and
        ``check(response)`` (if given) returns None. Returns the response or
        None."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if not (200 <= response.status_code < 400):
                response.failure(_status_problem(response))
                return None
            if urlsplit(response.url).path == "/web/login":
                response.failure("session lost: redirected to /web/login")
                return None
            problem = check(response) if check else None
            if problem:
                response.failure(problem)
                return None
            response.success()
            return response

    # ------------------------------------------------------------------
    # tasks
    # ------------------------------------------------------------------

    @task(4)
    def home(self):
        self._get("/my", "/my")

    def _list_then_detail(self, list_url, id_re, detail_url, detail_name, check=None):
        """Open a list page, then one of the records it links to."""
        response = self._get(list_url, list_url)
        if response is None:
            return []
        ids = sorted(set(id_re.findall(response.text)))
        if ids:
            self._get(detail_url.format(random.choice(ids)), detail_name, check=check)
        return ids

    @task(3)
    def contracts(self):
        self.contract_ids = self._list_then_detail(
            "/my/contracts", CONTRACT_RE, "/my/contracts/{}", "/my/contracts/<id>"
        )

    @task(2)
    def documents(self):
        self.document_ids = self._list_then_detail(
            "/my/documents",
            DOCUMENT_RE,
            "/my/documents/{}/download",
            "/my/documents/<id>/download",
            check=lambda r: None if r.content else "empty download",
        )

    @task(2)
    def tickets(self):
        self.ticket_ids = self._list_then_detail(
            "/my/tickets", TICKET_RE, "/my/ticket/{}", "/my/ticket/<id>"
        )

    @task(1)
    def my_data(self):
        self._get("/my/data", "/my/data")

    @task(1)
    def shares(self):
        self._get("/my/shares", "/my/shares")

    @task(1)
    def report_damage(self):
        def form_ready(response):
            if not _csrf(response.text):
                return "damage form without csrf_token"
            if not _select_options(response.text, "category_id"):
                return "damage form without categories"
            return None

        response = self._get(
            "/my/tickets/damage", "/my/tickets/damage", check=form_ready
        )
        if response is None:
            return
        html = response.text
        # the contract select is only there for tenants with several contracts
        contracts = _select_options(html, "contract_id")
        data = {
            "category_id": random.choice(_select_options(html, "category_id")),
            "location": random.choice(LOCATIONS),
            "urgency": "normal",
            "description": random.choice(DAMAGE_TEXTS),
            "csrf_token": _csrf(html),
        }
        if contracts:
            data["contract_id"] = random.choice(contracts)
        with self.client.post(
            "/my/tickets/damage",
            name="/my/tickets/damage [POST]",
            data=data,
            files={"photos": ("schaden.jpg", PHOTO, "image/jpeg")},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = urlsplit(response.headers.get("Location", "")).path
            match = TICKET_LOCATION_RE.match(target)
            if response.status_code in (301, 302, 303, 307, 308) and match:
                response.success()
                self.ticket_ids.append(match.group(1))
            elif response.status_code == 200 and "alert-danger" in (
                response.text or ""
            ):
                response.failure(
                    "damage report refused: the form came back with errors"
                )
            else:
                response.failure(
                    f"damage report: {_status_problem(response)}, "
                    f"Location {target or '-'} (no redirect to /my/ticket/<id>)"
                )
