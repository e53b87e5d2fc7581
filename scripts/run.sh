#!/usr/bin/env bash
# Serve the German demo on http://localhost:8069; the database is created once.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env
DB=${DEMO_DB:-wbg54_demo}

# The demo's own configuration: no database manager or database list, and a
# random master password (Odoo's default is "admin"), kept in .run/ only.
if [ ! -s .run/master-password ]; then
    (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))' > .run/master-password)
fi
(umask 077; {
    grep -v -e '^list_db' -e '^admin_passwd' .run/odoo.conf
    echo "list_db = False"
    echo "admin_passwd = $(cat .run/master-password)"
} > .run/demo.conf)
ODOO=(.venv/bin/python -m odoo -c .run/demo.conf)
[ -z "${DEMO_CONFIG_ONLY:-}" ] || exit 0  # tests/test_demo_config.py

installed=$(psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name = 'wbg54_portal'" 2>/dev/null || true)
if [ "$installed" != "installed" ]; then
    echo "[run] Creating the demo database $DB (German, with demo data); this takes a few minutes once."
    dropdb --if-exists "$DB"
    "${ODOO[@]}" -d "$DB" -i wbg54_portal --load-language=de_DE --stop-after-init --log-level=warn
fi

cat <<MSG

  WBG 54 Serviceportal demo: http://localhost:${HTTP_PORT:-8069}  (database $DB)
    Staff (backend "Genossenschaft"):  staff@wbg54.example / staff2024
    Administrator:                     admin / admin
    Tenants (portal /my):
$(psql -d "$DB" -tAc "SELECT '      ' || u.login || ' / Wohnen2024   (' || p.name || ')'
                         FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                         JOIN ir_model_data d ON d.model = 'res.users' AND d.res_id = u.id
                        WHERE d.module = 'wbg54_portal' AND d.name LIKE 'user_wbg54_tenant_%'
                        ORDER BY d.name")

MSG
exec "${ODOO[@]}" -d "$DB" --db-filter="^${DB}\$"
