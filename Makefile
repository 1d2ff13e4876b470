# The two set-up commands: `make demo` and `make test`.  Both create .venv themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DRAFTER := $(VENV)/bin/drafter
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test install bench bench-env fuzz clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "drafter needs Python 3.11 or newer"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "could not create .venv: on Debian, apt-get install python3-venv"; exit 1; }
	$(PIP) install -q --upgrade pip

$(STAMP): $(PY) setup.cfg pyproject.toml
	$(PIP) install -q -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m drafter.demo

test: $(TSTAMP)
	$(PY) -m pytest -q $(PYTEST_ARGS)

# The baselines (docxtpl; python-redlines with its Docxodus engine, a self-contained .NET
# binary inside its wheel) live in their own venv: they are never drafter's dependencies.
BVENV  := .venv-bench
BSTAMP := $(BVENV)/.installed
BENCH_PKGS := 'docxtpl==0.20.2' 'python-redlines[docxodus]==2.0.0'

$(BSTAMP):
	$(PYTHON) -m venv $(BVENV)
	$(BVENV)/bin/pip install -q --upgrade pip
	$(BVENV)/bin/pip install -q $(BENCH_PKGS)
	touch $@

bench-env: $(BSTAMP)

bench: $(TSTAMP) $(BSTAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

fuzz: $(TSTAMP)
	$(PY) -m pytest -q tests/test_fuzz.py --hypothesis-profile=long $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) outputs build *.egg-info
