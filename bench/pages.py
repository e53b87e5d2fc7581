"""Server time and SQL query count of portal pages, next to Odoo's own pages.

Requests go through Odoo's WSGI application in this process (werkzeug's test
client), so the time is the server's: routing, session, ORM, QWeb, no network.
The query count is the one Odoo keeps per request thread."""

import re
import statistics
import threading
import time

from werkzeug.test import Client

import odoo
from odoo import SUPERUSER_ID, api

# helpdesk_mgmt's own portal rule, before this addon narrows it
HELPDESK_PORTAL_RULE = (
    "['|', ('partner_id', 'child_of', [user.commercial_partner_id.id]), "
    "('message_partner_ids', 'child_of', [user.commercial_partner_id.id])]"
)


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


ENVIRON = {"REMOTE_ADDR": "127.0.0.1"}


class PortalSession:
    def __init__(self, db, login, password):
        self.client = Client(odoo.http.root)
        page = self.get(f"/web/login?db={db}")
        csrf = re.search(
            r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)
        ).group(1)
        response = self.client.post(
            "/web/login",
            environ_base=ENVIRON,
            data={
                "login": login,
                "password": password,
                "csrf_token": csrf,
                "redirect": "/my",
            },
        )
        if response.status_code not in (
            302,
            303,
        ) or "/web/login" in response.headers.get("Location", ""):
            raise RuntimeError(f"login of {login} failed ({response.status_code})")

    def get(self, url):
        return self.client.get(url, environ_base=ENVIRON)

    def measure(self, url, repeat, warmup=3):
        for _i in range(warmup):
            self._check(url, self.get(url))
        times, queries = [], []
        for _i in range(repeat):
            start = time.perf_counter()
            response = self.get(url)
            times.append((time.perf_counter() - start) * 1000)
            queries.append(threading.current_thread().query_count)
            self._check(url, response)
        return {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(_percentile(times, 0.95), 1),
            "queries": statistics.median(queries),
            "queries_max": max(queries),
        }

    @staticmethod
    def _check(url, response):
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")


def _first_id(session, url, pattern):
    match = re.search(pattern, session.get(url).get_data(as_text=True))
    if not match:
        raise RuntimeError(f"no link {pattern} on {url}")
    return int(match.group(1))


def tenant_pages(session):
    """The tenant's pages, with one detail page of each list."""
    contract = _first_id(session, "/my/contracts", r'href="/my/contracts/(\d+)')
    document = _first_id(
        session, "/my/documents", r'href="/my/documents/(\d+)/download'
    )
    ticket = _first_id(session, "/my/tickets", r'href="/my/ticket/(\d+)')
    return {
        "/my": "/my",
        "/my/contracts": "/my/contracts",
        "/my/contracts/<id>": f"/my/contracts/{contract}",
        "/my/shares": "/my/shares",
        "/my/documents": "/my/documents",
        "/my/documents/<id>/download": f"/my/documents/{document}/download",
        "/my/tickets": "/my/tickets",
        "/my/ticket/<id>": f"/my/ticket/{ticket}",
        "/my/data": "/my/data",
    }


# the app API's reads (tag, path) beside the web page doing the same work;
# taken from the served description, so operations added later are measured
# as soon as they are listed here
API = "/api/wbg54/v1"
API_READS = {
    "/me": "/my/data",
    "/contracts": "/my/contracts",
    "/contracts/{contract_id}": "/my/contracts/<id>",
    "/shares": "/my/shares",
    "/documents": "/my/documents",
    "/documents/{document_id}": "/my/documents",
    "/documents/{document_id}/content": "/my/documents/<id>/download",
    "/notices": "/my",
    "/requests": "/my/tickets",
    "/requests/{request_id}": "/my/ticket/<id>",
}
_QUERIES = [0]


def _count_queries():
    """Count the queries of every thread: the fastapi addon runs the API's
    routes in worker threads (a2wsgi, anyio), not in the request thread that
    Odoo's per-thread ``query_count`` follows."""
    execute = odoo.sql_db.Cursor.execute
    if getattr(execute, "_wbg54_counting", False):
        return

    def counted(self, *args, **kwargs):
        _QUERIES[0] += 1
        return execute(self, *args, **kwargs)

    counted._wbg54_counting = True
    odoo.sql_db.Cursor.execute = counted


