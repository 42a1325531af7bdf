# One set-up command for a fresh machine: `make setup`. Then `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: setup browser test test-slow clean model-qa model-cross

setup: $(BIN)/clinqa

$(BIN)/clinqa: pyproject.toml requirements/base.txt requirements/nodeps.txt requirements/test.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first and pinned: the CPU wheel lies on local disk; anything looser pulls a CUDA build.
	$(PIP) install torch==2.13.0
	$(PIP) install -r requirements/base.txt -r requirements/test.txt
	$(PIP) install --no-deps -r requirements/nodeps.txt
	$(PIP) install --no-deps -e .
	touch $(BIN)/clinqa

# Headless Debian Chromium for the web page's end-to-end test (Playwright drives it; no browser
# download). Needs root and the Debian mirror; skipped when chromium is already there.
browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: setup
	$(BIN)/python -m pytest -q

test-slow: setup
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(VENV)

# Rebuild the models shipped inside the package (needs ../shared/data; CPU is enough).
PKG := src/clinqa/models/packaged

model-qa: setup
	$(BIN)/clinqa train qa --config configs/qa-minilm.yaml
	mkdir -p $(PKG)/clinqa-qa-minilm
	cp -r runs/qa-minilm/model/. $(PKG)/clinqa-qa-minilm/

model-cross: setup
	$(BIN)/clinqa train evidence --config configs/cross-minilm.yaml
	mkdir -p $(PKG)/clinqa-cross-minilm
	cp runs/cross-minilm/model/adapter_config.json runs/cross-minilm/model/adapter_model.safetensors \
	   runs/cross-minilm/model/clinqa_cross.json $(PKG)/clinqa-cross-minilm/
