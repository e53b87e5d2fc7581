#!/usr/bin/env bash
# Idempotent set-up for `make run` / `make test`:
#   .venv with Odoo 18.0 (from $ODOO_SRC or a pinned upstream build), the
#   project's pins and the addon's requirements; a reachable PostgreSQL
#   (the one libpq's defaults reach, else a private cluster under .run/);
#   .run/odoo.conf and .run/env for the other scripts; the tests' npm
#   packages (axe-core, requirements/npm/) in .run/npm.
# A second run with nothing changed only checks stamps and takes seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUN="$ROOT/.run"
VENV="$ROOT/.venv"
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
mkdir -p "$RUN"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bootstrap] %s\033[0m\n' "$*" >&2; exit 1; }

# --- Python 3.10 - 3.12 ----------------------------------------------------
pick_python() {
    local cand
    for cand in "${PYTHON:-}" python3.12 python3.11 python3.10 python3; do
        [ -n "$cand" ] || continue
        command -v "$cand" >/dev/null 2>&1 || continue
        if "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
            command -v "$cand"; return 0
        fi
    done
    return 1
}

# --- Odoo source -------------------------------------------------------------
# Prints the directory that holds the `odoo` package (and setup.py when it is a
# source checkout).
odoo_source() {
    if [ -f "$ODOO_SRC/odoo/release.py" ]; then
        grep -q "^version_info = (18, 0," "$ODOO_SRC/odoo/release.py" \
            || die "$ODOO_SRC holds an Odoo that is not 18.0; point ODOO_SRC at an Odoo 18.0 source tree."
        echo "$ODOO_SRC"; return 0
    fi
    local deb_root="$ROOT/.odoo/deb/usr/lib/python3/dist-packages"
    if [ -f "$deb_root/odoo/release.py" ]; then
        echo "$deb_root"; return 0
    fi
    # shellcheck disable=SC1091
    . "$ROOT/odoo.lock"
    say "No Odoo source at $ODOO_SRC; downloading the pinned 18.0 build $ODOO_RELEASE"
    mkdir -p "$ROOT/.odoo"
    local deb="$ROOT/.odoo/odoo_18.0.$ODOO_RELEASE.deb"
    if ! curl -fsSL --retry 2 -o "$deb.part" "$ODOO_DEB_URL"; then
        rm -f "$deb.part"
        die "Could not download $ODOO_DEB_URL (no internet?).
  Put an Odoo 18.0 source tree (with odoo/, addons/, setup.py) at /opt/odoo,
  e.g.  git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo /opt/odoo
  or set ODOO_SRC=/path/to/odoo-18.0 and run the command again."
    fi
    echo "$ODOO_DEB_SHA1  $deb.part" | sha1sum -c --quiet - \
        || { rm -f "$deb.part"; die "Checksum mismatch for $ODOO_DEB_URL; refusing to use it."; }
    mv "$deb.part" "$deb"
    command -v dpkg-deb >/dev/null || die "dpkg-deb is needed to unpack $deb (Debian/Ubuntu package dpkg)."
    dpkg-deb -x "$deb" "$ROOT/.odoo/deb"
    echo "$deb_root"
}

# --- virtualenv ---------------------------------------------------------------
ensure_venv() {
    local py
    py=$(pick_python) || die "Python 3.10, 3.11 or 3.12 is needed (apt install python3 python3-venv), or set PYTHON=/path/to/python3.x."
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating .venv with $py"
        "$py" -m venv "$VENV" || die "Could not create .venv: apt install python3-venv"
    fi
}

stamp_of() { cat "$@" 2>/dev/null | sha1sum | cut -c1-40; }

install_python_deps() {
    local src=$1 stamp want
    want=$(printf '%s\n%s\n' "$src" "$(stamp_of requirements/*.txt scripts/bootstrap.sh)" | sha1sum | cut -c1-40)
    stamp="$VENV/.wbg54-stamp"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    say "Installing Python packages into .venv"
    # setuptools is pinned: its "compat" editable mode is deprecated upstream
    "$VENV/bin/python" -m pip install -q --upgrade pip==25.0.1 setuptools==75.8.0 wheel==0.45.1
    "$VENV/bin/python" -m pip install -q -r requirements/odoo-18.0.txt
    if [ -f "$src/setup.py" ]; then
        # compat mode puts the source on sys.path through a .pth file; the
        # default (strict) mode would turn `odoo` into a namespace package as
        # soon as an OCA wheel drops its files into site-packages/odoo/addons.
        "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation \
            --config-settings editable_mode=compat -e "$src"
    else
        # unpacked Debian build: package and egg-info sit side by side
        "$VENV/bin/python" - "$src" <<'PY'
import pathlib, sys, sysconfig
pathlib.Path(sysconfig.get_paths()["purelib"], "odoo-src.pth").write_text(sys.argv[1] + "\n")
PY
    fi
    "$VENV/bin/python" -m pip install -q -r requirements/addon.txt
    # the API fuzz's Schemathesis (tests/test_api_fuzz.py, make fuzz)
    "$VENV/bin/python" -m pip install -q -r requirements/addon.txt -r requirements/test.txt
    "$VENV/bin/python" -m pip install -q --no-deps -r requirements/oca.txt
    "$VENV/bin/python" -c 'import odoo, odoo.release as r; assert odoo.__file__, "odoo is a namespace package"; assert r.version_info[:2] == (18, 0)' \
        || die "The installed odoo package is broken (see above)."
    echo "$want" > "$stamp"
}

# --- PostgreSQL -----------------------------------------------------------------
pg_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr) /usr/local/pgsql/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

