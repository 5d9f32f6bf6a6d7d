# One-command set-up: every target bootstraps .venv from the pinned lock first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
REGIONS := $(basename $(notdir $(wildcard config/regions/*.yml)))

.DEFAULT_GOAL := help
.PHONY: help install reproduce test screenshots lab bench bench-quick bench-scale clean lint lock reconstruct verify-raw

help: ## Show this help
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv and install the hash-checked lock for its Python with uv (pip as fallback; idempotent)

# The lock matching the venv's Python (requirements/lock-py311.txt, -py312, -py313); pip and
# uv print only to build/install.log, named with its last lines if anything fails.
$(STAMP): pyproject.toml $(wildcard requirements/lock-py*.txt)
	@sh scripts/install.sh "$(PYTHON)" "$(VENV)" "$(UV_VERSION)"
	@touch $(STAMP)

reproduce: $(STAMP) ## Rebuild every processed table, figure, report and findings.json from data/raw
	@# one call: both languages of every region share one clean per region and one pool of
	@# warm kernels; a failing region does not stop the others, and the target still fails
	@# its last line says what was rebuilt and what was already up to date
	@$(BIN)/analysis reproduce --region $(REGIONS) --lang en id --check || { \
	  echo "reproduce FAILED (the regions are named above)" >&2; exit 1; }

# Compiled modules are cached in build/pycache (never beside the sources), also when the shell
# sets PYTHONDONTWRITEBYTECODE: without a cache every worker and every command a test starts
# compiles the package and the rewritten tests again (about 2 s per pytest process).
# One worker more than cores: many tests wait on a child (Chromium, kernels, a command), and
# the spare worker fills that time (2 cores: 170 s with 2 workers, 135 s with 3, 143 s with 4).
# With every core already busy, a reproduce inside a test runs its notebooks on one warm
# kernel, not two (the second costs 2.4 s of CPU and buys no time here); the session's
# rendered region, the signal tests and tests/test_execute keep the two-worker pool.
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")
test: $(STAMP) ## Run the test suite on every core (pytest-xdist, one worker per core plus one; a file's tests share one worker)
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX="$(CURDIR)/build/pycache" \
	  ANALYSIS_NOTEBOOK_WORKERS=1 $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

screenshots: $(STAMP) ## Every page of reports/ in headless Chromium at 1280 and 390 px, full-page PNGs in build/screenshots/site/
	$(BIN)/python -m pytest -q tests/test_site.py --screenshots -p no:cacheprovider

lint: $(STAMP) ## Lint and format-check with ruff
	$(BIN)/ruff check src tests scripts notebooks
	$(BIN)/ruff format --check src tests scripts notebooks

lab: $(STAMP) ## Clean every region, then JupyterLab on notebooks/ (as root too); notebooks run there write to build/lab/, never reports/
	@for r in $(REGIONS); do \
	  echo "== cleaning region $$r (the notebooks read data/processed/$$r)"; \
	  $(BIN)/analysis clean --region $$r || exit 1; \
	done
	@echo "== JupyterLab on notebooks/; figures and tables of notebooks run here go to build/lab/<region>/ (reports/ is written only by make reproduce)"
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(STAMP) ## Performance ratios (median of alternating runs), validate and findings against import pandas; writes build/bench.json
	$(BIN)/python -m analysis.bench

bench-quick: $(STAMP) ## The CSV and .xlsx ratios on 100k/10k rows (under a minute)
	$(BIN)/python -m analysis.bench --quick

bench-scale: $(STAMP) ## Clean 10 million synthetic rows over 10 regions; time and peak memory
	$(BIN)/python -m analysis.bench --scale

verify-raw: $(STAMP) ## Check raw files against their SHA256SUMS manifests
	@for r in $(REGIONS); do $(BIN)/analysis verify-raw --region $$r || exit 1; done

reconstruct: $(STAMP) ## Rewrite data/raw/kupang from scripts/reconstruct_kupang.py (deterministic: same bytes, same SHA256SUMS)
	$(BIN)/python scripts/reconstruct_kupang.py

LOCK_PYTHONS := 3.11 3.12 3.13

lock: ## Re-resolve requirements/lock-py3XX.txt (with hashes) for Python 3.11-3.13 with uv
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@mkdir -p requirements
	@for v in $(LOCK_PYTHONS); do \
	  echo "== resolving for Python $$v"; \
	  .venv-lock/bin/uv pip compile pyproject.toml --extra dev --extra spss --extra lab \
	    --python-version $$v --generate-hashes --no-python-downloads \
	    --index-url https://pypi.org/simple --custom-compile-command "make lock" \
	    -o requirements/lock-py$$(echo $$v | tr -d .).txt || exit 1; \
	done
	rm -rf .venv-lock

clean: ## Remove generated files (keeps data/raw and the committed reports)
	rm -rf build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -prune -exec rm -rf {} +
