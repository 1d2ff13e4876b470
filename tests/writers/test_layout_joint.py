"""联合行文 (GB/T 9704 §7.2.4, §7.3.5), measured on LibreOffice's PDF with 2, 3 and 4 issuers:
the names one a line in the 版头, lead first, `文件` to their right and centred on them
vertically, red; page 1 still shows body text; one 署名 per issuer in order, on a page with body
text; no page rule broken.  Without seals the 署名s stand one a line (§7.3.5.2); with seals
(§7.3.5.1) they stand in rows where a seal of 42 mm centred on each 署名 (the last one on the
last 署名 and the date) stays inside the 版心, touches no other, and the first row's seals
start within a line under the body."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers.pdfcheck import convert_many, is_red, read_pdf

pytestmark = [pytest.mark.libreoffice]

LEAD = "某市卫生健康委员会"
OTHERS = ["某市财政局", "某市医疗保障局", "某市人力资源和社会保障局"]
LEFT, WIDTH, LINE = 28.0, 156.0, 225.0 / 22  # the 版心 (mm) and its line pitch
SEAL = 42.0  # the look's seal_mm
KEYS = [(2, False), (3, False), (2, True), (3, True), (4, True)]


@pytest.fixture(scope="module")
def docs(soffice, tmp_path_factory):
    from drafter.lint.pages import read_pages
    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import assemble, layout

    folder = tmp_path_factory.mktemp("joint")
    made = {}
    for n, seal in KEYS:
        plan = Plan(title="2020年全市卫生健康工作要点", issuer=LEAD, year=2020, sections=[
            Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。" * 60)])],
            notice=Notice(recipients=["各县区卫生健康局", "各县区财政局", "各县区医疗保障局"], date=dt.date(2020, 3, 9),
                          doc_number="某卫发〔2020〕1号", co_issuers=OTHERS[:n - 1], cc=["市委办公室"],
                          printed_by="某市卫生健康委员会办公室", seal=seal))
        paras = layout(plan, "notice")
        made[n, seal] = (paras, assemble(paras, imprint="same").save(folder / ("joint-%d-%s.docx" % (n, seal))))
    pdfs = convert_many([m[1] for m in made.values()], folder)
    return {key: (made[key][0], read_pdf(pdf), read_pages(pdf)) for key, pdf in zip(made, pdfs)}


@pytest.mark.parametrize("n", [2, 3])
def test_joint_head(docs, n):
    paras, pages, _ = docs[n, False]
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

    paras, pages, lint_pages = docs[n, False]
    names = [LEAD] + OTHERS[:n - 1]
    assert [p.text for p in paras if p.role == "signature"] == names
    page = next(p for p in pages if any(ln.squeezed == "2020年3月9日" for ln in p.body_lines))
    lines = [ln.squeezed for ln in page.body_lines]
    at = [len(lines) - 1 - lines[::-1].index(name) for name in names]  # the 署名s, not the 版头
    assert at == sorted(at) and at[-1] + 1 == lines.index("2020年3月9日")
    first = "".join(ln.squeezed for ln in pages[0].body_lines)
    assert "现将" in first, "page 1 shows no body text"
    assert [str(f) for f in page_findings(lint_pages) if f.code != "page-imprint-not-last-even"] == []


def name_spans(line, names: list[str]) -> list[tuple[str, float, float]]:
    """(name, x0, x1) in mm of each of `names` found on a line, left to right."""
    chars = [c for c in line.chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    out, at = [], 0
    for name in names:
        k = text.find(name, at)
        if k >= 0:
            out.append((name, chars[k]["x0"] * 25.4 / 72, chars[k + len(name) - 1]["x1"] * 25.4 / 72))
            at = k + len(name)
    return out


@pytest.mark.parametrize("n", [2, 3, 4])
def test_joint_seal_rows(docs, n):
    """Seals centred on the 署名s (the last on the last 署名 and the date), in issuer order, as
    rows: every seal inside the 版心, no two touching, names at least 1字 apart, the columns of
    the rows aligned, the first row's seals' tops within a line under the body."""
    from drafter.lint.pages import page_findings

    paras, pages, lint_pages = docs[n, True]
    names = [LEAD] + OTHERS[:n - 1]
    assert not [p for p in paras if p.role == "signature"]
    page = next(p for p in pages if any(ln.squeezed == "2020年3月9日" for ln in p.body_lines))
    lines = page.body_lines
    at_date = next(i for i, ln in enumerate(lines) if ln.squeezed == "2020年3月9日")
    date = lines[at_date]
    rows = []
    for ln in lines[:at_date]:
        spans = name_spans(ln, names)
        if spans and "".join(s[0] for s in spans) == ln.squeezed and not all(is_red(c) for c in ln.colours()):
            rows.append((ln, spans))
    assert [s[0] for _, spans in rows for s in spans] == names, "署名s not in issuer order"
    body_bottom = max(ln.baseline for ln in lines[:lines.index(rows[0][0])])
    seals = []  # (x, y) centres in mm
    for k, (ln, spans) in enumerate(rows):
        y = (ln.top + ln.baseline) / 2
        for j, (name, x0, x1) in enumerate(spans):
            last = k == len(rows) - 1 and j == len(spans) - 1
            seals.append(((x0 + x1) / 2, (y + (date.top + date.baseline) / 2) / 2 if last else y))
        for a, b in zip(spans, spans[1:]):
            assert b[1] - a[2] >= 5.4, "%s and %s closer than 1字" % (a[0], b[0])
    for x, _ in seals:
        assert LEFT - 0.5 <= x - SEAL / 2 and x + SEAL / 2 <= LEFT + WIDTH + 0.5, "a seal outside the 版心"
    for i, (a, b) in enumerate(zip(seals, seals[1:])):
        for c in seals[i + 1:]:
            assert ((a[0] - c[0]) ** 2 + (a[1] - c[1]) ** 2) ** 0.5 > SEAL, "two seals touch"
    assert abs(seals[-1][0] - (date.x0 + date.x1) / 2) <= 1, "the last seal is not centred on the date"
    first_top = min(y for x, y in seals[:len(rows[0][1])]) - SEAL / 2
    assert 0 <= first_top - body_bottom <= LINE, "first row's seals start %.1f mm under the body" % (
        first_top - body_bottom)
    columns = [round(x) for x, _ in seals[:len(rows[0][1])]]
    for _, spans in rows[1:]:
        assert all(min(abs((x0 + x1) / 2 - c) for c in columns) <= 1 for _, x0, x1 in spans), "rows not aligned"
    assert len(rows) == (1 if n <= 3 else 2)
    assert [str(f) for f in page_findings(lint_pages) if f.code != "page-imprint-not-last-even"] == []
