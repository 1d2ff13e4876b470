"""The whole 征求意见 cycle, end to end, on seed 004's and seed 000's plans.

consult → three units answer (a filled-in form with rows added and reordered, a copy with
Word comments added through python-docx, a copy edited by LibreOffice with change tracking
on) plus a broken and a foreign file → collect → every opinion once under its task →
decisions filled in → apply → `drafter.diff.compare` shows exactly the accepted edits.
Expected texts are built here with plain string replacement, not by the code under test.
"""
from __future__ import annotations

import copy
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import LO_EDIT, PLANS, load

PLAN_004 = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"
PLAN_000 = PLANS / "2017-衡阳市-工作要点.yaml"
CONTACT = ["--deadline", "2017-02-20", "--contact", "张三", "--phone", "0734-8888888",
           "--email", "ws@example.cn", "--date", "2017-02-10"]


def clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，。；：]", text) if len(c) >= 6]


@dataclass
class Pick:
    """A task and a clause of its text that occurs once in the whole plan."""

    id: str
    title: str
    clause: str
    label: str


def picks(plan, n: int) -> list[Pick]:
    from drafter.numbering import label_tree

    labels = label_tree(plan)
    everything = "\n".join(node.title + "\n" + node.text for node in plan.items()) + plan.title + plan.preamble
    out = []
    for node, path in plan.walk_paths():
        if len(path) < 2 or not node.text:
            continue
        if everything.count(node.title) != 1:
            continue
        for c in clauses(node.paragraphs()[-1]):
            if everything.count(c) == 1 and all(c not in p.clause and p.clause not in c for p in out):
                out.append(Pick(node.id, node.title, c, labels[id(node)]))
                break
        if len(out) == n:
            return out
    raise AssertionError("plan has too few tasks with unique clauses")


# The three units ---------------------------------------------------------------------------

def fill_form(src: Path, dst: Path, unit: str, rows: list[dict]) -> None:
    """Fill the 意见反馈表 as a unit would in Word: the 反馈单位 line, some pre-printed rows,
    new rows written by hand at the end, and the first filled row moved to the bottom."""
    import docx

    d = docx.Document(str(src))
    head = next(p for p in d.paragraphs if p.text.startswith("反馈单位"))
    head.runs[0].text = "反馈单位：" + unit
    table = d.tables[0]
    cols = {c.text.strip(): i for i, c in enumerate(table.rows[0].cells)}
    filled = []
    for r in rows:
        if r.get("id"):
            row = next(x for x in table.rows[1:] if x.cells[cols["编号"]].text.strip() == r["id"])
        else:
            row = table.add_row()
            row.cells[cols["条目"]].text = r["entry"]
        for key in ("原文", "修改意见", "理由"):
            if r.get(key):
                row.cells[cols[key]].text = r[key]
        filled.append(row)
    tr = filled[0]._tr
    tr.getparent().append(tr)  # reordered: the first answer now comes last
    d.save(str(dst))


def comment_copy(src: Path, dst: Path, author: str, notes: list[tuple[str, str]]) -> None:
    """Word comments on runs: (text of the run to comment on, comment)."""
    import docx

    d = docx.Document(str(src))
    for target, note in notes:
        run = next(r for p in d.paragraphs for r in p.runs if r.text == target)
        d.add_comment(run, text=note, author=author)
    d.save(str(dst))


