# A fresh machine has only Python: every target makes its own virtual environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench fuzz schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## validate every plan and report, then print the Quảng Ninh roadmap
	$(BIN)/p135 validate data/plans/ data/reports/
	$(BIN)/p135 timeline data/plans/quang-ninh-2017-2020.yaml

test: lint typecheck pytest  ## ruff, mypy and pytest: what CI runs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)  ## cold-start time of p135 validate against check-jsonschema
	$(BIN)/python benchmarks/bench_validate.py

schema: $(STAMP)  ## regenerate data/schemas/plan.schema.json
	$(BIN)/p135 schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

fuzz: $(STAMP)  ## generated and mutated plans through validate, and through every view
	$(BIN)/python fuzz/fuzz_validate.py --examples $(or $(FUZZ_EXAMPLES),20000)
	$(BIN)/python fuzz/fuzz_views.py --examples $(or $(FUZZ_VIEW_EXAMPLES),1000)
