"""`check --fix` reaches a fixed point: after it, `check` reports no fixable finding, even when
one fix uncovers another or two fixes touch the same characters."""
from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import lint
from drafter.errors import Finding
from drafter.readers.yaml import loads

PLAN = textwrap.dedent("""\
    # 一份虚构的计划
    format: 1
    title: 2020年示范市卫生健康工作要点
    year: 2020
    issuer: 示范市卫生健康委员会
    sections:
      - id: s1
        title: 深化改革
        items:
          - id: a1
            title: 推进示范建设
            text: |-
              {text}
            lead: [办公室]
    """)


def write_plan(folder: Path, text: str) -> Path:
    p = folder / "plan.yaml"
    p.write_text(PLAN.format(text=text), encoding="utf-8")
    return p


def fixable_left(cli, path) -> list[dict]:
    r = cli("check", path, "--format", "json", "--fail-on", "info")
    assert r.code in (0, 1), r.err
    return [f for f in json.loads(r.out) if f["fix"] is not None]


def test_a_fix_that_uncovers_another_is_applied_too(tmp_path, cli):
    """Making the brackets full-width leaves `2,（` behind, a comma the rule now fixes."""
    p = write_plan(tmp_path, "落实2,(2)完成。")
    r = cli("check", p, "--fix")
    assert r.code == 0, r.err
    assert "落实2，（2）完成。" in p.read_text(encoding="utf-8")
    assert fixable_left(cli, p) == []
    assert r.out.count("fixed:") == 2 and "ok, no findings" in r.out
    assert (tmp_path / "plan.yaml.bak").read_text(encoding="utf-8") == PLAN.format(text="落实2,(2)完成。")


_PIECES = st.sampled_from(["落实", "推进", "完成", "办法", ",", ";", ":", "(", ")", "?", "!", "2", "15",
                           "一、", "（一）", "(一)", "1.", "(1)", "（1）", "，", "。", "a"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PIECES, min_size=1, max_size=14))
def test_after_fix_check_reports_nothing_fixable(cli, pieces):
    """Law: after `check --fix` no finding is fixable, and a second --fix changes no byte.
    (`cli` holds no state, so sharing it between examples is safe.)"""
    with tempfile.TemporaryDirectory() as tmp:
        p = write_plan(Path(tmp), "落实" + "".join(pieces) + "完成。")
        assert cli("check", p, "--fix").code in (0, 1)
        assert fixable_left(cli, p) == []
        once = p.read_bytes()
        cli("check", p, "--fix")
        assert p.read_bytes() == once


def test_fixes_that_keep_changing_each_other_stop_with_a_message(tmp_path, cli, monkeypatch):
    from drafter.app import check

    monkeypatch.setattr(check, "MAX_FIX_ROUNDS", 1)
    p = write_plan(tmp_path, "落实2,(2)完成。")
    r = cli("check", p, "--fix", "--fail-on", "warning")
    assert r.code == 1
    assert "--fix stopped after 1 round with fixable findings left" in r.err
    assert "落实2,（2）完成。" in p.read_text(encoding="utf-8")  # the first round was written
    assert "punct-halfwidth" in r.out and "[fixable]" in r.out


def test_fix_plan_reports_whether_it_converged(tmp_path):
    from drafter.app.check import check, fix_plan

    p = write_plan(tmp_path, "落实2,(2)完成。")
    loaded = lint.load(p)
    findings = check(str(p)).findings
    changes, converged = fix_plan(loaded, str(p), findings, rounds=1)
    assert len(changes) == 1 and not converged
    loaded = lint.load(p)
    changes, converged = fix_plan(loaded, str(p), check(str(p)).findings)
    assert len(changes) == 1 and converged
    assert check(str(p)).findings == []


def _finding(text: str, *spans: tuple[str, str], after: str = "") -> Finding:
    edits = []
    for old, new in spans:
        edits.append({"offset": text.index(old, text.index(after) if after else 0), "old": old, "new": new})
    return Finding("warning", "punct-halfwidth", "x", "plan.yaml", fix={"edits": edits, "description": "x"})


def test_a_finding_whose_edit_overlaps_another_is_left_whole():
    """A finding's edits go in together or not at all: never half a bracket pair."""
    text = PLAN.format(text="落实(2)完成,推进。")
    doc = loads(text, "plan.yaml")
    pair = _finding(text, ("(", "（"), (")", "）"))
    overlapping = _finding(text, (",", "，"), ("(2", "（2"))  # its second edit overlaps `pair`
    new, changes = lint.apply_fixes(doc, text, [pair, overlapping])
    assert "落实（2）完成,推进。" in new and len(changes) == 1
    new, changes = lint.apply_fixes(doc, text, [overlapping, pair])  # same start: the first given wins
    assert "落实（2)完成，推进。" in new and len(changes) == 1
