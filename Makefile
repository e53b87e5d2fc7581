# wbg54_portal: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
DEMO_DB ?= wbg54_demo

.PHONY: bootstrap run test clean

bootstrap:
	@bash scripts/bootstrap.sh

run: bootstrap
	@DEMO_DB=$(DEMO_DB) bash scripts/run.sh

test: bootstrap
	@bash scripts/test.sh $(PYTEST_ARGS)

clean:
	rm -rf .venv .run/odoo.conf .run/env .run/data .pytest_cache
