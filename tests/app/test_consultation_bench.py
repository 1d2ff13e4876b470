"""A tiny run of bench/consult_load.py on both stores: its counting finds every comment, and a
clean run is called clean (the real load is `python bench/consult_load.py`, not a test)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from helpers.store_db import db_url  # noqa: F401  (fixture)

BENCH = Path(__file__).resolve().parents[2] / "bench" / "consult_load.py"


def _bench():
    spec = importlib.util.spec_from_file_location("consult_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_a_small_load_loses_and_duplicates_nothing(db_url):  # noqa: F811
    bench = _bench()
    r = bench.run_store("x", db_url, units=5, sections=2, per_section=3, comments=4, clients=3, max_seconds=600)
    assert (r.errors, r.lost, r.duplicated, r.timed_out) == (0, 0, 0, False), r.error_samples
    assert r.submitted_units == 5 and r.stored == r.acknowledged == r.review_comments
    assert r.operations == r.acknowledged + 5 and 5 * 2 <= r.acknowledged <= 5 * 6
    assert r.ok and "ok" in bench.table([r])


def test_the_bench_script_spreads_clients_over_worker_processes(db_url, tmp_path):  # noqa: F811
    import json
    import subprocess

    store = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    args = [sys.executable, str(BENCH), "--units", "4", "--clients", "2", "--workers", "2", "--comments", "3",
            "--stores", store, "--json", str(tmp_path / "r.json")] + ([] if store == "sqlite" else ["--postgres", db_url])
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (r,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (r["store"], r["workers"], r["errors"], r["lost"], r["duplicated"], r["ok"]) == (store, 2, 0, 0, 0, True)
    assert r["submitted_units"] == 4 and r["stored"] == r["acknowledged"] > 0
    assert "verdict" in done.stdout
