# wbg54_portal: `make run` serves the demo, `make test` runs every test,
# `make bench` measures at cooperative scale.
SHELL := /bin/bash
DEMO_DB ?= wbg54_demo

SCALE ?= 10

.PHONY: bootstrap run test bench clean

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	@DEMO_DB=$(DEMO_DB) bash scripts/run.sh

test: bootstrap
	@bash scripts/test.sh $(PYTEST_ARGS)

bench: bootstrap
	@SCALE=$(SCALE) bash scripts/bench.sh $(BENCH_ARGS)

clean:
	rm -rf .venv .run/odoo.conf .run/env .run/data .pytest_cache
