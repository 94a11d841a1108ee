# TensorTown: `make run` opens the explorer, `make test` runs every test.
# Both set up .venv/ first (again whenever pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export TF_CPP_MIN_LOG_LEVEL ?= 2
export TF_ENABLE_ONEDNN_OPTS ?= 0

.PHONY: run test check lint typecheck bench clean setup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp is older than pyproject.toml when the dependencies changed: reinstall.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/tensortown

test: setup
	$(BIN)/ruff check tensortown tui tests bench
	$(BIN)/ruff format --check tensortown tui tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

check: test

lint: setup
	$(BIN)/ruff check --fix tensortown tui tests bench
	$(BIN)/ruff format tensortown tui tests bench

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis bench/results
