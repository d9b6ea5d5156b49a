# Palaute. `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run demo serve test lint audit format messages bench clean

$(BIN)/palaute: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/palaute

run: install
	$(BIN)/palaute migrate --noinput
	$(BIN)/palaute collectstatic --noinput --verbosity 0
	PALAUTE_DEMO=1 $(BIN)/palaute demo
	PALAUTE_DEMO=1 $(BIN)/palaute serve --port $(PORT)

lint: install
	$(BIN)/ruff check .
	env -u DATABASE_URL $(BIN)/palaute makemigrations --check --dry-run

# The suite on SQLite, then again on PostgreSQL when DATABASE_URL points to one.
test: lint
	env -u DATABASE_URL $(BIN)/pytest -n 2 $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on $${DATABASE_URL%%://*} =="; \
		$(BIN)/pytest -n 2 $(PYTEST_ARGS); \
	fi

# Known vulnerabilities of the installed dependencies (not the project itself), from PyPI's
# vulnerability data. Where PyPI's JSON API cannot be reached nothing can be audited: that
# is said loudly instead of a false "no known vulnerabilities".
PYPI_PROBE := import importlib.metadata as m, urllib.request as u; \
	u.urlopen("https://pypi.org/pypi/pip/" + m.version("pip") + "/json", timeout=20)
audit: install
	@if $(BIN)/python -c '$(PYPI_PROBE)' >/dev/null 2>&1; then \
		$(BIN)/pip-audit --skip-editable --strict --progress-spinner off; \
	else \
		echo "pip-audit: PyPI's vulnerability API cannot be reached: dependencies NOT audited."; \
	fi

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format palaute tests bench

# Extract translatable strings, then compile (needs GNU gettext).
messages: install
	$(BIN)/palaute makemessages -l fi -l sv -l en --no-obsolete --add-location file \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=build
	$(BIN)/palaute compilemessages --ignore=.venv

bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.privacy
	$(BIN)/python -m bench.reports $(BENCH_REPORTS_ARGS)
	$(BIN)/python -m bench.http $(BENCH_HTTP_ARGS)

clean:
	rm -rf $(VENV) var .ruff_cache
