"""Round-trip safety (issue 10): `check --fix` on every plan in plans/, with comments added
and IDs and punctuation broken, changes only the lines it was asked to fix: every comment and
every other byte survive, the original is kept as .bak, and the values read back equal."""
from __future__ import annotations

import difflib
import json
import re

import pytest

from helpers import PLANS, run_cli
from drafter.model import strip_ids
from drafter.readers.yaml import loads

PLAN_FILES = sorted(PLANS.glob("*.yaml"))
ID_LINE = re.compile(r"^\s*(- )?id: [A-Za-z0-9_-]+$")
HALF = str.maketrans(",:;()?!", "，：；（）？！")


def damage(text: str) -> str:
    """Comments in three places, two items without IDs, a half-width comma between Chinese."""
    lines = text.split("\n")
    lines.insert(3, "# 审核意见：本文件经办公室审核（保留此注释）")
    lines = [ln + "  # 年份，勿改" if ln.startswith("year:") else ln for ln in lines]
    out, dropped = [], 0
    for i, ln in enumerate(lines):
        m = re.match(r"^(\s*)- id: [A-Za-z0-9_-]+$", ln)
        if m and dropped < 2 and i + 1 < len(lines) and lines[i + 1].strip().startswith("title:"):
            out.append("%s# 下一条的ID被删掉了" % m.group(1))
            lines[i + 1] = m.group(1) + "- " + lines[i + 1].strip()
            dropped += 1
            continue
        out.append(ln)
    text = "\n".join(out)
    start = text.index("\nsections:")  # in an item's title or text, where the linter looks
    m = re.compile(r"([\u4e00-\u9fff])，([\u4e00-\u9fff])").search(text, start)
    if m is None:  # plans typed with half-width commas already (2015, 2019) have enough to fix
        return text
    return text[:m.start()] + m.group(1) + "," + m.group(2) + text[m.end():]


def fold(line: str) -> str:
    return re.sub(r"^(\s*)- ", r"\1  ", line).translate(HALF).strip()


def fixable_lines(text: str, findings: list[dict]) -> set[int]:
    """0-based lines that a fixable finding may change: its own line and every edited one."""
    out = set()
    for f in findings:
        if f.get("fix") is None:
            continue
        if f.get("line"):
            out.add(f["line"] - 1)
        for e in (f["fix"].get("edits", []) if isinstance(f["fix"], dict) else []):
            out.add(text.count("\n", 0, e["offset"]))
    return out


@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: p.stem)
def test_check_fix_changes_only_the_lines_it_fixes(plan, tmp_path):
    damaged = damage(plan.read_text(encoding="utf-8"))
    path = tmp_path / plan.name
    path.write_text(damaged, encoding="utf-8")
    before = json.loads(run_cli("check", "--format", "json", path).out)
    assert any(f["code"] == "missing-id" for f in before) and any(f["code"] == "punct-halfwidth" for f in before)
    allowed = fixable_lines(damaged, before)

    r = run_cli("check", "--fix", path)
    assert r.code in (0, 1), r.err
    fixed = path.read_text(encoding="utf-8")
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == damaged

    old, new = damaged.split("\n"), fixed.split("\n")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert set(range(i1, i2)) <= allowed, ("changed a line no finding asked to fix", old[i1:i2])
        for line in new[j1:j2]:
            assert ID_LINE.match(line) or fold(line) in {fold(o) for o in old[i1:i2]}, (old[i1:i2], line)
    for line in old:  # every comment survives, byte for byte
        if "#" in line and line.strip().startswith("#") or "  # " in line:
            assert line in new or line.translate(HALF) in new, line

    # the values: what was read before, IDs aside, with the punctuation fixed
    was = strip_ids(loads(damaged).plan)
    now = strip_ids(loads(fixed).plan)
    assert now.sections and len(list(now.walk())) == len(list(was.walk()))
    for a, b in zip(was.walk(), now.walk()):
        assert a[0].title.translate(HALF) == b[0].title.translate(HALF)
        assert a[0].text.translate(HALF) == b[0].text.translate(HALF)
        assert [x.translate(HALF) for x in a[0].lead + a[0].support] == \
            [x.translate(HALF) for x in b[0].lead + b[0].support]
    assert all(n.id for n, _ in loads(fixed).plan.walk())

    # a second --fix has nothing left to do and writes nothing
    again = run_cli("check", "--fix", path)
    assert "fixed:" not in again.out and path.read_text(encoding="utf-8") == fixed
