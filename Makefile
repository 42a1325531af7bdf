# One set-up command for a fresh machine: `make setup`. Then `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: setup test test-slow clean

setup: $(BIN)/clinqa

$(BIN)/clinqa: pyproject.toml requirements/base.txt requirements/nodeps.txt requirements/test.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first and pinned: the CPU wheel lies on local disk; anything looser pulls a CUDA build.
	$(PIP) install torch==2.13.0
	$(PIP) install -r requirements/base.txt -r requirements/test.txt
	$(PIP) install --no-deps -r requirements/nodeps.txt
	$(PIP) install --no-deps -e .
	touch $(BIN)/clinqa

test: setup
	$(BIN)/python -m pytest -q

test-slow: setup
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(VENV)
