VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test golden lint bench clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/om-extract seeds/ out/

test: $(STAMP)
	-bash scripts/install-chromium.sh
	$(VENV)/bin/ruff check src tests
	$(PY) -m pytest -q

golden: $(STAMP)
	$(PY) -m om_extract.golden tests/golden seeds

bench: $(STAMP)
	$(PY) -m om_extract.bench

clean:
	rm -rf $(VENV) out/*.json out/corpus out/review
