# One venv in .venv; every target installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install browser postgres sample serve test test-postgres bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/pipeline.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --ignore-requires-python --require-hashes -r requirements/pipeline.txt
	touch $(STAMP)

browser:
	scripts/install-browser.sh

postgres:
	scripts/postgres.sh install

sample: install
	$(BIN)/callsheet extract samples/

test: install browser
	$(BIN)/python -m pip install -q -e '.[test,ray]'
	$(BIN)/python -m pytest -q

# the knowledge-base and web tests again, on a throwaway PostgreSQL cluster
test-postgres: install browser postgres
	scripts/postgres.sh run $(BIN)/python -m pytest -q tests/knowledge tests/interfaces/web

eval: install
	$(BIN)/callsheet eval ../shared/corpus/dev/gold ../shared/corpus/dev/text

serve: install
	$(BIN)/callsheet ingest samples/
	$(BIN)/callsheet serve

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/query.py
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
