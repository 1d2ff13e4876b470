"""联合行文 (GB/T 9704 §7.2.4, §7.3.5), measured on LibreOffice's PDF with 2 and 3 issuers: the
names one a line in the 版头, lead first, `文件` to their right and centred on them vertically,
red; page 1 still shows body text; one 署名 per issuer in order, on a page with body text; no
page rule broken."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers.pdfcheck import convert_many, is_red, read_pdf

pytestmark = [pytest.mark.libreoffice]

LEAD = "某市卫生健康委员会"
OTHERS = ["某市财政局", "某市医疗保障局"]


@pytest.fixture(scope="module")
def docs(soffice, tmp_path_factory):
    from drafter.lint.pages import read_pages
    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import assemble, layout

    folder = tmp_path_factory.mktemp("joint")
    made = {}
    for n in (2, 3):
        plan = Plan(title="2020年全市卫生健康工作要点", issuer=LEAD, year=2020, sections=[
            Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。" * 60)])],
            notice=Notice(recipients=["各县区卫生健康局", "各县区财政局", "各县区医疗保障局"], date=dt.date(2020, 3, 9),
                          doc_number="某卫发〔2020〕1号", co_issuers=OTHERS[:n - 1], cc=["市委办公室"],
                          printed_by="某市卫生健康委员会办公室"))
        paras = layout(plan, "notice")
        made[n] = (paras, assemble(paras, imprint="same").save(folder / ("joint-%d.docx" % n)))
    pdfs = convert_many([m[1] for m in made.values()], folder)
    return {n: (made[n][0], read_pdf(pdf), read_pages(pdf)) for n, pdf in zip(made, pdfs)}


@pytest.mark.parametrize("n", [2, 3])
def test_joint_head(docs, n):
    paras, pages, _ = docs[n]
    names = [LEAD] + OTHERS[:n - 1]
    lines = pages[0].body_lines
    head = [ln for ln in lines if all(is_red(c) for c in ln.colours())]
    texts = [ln.squeezed for ln in head]
    found = [t for t in texts if any(t.startswith(name) for name in names)]
    assert [next(name for name in names if t.startswith(name)) for t in found] == names, texts
    word = [c for ln in head for c in ln.chars if c["text"] in "文件"]
    assert len(word) == 2, "文件 once"
    word_mid = (min(c["top"] for c in word) + max(c["bottom"] for c in word)) / 2 * 25.4 / 72
    names_mid = (min(ln.top for ln in head) + max(ln.baseline for ln in head)) / 2
    assert abs(word_mid - names_mid) <= 3, "文件 not centred on the names (%.1f vs %.1f mm)" % (word_mid, names_mid)
    name_x1 = max(c["x1"] for ln in head for c in ln.chars if c["text"] not in "文件") * 25.4 / 72
    assert min(c["x0"] for c in word) * 25.4 / 72 > name_x1, "文件 not right of the names"
    assert abs(head[0].top - (37 + 35)) <= 2, "版头 top %.1f mm" % head[0].top


@pytest.mark.parametrize("n", [2, 3])
def test_joint_signatures_and_page_rules(docs, n):
    from drafter.lint.pages import page_findings

    paras, pages, lint_pages = docs[n]
    names = [LEAD] + OTHERS[:n - 1]
    assert [p.text for p in paras if p.role == "signature"] == names
    page = next(p for p in pages if any(ln.squeezed == "2020年3月9日" for ln in p.body_lines))
    lines = [ln.squeezed for ln in page.body_lines]
    at = [len(lines) - 1 - lines[::-1].index(name) for name in names]  # the 署名s, not the 版头
    assert at == sorted(at) and at[-1] + 1 == lines.index("2020年3月9日")
    first = "".join(ln.squeezed for ln in pages[0].body_lines)
    assert "现将" in first, "page 1 shows no body text"
    assert [str(f) for f in page_findings(lint_pages) if f.code != "page-imprint-not-last-even"] == []
