# TensorTown: `make run` opens the explorer, `make test` runs every test.
# Both set up .venv/ first (again whenever pyproject.toml changes).

# The interpreter .venv/ is made from. `make PYTHON=python3.12 run` chooses; so does an
# active virtualenv or conda environment, or a pyenv version set for this directory or
# this shell (python3 on the PATH, then). Otherwise the system's python3, when it is
# 3.11-3.13 (what TensorFlow's wheels are built for) and can make a venv: Debian's and
# Ubuntu's are built with profile-guided and link-time optimisation into one executable,
# and TensorTown started a quarter faster on Debian's than on pyenv's default build,
# which has neither (docs/performance.md). An existing .venv/ is kept: `make clean` first.
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
ifneq ($(VIRTUAL_ENV)$(CONDA_PREFIX)$(PYENV_VERSION)$(wildcard .python-version),)
PYTHON := python3
else
PYTHON := $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip; \
	sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
	>/dev/null 2>&1 && echo $(SYSTEM_PYTHON) || echo python3)
endif
endif
VENV := .venv
BIN := $(VENV)/bin
export TF_CPP_MIN_LOG_LEVEL ?= 2
export TF_ENABLE_ONEDNN_OPTS ?= 0

.PHONY: run test check lint layers typecheck bench screenshots clean setup

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
	$(BIN)/lint-imports --no-cache
	@command -v chromium >/dev/null || echo "note: chromium is not installed, so the browser" \
		"tests (tests/browser) are skipped: apt-get install -y chromium"
	$(BIN)/python -m pytest -q

check: test

layers: setup
	$(BIN)/lint-imports --no-cache

lint: setup
	$(BIN)/ruff check --fix tensortown tui tests bench
	$(BIN)/ruff format tensortown tui tests bench

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench

# The README's screenshots, from the real app (docs/*.svg).
screenshots: setup
	$(BIN)/python -m tui.screenshots docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis bench/results
