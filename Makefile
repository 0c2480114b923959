# Samen Genk. `make demo` runs the portal with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samengenk
export DATABASE_URL

# Python 3.13 or 3.12: pyenv (via .python-version), then python3.13, python3.12, python3.
PYTHON ?= $(shell for c in "$$(pyenv which python 2>/dev/null)" python3.13 python3.12 python3; do \
	[ -n "$$c" ] && command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] in ((3,13),(3,12)) else 1)' 2>/dev/null && { command -v "$$c"; break; }; done)

.PHONY: help python venv install messages demo demo-data test lint check-migrations browser-deps bench clean

help:
	@echo "make demo    - install, load Genk demo data (SQLite) and serve on http://127.0.0.1:8000"
	@echo "make test    - lint, migrations check and the whole test suite on PostgreSQL"
	@echo "make bench   - seed city-scale data on PostgreSQL and measure the main pages"
	@echo "make messages - extract and compile translations"

python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "ERROR: Samen Genk needs Python 3.13 (or 3.12). Install it (e.g. 'pyenv install 3.13.0') and try again." >&2; \
		exit 1; fi

$(BIN)/activate: | python
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/activate

$(VENV)/.installed: pyproject.toml constraints.txt | venv
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

messages: install
	$(PY) manage.py makemessages --locale en --locale fr --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

demo-data: install
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py migrate --verbosity 0
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py load_demo

demo: demo-data
	@echo "Emails are written to var/mail/. Stop the server with Ctrl-C."
	env -u DATABASE_URL -u REDIS_URL $(PY) manage.py runserver 127.0.0.1:8000

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates genk neighbourhoods initiatives participation volunteers worldcitizenship --lint

test: install lint check-migrations
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
