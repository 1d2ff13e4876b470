"""The bench harness (bench/, issue 9): every task runs once on tiny inputs and the report
holds every row; the timing, interleaving, counting and edit-script pieces do what they say.
No timing assertions: speed is measured by `make bench`, not judged by tests."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT
from helpers.wordml import NS, write_zip

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import harness  # noqa: E402
import workloads  # noqa: E402


def test_interleave_alternates_and_drops_a_failing_baseline():
    calls = []

    def ours():
        calls.append("d")
        return 1.0

    def theirs():
        calls.append("b")
        if calls.count("b") == 3:
            raise harness.Unavailable("engine crashed")
        return 2.0

    d, b, why = harness.interleave(4, ours, theirs, warmup=1)
    assert d.cpu is None  # plain seconds: no CPU time claimed
    assert calls[:6] == ["d", "b", "d", "b", "d", "b"]
    assert len(d.samples) == 4  # drafter keeps being timed after the baseline failed
    assert b.samples == [2.0] and why == "engine crashed"  # the warm-up round is not recorded


def test_timed_gives_wall_and_cpu():
    wall, cpu = harness.timed(lambda: sum(range(200000)))()
    assert wall > 0 and cpu >= 0
    wall, cpu = harness.process([sys.executable, "-c", "sum(range(2000000))"])()
    assert cpu > 0  # the child's CPU time, not the parent's
    stats, _, _ = harness.interleave(2, harness.timed(lambda: None), warmup=0)
    assert stats.cpu is not None and len(stats.cpu_samples) == 2


def test_targets_and_ratio():
    row = harness.Row("x", "t", "base", harness.Stats.of([0.5, 0.4, 0.6]), harness.Stats.of([2.0, 1.0, 3.0]))
    assert row.ratio == pytest.approx(0.25)
    assert harness.Target("speedup", 3).met(row) is True
    assert harness.Target("speedup", 5).met(row) is False
    assert harness.Target("ratio", 0.2).met(row) is False
    assert harness.Target("under", 0.6).met(row) is True
    assert row.drafter.spread == pytest.approx(0.4)
    row.target = harness.Target("speedup", 3)
    row.extra["target_also_met"] = False  # e.g. not fewer changed paragraphs
    assert row.met is False
    lone = harness.Row("x", "t", "base", harness.Stats.of([1.0]))
    assert harness.Target("ratio", 1.2).met(lone) is None


def test_missing_bench_env_says_how_to_make_it(tmp_path):
    env = harness.BenchEnv(tmp_path / "nowhere" / "bin" / "python")
    for fn in (env.whole("fill", "a", "b", "c"), env.inproc("fill", "a", "b", "c")):
        with pytest.raises(harness.Unavailable, match="make bench-env"):
            fn()
    _, b, why = harness.interleave(1, lambda: 1.0, env.whole("fill"), warmup=0)
    row = harness.Row("render", "render", "docxtpl", harness.Stats.of([1.0]), b, note=why)
    md = harness.markdown([row], {"command": "x", "runs": 1, "warmup": 0,
                                  "machine": harness.machine(), "loadavg_end": None})
    assert b is None and "| render | 1.00 s (1.00 s–1.00 s) |" in md and "not run" in md
    assert "make bench-env" in md


def _docx_with(body: str, path: Path) -> Path:
    return write_zip(path, {"word/document.xml": "<w:document %s><w:body>%s</w:body></w:document>" % (NS, body)},
                     zipfile.ZIP_STORED)


def test_tracked_change_counts(tmp_path):
    import tasks

    body = ("<w:p><w:r><w:t>不变</w:t></w:r></w:p>"
            "<w:p><w:del><w:r><w:delText>30%</w:delText></w:r></w:del><w:ins><w:r><w:t>40%</w:t></w:r></w:ins></w:p>"
            "<w:p><w:pPr><w:rPr><w:ins/></w:rPr></w:pPr><w:ins><w:r><w:t>新增</w:t></w:r></w:ins></w:p>"
            "<w:p><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>"
            "<w:p><w:moveTo><w:r><w:t>移走</w:t></w:r></w:moveTo></w:p>"
            "<w:p><w:r><w:t>（十</w:t></w:r><w:del><w:r><w:delText>二</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>三</w:t></w:r></w:ins><w:r><w:t>）提升卫生应急能力</w:t></w:r></w:p>")
    c = tasks.tracked_changes(_docx_with(body, tmp_path / "x.docx"))
    assert c == {"ins": 4, "del": 2, "moveFrom": 1, "moveTo": 1, "changed_paragraphs": 5,
                 "numeral_only": 1, "paragraphs": 6}


def test_next_year_edit_of_seed_000_is_the_scripted_one(seeds_dir):
    from drafter.diff import compare

    old = workloads.load(workloads.SEED_000_PLAN)
    new = workloads.next_year_000(old)
    s = compare(old, new).summary()
    assert (s["added"], s["removed"], s["moved"]) == (1, 1, 1)
    changes = compare(old, new).to_json()["changes"]
    targets = {(t["old"], t["new"]) for c in changes for t in c["targets"]}
    assert {("30%", "40%"), ("6-8个", "8-10个")} <= targets
    assert new.year == old.year + 1 and str(new.year) in new.title
    assert old.year and str(old.year) in old.title  # the seed itself is untouched


def test_edited_plans_change_about_a_tenth(seeds_dir):
    from drafter.diff import compare

    for n in (100, 400):
        a = workloads.big_plan(n, workloads.corpus())
        assert sum(1 for _ in a.walk()) == n
        s = compare(a, workloads.edited(a)).summary()
        touched = s["added"] + s["modified"] + s["moved"]
        assert 0.05 * n <= touched <= 0.15 * n


def test_big_text_grows_with_the_size_asked(tmp_path):
    small, big = tmp_path / "s.txt", tmp_path / "b.txt"
    workloads.big_text(small, 0.05)
    _, items = workloads.big_text(big, 0.2)
    assert 3.5 < big.stat().st_size / small.stat().st_size < 4.5
    from drafter.readers import read

    assert sum(1 for _, depth in read(big).plan.walk() if depth == 1) == items


@pytest.mark.slow
def test_quick_run_covers_every_task(seeds_dir, tmp_path):
    """`bench/run.py --quick` times every group once and writes both reports; rows whose
    baseline cannot run say why instead of showing a number."""
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--no-oracle", "--out", str(out)],
                       capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-2000:]
    report = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    rows = report["rows"]
    assert {r["group"] for r in rows} == {"render", "redline", "diff", "import", "startup", "batch"}
    md = (out / "bench.md").read_text(encoding="utf-8")
    for r in rows:
        assert r["drafter"]["median"] > 0 and len(r["drafter"]["samples"]) == 1
        assert r["drafter"]["cpu"] is not None and r["drafter"]["cpu"] >= 0
        assert "| %s |" % r["task"] in md
        if r["baseline"] is None:
            assert "baseline not run" in (r["note"] or ""), r["task"]
        else:
            assert r["ratio"] == pytest.approx(r["drafter"]["median"] / r["baseline"]["median"])
    red = next(r for r in rows if r["group"] == "redline")
    assert red["extra"]["counts"]["drafter"]["changed_paragraphs"] >= 4
    if red["baseline"] is not None:
        assert red["extra"]["counts"]["docxodus"]["changed_paragraphs"] >= 1
