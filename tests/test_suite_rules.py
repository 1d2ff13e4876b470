"""The rules of the test suite itself: helpers come from `helpers`, never from conftest; and in
the fast loop a test that starts LibreOffice or Chromium without its marker fails loudly
(run here on a throw-away test file, with this suite's conftest loaded as a plugin)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

from helpers import FORBID_SHIM_PREFIX, ROOT, TESTS


def test_no_test_module_imports_from_conftest():
    offenders = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py")
                 if re.search(r"^\s*(from\s+conftest\s+import|import\s+conftest\b)", p.read_text("utf-8"), re.M)]
    assert offenders == []


def test_test_module_names_are_unique_across_folders():
    """The folders have no __init__.py (pytest's default import mode), so two test modules of
    one name would collide."""
    from collections import Counter

    names = Counter(p.name for p in TESTS.rglob("test_*.py") if "data" not in p.relative_to(TESTS).parts)
    assert [n for n, k in names.items() if k > 1] == []


def test_conftest_holds_only_fixtures_and_hooks():
    """Every top-level function in conftest is a fixture or a pytest hook (or private)."""
    import ast

    tree = ast.parse((TESTS / "conftest.py").read_text("utf-8"))
    public = [f for f in tree.body if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")]
    not_fixtures = [f.name for f in public if not f.name.startswith("pytest_")
                    and not any("fixture" in ast.unparse(d) for d in f.decorator_list)]
    assert not_fixtures == []


UNMARKED = '''
import subprocess

import pytest


def test_converts_in_process(tmp_path):
    from drafter.office import convert

    (tmp_path / "a.txt").write_text("x")
    convert(tmp_path / "a.txt", "pdf", tmp_path)


def test_starts_soffice_and_swallows_the_error():
    try:
        subprocess.run(["soffice", "--version"], capture_output=True)
    except BaseException:
        pass


def test_cli_subprocess_reaches_libreoffice(tmp_path):
    """drafter in a child process: $SOFFICE and PATH point at a stand-in that logs the attempt."""
    import sys

    src = tmp_path / "a.doc"
    src.write_bytes(b"not really a doc")
    subprocess.run([sys.executable, "-c", "from drafter.office import convert; convert(%r, 'docx', %r)"
                    % (str(src), str(tmp_path))], capture_output=True)


def test_starts_chromium():
    subprocess.run(["chromium", "--version"], capture_output=True)


def test_uses_the_soffice_fixture(soffice):
    pass


@pytest.mark.libreoffice
def test_with_the_marker():
    pass


def test_plain():
    assert 1 + 1 == 2
'''


def _run_fast_loop(tmp_path, *args, env_extra=None):
    (tmp_path / "test_unmarked.py").write_text(textwrap.dedent(UNMARKED), "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    libreoffice\n    chromium\n    slow\n    seeds\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DRAFTER_FORBID", "DRAFTER_REQUIRE")) and FORBID_SHIM_PREFIX not in v}
    # Harmless stand-ins, so that a run that allows the clients starts no real one either.
    fakes = tmp_path / "bin"
    fakes.mkdir(exist_ok=True)
    for program in ("soffice", "chromium"):
        (fakes / program).write_text("#!/bin/sh\nexit 0\n")
        (fakes / program).chmod(0o755)
    env["PATH"] = os.pathsep.join([str(fakes)] + [d for d in os.environ["PATH"].split(os.pathsep)
                                                  if FORBID_SHIM_PREFIX not in d])
    env.pop("SOFFICE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(ROOT)])
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-rA",
                           "-q", *args, str(tmp_path / "test_unmarked.py")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    outcomes = {name: outcome for outcome, name in re.findall(
        r"^(PASSED|FAILED|ERROR)\s+test_unmarked\.py::(\w+)", proc.stdout, re.M)}
    return proc, outcomes


def test_fast_loop_fails_unmarked_tests_that_start_a_client(tmp_path):
    proc, outcomes = _run_fast_loop(tmp_path, "-m", "not libreoffice and not chromium")
    assert outcomes == {"test_converts_in_process": "FAILED",
                        "test_starts_soffice_and_swallows_the_error": "FAILED",
                        "test_cli_subprocess_reaches_libreoffice": "FAILED",
                        "test_starts_chromium": "FAILED",
                        "test_plain": "PASSED"}, proc.stdout + proc.stderr
    assert "test starts LibreOffice without the libreoffice marker" in proc.stdout
    assert "without the chromium marker" in proc.stdout
    assert "2 deselected" in proc.stdout  # the fixture user is marked, like the marked one


def test_the_environment_forbids_too_and_a_full_run_does_not(tmp_path):
    _, outcomes = _run_fast_loop(tmp_path, "-k", "in_process or plain",
                                 env_extra={"DRAFTER_FORBID_OFFICE": "1"})
    assert outcomes == {"test_converts_in_process": "FAILED", "test_plain": "PASSED"}
    proc, outcomes = _run_fast_loop(tmp_path, "-k", "swallows or plain or with_the_marker")
    assert outcomes == {"test_starts_soffice_and_swallows_the_error": "PASSED", "test_with_the_marker": "PASSED",
                        "test_plain": "PASSED"}, proc.stdout + proc.stderr
