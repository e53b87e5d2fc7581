#!/usr/bin/env bash
# Serve the German demo on http://localhost:8069; the database is created once.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env
DB=${DEMO_DB:-wbg54_demo}

# The demo's mail catcher (scripts/mail_catcher.py) on 127.0.0.1: the demo
# sends every mail to it, and it keeps each one as an .eml file in .run/mail/.
# Port 2525 unless taken (then any free one), or $MAIL_PORT.
MAIL_DIR=.run/mail
MAIL_PORT=${MAIL_PORT:-$(.venv/bin/python -c '
import socket
for port in (2525, 0):
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(sock.getsockname()[1])
    break
')}

# The demo's own configuration: no database manager or database list, a
# random master password (Odoo's default is "admin"), kept in .run/ only, and
# the mail catcher as the outgoing mail server.
if [ ! -s .run/master-password ]; then
    (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))' > .run/master-password)
fi
(umask 077; {
    grep -v -e '^list_db' -e '^admin_passwd' -e '^smtp_' .run/odoo.conf
    echo "list_db = False"
    echo "admin_passwd = $(cat .run/master-password)"
    echo "smtp_server = 127.0.0.1"
    echo "smtp_port = $MAIL_PORT"
    echo "smtp_ssl = False"
    echo "smtp_user = False"
    echo "smtp_password = False"
} > .run/demo.conf)
ODOO=(.venv/bin/python -m odoo -c .run/demo.conf)
[ -z "${DEMO_CONFIG_ONLY:-}" ] || exit 0  # tests/test_demo_config.py

# the catcher stops with this script (trap) or at the latest a second after it (--parent-pid)
mkdir -p "$MAIL_DIR"
.venv/bin/python scripts/mail_catcher.py --port "$MAIL_PORT" --dir "$MAIL_DIR" --parent-pid $$ &
CATCHER_PID=$!
trap 'kill "$CATCHER_PID" 2>/dev/null || true' EXIT
for _i in $(seq 50); do
    kill -0 "$CATCHER_PID" 2>/dev/null || { echo "[run] The mail catcher did not start on port $MAIL_PORT." >&2; exit 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_PORT") 2>/dev/null && break
    sleep 0.1
done

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
    E-mails of the demo:               $MAIL_DIR/*.eml  (local mail catcher on 127.0.0.1:$MAIL_PORT;
                                       open them in a mail program and follow their links)
    Tenants (portal /my):
$(psql -d "$DB" -tAc "SELECT '      ' || u.login || ' / Wohnen2024   (' || p.name || ')'
                         FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                         JOIN ir_model_data d ON d.model = 'res.users' AND d.res_id = u.id
                        WHERE d.module = 'wbg54_portal' AND d.name LIKE 'user_wbg54_tenant_%'
                        ORDER BY d.name")

MSG
# not exec: the EXIT trap stops the mail catcher when Odoo ends
"${ODOO[@]}" -d "$DB" --db-filter="^${DB}\$"
