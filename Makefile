# fonds: `make demo` runs the archive, `make test` runs every test. Both start from a fresh clone.
PYTHON ?= $(shell scripts/venv-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
DEMO_DIR ?= demo-data

.PHONY: demo test lint test-sqlite test-postgres bench install clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(DEMO_DIR)
	cd $(DEMO_DIR) && ../$(BIN)/fonds ingest ../examples
	@echo "serving the archive at http://127.0.0.1:8000 (Ctrl-C to stop)"
	cd $(DEMO_DIR) && ../$(BIN)/fonds serve --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test-sqlite: $(STAMP)
	$(BIN)/pytest -q -p no:django -W "ignore::pytest.PytestConfigWarning" tests/core
	$(BIN)/pytest -q -n 2 tests --ignore=tests/core

# The Django and end-to-end tests again, on a real PostgreSQL server.
test-postgres: $(STAMP)
	FONDS_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 -m "not browser" tests/authorities tests/archive tests/search tests/site tests/e2e
	FONDS_DATABASE_URL=$(PG_URL) FONDS_SEARCH_BACKEND=postgres $(BIN)/pytest -q -n 2 tests/search tests/site

test: $(STAMP)
	scripts/ensure-services
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DIR)
