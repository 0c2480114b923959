# Samen Genk. `make demo` runs the portal with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samengenk
export DATABASE_URL
TEMPLATE_DIRS := templates genk neighbourhoods initiatives participation volunteers worldcitizenship

# Python 3.13 or 3.12: pyenv (via .python-version), then python3.13, python3.12, python3.
PYTHON ?= $(shell for c in "$$(pyenv which python 2>/dev/null)" python3.13 python3.12 python3; do \
	[ -n "$$c" ] && command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] in ((3,13),(3,12)) else 1)' 2>/dev/null && { command -v "$$c"; break; }; done)

.PHONY: help python venv install messages demo demo-data test test-fast lint fmt check-migrations bench burst loadtest clean

help: ## this list
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

python: ## check that Python 3.13 (or 3.12) is there
	@if [ -z "$(PYTHON)" ]; then \
		echo "ERROR: Samen Genk needs Python 3.13 (or 3.12). Install it (e.g. 'pyenv install 3.13.0') and try again." >&2; \
		exit 1; fi

$(BIN)/activate: | python
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/activate ## create the virtual environment .venv

$(VENV)/.installed: pyproject.toml constraints.txt | venv
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## create .venv, install the pinned dependencies, compile translations
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

messages: install ## extract the strings (en, fr catalogues) and compile them
	$(PY) manage.py makemessages --locale en --locale fr --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

demo-data: install ## migrate the SQLite demo database and load the Genk demo data
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py migrate --verbosity 0
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py load_demo

demo: demo-data ## install, load Genk demo data (SQLite) and serve on http://127.0.0.1:8000
	@echo "Emails are written to var/mail/. Stop the server with Ctrl-C."
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py runserver 127.0.0.1:8000

check-migrations: install ## fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

lint: install ## ruff (lint, format check) and djlint on the templates
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint $(TEMPLATE_DIRS) --lint

test: install lint check-migrations ## lint, migrations check, the whole suite on PostgreSQL (fast tests first), coverage
	$(PY) -m pytest --cov --cov-report=json:var/coverage.json $(PYTEST_ARGS)

test-fast: install ## the suite without the browser tests, no lint (quick feedback while you work)
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

fmt: install ## format the code (ruff: fixes and format) and the templates (djlint)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint $(TEMPLATE_DIRS) --reformat --quiet || true

bench: install ## seed city-scale data on PostgreSQL and measure the main pages (bench/README.md)
	$(PY) bench/run.py

burst: install ## fire concurrent supports and ballot confirmations at gunicorn; none may be lost or doubled (bench/README.md)
	$(PY) bench/burst.py $(BURST_ARGS)

loadtest: install ## 50 then 200 simulated users (locust) on gunicorn at city scale: req/s, p50/p95/p99, errors, memory (bench/README.md)
	$(PY) bench/loadtest.py $(LOADTEST_ARGS)

clean: ## remove .venv and var/ (the demo database, mail, uploads)
	rm -rf $(VENV) var
