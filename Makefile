# TensorTown: `make run` opens the explorer, `make test` runs every test.
# Both set up .venv/ first (again whenever pyproject.toml changes).

# The interpreter .venv/ is made from: the system's python3 when it is 3.11 or newer and
# can make a venv, else python3 on the PATH; `make PYTHON=python3.12 run` chooses. Linux
# distributions build their python3 with profile-guided and link-time optimisation, and
# as one executable; pyenv and a plain source build do neither unless asked, and on one
# TensorTown started a quarter slower (README, Performance). An existing .venv/ is kept:
# `make clean` first to change it.
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
	>/dev/null 2>&1 && echo $(SYSTEM_PYTHON) || echo python3)
endif
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
