"""Schemathesis hooks of tests/test_api_fuzz.py (loaded by the fuzz's
subprocess through SCHEMATHESIS_HOOKS, not collected by pytest).

Every call is signed in as the demo tenant with the app key the test minted.
Sign-out and refresh revoke the key they are sent with, so each of their calls
takes a key of its own from a pool the test minted beforehand (when the pool
runs dry: a revoked key, answered with the documented 401); the main key stays
valid for the whole run. Every other generated id of a path is one of hers,
so that details, downloads and replies are fuzzed beyond their 404."""

import atexit
import collections
import json
import os
from pathlib import Path

import schemathesis

_KEYS = json.loads(Path(os.environ["WBG54_FUZZ_KEYS"]).read_text())
_POOL = list(_KEYS["pool"])
REVOKING = {"/auth/refresh", "/auth/logout"}


def _key_for(path):
    if path in REVOKING:
        return _POOL.pop() if _POOL else _KEYS["revoked"]
    return _KEYS["key"]


def _her_ids(case):
    """Every other generated integer id becomes one of hers (the run is
    deterministic all the same)."""
    for name, value in (case.path_parameters or {}).items():
        ids = _KEYS["ids"].get(name)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)
        if ids and isinstance(value, int) and not isinstance(value, bool):
            if value % 2 == 0:
                case.path_parameters[name] = ids[value // 2 % len(ids)]


# answers per operation and status class, for the test's summary
_STATUSES = collections.Counter()


@atexit.register
def _write_statuses():
    counts = collections.defaultdict(dict)
    for (operation, status), count in _STATUSES.items():
        counts[operation][status] = count
    Path(os.environ["WBG54_FUZZ_STATUSES"]).write_text(json.dumps(counts))


@schemathesis.hook
def after_call(context, case, response):
    operation = f"{case.operation.method.upper()} {case.operation.path}"
    _STATUSES[operation, f"{response.status_code // 100}xx"] += 1


@schemathesis.hook
def before_call(context, case, kwargs):
    _her_ids(case)
    case.headers = {
        **(case.headers or {}),
        "Authorization": f"Bearer {_key_for(case.operation.path)}",
    }
