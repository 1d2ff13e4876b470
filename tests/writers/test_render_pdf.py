"""GB/T 9704 acceptance: render every plan as notice and as plan, let LibreOffice make PDFs, and
measure them against ../shared/gbt9704.md.  One LibreOffice run converts all documents."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import PLANS, ROOT
from helpers.pdfcheck import NO_END, NO_START, PT_MM, convert_many, full_width_only, is_red, pdf_text, read_pdf

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

FIXTURES = ROOT / "tests" / "data" / "render"
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
CHAR14 = 14 * 25.4 / 72  # 1字 of 4号, mm
PITCH = 28.95 * 25.4 / 72  # the line grid: 22 lines in 225 mm


def grid_line(ln) -> float:
    """1-based grid line of a text line (LibreOffice puts the baseline 4/5 down the line)."""
    return (ln.baseline - TOP) / PITCH + 0.2


def plan_files() -> list[Path]:
    """The seed plans the importer made, and this test's own fixtures."""
    return sorted(PLANS.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))


def documents() -> list[tuple[Path, str]]:
    from drafter.readers import read
    from drafter.writers.docx import default_kind

    out = []
    for path in plan_files():
        plan = read(path).plan
        if plan.notice is not None:
            out.append((path, default_kind(plan)))
        out.append((path, "plan"))
    return out


@dataclass
class Rendered:
    plan: object
    paras: list
    pages: list


@pytest.fixture(scope="session")
def rendered(soffice, tmp_path_factory, artifacts) -> dict[tuple[str, str], Rendered]:
    from drafter.readers import read
    from drafter.writers.docx import build, layout, save

    folder = tmp_path_factory.mktemp("render-pdf")
    made, files = {}, []
    for path, kind in documents():
        plan = read(path).plan
        paras = layout(plan, kind)
        docx_path = folder / ("%s-%s.docx" % (path.stem, kind))
        save(build(paras), docx_path)
        made[(path.stem, kind)] = (plan, paras, docx_path)
        files.append(docx_path)
    pdfs = convert_many(files, folder)
    out = {}
    for (key, (plan, paras, docx_path)), pdf in zip(made.items(), pdfs):
        out[key] = Rendered(plan, paras, read_pdf(pdf))
        if key[1] != "plan":
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(artifacts / ("render-%s-%s-page1" % key))], check=False)
    return out


