"""信函格式 (GB/T 9704 §10.1), measured on LibreOffice's PDF: the 标志 30 mm from the top edge,
red double rules 170 mm long and centred, thick over thin 4 mm under the 标志 and thin over
thick 20 mm above the bottom edge (±1 mm), the 发文字号 flush right under the first, no page
number on page 1 (numbers from page 2), a 版记 without 印发 line and without rules."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers.pdfcheck import convert_many, is_red, read_pdf

pytestmark = [pytest.mark.libreoffice]

LEFT, WIDTH = 28.0, 156.0


@pytest.fixture(scope="module")
def letter(soffice, tmp_path_factory):
    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import assemble, layout

    plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会办公室", year=2020, sections=[
        Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。" * 80)])],
        notice=Notice(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9), doc_number="某卫办函〔2020〕1号",
                      cc=["市委办公室"], printed_by="某市卫生健康委员会办公室", letter=True))
    paras = layout(plan, "notice")
    folder = tmp_path_factory.mktemp("letter")
    path = assemble(paras).save(folder / "letter.docx")
    return paras, read_pdf(convert_many([path], folder)[0])


def pairs(page, top: float, bottom: float):
    """The red rules between `top` and `bottom` mm, each once, top to bottom."""
    seen = {}
    for r in page.rules:
        if is_red(r["colour"]) and top <= r["top"] <= bottom:
            seen[round(r["top"], 1)] = r
    return [seen[k] for k in sorted(seen)]


def test_mark_and_double_rules(letter):
    paras, pages = letter
    first = pages[0]
    mark = first.body_lines[0]
    assert mark.squeezed == "某市卫生健康委员会办公室" and all(is_red(c) for c in mark.colours())
    assert abs(mark.top - 30) <= 1, "标志 top %.1f mm" % mark.top
    assert abs((mark.x0 + mark.x1) / 2 - 105) <= 1, "标志 not centred"
    upper = pairs(first, mark.baseline, mark.baseline + 10)
    assert len(upper) == 2 and upper[0]["width"] > upper[1]["width"], "not thick over thin: %s" % upper
    assert abs(upper[0]["top"] - mark.baseline - 4) <= 1, "first double rule %.1f mm under the 标志" \
        % (upper[0]["top"] - mark.baseline)
    lower = pairs(first, 250, 297)
    assert len(lower) == 2 and lower[0]["width"] < lower[1]["width"], "not thin over thick: %s" % lower
    assert abs(lower[0]["top"] - (297 - 20)) <= 1, "second double rule at %.1f mm" % lower[0]["top"]
    for r in upper + lower:
        assert abs(r["x0"] - 20) <= 1 and abs(r["x1"] - 190) <= 1, "rule not 170 mm, centred: %s" % r
    for page in pages[1:]:
        assert not [r for r in page.rules if is_red(r["colour"])], "double rules on page %d" % page.number


def test_doc_number_flush_right_and_page_numbers(letter):
    paras, pages = letter
    number = pages[0].body_lines[1]
    assert number.squeezed == "某卫办函〔2020〕1号"
    assert abs(number.x1 - (LEFT + WIDTH)) <= 1, "文号 not flush right"
    assert pages[0].page_number is None, "page 1 carries a number"
    assert len(pages) >= 2
    for page in pages[1:]:
        if page.body_lines and any(ln.size != 14 for ln in page.body_lines):
            assert page.page_number is not None and page.page_number.squeezed == "—%d—" % page.number


def test_imprint_without_printing_line_or_rules(letter):
    paras, pages = letter
    assert [p.role for p in paras if p.role in ("cc", "letter_cc", "imprint")] == ["letter_cc"]
    last = pages[-1]
    cc = [ln for ln in last.body_lines if ln.size == 14]
    assert [ln.squeezed for ln in cc] == ["抄送：市委办公室。"]
    assert not [r for r in last.rules if not is_red(r["colour"])], "版记 rules in a letter"
