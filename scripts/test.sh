#!/usr/bin/env bash
# Fresh test database with wbg54_portal (and German) installed, every test in
# tests/ through pytest-odoo with HttpCase/tour tests, then drop the database.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env
DB=${TEST_DB:-wbg54_test_$$}

cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "[test] Installing wbg54_portal into a fresh database $DB"
dropdb --if-exists "$DB"
.venv/bin/python -m odoo -c .run/odoo.conf -d "$DB" -i wbg54_portal --load-language=de_DE \
    --stop-after-init --log-level=warn

echo "[test] Running tests/"
.venv/bin/python -m pytest tests \
    --odoo-config=.run/odoo.conf --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@"
