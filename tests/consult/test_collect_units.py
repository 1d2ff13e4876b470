"""Units of `drafter collect`: quoting tracked changes, tying by text when bookmarks are gone,
reading forms and decisions, conflicts, and files that cannot be read."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import PLANS

PLAN_004 = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"
ALL_PLANS = sorted(PLANS.glob("*.yaml"))


def load(path):
    from drafter.readers import read

    return read(path).plan


def render_draft(plan, path: Path) -> Path:
    from drafter.consult.send import consult_plan
    from drafter.writers.docx import build, layout, save

    return save(build(layout(consult_plan(plan), "plan")), path)


def strip_bookmarks(src: Path, dst: Path) -> None:
    """What a tool that drops bookmarks leaves: the same document without any."""
    from lxml import etree

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                for el in root.xpath("//w:bookmarkStart|//w:bookmarkEnd",
                                     namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}):
                    el.getparent().remove(el)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)


# Quoting tracked changes --------------------------------------------------------------------

TEXT = st.text(alphabet="卫生健康工作推进加强服务体系，。；", min_size=1, max_size=60)


@st.composite
def field_and_changes(draw):
    text = draw(TEXT)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    changes, i = [], 0
    while i + 1 < len(cuts):
        a, b = cuts[i], cuts[i + 1]
        new = draw(st.sampled_from(["", "新", "进一步"]))
        if a == b or draw(st.booleans()):
            b = a  # an insertion
            new = new or "增"
        changes.append((a, b, new))
        i += 2
    return text, changes


@settings(max_examples=300, deadline=None)
@given(field_and_changes())
def test_edits_rebuild_the_proposed_text(case):
    """Law: replacing each edit's quote by its proposal at its place gives exactly the text
    with every tracked change accepted, and each quote occurs once in the text (or is the
    whole text, when nothing smaller is unique)."""
    from drafter.consult.copies import quoted_edits

    text, changes = case
    if not changes:
        return
    accepted, c = [], 0
    for a, b, new in changes:
        accepted.append(text[c:a] + new)
        c = b
    accepted.append(text[c:])
    edits = quoted_edits(text, changes, text.count)
    rebuilt, pos = [], 0
    for quote, proposed, group in edits:
        k = text.index(quote, pos) if text.count(quote) == 1 else text.find(quote, pos)
        assert k >= pos
        rebuilt.append(text[pos:k] + proposed)
        pos = k + len(quote)
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == "".join(accepted)
    assert sum(len(g) for _, _, g in edits) == len(changes)
    for quote, _, _ in edits:
        assert text.count(quote) == 1 or quote == text


def test_edit_is_quoted_with_its_clause():
    from drafter.consult.copies import quoted_edits

    text = "加强监管，严厉打击非法行医，维护医疗市场秩序。"
    a = text.index("严厉")
    [(quote, proposed, _)] = quoted_edits(text, [(a, a + 2, "坚决")], text.count)
    assert (quote, proposed) == ("严厉打击非法行医，", "坚决打击非法行医，")


def test_repeated_clause_is_widened_until_unique():
    from drafter.consult.copies import quoted_edits

    text = "抓好落实，推进改革。抓好落实，完善制度。"
    a = text.rindex("抓好")
    [(quote, proposed, _)] = quoted_edits(text, [(a, a + 2, "切实抓")], text.count)
    assert text.count(quote) == 1 and quote == "抓好落实，完善制度。"
    assert proposed == "切实抓落实，完善制度。"


# Tying paragraphs to tasks ------------------------------------------------------------------

@pytest.mark.parametrize("plan_path", ALL_PLANS, ids=lambda p: p.stem)
def test_comments_tie_to_their_task_with_and_without_bookmarks(plan_path, tmp_path):
    """A comment on every task's title run is tied to that task, by bookmark, and by text
    alone once the bookmarks are stripped (all plans: traditional 002, speech 003 …)."""
    import docx

    from drafter.consult.returned import Tasks, read_returned

    plan = load(plan_path)
    draft = render_draft(plan, tmp_path / "draft.docx")
    d = docx.Document(str(draft))
    nodes = [node for node in plan.items() if node.id]
    runs = {}
    for p in d.paragraphs:
        for r in p.runs:
            runs.setdefault(r.text, r)
    expected = []
    for node in nodes:
        run = runs.pop(node.title, None)
        if run is not None:  # a title that also begins another paragraph is commented once only
            d.add_comment(run, text="意见%s" % node.id, author="甲单位")
            expected.append(node.id)
    assert len(expected) >= len(nodes) * 0.8
    marked = tmp_path / "marked.docx"
    d.save(str(marked))
    bare = tmp_path / "bare.docx"
    strip_bookmarks(marked, bare)
    tasks = Tasks(plan)
    for path in (marked, bare):
        r = read_returned(path, tasks)
        assert r.kind == "copy"
        got = {op.said: op.item_id for op in r.opinions}
        assert got == {"意见%s" % nid: nid for nid in expected}, path.name
        assert {op.unit for op in r.opinions} == {"甲单位"}


def test_unit_falls_back_to_file_name_for_generic_authors(tmp_path):
    import docx

    from drafter.consult.returned import Tasks, read_returned

    plan = load(PLAN_004)
    draft = render_draft(plan, tmp_path / "d.docx")
    d = docx.Document(str(draft))
    node = plan.items()[3]
    run = next(r for p in d.paragraphs for r in p.runs if r.text == node.title)
    d.add_comment(run, text="同意", author="Administrator")
    d.add_comment(run, text="同意二", author="")
    path = tmp_path / "市中医院.docx"
    d.save(str(path))
    r = read_returned(path, Tasks(plan))
    assert [(op.unit, op.item_id) for op in r.opinions] == [("市中医院", node.id)] * 2


def test_returned_notice_with_form_and_comments(tmp_path, cli):
    """The notice carries the draft and the form: comments in the draft part are read, the
    empty form table adds nothing."""
    import docx

    from drafter.consult.returned import Tasks, read_returned

    r = cli("consult", PLAN_004, "-o", tmp_path / "pkg")
    assert r.code == 0, r.err
    notice = Path(r.out.split()[0])
    plan = load(PLAN_004)
    node = plan.items()[5]
    d = docx.Document(str(notice))
    run = next(x for p in d.paragraphs for x in p.runs if x.text == node.title)
    d.add_comment(run, text="修改为：" + node.title + "工作", author="乙单位")
    d.save(str(tmp_path / "notice-back.docx"))
    got = read_returned(tmp_path / "notice-back.docx", Tasks(plan))
    assert [(o.item_id, o.quote, o.proposed, o.edit) for o in got.opinions] == \
        [(node.id, node.title, node.title + "工作", True)]


# Forms ------------------------------------------------------------------------------------

def test_form_rows_tie_by_id_title_or_label(tmp_path, cli):
    import docx

    from drafter.consult.returned import Tasks, read_returned
    from drafter.numbering import label_tree

    r = cli("consult", PLAN_004, "-o", tmp_path / "pkg")
    form = Path(r.out.split()[2])
    plan = load(PLAN_004)
    labels = label_tree(plan)
    items = plan.items()
    a, b, c = items[12], items[20], items[30]
    d = docx.Document(str(form))
    t = d.tables[0]
    cols = {cell.text: i for i, cell in enumerate(t.rows[0].cells)}
    rows = [(a.id, "", "意见A"), ("", b.title[:8], "意见B"), ("", labels[id(c)] + c.title, "意见C"),
            ("zzzz", "无此条目", "意见D")]
    for nid, entry, said in rows:
        row = t.add_row()
        row.cells[cols["编号"]].text = nid
        row.cells[cols["条目"]].text = entry
        row.cells[cols["修改意见"]].text = said
    p = next(p for p in d.paragraphs if p.text.startswith("反馈单位"))
    p.runs[0].text = "反馈单位：__市卫生监督所__　联系人：王五"
    d.save(str(tmp_path / "f.docx"))
    got = read_returned(tmp_path / "f.docx", Tasks(plan))
    assert got.kind == "form" and got.unit == "市卫生监督所"
    assert [(o.said, o.item_id) for o in got.opinions] == \
        [("意见A", a.id), ("意见B", b.id), ("意见C", c.id), ("意见D", None)]


@pytest.mark.parametrize("said, proposed, edit", [
    ("修改为：加强监管", "加强监管", True), ("建议修改为“加强监管”", "加强监管", True),
    ("建议将此句改为：加强监管。", "加强监管。", True), ("删除", "", True), ("建议删除此句。", "", True),
    ("建议加强监管", "", False), ("修改为：", "", False),
])
def test_proposals_in_forms_and_comments(said, proposed, edit):
    from drafter.consult import Opinion
    from drafter.consult.forms import read_proposal as _proposal

    op = Opinion("u", "x", said, quote="原句")
    _proposal(op)
    assert (op.proposed, op.edit) == (proposed, edit)


def _document_with_tables(lines: list[str], *heads: list[str]):
    """A python-docx document built in memory: `lines` as paragraphs, then one table a head,
    each with one filled-in row."""
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    for head in heads:
        t = d.add_table(rows=2, cols=len(head))
        for i, h in enumerate(head):
            t.rows[0].cells[i].text, t.rows[1].cells[i].text = h, "第%d格" % i
    return d


def test_forms_are_told_by_their_head_not_by_their_place():
    """A table is a 意见反馈表 when its head names 修改意见 and 原文 or 条目 (in either script,
    in any order); the office's own 汇总表 (处理意见) and other tables are not forms."""
    from drafter.consult.forms import form_tables, form_unit

    doc = _document_with_tables(
        ["反饋單位：甲 縣 衛生局  聯系人：張三"],
        ["序号", "修改意見", "條目", "理由", "编号"],   # a form in traditional script, columns moved
        ["原文", "修改意见", "处理意见"],              # the 汇总表: not a form
        ["条目", "责任科室"],                          # a task table: not a form
        ["原文", "修改意见"],                          # the smallest form
    )
    found = [(i, cols) for i, t in enumerate(doc.tables) for table, cols in form_tables(doc)
             if table._tbl is t._tbl]
    assert found == [(0, {"said": 1, "entry": 2, "reason": 3, "id": 4}), (3, {"quote": 0, "said": 1})]
    assert form_unit(doc) == "甲县卫生局"