def lo_copy(uno_python: str, src: Path, dst: Path, author: str, edits: list[dict], tmp: Path) -> None:
    spec = tmp / ("edits-%s.json" % author)
    spec.write_text(json.dumps(edits, ensure_ascii=False), "utf-8")
    proc = subprocess.run([uno_python, str(LO_EDIT), str(src), str(dst), author, str(spec)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert dst.exists()


# The cycle ---------------------------------------------------------------------------------

@pytest.mark.parametrize("plan_path, extra", [(PLAN_004, []), (PLAN_000, CONTACT)], ids=["004", "000"])
def test_consult_collect_apply(plan_path, extra, tmp_path, cli, uno_python):
    import docx

    from drafter.diff import compare
    from drafter.consult.summary import read_decisions

    plan = load(plan_path)
    t = picks(plan, 7)
    out = tmp_path / "package"
    r = cli("consult", plan_path, "-o", out, *extra)
    assert r.code == 0, r.err
    notice, draft, form = [Path(line) for line in r.out.split()]
    assert "（征求意见稿）" in "\n".join(p.text for p in docx.Document(str(draft)).paragraphs)

    back = tmp_path / "returned"
    back.mkdir()
    # Unit 1: the form.  t0: an edit; t1: a comment only; a hand-written row naming t2 by
    # label and title; a row about nothing in the plan.
    new0 = t[0].clause[:2] + "进一步" + t[0].clause[2:]
    fill_form(form, back / "form.docx", "市第一人民医院", [
        {"id": t[0].id, "原文": t[0].clause, "修改意见": "修改为：" + new0, "理由": "更准确"},
        {"id": t[1].id, "修改意见": "建议明确牵头科室"},
        {"entry": t[2].label + t[2].title, "原文": t[2].clause, "修改意见": "删除", "理由": "已完成"},
        {"entry": "关于附件格式", "修改意见": "建议附件用A4纸"},
    ])
    # Unit 2: comments.  t3's clause can't be a run (runs are whole texts): comment on t3's
    # title with a new title; on t4's title a plain remark; on the plan title: untied.
    new_title3 = t[3].title + "工作"
    comment_copy(draft, back / "comments.docx", "市妇幼保健院", [
        (t[3].title, "修改为：" + new_title3),
        (t[4].title, "建议增加考核指标"),
        (plan.title, "总体同意"),
    ])
    # Unit 3: LibreOffice with tracked changes: replace in t5, delete in t6, and a clause of
    # t0 (a second accepted edit of the text unit 1 edits: a conflict), a new paragraph
    # after t1.
    new5 = t[5].clause.replace(t[5].clause[:2], "切实", 1)
    conflict0 = t[0].clause[:-1] + "等"
    lo_copy(uno_python, draft, back / "lo.docx", "市疾控中心", [
        {"find": t[5].clause, "replace": new5},
        {"find": t[6].clause, "replace": ""},
        {"find": t[0].clause, "replace": conflict0},
        {"after_paragraph": t[1].clause, "insert": "新增：建立季度通报制度。"},
    ], tmp_path)
    # Broken and foreign files.
    (back / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    foreign = docx.Document()
    foreign.add_paragraph("关于召开运动会的通知")
    foreign.add_paragraph("各单位：定于下月举行职工运动会。")
    foreign.save(str(back / "foreign.docx"))

    summary = tmp_path / "意见汇总.docx"
    files = [back / n for n in ("form.docx", "broken.docx", "comments.docx", "lo.docx", "foreign.docx")]
    r = cli("collect", plan_path, *files, "-o", summary, "--xlsx")
    assert r.code == 1, r.err  # some files skipped
    assert re.search(r"broken\.docx: skipped", r.err) and re.search(r"foreign\.docx: skipped", r.err)
    assert summary.exists() and summary.with_suffix(".xlsx").exists()

    rows = read_decisions(summary)
    xrows = read_decisions(summary.with_suffix(".xlsx"))
    assert [(x.id, x.unit, x.said, x.quote, x.proposed) for x in xrows] == \
        [(x.id, x.unit, x.said, x.quote, x.proposed) for x in rows]
    expected = [  # (unit, task id or "" for 未对应条目, words in 意见内容)
        ("市第一人民医院", t[0].id, new0), ("市第一人民医院", t[1].id, "建议明确牵头科室"),
        ("市第一人民医院", t[2].id, "删除"), ("市第一人民医院", "", "建议附件用A4纸"),
        ("市妇幼保健院", t[3].id, new_title3), ("市妇幼保健院", t[4].id, "建议增加考核指标"),
        ("市妇幼保健院", "", "总体同意"),
        ("市疾控中心", t[5].id, "切实"), ("市疾控中心", t[6].id, t[6].clause),
        ("市疾控中心", t[0].id, conflict0), ("市疾控中心", t[1].id, "建立季度通报制度"),
    ]
    assert len(rows) == len(expected)
    for unit, nid, words in expected:
        hits = [x for x in rows if x.unit == unit and x.id == nid and words in x.said]
        assert len(hits) == 1, (unit, nid, words, [(x.unit, x.id, x.said) for x in rows])
    # grouped by task in plan order, 未对应条目 last
    order = {node.id: i for i, node in enumerate(plan.items())}
    keys = [order.get(x.id, len(order)) for x in rows]
    assert keys == sorted(keys)
    assert all(x.entry.startswith("未对应条目") for x in rows if not x.id)
    assert all(not x.decision and not x.why for x in rows)

    # The office decides (in the .docx for 004, in the workbook for 000).
    def pick(nid, words):
        return next(x for x in rows if x.id == nid and words in x.said)

    partial1 = "新增：建立月度通报制度。"
    decide = {
        pick(t[0].id, new0).n: ("采纳", None),  # conflicts with the next
        pick(t[0].id, conflict0).n: ("采纳", None),
        pick(t[1].id, "建议明确牵头科室").n: ("采纳", None),  # a comment: skipped
        pick(t[2].id, "删除").n: ("采纳", None),
        pick(t[3].id, new_title3).n: ("采纳", None),
        pick(t[5].id, "切实").n: ("采纳", None),
        pick(t[6].id, t[6].clause).n: ("不采纳", None),
        pick(t[1].id, "建立季度通报制度").n: ("部分采纳", partial1),
        pick("", "总体同意").n: ("不采纳", None),
    }
    decided = tmp_path / ("decided.docx" if plan_path == PLAN_004 else "decided.xlsx")
    if decided.suffix == ".docx":
        fill_docx_decisions(summary, decided, decide)
    else:
        fill_xlsx_decisions(summary.with_suffix(".xlsx"), decided, decide)

    final = tmp_path / "final.yaml"
    r = cli("collect", plan_path, "--decisions", decided, "--apply", "-o", final)
    assert r.code == 1, r.err  # a conflict and a comment-only row are reported
    assert "conflict" in r.err and "skipped" in r.err

    # What the final plan must be, built by hand.
    want = copy.deepcopy(plan)
    nodes = {node.id: node for node in want.items()}
    inserted = pick(t[1].id, "建立季度通报制度")
    n2 = nodes[t[2].id]
    n2.text = n2.text.replace(t[2].clause, "", 1)
    nodes[t[3].id].title = new_title3
    nodes[t[5].id].text = nodes[t[5].id].text.replace(t[5].clause, new5, 1)
    assert inserted.proposed.startswith(inserted.quote)  # the new paragraph follows its anchor
    nodes[t[1].id].text += "\n\n" + partial1
    got = load(final)
    d = compare(plan, got)
    changed = {c.new.id for c in d.changes if c.changed}
    assert changed == {t[1].id, t[2].id, t[3].id, t[5].id}, r.err
    for nid in changed:
        g = next(node for node in got.items() if node.id == nid)
        assert (g.title, g.paragraphs()) == (nodes[nid].title, nodes[nid].paragraphs()), nid
    assert compare(want, got).empty
    text = final.read_text("utf-8")
    assert text.startswith(plan_path.read_text("utf-8").split("\n", 1)[0])  # the header comment kept


def _set_cell(cell, text: str) -> None:
    cell.text = text


def fill_docx_decisions(src: Path, dst: Path, decide: dict) -> None:
    import docx

    d = docx.Document(str(src))
    table = d.tables[0]
    cols = {c.text.strip(): i for i, c in enumerate(table.rows[0].cells)}
    for row in table.rows[1:]:
        n = int(row.cells[cols["序号"]].text)
        if n in decide:
            decision, text = decide[n]
            _set_cell(row.cells[cols["处理意见"]], decision)
            _set_cell(row.cells[cols["理由"]], "经研究")
            if text is not None:
                old = row.cells[cols["建议修改为"]].text
                _set_cell(row.cells[cols["建议修改为"]], old.split("\n")[0] + "\n" + text)
    d.save(str(dst))


def fill_xlsx_decisions(src: Path, dst: Path, decide: dict) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(str(src))
    ws = wb.active
    head = [c.value for c in ws[1]]
    cols = {h: i for i, h in enumerate(head)}
    for row in ws.iter_rows(min_row=2):
        n = int(row[cols["序号"]].value)
        if n in decide:
            decision, text = decide[n]
            row[cols["处理意见"]].value = decision
            row[cols["理由"]].value = "经研究"
            if text is not None:
                old = row[cols["建议修改为"]].value
                row[cols["建议修改为"]].value = old.split("\n")[0] + "\n" + text
    wb.save(str(dst))
