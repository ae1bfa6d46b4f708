# Two entry points for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 50051

.PHONY: serve test install install-dev proto lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml client/pyproject.toml
	$(BIN)/python -m pip install -q -e ./client -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ./client -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Install, build the embedded gazetteer index on first start, and serve on $(HOST):$(PORT).
serve: install
	$(BIN)/toponym serve --host $(HOST) --port $(PORT)

## Install with the development tools and run every check CI runs.
test: install-dev
	$(BIN)/python proto/generate.py --check
	$(BIN)/ruff check .
	$(BIN)/mypy server client/src
	$(BIN)/pytest -q

proto: install-dev
	$(BIN)/python proto/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
