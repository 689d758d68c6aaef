# A fresh machine has only Python: every target makes its own virtual environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench fuzz schema messages dist mutation mutation-sample clean

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
	$(BIN)/ruff check src tests benchmarks fuzz tools
	$(BIN)/ruff format --check src tests benchmarks fuzz tools
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)  ## every test, on every core
	$(BIN)/pytest -q -n auto

# Not part of `test`: timing belongs here, not in tests. About five minutes on 2 cores.
bench: $(STAMP)  ## start-up against check-jsonschema, 10,000 plans cold and warm, rule families, report
	$(BIN)/python benchmarks/bench_validate.py $(BENCH_ARGS)

messages: $(STAMP)  ## extract, update and compile the message catalogues (Babel)
	$(BIN)/python tools/messages.py

schema: $(STAMP)  ## regenerate data/schemas/plan.schema.json and report.schema.json
	$(BIN)/p135 schema

# The wheel and source archive a release ships (p135 is not on the package index: install the
# wheel, or the repository at a commit). twine checks what an index would show of them.
dist: $(STAMP)  ## build dist/p135cli-VERSION-py3-none-any.whl and the sdist, and twine-check them
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .p135_cache mutants dist build

fuzz: $(STAMP)  ## generated and mutated plans through validate, and through every view
	$(BIN)/python fuzz/fuzz_validate.py --examples $(or $(FUZZ_EXAMPLES),20000)
	$(BIN)/python fuzz/fuzz_views.py --examples $(or $(FUZZ_VIEW_EXAMPLES),1000)

# Not part of `test` or CI: 3,500 mutants take hours on 2 cores. Results stay in mutants/, so a
# second run only retests what changed; `mutmut show NAME` prints one mutant's diff.
# `make mutation-sample` tests a seeded random sample (MUTATION_SAMPLE, 1200 by default) and
# gives the score with its margin (300 take about 45 minutes on 2 cores): the first run
# generates the mutants and collects which tests reach each (with the first mutant of each
# function in numbers.py).
# mutmut links a test to the functions it reaches when it first meets the test's name: a test
# changed in place keeps its old links and is not run against mutants it now reaches. After
# changing tests, `rm mutants/mutmut-stats.json` and the next run collects the links anew.
mutation: $(STAMP)  ## mutation testing of rules/, numbers, loading, types, engine, diff, against, model, cache (mutmut, 2 workers)
	PYTHONPATH=src $(BIN)/mutmut run --max-children 2  # mutants/src, not the installed p135
	$(BIN)/mutmut export-cicd-stats
	@$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
	done = s['killed'] + s['survived'] + s['timeout'] + s['suspicious']; \
	print('mutants', s['total'], 'killed', s['killed'], 'survived', s['survived'], \
	'timeout', s['timeout'], 'no tests', s['no_tests'], \
	'score %.1f %%' % (100 * (s['killed'] + s['timeout']) / max(done, 1)))"
	@$(BIN)/mutmut results

mutation-sample: $(STAMP)  ## mutation testing of a random sample of the mutants, with the score's margin
	PYTHONPATH=src $(BIN)/mutmut run --max-children 2 "p135cli.numbers.*__mutmut_1"
	PYTHONPATH=src $(BIN)/mutmut run --max-children 2 \
	  $$($(BIN)/python tools/mutation_sample.py names $(or $(MUTATION_SAMPLE),1200))
	@$(BIN)/python tools/mutation_sample.py score $(or $(MUTATION_SAMPLE),1200)
