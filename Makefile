# One-command set-up: every target bootstraps .venv from the pinned lock first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REGIONS := $(basename $(notdir $(wildcard config/regions/*.yml)))

.DEFAULT_GOAL := help
.PHONY: help install reproduce test lab bench bench-quick bench-scale clean lint lock reconstruct verify-raw

help: ## Show this help
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv with python3 and install the pinned environment (idempotent)

$(STAMP): requirements-lock.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

reproduce: $(STAMP) ## Rebuild every processed table, figure, report and findings.json from data/raw
	@for r in $(REGIONS); do \
	  echo "== region $$r"; \
	  $(BIN)/analysis reproduce --region $$r --lang en --check || exit 1; \
	  $(BIN)/analysis reproduce --region $$r --lang id --check || exit 1; \
	done

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## Lint and format-check with ruff
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

lab: $(STAMP) ## Start JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) ## Performance ratios, median of 3 alternating runs; writes build/bench.json
	$(BIN)/python -m analysis.bench

bench-quick: $(STAMP) ## The CSV and .xlsx ratios on 100k/10k rows (under a minute)
	$(BIN)/python -m analysis.bench --quick

bench-scale: $(STAMP) ## Clean 10 million synthetic rows over 10 regions; time and peak memory
	$(BIN)/python -m analysis.bench --scale

verify-raw: $(STAMP) ## Check raw files against their SHA256SUMS manifests
	@for r in $(REGIONS); do $(BIN)/analysis verify-raw --region $$r || exit 1; done

reconstruct: $(STAMP) ## Regenerate the reconstructed Kupang raw workbooks (changes data/raw!)
	$(BIN)/python scripts/reconstruct_kupang.py

lock: ## Re-pin requirements-lock.txt from a fresh resolve of pyproject.toml
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet ".[dev]"
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^analysis' > requirements-lock.txt
	rm -rf .venv-lock

clean: ## Remove generated files (keeps data/raw and the committed reports)
	rm -rf build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -prune -exec rm -rf {} +
