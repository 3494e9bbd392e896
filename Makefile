# One venv in .venv; every target installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install sample test bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/pipeline.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --ignore-requires-python --require-hashes -r requirements/pipeline.txt
	touch $(STAMP)

sample: install
	$(BIN)/callsheet extract samples/

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/callsheet eval ../shared/corpus/dev/gold ../shared/corpus/dev/text

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
