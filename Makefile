# The two commands of the README:
#   make serve   install what is needed, build the site and serve it with live reload (after the
#                first build, an edit rebuilds only the pages it touches: --dirty)
#   make test    install what is needed and run every test
# Both work on a fresh machine with Python 3.11; `make test` also installs Debian's Chromium
# for the browser tests when it is missing (as root, or with sudo).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000

.PHONY: serve build test install browser clean benchmark

serve: install
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload --dirty

build: install
	$(BIN)/mkdocs build --strict

test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The build benchmark of docs/benchmark.*.md: real content, 1,000 and 10,000 generated cases.
benchmark: install
	$(BIN)/python benchmarks/run.py $(SIZES)

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Playwright cannot download its own browsers here; it drives Debian's chromium instead.
# Then axe-core, which the accessibility tests inject into each page, as package-lock.json pins
# it (npm comes with the browser's packages, so it is installed after them).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || scripts/install-browser.sh
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

clean:
	rm -rf site dist .cache $(VENV)