KEYS = [(p.stem, k) for p, k in documents()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def flow_starts(doc: Rendered) -> set[str]:
    """The first characters of each paragraph that starts a new page."""
    return {squeeze(p.text)[:8] for p in doc.paras if p.page_break}


def heading_lines(doc: Rendered) -> set[str]:
    return {squeeze(p.text) for p in doc.paras if p.role in ("h1", "h2")}


def grid_pages(doc: Rendered):
    """Pages whose text runs on to the next page: neither the 版头 page, nor a page a page break
    or the document ends, nor the 版记 page, nor the body's last page before a 版记 page."""
    starts = flow_starts(doc)
    for page, nxt in zip(doc.pages, doc.pages[1:]):
        lines = page.body_lines
        if not lines or any(ln.size > 23 or ln.size < 15 for ln in lines):
            continue
        if nxt.body_lines and nxt.body_lines[0].squeezed[:8] in starts:
            continue
        if not any(ln.size == 16 for ln in nxt.body_lines):  # the body ends: the 版记 page follows
            continue
        yield page, nxt


def line_break_rule(line: str, following: str) -> bool:
    """Why a justified line may hold fewer than 28 characters (禁则, as Word and LibreOffice
    break): the next line would start with a closing mark, so a character moved down with it;
    an opening mark may not end a line; a run of digits or Latin letters is not split."""
    if following[:1] in NO_END or line[-1:] in NO_END:
        return 28 - len(line) == 1
    if following[:1] in NO_START or following[1:2] in NO_START:
        return 28 - len(line) == 1
    word = re.match(r"[0-9A-Za-z.%]+", following)
    return bool(word) and 28 - len(line) <= (len(word.group()) + 1) // 2 + 1


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_pages_hold_22_lines_of_28_characters(rendered, key):
    doc = rendered[key]
    headings = heading_lines(doc)
    pages = list(grid_pages(doc))
    assert pages or len(doc.pages) <= 2, "no full body page found in %d pages" % len(doc.pages)
    for page, nxt in pages:
        slots = [grid_line(ln) for ln in page.body_lines]
        assert all(abs(s - round(s)) < 0.1 for s in slots), "page %d: lines off the grid" % page.number
        n = round(slots[-1])
        if n != 22:
            # keep-with-next moved a heading over: allowed, and only then
            assert n < 22 and nxt.body_lines[0].squeezed in headings, \
                "page %d holds %d lines" % (page.number, n)
    full = 0
    for page in doc.pages:
        lines = page.body_lines
        for i, ln in enumerate(lines):
            if ln.size != 16 or abs(ln.x0 - LEFT) > 0.5 or ln.x1 < LEFT + WIDTH - 1.5:
                continue  # first lines (indented), last lines and other sizes are not full
            if i + 1 >= len(lines) or not full_width_only(ln.squeezed):
                continue
            n = len(ln.squeezed)
            assert n == 28 or (n < 28 and line_break_rule(ln.squeezed, lines[i + 1].squeezed)), \
                "page %d: a full line holds %d characters: %s / %s" % (page.number, n, ln.squeezed,
                                                                       lines[i + 1].squeezed)
            full += n == 28
    assert full > 0


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_text_block_position_and_size(rendered, key):
    doc = rendered[key]
    for page, _ in grid_pages(doc):
        lines = [ln for ln in page.body_lines if ln.size == 16]
        if len(lines) < 22:
            continue
        pitch = (lines[-1].baseline - lines[0].baseline) / (len(lines) - 1)
        # LibreOffice puts an exact-height line's baseline 4/5 down the line
        top = lines[0].baseline - 0.8 * pitch
        bottom = lines[-1].baseline + 0.2 * pitch
        assert abs(top - TOP) <= 1, "page %d: text block top %.1f mm" % (page.number, top)
        assert abs(bottom - top - HEIGHT) <= 1, "page %d: 版心 height %.1f mm" % (page.number, bottom - top)
        assert abs(min(ln.x0 for ln in lines) - LEFT) <= 1
        assert abs(max(ln.x1 for ln in lines) - (LEFT + WIDTH)) <= 1
        return
    # every document of the acceptance set runs past a page: without a full page the 版心
    # cannot be measured, and that must show as a failure, never as a silent skip
    pytest.fail("no page of %s holds 22 body lines: the 版心 could not be measured" % (key,))


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_sizes_and_page_numbers(rendered, key):
    doc = rendered[key]
    titles = {squeeze(p.text) for p in doc.paras if p.role == "title"}
    imprint = "".join(squeeze(p.text) for p in doc.paras if p.role in ("cc", "imprint"))
    others = "\n".join(squeeze(p.text) for p in doc.paras if p.role not in ("cc", "imprint"))
    for page in doc.pages:
        for ln in page.body_lines:
            if any(ln.squeezed and ln.squeezed in t for t in titles):
                assert ln.size == 22, ln.text
            elif imprint and ln.squeezed in imprint and ln.squeezed not in others:
                assert ln.size == 14, ln.text
            elif ln.size not in (22, 14) and ln.squeezed != squeeze(doc.paras[0].text):
                assert ln.size == 16, ln.text
        num = page.page_number
        blank = not page.body_lines
        after_blank = page.number >= 2 and not doc.pages[page.number - 2].body_lines
        if blank or after_blank and page is doc.pages[-1]:
            # §7.5: a blank page before the 版记 page, and that page, carry no number
            assert num is None, "blank page %d carries a number" % page.number
            continue
        assert num is not None, "page %d has no page number" % page.number
        assert num.squeezed == "—%d—" % page.number
        assert num.size == 14
        if page.number % 2:
            assert abs(num.x1 - (LEFT + WIDTH - CHAR14)) <= 1, "odd page number not right, 1字 in"
        else:
            assert abs(num.x0 - (LEFT + CHAR14)) <= 1, "even page number not left, 1字 in"
        assert abs(num.top - (TOP + HEIGHT + 7)) <= 1.5, "page number %.1f mm from the top" % num.top


@pytest.mark.parametrize("key", [k for k in KEYS if k[1] in ("notice", "consult")], ids=lambda k: k[0])
def test_notice_head_is_red_and_ruled(rendered, key):
    doc = rendered[key]
    first = doc.pages[0]
    mark = first.body_lines[0]
    assert mark.squeezed == squeeze(doc.paras[0].text)
    assert all(is_red(c) for c in mark.colours())
    assert mark.x0 >= LEFT - 0.5 and mark.x1 <= LEFT + WIDTH + 0.5, "issuer line wider than the 版心"
    assert abs(mark.top - (TOP + 35)) <= 2, "标志 top edge %.1f mm" % mark.top
    red = [r for r in first.rules if is_red(r["colour"])]
    assert red, "no red rule on page 1"
    assert abs(red[0]["x0"] - LEFT) <= 1 and abs(red[0]["x1"] - (LEFT + WIDTH)) <= 1
    number = [ln for ln in first.body_lines if squeeze(ln.text) == squeeze(doc.plan.notice.doc_number)]
    if number:
        assert 2 <= red[0]["top"] - number[0].baseline <= 7  # 4 mm under the 发文字号
    if doc.plan.notice.cc or doc.plan.notice.printed_by:
        last = doc.pages[-1]
        rules = [r for r in last.rules if not is_red(r["colour"])]
        assert len(rules) >= 2 and all(abs(r["x0"] - LEFT) <= 1 and abs(r["x1"] - LEFT - WIDTH) <= 1
                                       for r in rules)
        imprint = [ln for ln in last.body_lines if ln.size == 14]
        assert imprint and all(ln.x0 >= LEFT + CHAR14 - 1 for ln in imprint)


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_no_page_ends_with_a_lone_heading(rendered, key):
    doc = rendered[key]
    headings = heading_lines(doc)
    for page in doc.pages[:-1]:
        lines = page.body_lines
        assert not lines or lines[-1].squeezed not in headings, \
            "page %d ends with the heading %s" % (page.number, lines[-1].text)


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_pdf_text_is_the_plan_text_in_order(rendered, key):
    """Nothing dropped, nothing duplicated: the PDF says what the layout says, and the layout
    holds every piece of the plan in order (titles, texts, preamble) with its label."""
    from drafter.numbering import label_tree

    doc = rendered[key]
    expected = "".join(squeeze(p.text) for p in doc.paras)
    assert pdf_text(doc.pages) == expected
    plan = doc.plan
    labels = label_tree(plan)
    pos = expected.find(squeeze(plan.title))
    assert pos >= 0
    pieces = [squeeze(t) for t in plan.preamble.split("\n") if t.strip()]
    for node, _ in plan.walk():
        pieces.append(squeeze(labels[id(node)] + node.title))
        pieces.extend(squeeze(t) for t in node.paragraphs())
    for piece in pieces:
        found = expected.find(piece, pos)
        assert found >= 0, "missing or out of order: %s" % piece[:30]
        pos = found + len(piece)


NOTICE_KEYS = [k for k in KEYS if k[1] in ("notice", "consult")]
CLOSING = ("attachment_note", "signature", "date", "note")


@pytest.mark.parametrize("key", NOTICE_KEYS, ids=lambda k: k[0])
def test_signature_page_carries_body_text(rendered, key):
    """GB/T 9704 7.3.5: the page with the 署名 and 成文日期 also holds body text; no page holds
    only 署名/日期/附注; the date is one line."""
    doc = rendered[key]
    end = next(i for i, p in enumerate(doc.paras) if p.role == "signature")
    body = [squeeze(p.text) for p in doc.paras[:end] if p.role == "body"]
    closing = [squeeze(p.text) for p in doc.paras if p.role in CLOSING]
    date = squeeze(next(p.text for p in doc.paras if p.role == "date"))

    def is_body(line: str) -> bool:
        return any(line in b for b in body) and not any(line in c for c in closing)

    pages = [p for p in doc.pages if any(ln.squeezed == date for ln in p.body_lines)]
    assert len(pages) == 1, "the 成文日期 %s is not one line on one page" % date
    assert any(is_body(ln.squeezed) for ln in pages[0].body_lines), \
        "page %d holds the 署名 and 成文日期 without body text" % pages[0].number
    for page in doc.pages:
        lines = [ln.squeezed for ln in page.body_lines]
        assert not lines or not all(any(ln in c for c in closing) for ln in lines), \
            "page %d holds only 署名/日期/附注: %s" % (page.number, lines)


@pytest.mark.parametrize("key", NOTICE_KEYS, ids=lambda k: k[0])
def test_signature_and_date_positions(rendered, key):
    """No seal: the 署名 ends 2字 from the right and the 成文日期 starts 2字 right of its start;
    a date longer than that ends 2字 from the right and the 署名 moves left (7.3.5.2).  With a
    seal: the date ends 4字 from the right, the 署名 centred over it (7.3.5.1)."""
    doc = rendered[key]
    sig_para = next(p for p in doc.paras if p.role == "signature")
    sig = squeeze(sig_para.text)
    date = squeeze(next(p.text for p in doc.paras if p.role == "date"))
    lines = [ln for p in doc.pages for ln in p.body_lines]
    s = next(ln for ln in lines if ln.squeezed == sig)
    d = next(ln for ln in lines if ln.squeezed == date)
    char = 16 * 25.4 / 72
    if sig_para.seal:
        assert abs(d.x1 - (LEFT + WIDTH - 4 * char)) <= 1, "date ends %.1f mm from the right" % (LEFT + WIDTH - d.x1)
        # centred by the date's width in Word's fonts (digits half a 字); LibreOffice's stand-in
        # draws digits wider, which moves the date's centre left by half the difference
        from drafter.writers.docx.fit import units as text_units

        wider = (d.x1 - d.x0) - text_units(date) * (char - 0.25 * 25.4 / 72)
        assert abs((s.x0 + s.x1) / 2 - (d.x0 + d.x1) / 2) <= max(0, wider) / 2 + 1, "署名 not centred over the date"
        return
    right = LEFT + WIDTH - 2 * char
    assert max(s.x1, d.x1) <= right + 1, "署名 or 成文日期 closer than 2字 to the right edge"
    if abs(s.x1 - right) <= 1:
        assert abs((d.x0 - s.x0) - 2 * char) <= 1, "date starts %.1f mm right of the 署名" % (d.x0 - s.x0)
    else:
        # the long date is right-aligned; the 署名 is placed by the date's width in Word's fonts,
        # and LibreOffice's stand-in draws digits wider (0.56字 and a gap next to CJK), so the
        # date starts up to 1字 less than 2字 right of the 署名 (6 mm wider for 2011年12月19日)
        assert abs(d.x1 - right) <= 1, "a long date ends %.1f mm from the right" % (WIDTH + LEFT - d.x1)
        assert 2 * char - 7 <= d.x0 - s.x0 <= 2 * char + 1, "date starts %.1f mm right" % (d.x0 - s.x0)


BOTTOM = TOP + HEIGHT  # the 版心's bottom edge, mm from the top of the page


def imprint_check(doc: Rendered, name: str) -> None:
    """The 版记 is on the last page, its last rule on the 版心's bottom edge (±1 mm), and no
    body line reaches down into it."""
    imprint = [squeeze(p.text) for p in doc.paras if p.role in ("cc", "imprint")]
    last = doc.pages[-1]
    small = [ln for ln in last.body_lines if ln.size == 14]
    assert "".join(ln.squeezed for ln in small) == "".join(imprint), "%s: 版记 not on the last page" % name
    rules = sorted((r for r in last.rules if not is_red(r["colour"])), key=lambda r: r["top"])
    assert len(rules) >= 2, "%s: no 版记 rules on the last page" % name
    bottom = rules[-1]["top"] + rules[-1]["width"] * PT_MM / 2
    assert abs(bottom - BOTTOM) <= 1, "%s: last 版记 rule %.1f mm from the top, 版心 ends at %.1f" \
        % (name, bottom, BOTTOM)
    body = [ln for ln in last.body_lines if ln.size != 14]
    assert not body or max(ln.baseline for ln in body) + 1 < rules[0]["top"], \
        "%s: body text runs into the 版记" % name


def has_imprint(stem: str) -> bool:
    from drafter.readers import read

    notice = read(next(p for p in plan_files() if p.stem == stem)).plan.notice
    return bool(notice and (notice.cc or notice.printed_by))


@pytest.mark.parametrize("key", [k for k in NOTICE_KEYS if has_imprint(k[0])], ids=lambda k: k[0])
def test_imprint_sits_on_the_bottom_of_the_last_page(rendered, key):
    imprint_check(rendered[key], key[0])


@pytest.fixture(scope="module")
def filled(soffice, tmp_path_factory) -> list[tuple[int, Rendered]]:
    """One short notice whose last page holds 0…23 more lines of plan text: every way the 版记
    can meet the body, including a full last page."""
    import datetime as dt

    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import build, layout, save

    folder = tmp_path_factory.mktemp("imprint")
    made, files = [], []
    for k in range(0, 24):
        text = "\n\n".join("第%02d行落实各项工作任务确保按期完成各项目标。" % i for i in range(k))
        plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", sections=[
            Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。\n\n" + text)])],
            notice=Notice(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9),
                          doc_number="某卫发〔2020〕1号", cc=["市委办公室", "市人大办公室", "市政府办公室",
                                                          "市政协办公室", "省卫生健康委员会办公室"],
                          printed_by="某市卫生健康委员会办公室", printed_on=dt.date(2020, 3, 10)))
        paras = layout(plan, "notice")
        path = save(build(paras), folder / ("filled-%02d.docx" % k))
        made.append((k, plan, paras))
        files.append(path)
    pdfs = convert_many(files, folder)
    return [(k, Rendered(plan, paras, read_pdf(pdf))) for (k, plan, paras), pdf in zip(made, pdfs)]


def test_imprint_at_the_bottom_however_full_the_last_page(filled):
    for k, doc in filled:
        assert pdf_text(doc.pages) == "".join(squeeze(p.text) for p in doc.paras), "%d lines: text lost" % k
        imprint_check(doc, "%d more lines" % k)
