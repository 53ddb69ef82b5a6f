# The two commands the README promises, plus the benchmarks. Everything installs itself
# into .venv on first use (Python 3.11+, packages from PyPI).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast test-postgres lint bench bench-postgres bench-quick bench-heavy bench-rules bench-records bench-ui bench-api bench-classifier bench-second-stage bench-bounds docs clean model eval

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,postgres]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/chatcredit demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest

# the same without the tests that start several real processes
test-fast: lint
	$(VENV)/bin/pytest -m "not slow"

# The whole suite again on PostgreSQL: a throwaway cluster (Debian's postgresql package)
# in a temporary folder on a free loopback port, removed afterwards.
test-postgres: $(STAMP)
	@dir=$$(mktemp -d /tmp/chatcredit-pg.XXXXXX); port=$$($(PY) -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	trap 'tools/postgres.sh stop '$$dir EXIT; \
	url=$$(tools/postgres.sh start $$dir $$port fast) && echo "PostgreSQL test server: $$url" && \
	CHATCREDIT_TEST_POSTGRES=$$url $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/ingest_bench.py --messages 1000000 --users 100000 --groups 10000

bench-quick: $(STAMP)
	$(PY) bench/ingest_bench.py --messages 100000 --users 10000 --groups 1000 --permit-calls 200000

bench-heavy: $(STAMP)
	$(PY) bench/heavy_bench.py

bench-rules: $(STAMP)
	$(PY) bench/rules_bench.py --messages 1000000 --ingest 200000

# 1M messages on PostgreSQL beside SQLite, one process and two (a throwaway cluster)
bench-postgres: $(STAMP)
	$(PY) bench/store_bench.py --messages 1000000 --users 100000 --groups 10000

# the archive at 5 million messages: write, purge, verify; ingestion with the audit chain on and off
bench-records: $(STAMP)
	$(PY) bench/records_bench.py --archive 5000000 --ingest 200000

bench-ui: $(STAMP)
	$(PY) bench/ui_bench.py --messages 1000000 --users 100000 --groups 10000

# What the classifier costs: ingestion with and without it in one run (bench/README.md).
bench-classifier: $(STAMP)
	$(VENV)/bin/python bench/classifier_bench.py --ingest 100000

# What a second stage of static embeddings (WordLlama) would add, leaving one source out
bench-second-stage: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,embeddings]"
	$(PY) bench/second_stage_bench.py --corpus $(SHARED) --seeds 0 1 2

# Every frame's bound read against the sources' labels, each source left out (bench/README.md)
bench-bounds: $(STAMP)
	$(PY) bench/bounds_audit.py --corpus $(SHARED)

bench-api: $(STAMP)
	$(PY) bench/api_bench.py --seconds 5

docs: $(STAMP)
	$(PY) tools/gen_cli_docs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache chatcredit-demo.db* chatcredit-demo.jsonl

# The shipped classifier, from every labeled source under ../shared/data (their training
# splits; the held-out fifth is never used), calibrated out of source. Reproducible to the
# byte (tests/test_transfer.py builds twice and compares).
SHARED ?= ../shared/data
model: $(STAMP)
	$(VENV)/bin/chatcredit train --corpus $(SHARED) --out src/chatcredit/data/classifier.npz

# The leave-one-source-out table of docs/detection.md, with the word-list packages side by
# side on the same rows in the same run (better-profanity takes most of the ~20 minutes).
eval: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,baselines]"
	mkdir -p build
	$(VENV)/bin/chatcredit eval --corpus $(SHARED) --baselines --markdown build/leave-one-source-out.md
