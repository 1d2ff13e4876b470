# The two set-up commands: `make demo` and `make test`.  Both create .venv themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DRAFTER := $(VENV)/bin/drafter
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test test-fast install bench bench-env fuzz clean

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

# The inner loop: everything but LibreOffice, Chromium and the slow tests, with a tenth of the
# hypothesis budgets.  Starting LibreOffice or Chromium here fails the test (tests/conftest.py):
# a test that needs one carries its marker and runs in `make test`.
FAST_ENV := DRAFTER_FORBID_OFFICE=1 DRAFTER_FORBID_CHROMIUM=1
test-fast: $(TSTAMP)
	$(FAST_ENV) $(PY) -m pytest -q -m "not libreoffice and not chromium and not slow" \
	  --hypothesis-profile=fast -n auto $(PYTEST_ARGS)

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

# The long fuzz run (issue 10): rounds of tests/hostile/test_fuzz.py under the `long` hypothesis profile,
# fresh random inputs each round, until FUZZ_MINUTES have passed; stops at the first failure.
# Nothing is written into the source tree: example database, caches and counts go to outputs/.
FUZZ_MINUTES ?= 30
FUZZ_OUT     ?= outputs/fuzz
FUZZ_ATHERIS_SECONDS ?= 300
fuzz: $(TSTAMP)
	mkdir -p $(FUZZ_OUT)
	rm -f $(FUZZ_OUT)/counts.json
	@start=$$(date +%s); end=$$((start + $(FUZZ_MINUTES) * 60)); round=0; \
	while [ $$(date +%s) -lt $$end ]; do \
	  round=$$((round + 1)); echo "== fuzz round $$round ($$(date -u +%H:%M:%S))"; \
	  PYTHONDONTWRITEBYTECODE=1 HYPOTHESIS_STORAGE_DIRECTORY=$(FUZZ_OUT)/hypothesis \
	  DRAFTER_FUZZ_COUNTS=$(FUZZ_OUT)/counts.json DRAFTER_FUZZ_HANG_LOG=$(FUZZ_OUT)/hang.log \
	  $(PY) -m pytest -q -p no:cacheprovider tests/hostile/test_fuzz.py --hypothesis-profile=long \
	    -W ignore::hypothesis.errors.HypothesisWarning $(PYTEST_ARGS) \
	  || { echo "fuzz: round $$round FAILED"; cat $(FUZZ_OUT)/hang.log; exit 1; }; \
	done; \
	echo "fuzz: $$round rounds in $$(( ($$(date +%s) - start) / 60 )) minutes, zero failures"; \
	echo "inputs tried per target:"; cat $(FUZZ_OUT)/counts.json 2>/dev/null || true
	@if $(PY) -c "import atheris" 2>/dev/null; then \
	  mkdir -p $(FUZZ_OUT)/atheris-corpus; \
	  $(PY) fuzz/fuzz_readers.py -max_total_time=$(FUZZ_ATHERIS_SECONDS) -rss_limit_mb=3000 \
	    -artifact_prefix=$(FUZZ_OUT)/ $(FUZZ_OUT)/atheris-corpus > $(FUZZ_OUT)/atheris.log 2>&1 \
	  || { tail -40 $(FUZZ_OUT)/atheris.log; exit 1; }; tail -1 $(FUZZ_OUT)/atheris.log; \
	else echo "atheris not installed: coverage-guided fuzzing (fuzz/fuzz_readers.py) skipped"; fi

clean:
	rm -rf $(VENV) outputs build *.egg-info