class ApiSession(PortalSession):
    """The app signed in as the tenant: a bearer app key, no session cookie."""

    def __init__(self, db, login):
        _count_queries()
        registry = odoo.modules.registry.Registry(db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].search([("login", "=", login)])
            self.key = env["res.users.apikeys"]._wbg54_app_sign_in(user, "Bench")[1]
        self.client = Client(odoo.http.root)

    def get(self, url):
        return self.client.get(
            API + url,
            environ_base=ENVIRON,
            headers={"Authorization": f"Bearer {self.key}"},
        )

    def measure(self, url, repeat, warmup=3):
        for _i in range(warmup):
            self._check(url, self.get(url))
        times, queries = [], []
        for _i in range(repeat):
            before = _QUERIES[0]
            start = time.perf_counter()
            response = self.get(url)
            times.append((time.perf_counter() - start) * 1000)
            queries.append(_QUERIES[0] - before)
            self._check(url, response)
        return {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(_percentile(times, 0.95), 1),
            "queries": statistics.median(queries),
            "queries_max": max(queries),
        }


def api_reads(session):
    """The API's reads of API_READS the served description lists, a detail
    of each list with the first item of the list: {row name: (url, page)}."""
    paths = session.get("/openapi.json").get_json()["paths"]
    first = {}
    reads = {}
    for path, page in API_READS.items():
        if "get" not in paths.get(path, {}):
            continue
        url = path
        if "{" in path:
            collection = path.split("/{", 1)[0]
            if collection not in first:
                items = session.get(collection).get_json().get("items") or []
                first[collection] = items[0]["id"] if items else None
            if first[collection] is None:
                continue
            url = re.sub(r"\{[^}]+\}", str(first[collection]), path)
        reads[f"API {path}"] = (url, page)
    return reads


def _set_helpdesk_rule(registry, domain):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        rule = env.ref("helpdesk_mgmt.helpdesk_ticket_rule_portal")
        previous = rule.domain_force
        rule.domain_force = domain
    return previous


def run(db, tenant, reference, repeat=30):
    """Measure the tenant's pages and the reference pages.

    :param tenant: (login, password) of a member with a typical household
    :param reference: (login, password) of a portal user who is no member,
        for Odoo's own /my/account (members are sent to /my/data)
    """
    registry = odoo.modules.registry.Registry(db)
    session = PortalSession(db, *tenant)
    pages = tenant_pages(session)
    results = {name: session.measure(url, repeat) for name, url in pages.items()}
    results["/my/security (Odoo)"] = session.measure("/my/security", repeat)
    app = ApiSession(db, tenant[0])
    for name, (url, page) in api_reads(app).items():
        results[name] = app.measure(url, repeat)
        REFERENCES[name] = page
    results["/my/account (Odoo)"] = PortalSession(db, *reference).measure(
        "/my/account", repeat
    )
    # helpdesk_mgmt's ticket pages as they are without this addon's narrower rule
    ours = _set_helpdesk_rule(registry, HELPDESK_PORTAL_RULE)
    try:
        session = PortalSession(db, *tenant)
        results["/my/tickets (helpdesk_mgmt before)"] = session.measure(
            "/my/tickets", repeat
        )
        results["/my/ticket/<id> (helpdesk_mgmt before)"] = session.measure(
            pages["/my/ticket/<id>"], repeat
        )
    finally:
        _set_helpdesk_rule(registry, ours)
    return results


# the Odoo page each tenant page is held against (comparable work: a portal
# page of the user's own records)
REFERENCES = {
    "/my/tickets": "/my/tickets (helpdesk_mgmt before)",
    "/my/ticket/<id>": "/my/ticket/<id> (helpdesk_mgmt before)",
}
DEFAULT_REFERENCE = "/my/account (Odoo)"


def with_ratios(results):
    out = {}
    for name, values in results.items():
        values = dict(values)
        if "(" not in name:
            reference = REFERENCES.get(name, DEFAULT_REFERENCE)
            values["reference"] = reference
            values["ratio_p95"] = round(
                values["p95_ms"] / results[reference]["p95_ms"], 2
            )
            # the cheapest of Odoo's portal pages, as a stricter yardstick
            values["ratio_p95_security"] = round(
                values["p95_ms"] / results["/my/security (Odoo)"]["p95_ms"], 2
            )
        out[name] = values
    return out
