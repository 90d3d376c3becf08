# The two commands of the README's contract:
#   make run   set everything up (virtualenv, pinned requirements, front end, migrations, demo
#              content, search index) and serve the demo site on http://127.0.0.1:$(PORT)
#   make test  install test tools, then ruff, makemigrations --check and the pytest suite on
#              SQLite and on a throw-away PostgreSQL cluster
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
NPM ?= npm

# `make run` serves with production settings (DEBUG off, whitenoise, gunicorn) on plain HTTP
# on this machine only; DJANGO_INSECURE_HTTP=1 lifts the HTTPS-only cookies and redirects, and
# DJANGO_SERVE_MEDIA=1 serves image renditions (/media/images/), the only uploads with a URL.
RUN_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$$(cat var/secret_key)" \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_INSECURE_HTTP=1 DJANGO_SERVE_MEDIA=1 \
	SITE_URL=http://127.0.0.1:$(PORT)
TEST_ENV = DJANGO_SETTINGS_MODULE=config.settings.test

.PHONY: help run test install install-test assets setup serve lint check-migrations pytest \
	pytest-postgres chromium java redis-server clean

help:
	@echo "make run   - set up and serve the demo site on http://127.0.0.1:$(PORT)"
	@echo "make test  - run ruff, makemigrations --check and the tests (SQLite and PostgreSQL)"

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed: apt-get install python3 python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.test-installed

node_modules/.installed: package.json package-lock.json
	@command -v $(NPM) >/dev/null || { echo "Node.js 20 and npm are needed: apt-get install nodejs npm"; exit 1; }
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@

# The compiled front end goes to static/ (ignored by git).
assets: node_modules/.installed
	mkdir -p static/css static/js static/govuk static/images
	node_modules/.bin/sass --quiet-deps --load-path=node_modules --style=compressed --no-source-map \
		static_src/scss/main.scss static/css/main.css
	node_modules/.bin/sass --style=compressed --no-source-map \
		static_src/scss/admin.scss static/css/admin.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/govuk/
	@# GOV.UK Frontend's footer CSS refers to the crest; we never show it (no GOV.UK branding),
	@# but the file must exist for the hashed static manifest to build.
	mkdir -p static/govuk/assets/images
	cp node_modules/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg static/govuk/assets/images/
	cp static_src/js/*.js static/js/
	cp static_src/favicon.svg static/images/favicon.svg

var/secret_key: | $(VENV)/.installed
	mkdir -p var
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > $@

# Everything `make run` does before serving; safe to repeat, keeps existing data.
setup: install assets var/secret_key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py update_index --remove --verbosity 0
	$(RUN_ENV) $(PY) manage.py demo_editor

serve:
	@echo "Serving on http://127.0.0.1:$(PORT) (admin at /admin/). Press Ctrl+C to stop."
	$(RUN_ENV) $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(VENV)/bin/gunicorn -c site/gunicorn.conf.py --bind 127.0.0.1:$(PORT) config.wsgi

run: setup serve

chromium:
	@if ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Browser tests need Debian's chromium. Install it with: sudo apt-get install chromium"; \
			exit 1; \
		fi; \
	fi

# The Nu HTML Checker (npm's vnu-jar) runs on Java.
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
		else \
			echo "The HTML validity tests need Java. Install it with: sudo apt-get install default-jre-headless"; \
			exit 1; \
		fi; \
	fi

# The cache tests start their own throw-away redis-server (tests/redis_server.py).
redis-server:
	@if ! command -v redis-server >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; \
		else \
			echo "The cache tests need Debian's redis-server. Install it with: sudo apt-get install redis-server"; \
			exit 1; \
		fi; \
	fi

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

pytest: install-test assets chromium java redis-server
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

# Tests marked slow (the generated-council click-depth check, axe-core on every demo page, browser
# layout on the demo, the demo media crawl) do not depend on the database engine, so they run
# once, on SQLite.
PYTEST_PG_ARGS ?= -m "not slow"
pytest-postgres: install-test assets chromium java redis-server
	tests/with_postgres.sh env $(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_PG_ARGS) $(PYTEST_ARGS)

test: lint check-migrations pytest pytest-postgres

clean:
	rm -rf static/css static/js static/govuk static/images node_modules/.installed
