"""The four tables drafter writes (任务分工表, 意见反馈表, 新旧对照表, 意见汇总表), each from one
table description: read back from the written file, their grid, widths, alignment, vertical
anchor and header row are the description's, straight from the writer with nothing patched
afterwards; and every table in every document drafter writes has a grid that sums to its width."""
from __future__ import annotations

import copy
import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import PLANS, load
from helpers.wordml import W

PLAN_000 = PLANS / "2017-衡阳市-工作要点.yaml"
PLAN_002 = PLANS / "2019-钦州市-工作要点.yaml"
MM_TWIPS = 1440 / 25.4


# Reading a written .docx back ----------------------------------------------------------------

@dataclass
class Cell:
    width: int
    align: str  # the paragraph's own w:jc, else its style's
    valign: str | None
    text: str


@dataclass
class ReadTable:
    width: int  # w:tblW
    grid: list[int]  # w:gridCol
    rows: list[list[Cell]]
    header: list[bool]  # w:tblHeader per row
    cant_split: list[bool]


def read_tables(path) -> list[ReadTable]:
    """Every w:tbl of the body (text boxes included), read with lxml from the file itself."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    style_jc = {}
    for s in styles.iter(W + "style"):
        jc = s.find("%spPr/%sjc" % (W, W))
        style_jc[s.get(W + "styleId")] = jc.get(W + "val") if jc is not None else "left"
    out = []
    for tbl in body.iter(W + "tbl"):
        rows, header, cant = [], [], []
        for tr in tbl.findall(W + "tr"):
            cells = []
            for tc in tr.findall(W + "tc"):
                p = tc.find(W + "p")
                jc = p.find("%spPr/%sjc" % (W, W))
                style = p.find("%spPr/%spStyle" % (W, W))
                align = jc.get(W + "val") if jc is not None else style_jc[style.get(W + "val")]
                valign = tc.find("%stcPr/%svAlign" % (W, W))
                cells.append(Cell(int(tc.find("%stcPr/%stcW" % (W, W)).get(W + "w")), align,
                                  valign.get(W + "val") if valign is not None else None,
                                  "".join(t.text or "" for t in tc.iter(W + "t"))))
            rows.append(cells)
            header.append(tr.find("%strPr/%stblHeader" % (W, W)) is not None)
            cant.append(tr.find("%strPr/%scantSplit" % (W, W)) is not None)
        out.append(ReadTable(int(tbl.find("%stblPr/%stblW" % (W, W)).get(W + "w")),
                             [int(g.get(W + "w")) for g in tbl.iter(W + "gridCol")], rows, header, cant))
    return out


def the_table(path, description) -> ReadTable:
    """The one table of `path` with as many columns as `description` (not the 版记)."""
    found = [t for t in read_tables(path) if len(t.grid) == len(description.columns)]
    assert len(found) == 1, [len(t.grid) for t in read_tables(path)]
    return found[0]


def assert_laid_out_as(table: ReadTable, description, body_rows: int) -> None:
    """The written table is the description: grid = widths, tblW = their sum, each cell as
    wide as its column, body cells aligned and anchored as their column says, header row
    centred and repeated on each page, body rows kept whole (a tall one, over a quarter of a
    page, may split)."""
    widths = [round(c.width_mm * MM_TWIPS) for c in description.columns]
    assert table.grid == widths
    assert table.width == sum(table.grid)
    assert len(table.rows) == 1 + body_rows
    assert table.header == [True] + [False] * body_rows
    assert table.cant_split[0] is False
    assert all(kept or len(text) > 150 for kept, text in
               zip(table.cant_split[1:], ("".join(c.text for c in r) for r in table.rows[1:])))
    for i, row in enumerate(table.rows):
        assert [c.width for c in row] == widths
        for cell, column in zip(row, description.columns):
            assert cell.valign == column.valign
            assert cell.align == (description.head_align if i == 0 else column.align)


# The four tables ------------------------------------------------------------------------------

def test_task_table_is_its_description(tmp_path):
    from drafter.writers.docx import layout, load_look, write
    from drafter.writers.docx.layout import _tasks

    plan = load(PLAN_000)
    description = load_look().table("tasks")
    assert [c.align for c in description.columns] == ["center", "left", "left", "left", "center"]
    path = write(plan, tmp_path / "tasks.docx", "tasks")
    table = the_table(path, description)
    assert_laid_out_as(table, description, len(list(_tasks(plan))))
    assert [c.text for c in table.rows[0]] == ["序号", "任务", "牵头", "参与", "完成时限"]
    # the whole 版心 of a landscape page (widths rounded each), GB/T 9704 §8
    assert abs(table.width - load_look().text_width(landscape=True)) <= 5
    rows = [p for p in layout(plan, "tasks") if p.role in ("table_head", "table_row")]
    assert {id(p.table) for p in rows} == {id(rows[0].table)}  # one description for all rows


def test_task_workbook_aligns_as_the_table_description(tmp_path):
    from drafter.writers.docx import load_look
    from drafter.writers.xlsx import workbook

    description = load_look().table("tasks")
    ws = workbook(load(PLAN_000)).active
    head, first = ws[2], ws[3]
    assert [c.alignment.horizontal for c in head] == ["center"] * len(description.columns)
    assert [c.alignment.horizontal for c in first] == [c.align for c in description.columns]
    assert {c.alignment.vertical for c in first} == {c.valign for c in description.columns}


def test_feedback_form_is_aligned_by_the_writer_with_nothing_patched(tmp_path, monkeypatch):
    """The form's cells are aligned in the writer's own output: the file write_package saves
    is, part for part, what the writer assembles from the form's description, and python-docx
    (which the old code patched the cells with) is never opened while writing."""
    from drafter.consult.send import consult_plan, form_paras, write_package
    from drafter.writers.docx import assemble, load_look
    from drafter.writers.docx.package import Package

    def no_patching(self):
        raise AssertionError("the built document was opened for editing")

    monkeypatch.setattr(Package, "document", no_patching)
    plan = consult_plan(load(PLAN_000), deadline=datetime.date(2018, 2, 28), contact="李四", phone="0734-1234567")
    pkg = write_package(plan, tmp_path)
    description = load_look().table("feedback")
    assert [c.width_mm for c in description.columns] == [12, 60, 55, 55, 41, 2]
    assert [c.hidden for c in description.columns] == [False] * 5 + [True]  # the task ID
    assert [c.align for c in description.columns] == ["center", "left", "left", "left", "left", "center"]
    items = len(list(plan.walk()))
    for path in (pkg.form, pkg.notice):  # alone, and as 附件2 of the notice
        table = the_table(path, description)
        assert_laid_out_as(table, description, items + 5)
        assert table.rows[1][0].align == "center" and table.rows[1][4].align == "left"
        assert table.rows[1][-1].text == next(n for n, _ in plan.walk()).id
    mine = assemble(form_paras(plan)).parts
    with zipfile.ZipFile(pkg.form) as z:
        for name in ("word/document.xml", "word/styles.xml", "[Content_Types].xml"):
            assert z.read(name) == mine[name], name


def test_feedback_form_cells_are_smaller_in_their_own_marks(tmp_path):
    """Cell text at the form's 小四, empty cells too (their paragraph marks), while the look's
    own table styles are left as they are."""
    from lxml import etree

    from drafter.consult.send import form_paras
    from drafter.writers.docx import assemble

    xml = etree.fromstring(assemble(form_paras(load(PLAN_000))).parts["word/document.xml"])
    tbl = next(t for t in xml.iter(W + "tbl") if len(list(t.iter(W + "gridCol"))) == 6)
    blank = tbl.findall(W + "tr")[-1].findall(W + "tc")[2]  # a blank row's 原文 cell
    assert blank.find(W + "p").find("%spPr/%srPr/%ssz" % (W, W, W)).get(W + "val") == "24"
    sizes = {e.get(W + "val") for e in tbl.iter(W + "sz")}
    assert sizes == {"24"}


def test_compare_table_is_its_description(tmp_path):
    from drafter.diff import compare
    from drafter.writers.compare_table import write_compare_table
    from drafter.writers.docx import load_look

    old = load(PLAN_000)
    new = copy.deepcopy(old)
    new.sections[0].items[0].title += "并推进"
    del new.sections[1].items[0]
    d = compare(old, new)
    path = write_compare_table(d, tmp_path / "compare.docx")
    description = load_look().table("compare")
    assert [c.width_mm for c in description.columns] == [14, 93, 93, 25]
    table = the_table(path, description)
    rows = sum(1 for c in d.changes if len((c.new or c.old).path) > 1 or not
               (d.new if c.new else d.old).node_at((c.new or c.old).path).items)
    assert_laid_out_as(table, description, rows)
    assert [c.text for c in table.rows[0]] == ["序号", "原文", "修改后", "变化"]
    assert abs(table.width - load_look().text_width(landscape=True)) <= 4


def summary_inputs():
    from drafter.consult import Opinion
    from drafter.consult.returned import Tasks

    plan = load(PLAN_000)
    tasks = Tasks(plan)
    ids = [n.id for n, _ in plan.walk()][:3]
    opinions = [Opinion("卫生监督所", ids[0], "建议补充时限", quote="巩固", proposed="巩固并扩大", edit=True),
                Opinion("疾控中心", ids[1], "表述不清"),
                Opinion("医政医管科", None, "另行研究", entry="第九条")]
    return tasks, opinions


def test_summary_table_is_its_description_on_a_landscape_page(tmp_path):
    from lxml import etree

    from drafter.consult.summary import rows_of, write_docx
    from drafter.writers.docx import load_look

    tasks, opinions = summary_inputs()
    before = copy.deepcopy(load_look().data)
    path = write_docx(rows_of(opinions, tasks), tasks, tmp_path / "summary.docx")
    assert load_look().data == before  # the look itself is not touched
    description = load_look().table("summary")
    assert description.cell_pt == 10.5
    table = the_table(path, description)
    assert_laid_out_as(table, description, len(opinions))
    assert [r[-1].text for r in table.rows[1:]] == [o.item_id or "" for o in opinions]
    assert abs(table.width - round(225 * MM_TWIPS)) <= 9  # the landscape 版心 (widths rounded each)
    with zipfile.ZipFile(path) as z:
        sect = etree.fromstring(z.read("word/document.xml")).find("%sbody/%ssectPr" % (W, W))
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    assert int(size.get(W + "w")) > int(size.get(W + "h"))
    page = int(size.get(W + "w")) - int(margins.get(W + "left")) - int(margins.get(W + "right"))
    assert page == load_look().text_width(landscape=True) == round(225 * MM_TWIPS)


def test_summary_workbook_takes_the_table_widths(tmp_path):
    from openpyxl import load_workbook

    from drafter.consult.summary import rows_of, write_xlsx
    from drafter.writers.docx import load_look

    tasks, opinions = summary_inputs()
    path = write_xlsx(rows_of(opinions, tasks), tasks, tmp_path / "summary.xlsx")
    ws = load_workbook(str(path)).active
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(9)]
    assert widths == pytest.approx([max(6, w * 0.6) for w in load_look().table("summary").widths_mm])


# An office's look ----------------------------------------------------------------------------

def test_an_office_sets_a_tables_columns_in_its_look(tmp_path):
    from drafter.consult.send import form_paras
    from drafter.writers.docx import assemble, load_look

    (tmp_path / "look.yaml").write_text(
        "feedback_table:\n  widths_mm: [10, 50, 30, 30, 20, 16]\n  valign: top\n", encoding="utf-8")
    description = load_look(str(tmp_path)).table("feedback")
    assert description.cell_pt == 12  # what the office left out stays the built-in's
    assert [c.valign for c in description.columns] == ["top"] * 6
    path = assemble(form_paras(load(PLAN_000), str(tmp_path)), template_dir=str(tmp_path)).save(
        tmp_path / "form.docx")
    table = the_table(path, description)
    assert table.grid == [round(w * MM_TWIPS) for w in (10, 50, 30, 30, 20, 16)]
    assert {c.valign for row in table.rows for c in row} == {"top"}


@pytest.mark.parametrize("entry, message", [
    ("feedback_table:\n  align: [center, left]\n", "feedback_table.align: expected 6 of"),
    ("compare_table:\n  widths_mm: [12, -3, 62, 20]\n", "compare_table.widths_mm: expected a list of positive"),
    ("table:\n  valign: middle\n", "table.valign: expected 5 of top|center|bottom"),
])
def test_a_broken_table_entry_is_one_located_error(tmp_path, cli, entry, message):
    (tmp_path / "look.yaml").write_text(entry, encoding="utf-8")
    kind = {"feedback_table": "consult", "compare_table": "compare-table", "table": "tasks"}[entry.split(":")[0]]
    if kind == "tasks":
        r = cli("render", PLAN_000, "--as", "tasks", "-o", tmp_path / "t.docx", "--template-dir", tmp_path)
    elif kind == "consult":
        r = cli("consult", PLAN_000, "-o", tmp_path / "out", "--template-dir", tmp_path, "--deadline",
                "2018-02-28", "--contact", "张三", "--phone", "0734-8888888")
    else:
        r = cli("compare-table", PLAN_000, PLAN_000, "-o", tmp_path / "c.docx", "--template-dir", tmp_path)
    assert r.code == 2
    assert message in r.err and str(tmp_path / "look.yaml") in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


# Every table drafter writes ------------------------------------------------------------------

def written_documents(tmp_path) -> list[Path]:
    """One of each document drafter writes with a table: every kind of every bundled plan, a
    redline, the consult package, a comparison table, a comment summary."""
    from drafter.consult.send import consult_plan, write_package
    from drafter.consult.summary import rows_of, write_docx
    from drafter.diff import compare
    from drafter.writers.compare_table import write_compare_table
    from drafter.writers.docx import KINDS, write
    from drafter.writers.docx.layout import missing_notice_fields
    from drafter.writers.redline import write_redline

    out = []
    for k, path in enumerate(sorted(PLANS.glob("*.yaml"))):
        plan = load(path)
        for kind in KINDS:
            if not missing_notice_fields(plan, kind):
                out.append(write(plan, tmp_path / ("%d-%s.docx" % (k, kind)), kind))
    old = load(PLAN_000)
    new = copy.deepcopy(old)
    del new.sections[0].items[0]
    d = compare(old, new)
    out.append(write_compare_table(d, tmp_path / "compare.docx"))
    out.append(write_redline(d, tmp_path / "redline.docx"))
    pkg = write_package(consult_plan(load(PLAN_002), deadline=datetime.date(2019, 6, 1), contact="李四",
                                         phone="0777-2222222"), tmp_path / "consult")
    out += [pkg.notice, pkg.draft, pkg.form]
    tasks, opinions = summary_inputs()
    out.append(write_docx(rows_of(opinions, tasks), tasks, tmp_path / "summary.docx"))
    return out


def test_every_table_grid_sums_to_its_width(tmp_path):
    """WPS lays a table out by its w:gridCol, Word and LibreOffice by w:tblW and w:tcW: in
    every table drafter writes (the 版记's one-column table included) they agree."""
    columns = set()
    for path in written_documents(tmp_path):
        for table in read_tables(path):
            columns.add(len(table.grid))
            assert sum(table.grid) == table.width, path.name
            for row in table.rows:
                assert [c.width for c in row] == table.grid, path.name
    assert columns == {1, 4, 5, 6, 9}  # 版记, the four tables


@given(widths=st.lists(st.integers(min_value=3, max_value=80), min_size=1, max_size=9),
       head=st.sampled_from(["left", "center", "right", "both"]),
       aligns=st.data())
def test_any_table_description_gives_a_grid_as_wide_as_the_table(widths, head, aligns):
    from lxml import etree

    from drafter.writers.docx import Para, Run, assemble
    from drafter.writers.docx.tables import ALIGNS, Column, Table

    columns = tuple(Column(w, aligns.draw(st.sampled_from(ALIGNS)), aligns.draw(st.sampled_from(["top", "center", "bottom"])))
                    for w in widths)
    table = Table(columns, head_align=head)
    paras = [Para("table_head", cells=[[Run("列%d" % i)] for i in range(len(widths))], table=table),
             Para("table_row", cells=[[Run("x")] for _ in widths], table=table)]
    xml = etree.fromstring(assemble(paras).parts["word/document.xml"])
    tbl = next(xml.iter(W + "tbl"))
    grid = [int(g.get(W + "w")) for g in tbl.iter(W + "gridCol")]
    assert grid == [round(w * MM_TWIPS) for w in widths]
    assert int(tbl.find("%stblPr/%stblW" % (W, W)).get(W + "w")) == sum(grid)
    body = tbl.findall(W + "tr")[1]
    for tc, column in zip(body.findall(W + "tc"), columns):
        assert tc.find("%stcPr/%svAlign" % (W, W)).get(W + "val") == column.valign
        jc = tc.find("%sp/%spPr/%sjc" % (W, W, W))
        assert (jc.get(W + "val") if jc is not None else "left") == column.align
