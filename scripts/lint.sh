#!/usr/bin/env bash
# `make lint`: OCA's pre-commit hooks (.pre-commit-config.yaml) on all files.
#   .run/lint-venv   pre-commit (requirements/lint.txt)
#   .run/pre-commit  the hooks' environments, from PyPI and npm
# Both are installed once and again only when their pins change (stamps);
# after that no hook needs the network. Exits non-zero on any finding; like
# OCA's CI, the fixing hooks (ruff --fix, ruff-format, prettier, whitespace)
# leave their fixes in the work tree to review and commit.
# Arguments go to `pre-commit run`, e.g. `make lint LINT_ARGS=ruff` runs one hook;
# `scripts/lint.sh --install-only` only installs; `--readme` (make readme) only
# regenerates the addon's README.rst from its readme/ fragments.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUN="$ROOT/.run"
VENV="$RUN/lint-venv"
export PRE_COMMIT_HOME="$RUN/pre-commit"
mkdir -p "$RUN"

say() { printf '\033[1m[lint]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[lint] %s\033[0m\n' "$*" >&2; exit 1; }
stamp_of() { cat "$@" 2>/dev/null | sha1sum | cut -c1-40; }

git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
    || die "pre-commit needs a git work tree: run make lint in a clone."

# --- Node.js for prettier and eslint (the system's; Debian: nodejs npm) -----------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing Node.js and npm from the system's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    else
        die "prettier and eslint need Node.js and npm: apt install nodejs npm"
    fi
fi

# --- pre-commit in its own virtualenv --------------------------------------------
want=$(stamp_of requirements/lint.txt)
if [ ! -x "$VENV/bin/pre-commit" ] || [ "$(cat "$VENV/.wbg54-stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing pre-commit into .run/lint-venv"
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "Could not create .run/lint-venv: apt install python3-venv"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements/lint.txt
    echo "$want" > "$VENV/.wbg54-stamp"
fi

# --- the hooks' environments -------------------------------------------------------
want=$(stamp_of .pre-commit-config.yaml requirements/lint.txt)
if [ "$(cat "$PRE_COMMIT_HOME/.wbg54-stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing the hooks' environments into .run/pre-commit (PyPI, npm)"
    "$VENV/bin/pre-commit" install-hooks
    echo "$want" > "$PRE_COMMIT_HOME/.wbg54-stamp"
fi
[ "${1:-}" = "--install-only" ] && exit 0

if [ "${1:-}" = "--readme" ]; then
    # `make readme`: the readme hook alone; a regenerated README.rst is success
    out=$("$VENV/bin/pre-commit" run oca-gen-addon-readme --all-files --color=never 2>&1) && rc=0 || rc=$?
    printf '%s\n' "$out"
    if [ "$rc" != 0 ] && ! grep -q "files were modified by this hook" <<<"$out"; then
        exit "$rc"
    fi
    git status --short -- '*/README.rst' '*/static/description/index.html'
    exit 0
fi

exec "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure "$@"