ensure_postgres() {
    # 1. whatever PG* variables / libpq defaults reach
    if "$VENV/bin/python" - <<'PY' 2>/dev/null
import psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=3).close()
PY
    then
        : > "$RUN/env"
        return 0
    fi
    # 2. a private cluster under .run/pg on a unix socket
    local bindir data="$RUN/pg/data" sock="$RUN/pg"
    bindir=$(pg_bindir) || die "No PostgreSQL server answers and none is installed: apt install postgresql (or set PGHOST/PGPORT/PGUSER to reach one)."
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in .run/pg"
        mkdir -p "$data"
        if [ "$(id -u)" = 0 ]; then
            die "No PostgreSQL server answers. As root, start the system's server (pg_ctlcluster <version> main start) or run as a normal user so that a private cluster can be created."
        fi
        "$bindir/initdb" -D "$data" -U "$(id -un)" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        "$bindir/pg_ctl" -D "$data" -l "$RUN/pg/server.log" -w \
            -o "-k $sock -c listen_addresses=''" start >/dev/null
    fi
    printf 'export PGHOST=%q\n' "$sock" > "$RUN/env"
}

# --- npm packages of the tests ------------------------------------------------
# axe-core for tests/test_accessibility.py, as pinned (with its checksum) in
# requirements/npm/package-lock.json; installed once into .run/npm, again only
# when the pins change, so the tests need no network.
install_npm_deps() {
    local dir="$RUN/npm" want
    want=$(stamp_of requirements/npm/package.json requirements/npm/package-lock.json)
    if [ -f "$dir/node_modules/axe-core/axe.min.js" ] \
        && [ "$(cat "$dir/.wbg54-stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            say "Installing Node.js and npm from the system's packages (axe-core for the tests)"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
        else
            say "npm is missing, so the accessibility test cannot run: apt install nodejs npm"
            return 0
        fi
    fi
    say "Installing axe-core into .run/npm"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp requirements/npm/package.json requirements/npm/package-lock.json "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null) \
        || die "npm could not install requirements/npm/ (no connection to the npm registry?)"
    echo "$want" > "$dir/.wbg54-stamp"
}

write_odoo_conf() {
    local src=$1 addons
    addons="$ROOT"
    [ -d "$src/addons" ] && addons="$addons,$src/addons"
    # shellcheck disable=SC1091
    . "$RUN/env"
    cat > "$RUN/odoo.conf" <<EOF
[options]
addons_path = $addons
data_dir = $RUN/data
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-False}
db_password = ${PGPASSWORD:-False}
list_db = True
http_interface = ${HTTP_INTERFACE:-127.0.0.1}
http_port = ${HTTP_PORT:-8069}
EOF
}

main() {
    ensure_venv
    local src
    src=$(odoo_source)
    install_python_deps "$src"
    ensure_postgres
    write_odoo_conf "$src"
    install_npm_deps
}

main "$@"
