# The two commands the README promises, plus the benchmarks. Everything installs itself
# into .venv on first use (Python 3.11+, packages from PyPI).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-quick bench-api docs clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/chatcredit demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/ingest_bench.py --messages 1000000 --users 100000 --groups 10000

bench-quick: $(STAMP)
	$(PY) bench/ingest_bench.py --messages 100000 --users 10000 --groups 1000 --permit-calls 200000

bench-api: $(STAMP)
	$(PY) bench/api_bench.py --seconds 5

docs: $(STAMP)
	$(PY) tools/gen_cli_docs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache chatcredit-demo.db* chatcredit-demo.jsonl
