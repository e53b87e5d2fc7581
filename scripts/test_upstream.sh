#!/usr/bin/env bash
# `make test-upstream`: the test suites of the modules wbg54_portal depends on
# (Odoo's, helpdesk_mgmt's, mail's), run with Odoo's own test runner on a
# database WITH wbg54_portal and its demo data and on one with only its
# dependencies, in English and in German; prints the comparison.
#
# The dependencies' at-install tests run post-install here (see
# scripts/test_upstream_runner.py), so they see the addon's code.
#
#   UPSTREAM_LANGS="en de"      which database pairs (en: English only,
#                               de: German loaded as well)
#   UPSTREAM_MODULES="..."      which test suites (default: all of them)
#   UPSTREAM_DB_PREFIX=...      database names PREFIX_en_with etc. (dropped
#                               at the end unless UPSTREAM_KEEP_DBS=1)
#   UPSTREAM_REUSE_DBS=1        run on databases of these names installed
#                               earlier (with UPSTREAM_KEEP_DBS=1)
#   UPSTREAM_HTTP_PORT=...      port of the test server (default: a free one)
# Logs and results: .run/upstream/. Exit status 1 when a test fails only with
# the addon. Takes about an hour (the mail suite is most of it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env

LANGS=${UPSTREAM_LANGS:-en de}
MODULES=${UPSTREAM_MODULES:-base_setup portal phone_validation auth_signup auth_totp auth_totp_mail \
auth_totp_portal auth_password_policy auth_password_policy_portal auth_password_policy_signup helpdesk_mgmt mail}
PREFIX=${UPSTREAM_DB_PREFIX:-wbg54_upstream_$$}
OUT=.run/upstream
mkdir -p "$OUT"
# the addon's dependencies, from its manifest
DEPS=$(.venv/bin/python -c 'import ast; print(",".join(ast.literal_eval(open("wbg54_portal/__manifest__.py").read())["depends"]))')
TAGS=$(printf '/%s,' $MODULES)
TAGS=${TAGS%,}

# free ports (as scripts/test.sh), so that it runs beside `make run` on 8069:
# the HttpCase tests start Odoo's server on http_port
CONF=$OUT/odoo-$$.conf
read -r HTTP_FREE GEVENT_FREE < <(.venv/bin/python - <<'PY'
import socket
socks = [socket.socket() for _ in range(2)]
for sock in socks:
    sock.bind(("127.0.0.1", 0))
print(*(sock.getsockname()[1] for sock in socks))
PY
)
sed -e "s/^http_port.*/http_port = ${UPSTREAM_HTTP_PORT:-$HTTP_FREE}/" .run/odoo.conf > "$CONF"
echo "gevent_port = $GEVENT_FREE" >> "$CONF"

DBS=()
cleanup() {
    rm -f "$CONF"
    [ "${UPSTREAM_KEEP_DBS:-0}" = 1 ] && return 0
    for db in "${DBS[@]}"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

say() { printf '\033[1m[test-upstream]\033[0m %s\n' "$*" >&2; }

REPORT_ARGS=()
for lang in $LANGS; do
    case $lang in
        en) lang_opts=(); label=English ;;
        de) lang_opts=(--load-language=de_DE); label=German ;;
        *) echo "unknown language $lang (en, de)" >&2; exit 2 ;;
    esac
    for side in with without; do
        db=${PREFIX}_${lang}_${side}
        DBS+=("$db")
        modules=$([ "$side" = with ] && echo wbg54_portal || echo "$DEPS")
        if [ "${UPSTREAM_REUSE_DBS:-0}" = 1 ] && [ "$(psql -d "$db" -tAc \
                "SELECT state FROM ir_module_module WHERE name = 'helpdesk_mgmt'" 2>/dev/null)" = installed ]; then
            say "$label, $side wbg54_portal: reusing $db"
        else
            say "$label, $side wbg54_portal: installing $modules into $db"
            dropdb --if-exists "$db"
            .venv/bin/python -m odoo -c "$CONF" -d "$db" -i "$modules" "${lang_opts[@]}" \
                --stop-after-init --log-level=warn > "$OUT/$lang-$side-install.log" 2>&1 \
                || { tail -n 30 "$OUT/$lang-$side-install.log"; exit 2; }
        fi
        say "$label, $side wbg54_portal: running $TAGS (log: $OUT/$lang-$side.log)"
        start=$(date +%s)
        # a failing test makes Odoo exit 1; the comparison decides
        .venv/bin/python scripts/test_upstream_runner.py "$OUT/$lang-$side.json" -c "$CONF" -d "$db" \
            --test-enable --test-tags "$TAGS" --stop-after-init --log-level=test \
            > "$OUT/$lang-$side.log" 2>&1 || true
        grep -E "tests when loading database" "$OUT/$lang-$side.log" | sed -e 's/^.*odoo.tests.result: /  /' >&2 || true
        say "  $(( $(date +%s) - start )) s"
    done
    REPORT_ARGS+=("$label" "$OUT/$lang-with.json" "$OUT/$lang-without.json")
done

.venv/bin/python scripts/test_upstream_report.py "${REPORT_ARGS[@]}" | tee "$OUT/report.md"
