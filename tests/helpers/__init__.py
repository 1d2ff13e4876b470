"""What the tests share, imported as `from helpers import …` (never from conftest, which holds
only fixtures and hooks): repository paths, the seeds, the skip-or-fail policy for missing
tools, the CLI run in-process, and reading a plan.

Policy: a test that needs LibreOffice, Chromium or the seeds skips on a laptop without them,
but *fails* when CI asks for them (DRAFTER_REQUIRE_LIBREOFFICE=1, DRAFTER_REQUIRE_CHROMIUM=1,
DRAFTER_REQUIRE_SEEDS=1 or CI=true for the seeds).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PLANS = ROOT / "plans"
DATA = TESTS / "data"
ARTIFACTS = ROOT / "outputs" / "test-artifacts"
HELPERS = Path(__file__).resolve().parent
# The tracked-change judge and the LibreOffice editor, run as scripts by the system python3 with uno.
LO_ORACLE = HELPERS / "lo_oracle.py"
LO_EDIT = HELPERS / "consult_lo_edit.py"
# Shared tools outside the repository (read-only).
SHARED_REDLINE_ORACLE = ROOT.parent / "shared" / "tools" / "lo_redline_oracle.py"

# The fast loop puts stand-ins for soffice and chromium in a folder named so on PATH (conftest).
FORBID_SHIM_PREFIX = "drafter-test-forbid-"

SEED_FILES = {
    "000": "000_24d39d011c026adb.txt",
    "001": "001_af83cc7e1e14f4b7.txt",
    "002": "002_a2c9650bb564f988.txt",
    "003": "003_3296ac09436a4e78.txt",
    "004": "004_b8266a3591212cdf.txt",
}


def required(var: str) -> bool:
    """True when the environment variable asks for something (set, and not 0/false)."""
    return os.environ.get(var, "") not in ("", "0", "false")


def need(what: str, available: bool, env_var: str) -> None:
    """Skip when `what` is missing on a developer machine; fail when CI requires it."""
    if available:
        return
    if required(env_var) or (env_var == "DRAFTER_REQUIRE_SEEDS" and required("CI")):
        pytest.fail("%s is required here (%s is set) but not available" % (what, env_var))
    pytest.skip("%s not available" % what)


def seed_path(key: str) -> Path:
    need("../shared/seeds", (SEEDS / SEED_FILES[key]).exists(), "DRAFTER_REQUIRE_SEEDS")
    return SEEDS / SEED_FILES[key]


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


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


def load(path):
    """The plan in `path` (.yaml, .txt, .docx, .pdf) through the importer."""
    from drafter.readers import read

    return read(path).plan
