# The two commands: `make run` sets everything up and serves the site on
# 127.0.0.1:8000; `make test` runs the whole suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address readers reach the server at: every absolute link it builds
# (canonical and OpenGraph links, e-mails, feeds, the newsletter) names it,
# so `make run PORT=8017` links to port 8017 throughout.
SITE_URL ?= http://$(HOST):$(PORT)

NODE_INSTALLED := node_modules/.installed

.PHONY: install run test test-browser browser-tools lint format bench clean

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

install: $(INSTALLED)

# axe-core, the Nu HTML checker and Lighthouse, pinned in package-lock.json.
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_INSTALLED); \
	else \
		echo "npm not found: accessibility and HTML checks will be skipped"; \
	fi

# Debian's Chromium and a Java runtime for the browser tests, and wrk (the
# load generator of make bench), installed with apt-get when missing and
# this runs as root (as CI does).
browser-tools: $(NODE_INSTALLED)
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 \
			|| ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Chromium, Java and wrk for the browser tests and benchmarks"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends chromium default-jre-headless wrk >/dev/null; \
		else \
			echo "Chromium or Java is missing and cannot be installed here:"; \
			echo "the browser and HTML tests will say so and be skipped."; \
		fi; \
	fi

# One background-job worker (Huey's run_huey: sends, scheduled sends, image
# renditions, confirmation e-mails) runs beside the development server and
# stops with it; its output shares the terminal.
run: export SITE_URL := $(SITE_URL)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@$(BIN)/python manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install browser-tools
	$(BIN)/python -m pytest

# The browser tests alone (Playwright driving Chromium).
test-browser: install browser-tools
	$(BIN)/python -m pytest tests/e2e

# Benchmarks: every script under bench/ (Lighthouse, importer accuracy and speed,
# throughput against a minimal view, 1k against 100k stories, what each speed
# shortcut saves of a cold render, an issue sent to 20k readers through a local
# SMTP server beside its own speed).
bench: install browser-tools
	@for script in bench/*.py; do \
		echo "== $$script"; $(BIN)/python $$script || status=1; \
	done; exit $${status:-0}

# mypy checks the paths listed under [tool.mypy] in pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache test-results
