#!/usr/bin/env bash
# Benchmarks at cooperative scale (bench/run.py): a fresh database grown to
# SCALE (1 = about 1,000 households), results in bench/results/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck disable=SC1091
. .run/env
exec .venv/bin/python bench/run.py --scale "${SCALE:-10}" "$@"
