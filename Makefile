# wbg54_portal: `make run` serves the demo, `make test` runs every test,
# `make bench` measures at cooperative scale.
SHELL := /bin/bash
DEMO_DB ?= wbg54_demo

SCALE ?= 10

.PHONY: bootstrap run test test-upstream fuzz bench lint readme screenshots clean

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	@DEMO_DB=$(DEMO_DB) bash scripts/run.sh

test: bootstrap
	@bash scripts/test.sh $(PYTEST_ARGS)

# the app API fuzzed from its OpenAPI description (tests/test_api_fuzz.py) with
# more examples than `make test` and a seed: FUZZ_EXAMPLES=100 FUZZ_SEED=54;
# Schemathesis' log and JUnit report in .run/fuzz/
FUZZ_EXAMPLES ?= 100
FUZZ_SEED ?= 54
fuzz: bootstrap
	@WBG54_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) WBG54_FUZZ_SEED=$(FUZZ_SEED) \
		WBG54_FUZZ_REPORT_DIR=$(CURDIR)/.run/fuzz TEST_PATHS=tests/test_api_fuzz.py \
		bash scripts/test.sh -s $(PYTEST_ARGS)

# the test suites of Odoo, helpdesk_mgmt and mail with and without the addon
# (about an hour; UPSTREAM_LANGS=en for English only)
test-upstream: bootstrap
	@bash scripts/test_upstream.sh

# every tenant page at 360 px as a PNG in .run/screenshots/ (the demo database on
# a free port; SCREENSHOT_URL=http://localhost:8069 uses a running server,
# SCREENSHOT_ARGS="--axe" also lists axe-core's findings)
screenshots: bootstrap
	@. .run/env && DEMO_DB=$(DEMO_DB) .venv/bin/python scripts/screenshots.py \
		$(if $(SCREENSHOT_URL),--url $(SCREENSHOT_URL)) $(SCREENSHOT_ARGS)

bench: bootstrap
	@SCALE=$(SCALE) bash scripts/bench.sh $(BENCH_ARGS)

# OCA's pre-commit hooks on all files (.pre-commit-config.yaml); non-zero on a finding
lint:
	@bash scripts/lint.sh $(LINT_ARGS)

# wbg54_portal/README.rst from wbg54_portal/readme/*.md with OCA's oca-gen-addon-readme
readme:
	@bash scripts/lint.sh --readme

clean:
	rm -rf .venv .run/odoo.conf .run/env .run/data .run/lint-venv .run/pre-commit .run/npm .run/screenshots .pytest_cache
