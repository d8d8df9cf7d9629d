# Two commands on a fresh machine: `make run` (the practice app, offline) and `make test` (everything CI runs).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-load bench-cluster clean browser balancer cluster cluster-down train train-answers

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rapport serve

# The browser tests use Debian's Chromium (never a browser download); CI runs as root with apt.
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# Several servers behind nginx (docs/deploy.md): Debian's nginx, and supervisord to run them locally.
balancer:
	test -x /usr/sbin/nginx && command -v supervisord >/dev/null || \
		(apt-get update && apt-get install -y nginx supervisor)

# N local servers (SERVERS=2) on PostgreSQL (DATABASE_URL, else postgresql://127.0.0.1:5432/rapport) behind nginx.
SERVERS ?= 2
cluster: $(STAMP) balancer
	$(BIN)/rapport cluster up --servers $(SERVERS)

cluster-down: $(STAMP)
	$(BIN)/rapport cluster down

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	$(BIN)/lint-imports

# Two workers, one per core of the 2-core machine CI runs on, each taking whole modules (--dist loadscope): a
# module's servers and databases are then set up by one worker, not by both. pytest about 7 min on an idle machine
# (10 min with the tests of a module spread over both workers; 2026-12-06).
test: lint browser balancer
	$(BIN)/pytest -n 2 --dist loadscope

# Rebuild every trained file reproducibly, each from its own data: the move reader (moves.npz, from corpus/moves),
# the out-of-frame model (frame.npz, the corpus and the dev attacks) and the answer-kind reader
# (answer_kinds.npz, the answer dev sets; it reads turns with the move reader, so it comes last).
train: $(STAMP)
	$(BIN)/python -m app.tag.training
	$(BIN)/python -m app.tag.frame_training
	$(BIN)/python -m app.tag.answer_training

# The answer-kind reader alone (seconds), after its dev sets changed.
train-answers: $(STAMP)
	$(BIN)/python -m app.tag.answer_training

bench: $(STAMP)
	$(BIN)/python bench/tagger_f1.py
	$(BIN)/python bench/agreement.py
	$(BIN)/python bench/gates.py
	$(BIN)/python bench/asking.py
	$(BIN)/python bench/turn_cost.py
	$(BIN)/python bench/grade_speed.py
	$(BIN)/python bench/llm_overhead.py

bench-load: $(STAMP)
	$(BIN)/python bench/load.py

# Rolling restart under 100 learners, and 2 servers behind nginx against 1 alone (docs/deploy.md).
bench-cluster: $(STAMP) balancer
	$(BIN)/python bench/cluster.py

clean:
	rm -rf $(VENV)
