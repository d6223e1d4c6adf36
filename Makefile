# `make run` and `make test` set everything up themselves on a fresh Debian
# machine (as root): Debian packages, the venv with pinned packages, the
# compiled translations, and (for tests) a running PostgreSQL.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
QM     := resources/i18n/xiaoan_zh_CN.qm

.PHONY: run test bench system lint translations screenshots clean

system:
	@PYTHON=$(PYTHON) scripts/setup-system.sh

$(STAMP): pyproject.toml requirements.lock
	@PYTHON=$(PYTHON) scripts/setup-system.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

$(QM): resources/i18n/xiaoan_zh_CN.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: system $(STAMP) $(QM)
	$(BIN)/xiaoan $(ARGS)

test: system $(STAMP) $(QM)
	@scripts/ensure-postgres.sh
	XIAOAN_REQUIRE_POSTGRES=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: system $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check app ui db tests bench
	$(BIN)/ruff format --check app ui db tests bench

screenshots: system $(STAMP) $(QM)
	$(BIN)/python scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) $(QM) .pytest_cache
