# Two commands on a fresh machine: `make run` (the practice app, offline) and `make test` (everything CI runs).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-load clean browser train

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

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app

test: lint browser
	$(BIN)/pytest

# Rebuild the move reader's weights (app/tag/weights/moves.npz) from corpus/moves, reproducibly.
train: $(STAMP)
	$(BIN)/python -m app.tag.training

bench: $(STAMP)
	$(BIN)/python bench/tagger_f1.py
	$(BIN)/python bench/gates.py
	$(BIN)/python bench/turn_cost.py
	$(BIN)/python bench/grade_speed.py
	$(BIN)/python bench/llm_overhead.py

bench-load: $(STAMP)
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV)
