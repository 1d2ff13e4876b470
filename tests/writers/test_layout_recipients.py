"""A 主送 too long for page 1 to show body text moves to the 版记 (GB/T 9704 §7.3.2, §7.4.2):
`主送：…` laid out like 抄送, on the line above it, with no rule between them; measured on
LibreOffice's PDF with a 30-unit list.  A list that leaves room stays under the title."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers.pdfcheck import convert_many, is_red, read_pdf

pytestmark = [pytest.mark.libreoffice]

UNITS = ["第%s县（市、区）卫生健康局" % n for n in "一二三四五六七八九十"] + \
    ["市第%s人民医院" % n for n in "一二三四五六七八九十"] + \
    ["市直第%s医疗卫生单位" % n for n in "一二三四五六七八九十"]


def notice(recipients):
    from drafter.model import Item, Notice, Plan

    return Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", year=2020, sections=[
        Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。")])],
        notice=Notice(recipients=recipients, date=dt.date(2020, 3, 9), doc_number="某卫发〔2020〕1号",
                      body="现将《2020年全市卫生健康工作要点》印发给你们，请认真贯彻执行。",
                      cc=["市委办公室", "市政府办公室"], printed_by="某市卫生健康委员会办公室",
                      printed_on=dt.date(2020, 3, 10)))


@pytest.fixture(scope="module")
def docs(soffice, tmp_path_factory):
    from drafter.writers.docx import assemble, layout

    folder = tmp_path_factory.mktemp("recipients")
    out = {}
    for name, units in (("long", UNITS), ("short", UNITS[:3])):
        paras = layout(notice(units), "notice")
        out[name] = (paras, assemble(paras).save(folder / ("%s.docx" % name)))
    pdfs = convert_many([p for _, p in out.values()], folder)
    return {k: (v[0], read_pdf(pdf)) for (k, v), pdf in zip(out.items(), pdfs)}


def squeeze(text):
    return re.sub(r"\s+", "", text)


def test_long_recipients_move_to_the_imprint(docs):
    from drafter.lint.pages import page_findings, read_pages

    paras, pages = docs["long"]
    first = "".join(ln.squeezed for ln in pages[0].body_lines)
    assert "现将《2020年全市卫生健康工作要点》" in first, "page 1 shows no body text"
    assert UNITS[-1] not in first
    last = pages[-1]
    small = [ln for ln in last.body_lines if ln.size == 14]
    text = "".join(ln.squeezed for ln in small)
    assert text.startswith("主送：" + "，".join(UNITS)) and "。抄送：市委办公室" in text
    main_end = max(ln.baseline for ln in small if UNITS[-1][-3:] in ln.squeezed)
    cc_top = next(ln for ln in small if ln.squeezed.startswith("抄送")).top
    rules = [r for r in last.rules if not is_red(r["colour"])]
    assert not [r for r in rules if main_end < r["top"] < cc_top], "a rule between 主送 and 抄送"
    assert len(rules) >= 2 and min(r["top"] for r in rules) < small[0].top, "no rule above the 版记"


def test_short_recipients_stay_under_the_title(docs):
    paras, pages = docs["short"]
    first = [ln.squeezed for ln in pages[0].body_lines]
    assert "".join(first).find(UNITS[0]) >= 0 and any(ln.endswith("：") for ln in first)
    assert "主送" not in "".join(ln.squeezed for ln in pages[-1].body_lines)