@pytest.mark.parametrize("text, decision", [
    ("采纳", "采纳"), (" 已采纳 ", "采纳"), ("部分采纳", "部分采纳"), ("不采纳", "不采纳"),
    ("不予采纳", "不采纳"), ("部分採納", "部分采纳"), ("不採納", "不采纳"), ("", ""), ("待定", ""),
])
def test_decision_words(text, decision):
    from drafter.consult import decision_of

    assert decision_of(text) == decision


# Decisions and conflicts --------------------------------------------------------------------

def _row(n, nid, quote, proposed, decision="采纳"):
    from drafter.consult.summary import Row

    return Row(n, "", "u%d" % n, "", quote, proposed, decision, "", nid)


def test_apply_reports_conflicts_duplicates_and_misses(tmp_path):
    from drafter.consult.apply import apply_rows
    from drafter.consult.returned import Tasks
    from drafter.readers.yaml import load as load_yaml

    doc = load_yaml(PLAN_004)
    tasks = Tasks(doc.plan)
    node = next(n for n in doc.plan.items() if n.text and len(n.paragraphs()[0]) > 30)
    para = node.paragraphs()[0]
    q1, q2 = para[0:6], para[3:9]  # overlapping: a conflict
    far = para[-6:]
    rows = [_row(1, node.id, q1, "甲"), _row(2, node.id, q2, "乙"),
            _row(3, node.id, far, "丙"), _row(4, node.id, far, "丙"),  # the same edit twice: once
            _row(5, node.id, "不存在的原文", "丁"), _row(6, node.id, far, "", "部分采纳"),
            _row(7, node.id, para[10:14], "戊", "不采纳"), _row(8, "nope", "x", "y")]
    text, out = apply_rows(doc, rows, tasks)
    assert sorted(r.n for r, _ in out.conflicts) == [1, 2]
    assert sorted(r.n for r, _ in out.applied) == [3, 4]
    assert sorted(r.n for r, _ in out.skipped) == [5, 6, 8]
    from drafter.readers.yaml import loads

    new = next(n for n in loads(text, "x.yaml").plan.items() if n.id == node.id)
    assert new.paragraphs()[0] == para[:-6] + "丙"


