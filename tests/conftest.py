"""Shared test fixtures: the real seeds, real clients (LibreOffice, Chromium), the CLI in-process.

Policy: a test that needs LibreOffice, Chromium or the seeds skips on a laptop without them,
but *fails* when CI asks for them (DRAFTER_REQUIRE_LIBREOFFICE=1, DRAFTER_REQUIRE_CHROMIUM=1,
DRAFTER_REQUIRE_SEEDS=1 or CI=true for the seeds).
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# drafter's cache folder for this test session only (the CLI subprocesses inherit it): tests
# start cold, still exercise the cache, and never read or fill the developer's ~/.cache.
_CACHE = tempfile.mkdtemp(prefix="drafter-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PLANS = ROOT / "plans"
ARTIFACTS = ROOT / "outputs" / "test-artifacts"

SEED_FILES = {
    "000": "000_24d39d011c026adb.txt",
    "001": "001_af83cc7e1e14f4b7.txt",
    "002": "002_a2c9650bb564f988.txt",
    "003": "003_3296ac09436a4e78.txt",
    "004": "004_b8266a3591212cdf.txt",
}


def _required(var: str) -> bool:
    return os.environ.get(var, "") not in ("", "0", "false")


def need(what: str, available: bool, env_var: str) -> None:
    """Skip when `what` is missing on a developer machine; fail when CI requires it."""
    if available:
        return
    if _required(env_var) or (env_var == "DRAFTER_REQUIRE_SEEDS" and _required("CI")):
        pytest.fail("%s is required here (%s is set) but not available" % (what, env_var))
    pytest.skip("%s not available" % what)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    need("../shared/seeds", SEEDS.is_dir() and any(SEEDS.glob("00*.txt")), "DRAFTER_REQUIRE_SEEDS")
    return SEEDS


def seed_path(key: str) -> Path:
    need("../shared/seeds", (SEEDS / SEED_FILES[key]).exists(), "DRAFTER_REQUIRE_SEEDS")
    return SEEDS / SEED_FILES[key]


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


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
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    need("headless Chromium", path is not None, "DRAFTER_REQUIRE_CHROMIUM")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run `drafter ARGS` in-process (fast) with captured output and the real error handling."""
    from click.testing import CliRunner

    from drafter.cli import run

    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        with runner.isolation() as streams:
            code = run([str(a) for a in args])
            out = streams[0].getvalue().decode("utf-8")
            err = streams[1].getvalue().decode("utf-8")
    finally:
        os.chdir(old)
    return Result(code, out, err)


@pytest.fixture
def cli():
    return run_cli


# Hypothesis profiles (issue 10): `ci` is the default (fixed example budgets, no deadline: a
# test never asserts a speed); `long` is `make fuzz` (ten times the budgets, its example
# database kept under outputs/ rather than in the source tree).
def _hypothesis_profiles() -> None:
    from hypothesis import settings
    from hypothesis.database import DirectoryBasedExampleDatabase

    settings.register_profile("ci", deadline=None, print_blob=True)
    settings.register_profile("long", max_examples=1000, deadline=None, print_blob=True,
                              database=DirectoryBasedExampleDatabase(str(ROOT / "outputs" / "hypothesis-db")))
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
