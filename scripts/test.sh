#!/usr/bin/env bash
# Fresh test database with wbg54_portal (and German) installed, every test in
# tests/ through pytest-odoo with HttpCase/tour tests, then drop the database.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env
DB=${TEST_DB:-wbg54_test_$$}

# A configuration of this run with free ports, so that `make test` works while
# `make run` serves the demo on 8069: installation derives the database's
# web.base.url from http_port (tests/conftest.py then points it and report.url
# at this run's own server and ports; see tests/test_free_port.py).
CONF="$ROOT/.run/test-$$.conf"
read -r HTTP_FREE GEVENT_FREE < <(.venv/bin/python - <<'PY'
import socket
socks = [socket.socket() for _ in range(2)]
for sock in socks:
    sock.bind(("127.0.0.1", 0))
print(*(sock.getsockname()[1] for sock in socks))
PY
)
sed -e "s/^http_port.*/http_port = $HTTP_FREE/" .run/odoo.conf > "$CONF"
echo "gevent_port = $GEVENT_FREE" >> "$CONF"

cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -f "$CONF"; }
trap cleanup EXIT

echo "[test] Installing wbg54_portal into a fresh database $DB"
dropdb --if-exists "$DB"
.venv/bin/python -m odoo -c "$CONF" -d "$DB" -i wbg54_portal --load-language=de_DE \
    --stop-after-init --log-level=warn

# TEST_PATHS: some tests only (make fuzz: tests/test_api_fuzz.py)
echo "[test] Running ${TEST_PATHS:-tests/}"
# shellcheck disable=SC2086
.venv/bin/python -m pytest ${TEST_PATHS:-tests} \
    --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@"