def test_apply_keeps_comments_and_refuses_to_overwrite(tmp_path, cli):
    """The YAML's own comments survive; the plan and an existing output are never replaced
    without --force."""
    from drafter.consult.summary import Row, write_xlsx
    from drafter.consult.returned import Tasks

    plan_path = tmp_path / "plan.yaml"
    text = PLAN_004.read_text("utf-8").replace("sections:\n", "sections:  # 各部分\n", 1)
    plan_path.write_text(text, "utf-8")
    plan = load(plan_path)
    node = plan.items()[4]
    rows = [Row(1, "", "u", "", node.title, node.title + "（修订）", id=node.id)]
    rows[0].decision = "采纳"
    xlsx = tmp_path / "d.xlsx"
    write_xlsx(rows, Tasks(plan), xlsx)
    from openpyxl import load_workbook

    wb = load_workbook(str(xlsx))
    wb.active["G2"] = "采纳"
    wb.save(str(xlsx))
    r = cli("collect", plan_path, "--decisions", xlsx, "--apply", "-o", plan_path)
    assert r.code == 2 and "input" in r.err
    out = tmp_path / "new.yaml"
    out.write_text("old", "utf-8")
    r = cli("collect", plan_path, "--decisions", xlsx, "--apply", "-o", out)
    assert r.code == 2 and out.read_text("utf-8") == "old"
    r = cli("collect", plan_path, "--decisions", xlsx, "--apply", "-o", out, "--force")
    assert r.code == 0, r.err
    new_text = out.read_text("utf-8")
    assert "sections:  # 各部分" in new_text and "# Imported from" in new_text
    assert [n.title for n in load(out).items()][4] == node.title + "（修订）"
    # exactly that line changed
    old_lines, new_lines = text.split("\n"), new_text.split("\n")
    assert len(old_lines) == len(new_lines)
    assert sum(a != b for a, b in zip(old_lines, new_lines)) == 1


