"""GB/T 9704 §8, measured on LibreOffice's PDF: the 任务分工表, the 新旧对照表 and the 意见反馈表
(alone, and as 附件2 of the 征求意见 notice) print on landscape A4; the page's top, the table's
head, lies on the upright page's left edge (the binding edge of an odd page), the 版心 stays
where it is on the sheet, and the page number stands where the upright pages have theirs:
7 mm out from the 版心, turned with the page, 1字 in from the upright page's right (odd) or left
(even) end of the 版心; numbering runs on through the turned pages.  The form shows no task ID
to people, and `collect` still reads it."""
from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from helpers import PLANS
from helpers.pdfcheck import PT_MM, convert_many

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

PLAN = PLANS / "2017-衡阳市-工作要点.yaml"
OLD = PLANS / "2015-南通市-工作要点.yaml"
# the turned page: 297 × 210 mm; its margins are the upright page's turned a quarter
LEFT, RIGHT, TOP, BOTTOM = 35.0, 37.0, 28.0, 26.0  # mm: 版心 225 × 156
CHAR14 = 14 * PT_MM  # 1字 of the page number's 4号


def turned_number(page) -> tuple[str, float, float, float, float] | None:
    """The page's turned page number: (text, x0, x1, top, bottom) in mm."""
    chars = sorted((c for c in page.chars if not c.get("upright", True)), key=lambda c: c["top"])
    if not chars:
        return None
    return ("".join(c["text"] for c in chars).replace(" ", ""), min(c["x0"] for c in chars) * PT_MM,
            max(c["x1"] for c in chars) * PT_MM, min(c["top"] for c in chars) * PT_MM,
            max(c["bottom"] for c in chars) * PT_MM)


@pytest.fixture(scope="module")
def pdfs(soffice, tmp_path_factory, cli_module):
    folder = tmp_path_factory.mktemp("landscape")
    files = {"tasks": folder / "tasks.docx", "compare": folder / "compare.docx"}
    assert cli_module("render", PLAN, "--as", "tasks", "-o", files["tasks"]).code == 0
    assert cli_module("compare-table", OLD, PLAN, "-o", files["compare"]).code in (0, 1)
    r = cli_module("consult", PLAN, "-o", folder / "consult", "--deadline", "2017-02-28", "--contact", "张三",
                   "--phone", "0734-1234567", "--date", "2017-02-10")
    assert r.code == 0, r.err
    made = sorted((folder / "consult").glob("*.docx"))
    files["form"] = next(p for p in made if "反馈表" in p.name)
    files["notice"] = next(p for p in made if "通知" in p.name)
    return dict(zip(files, convert_many(list(files.values()), folder))), files


@pytest.fixture(scope="module")
def cli_module():
    from helpers import run_cli

    return run_cli


def landscape_pages(pdf):
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        out = []
        for n, page in enumerate(doc.pages, 1):
            size = (round(page.width * PT_MM), round(page.height * PT_MM))
            rules = [(r["x0"] * PT_MM, r["x1"] * PT_MM) for r in list(page.lines) + list(page.rects)
                     if abs(r["x1"] - r["x0"]) > 8 and abs(r["bottom"] - r["top"]) < 3]
            out.append((n, size, turned_number(page), rules, page.extract_text() or ""))
        return out


@pytest.mark.parametrize("kind", ["tasks", "compare", "form"])
def test_tables_print_on_landscape_a4(pdfs, kind):
    pages = landscape_pages(pdfs[0][kind])
    assert pages and all(size == (297, 210) for _, size, *_ in pages)
    hidden = 2 if kind == "form" else 0  # the form's last column (task IDs) has no rules
    assert pages[0][3], "no table on page 1"
    for n, _, number, rules, _ in pages:
        check_number(n, number)
        if not rules:  # the form's notes after its table
            continue
        assert abs(min(x0 for x0, _ in rules) - LEFT) <= 1, "page %d: the table starts off the 版心" % n
        assert abs(max(x1 for _, x1 in rules) + hidden - (297 - RIGHT)) <= 1, "page %d: the table is not 225 mm" % n


def check_number(n: int, number) -> None:
    assert number is not None, "page %d: no turned page number" % n
    text, x0, x1, top, bottom = number
    assert text == "—%d—" % n
    assert abs(x1 - (LEFT - 7)) <= 1.5, "page %d: number %.1f mm out from the 版心" % (n, LEFT - x1)
    if n % 2:  # the upright page's right end of the 版心: here its bottom, 1字 in
        assert abs(bottom - (210 - BOTTOM - CHAR14)) <= 1.5, "odd page %d: number ends at %.1f mm" % (n, bottom)
    else:
        assert abs(top - (TOP + CHAR14)) <= 1.5, "even page %d: number starts at %.1f mm" % (n, top)


def test_the_notice_turns_for_its_form_and_numbers_on(pdfs):
    pages = landscape_pages(pdfs[0]["notice"])
    turned = [p for p in pages if p[1] == (297, 210)]
    assert turned and re.search(r"^附件\s*2$", turned[0][4], re.M) and "反馈单位" in turned[0][4]
    assert pages[0][1] == (210, 297)
    first = turned[0][0]
    assert all(p[1] == (297, 210) for p in pages[first - 1:first - 1 + len(turned)]), "turned pages not together"
    for n, _, number, _, _ in turned:
        check_number(n, number)
    upright = subprocess.run(["pdftotext", "-f", str(first - 1), "-l", str(first - 1), str(pdfs[0]["notice"]), "-"],
                             capture_output=True, text=True).stdout
    assert re.search(r"—\s*%d\s*—" % (first - 1), upright), "numbering does not run on to the turned pages"


def test_the_form_hides_task_ids_from_people_but_not_from_collect(pdfs, tmp_path, cli_module):
    import docx

    from drafter.readers import read

    plan = read(PLAN).plan
    ids = {n.id for n, _ in plan.walk() if n.id}
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]["form"]), "-"], capture_output=True,
                          text=True).stdout
    assert not ids & set(re.findall(r"[0-9a-z]{4,}", text)), "task IDs printed on the form"
    d = docx.Document(str(pdfs[1]["form"]))
    table = d.tables[0]
    target = next(n for n, _ in plan.walk() if n.id and not n.items)
    row = next(r for r in table.rows[1:] if r.cells[-1].text.strip() == target.id)
    row.cells[3].text = "建议补充完成时限。"
    row.cells[1].text = ""  # the unit wiped the 条目: only the hidden ID ties the row
    returned = tmp_path / "某县卫生健康局.docx"
    d.save(str(returned))
    r = cli_module("collect", PLAN, returned, "-o", tmp_path / "sum.xlsx")
    assert r.code == 0, r.err
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "sum.xlsx").active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(target.id in row and "建议补充完成时限。" in row for row in values), values[:4]
