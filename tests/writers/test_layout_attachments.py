"""附件 (GB/T 9704 §7.3.4, §7.3.7), measured on LibreOffice's PDF: the 附件说明 `附件：1.名称` 2字
in, the next numbers under the first, a wrapped name aligned with its first character; each
attachment on a new page, `附件N` in 黑体 flush left on line 1 and its title centred on line 3."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers.pdfcheck import convert_many, read_pdf

pytestmark = [pytest.mark.libreoffice]

LEFT, TOP, WIDTH = 28.0, 37.0, 156.0
CHAR = 16 * 25.4 / 72 - 0.25 * 25.4 / 72  # 1字 of body text, condensed 0.25 pt
PITCH = 28.95 * 25.4 / 72
LONG = "某市卫生健康系统深化医药卫生体制改革重点任务清单及责任分工明细表（含进度安排和考核办法）"


def grid_line(ln) -> float:
    return (ln.baseline - TOP) / PITCH + 0.2


@pytest.fixture(scope="module")
def doc(soffice, tmp_path_factory):
    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import assemble, layout

    plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", year=2020, sections=[
        Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。")])],
        notice=Notice(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9), doc_number="某卫发〔2020〕1号",
                      plan_as="attachment", attachments=[LONG, "2020年重点项目表"]))
    paras = layout(plan, "notice")
    folder = tmp_path_factory.mktemp("attachments")
    path = assemble(paras).save(folder / "notice.docx")
    return paras, read_pdf(convert_many([path], folder)[0])


def test_attachment_note_lines_align(doc):
    paras, pages = doc
    lines = [ln for p in pages for ln in p.body_lines]
    first = next(ln for ln in lines if ln.squeezed.startswith("附件：1."))
    assert abs(first.x0 - (LEFT + 2 * CHAR)) <= 1, "附件： starts %.1f mm in" % (first.x0 - LEFT)
    one = next(c for c in first.chars if c["text"] == "1")
    i = lines.index(first)
    second, wrapped, third = lines[i + 1:i + 4]
    assert second.squeezed.startswith("2.") and third.squeezed.startswith("3."), "the long name did not wrap"
    name0 = second.chars[[c["text"] for c in second.chars].index(".") + 1]
    for ln in (second, third):
        assert abs(ln.x0 - one["x0"] * 25.4 / 72) <= 1, "%s is not under 1." % ln.squeezed[:2]
    assert abs(wrapped.x0 - name0["x0"] * 25.4 / 72) <= 1, "the wrapped name does not align with its first character"


def test_each_attachment_starts_a_page_label_on_line_1_title_on_line_3(doc):
    paras, pages = doc
    label = next(p.text for p in paras if p.role == "attachment_label")
    title = re.sub(r"\s+", "", next(p.text for p in paras if p.role == "title" and "工作要点" == p.text[-4:]))
    page = next(p for p in pages if p.body_lines and p.body_lines[0].squeezed == label)
    head = page.body_lines[0]
    assert label == "附件1"
    assert round(grid_line(head)) == 1 and abs(head.x0 - LEFT) <= 0.5
    assert any("Sans" in f for f in head.fonts), "附件 label not in 黑体: %s" % head.fonts
    t = next(ln for ln in page.body_lines if ln.squeezed == title)
    assert round(grid_line(t)) == 3, "title on line %.1f" % grid_line(t)
    assert abs((t.x0 + t.x1) / 2 - (LEFT + WIDTH / 2)) <= 1, "title not centred"