# Files that cannot be collected -------------------------------------------------------------

def test_broken_and_foreign_files_are_skipped_by_name(tmp_path, cli):
    import docx

    plan = load(PLAN_004)
    good = render_draft(plan, tmp_path / "good.docx")
    d = docx.Document(str(good))
    run = next(r for p in d.paragraphs for r in p.runs if r.text == plan.items()[2].title)
    d.add_comment(run, text="好", author="丙单位")
    d.save(str(good))
    (tmp_path / "empty.docx").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("意见：同意", "utf-8")
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as z:
        z.writestr("hello.txt", "not a document")
    (tmp_path / "folder.docx").mkdir()
    bad = ["empty.docx", "notes.txt", "other.docx", "folder.docx", "missing.docx"]
    r = cli("collect", PLAN_004, *[tmp_path / n for n in bad], good, "-o", tmp_path / "s.docx")
    assert r.code == 1, r.err
    for name in bad:
        assert "%s: skipped" % name in r.err
    assert "Traceback" not in r.err
    from drafter.consult.summary import read_decisions

    assert [(x.unit, x.said) for x in read_decisions(tmp_path / "s.docx")] == [("丙单位", "好")]
    r = cli("collect", PLAN_004, *[tmp_path / n for n in bad], "-o", tmp_path / "t.docx")
    assert r.code == 2 and not (tmp_path / "t.docx").exists()


def test_doc_copies_are_read_through_libreoffice(tmp_path, soffice):
    """A unit that saves as .doc: LibreOffice converts it, comments survive."""
    import docx

    from drafter.consult.returned import Tasks, read_returned
    from drafter.office import convert

    plan = load(PLAN_004)
    node = plan.items()[7]
    draft = render_draft(plan, tmp_path / "u.docx")
    d = docx.Document(str(draft))
    run = next(r for p in d.paragraphs for r in p.runs if r.text == node.title)
    d.add_comment(run, text="建议细化", author="丁单位")
    d.save(str(draft))
    doc = convert(draft, "doc", tmp_path / "doc")
    got = read_returned(doc, Tasks(plan))
    assert [(o.unit, o.item_id, o.said) for o in got.opinions] == [("丁单位", node.id, "建议细化")]
