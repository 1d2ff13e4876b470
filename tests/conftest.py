"""Fixtures and hooks only; what tests share as functions and constants lives in `helpers`.

- Real clients as fixtures (`soffice`, `uno_python`, `chromium`), each skipping on a laptop
  without the tool and failing when CI requires it (see `helpers.need`).
- A test that uses one of them is marked `libreoffice` / `chromium` automatically.
- In the fast loop (`-m "not libreoffice"`, `-m "not chromium"`, or DRAFTER_FORBID_OFFICE=1 /
  DRAFTER_FORBID_CHROMIUM=1 as `make test-fast` sets) starting LibreOffice or Chromium fails the
  test loudly, in-process and in any subprocess, so an unmarked test cannot slip in there.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from helpers import (ARTIFACTS, FORBID_SHIM_PREFIX, ROOT, SEEDS, chromium_path, need, required, run_cli,
                     soffice_path)

# drafter's cache folder for this test session only (the CLI subprocesses inherit it): tests
# start cold, still exercise the cache, and never read or fill the developer's ~/.cache.
_CACHE = tempfile.mkdtemp(prefix="drafter-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

# Fixture name → the marker every test using it (directly or through another fixture) carries.
CLIENT_MARKERS = {"soffice": "libreoffice", "uno_python": "libreoffice", "chromium": "chromium"}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    need("../shared/seeds", SEEDS.is_dir() and any(SEEDS.glob("00*.txt")), "DRAFTER_REQUIRE_SEEDS")
    return SEEDS


@pytest.fixture(scope="session")
def soffice() -> str:
    path = soffice_path()
    need("LibreOffice (soffice)", path is not None, "DRAFTER_REQUIRE_LIBREOFFICE")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def uno_python() -> str:
    """The system python3 with Debian's python3-uno, for the tracked-change oracle."""
    py = "/usr/bin/python3"
    ok = Path(py).exists() and subprocess.run([py, "-c", "import uno"], capture_output=True).returncode == 0
    need("system python3 with uno (python3-uno)", ok and soffice_path() is not None,
         "DRAFTER_REQUIRE_LIBREOFFICE")
    return py


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    need("headless Chromium", path is not None, "DRAFTER_REQUIRE_CHROMIUM")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def cli():
    return run_cli


# Markers follow the fixtures -------------------------------------------------------------------

# Tests that start a client without any fixture, in files other work is editing right now:
# marked from here until their own files can carry the mark (node id → marker).
MARKED_HERE = {
    "test_import_docx.py::test_bad_packages_are_refused[ole-old binary Word]": "libreoffice",
}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        wanted = {m for f, m in CLIENT_MARKERS.items() if f in names}
        wanted |= {m for suffix, m in MARKED_HERE.items() if item.nodeid.endswith("/" + suffix)}
        for marker in sorted(wanted):
            if item.get_closest_marker(marker) is None:
                item.add_marker(marker)


# The fast loop forbids the real clients ---------------------------------------------------------

# What each forbidden client is called on the command line, and the message a test gets.
CLIENT_PROGRAMS = {
    "libreoffice": ("soffice", "soffice.bin", "libreoffice", "lo_oracle.py", "consult_lo_edit.py",
                    "lo_redline_oracle.py"),
    "chromium": ("chromium", "chromium-browser", "google-chrome", "chrome"),
}
CLIENT_NAMES = {"libreoffice": "LibreOffice", "chromium": "Chromium"}


def _forbidden_message(marker: str) -> str:
    return "test starts %s without the %s marker" % (CLIENT_NAMES[marker], marker)


def _forbidden_clients(config) -> set[str]:
    """The markers whose clients must not start in this run."""
    expr = config.getoption("markexpr", "") or ""
    env = {"libreoffice": "DRAFTER_FORBID_OFFICE", "chromium": "DRAFTER_FORBID_CHROMIUM"}
    return {m for m, var in env.items() if required(var) or re.search(r"\bnot\s+%s\b" % m, expr)}


def _client_in(args, marker: str) -> bool:
    if isinstance(args, (str, bytes, os.PathLike)):
        args = [args]
    names = {Path(os.fsdecode(a)).name for a in list(args)[:3]}
    return bool(names & set(CLIENT_PROGRAMS[marker]))


def _install_guards(config, forbidden: set[str]) -> None:
    """Stand-ins on PATH (and $SOFFICE) for subprocesses, a guarded Popen for this process
    (drafter.office included).  Every attempt is also logged, so a test that swallows the error
    still fails."""
    shims = Path(tempfile.mkdtemp(prefix=FORBID_SHIM_PREFIX))
    atexit.register(shutil.rmtree, shims, True)
    log = shims / "attempts.log"
    for marker in forbidden:
        for program in CLIENT_PROGRAMS[marker]:
            if program.endswith(".py"):
                continue
            script = shims / program
            script.write_text("#!/bin/sh\necho \"%s: $0 $*\" >> '%s'\necho '%s' >&2\nexit 3\n"
                              % (marker, log, _forbidden_message(marker)))
            script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.environ["PATH"] = str(shims) + os.pathsep + os.environ.get("PATH", "")
    if "libreoffice" in forbidden:
        os.environ["SOFFICE"] = str(shims / "soffice")
    config._drafter_forbid_log = log

    real_popen = subprocess.Popen

    class GuardedPopen(real_popen):  # type: ignore[misc, valid-type]
        def __init__(self, args, *a, **kw):
            for marker in forbidden:
                if _client_in(args, marker):
                    with open(log, "a") as fh:
                        fh.write("%s: %s\n" % (marker, args))
                    pytest.fail(_forbidden_message(marker), pytrace=False)
            super().__init__(args, *a, **kw)

    subprocess.Popen = GuardedPopen  # type: ignore[misc]  # drafter.office.convert runs soffice through it


def pytest_configure(config):
    forbidden = _forbidden_clients(config)
    if forbidden:
        _install_guards(config, forbidden)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose forbidden client start was caught and swallowed (by the CLI's error
    handling, or in a subprocess) although the test itself passed."""
    log: Path | None = getattr(item.config, "_drafter_forbid_log", None)
    if log is not None:
        log.unlink(missing_ok=True)
    result = yield
    if log is not None and log.exists():
        attempts = log.read_text().strip()
        pytest.fail("%s:\n%s" % (_forbidden_message(attempts.split(":", 1)[0]), attempts), pytrace=False)
    return result


# Hypothesis profiles (issue 10): `ci` is the default (fixed example budgets, no deadline: a
# test never asserts a speed); `long` is `make fuzz` (ten times the budgets, its example
# database kept under outputs/ rather than in the source tree); `fast` is `make test-fast`
# (a tenth of the budgets: the inner loop; `make test` keeps the full ones).
def _hypothesis_profiles() -> None:
    from hypothesis import settings
    from hypothesis.database import DirectoryBasedExampleDatabase

    settings.register_profile("ci", deadline=None, print_blob=True)
    settings.register_profile("fast", max_examples=10, deadline=None, print_blob=True)
    settings.register_profile("long", max_examples=1000, deadline=None, print_blob=True,
                              database=DirectoryBasedExampleDatabase(str(ROOT / "outputs" / "hypothesis-db")))
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
