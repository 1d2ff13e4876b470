"""GB/T 9704's page rules, measured on LibreOffice's PDF of every bundled plan rendered as a
印发 notice (the plan as text, and as 附件), as a 征求意见 notice, as a letter (信函格式), with a
30-unit 主送, as a joint notice (联合行文) of 2 and 3 issuers with seals and of 3 without, and as a
joint letter of 3 with seals, each
with a 版记 (the joint 版头 and seal rows measured: tests/writers/test_layout_joint.py): page 1
shows body text, the 署名 page shows body text, the 版记 sits at the foot of the last page and
that page is even, a blank page and a 版记 page after it carry no page number, numbering
otherwise runs on, and full body pages keep the 22-line grid.

The 版记 is placed as `render --pdf` places it: laid out once with LibreOffice, then put on the
right face (`writers.docx.paged`); each pass converts every document in one LibreOffice run."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from helpers import PLANS
from helpers.pdfcheck import convert_many, is_red, read_pdf

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

TOP, HEIGHT = 37.0, 225.0
BOTTOM = TOP + HEIGHT
CC = ["市委办公室", "市人大常委会办公室", "市政府办公室", "市政协办公室"]
VARIANTS = ("text", "attachment", "consult", "letter", "recipients30", "joint2", "joint3", "joint3-noseal",
            "letter-joint3")
CO_ISSUERS = ["某市财政局", "某市医疗保障局"]
RECIPIENTS30 = ["第%d县（市、区）卫生健康局" % i for i in range(1, 31)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def variant(plan, how: str):
    """The plan with a notice as `how` asks, a 版记 always (抄送 and 印发)."""
    from drafter.consult.send import consult_plan
    from drafter.model import Notice

    n = plan.notice
    if n is None or n.kind == "consult":
        n = Notice(kind="issue", recipients=list(n.recipients) if n else ["各县（市、区）卫生健康局", "委机关各科室"],
                   issuer=(n.issuer if n else "") or plan.issuer or "某市卫生健康委员会",
                   date=(n.date if n else None) or dt.date(plan.year or 2020, 3, 9),
                   doc_number="某卫发〔%d〕3号" % (plan.year or 2020))
    n = replace(n, cc=list(n.cc) or CC, printed_by=n.printed_by or "某市卫生健康委员会办公室",
                attachments=list(n.attachments))
    if how == "consult":
        return consult_plan(replace(plan, notice=n), deadline=dt.date(2020, 2, 28), contact="张三",
                            phone="0734-8888888", date=n.date), "consult"
    if how == "letter":  # 信函格式, the plan as text
        return replace(plan, notice=replace(n, letter=True, plan_as="text")), "notice"
    if how == "letter-joint3":  # a letter of three issuers, with seals: page 1 under the letter's header
        return replace(plan, notice=replace(n, letter=True, plan_as="text", co_issuers=CO_ISSUERS, seal=True)), "notice"
    if how == "recipients30":  # a 主送 too long for page 1: it moves to the 版记
        return replace(plan, notice=replace(n, recipients=RECIPIENTS30, plan_as="text")), "notice"
    if how.startswith("joint"):  # 联合行文, the plan as text; seals as a 印发 notice has them unless told
        co = CO_ISSUERS[:int(how[5]) - 1]
        return replace(plan, notice=replace(n, co_issuers=co, plan_as="text",
                                            seal=False if how.endswith("noseal") else None)), "notice"
    n.plan_as = how
    return replace(plan, notice=n), "notice"


KEYS = [(p.stem, how) for p in sorted(PLANS.glob("*.yaml")) for how in VARIANTS]


class Doc:
    def __init__(self, plan, paras, place, pages, lint_pages):
        self.plan, self.paras, self.place, self.pages, self.lint_pages = plan, paras, place, pages, lint_pages


@pytest.fixture(scope="module")
def docs(soffice, tmp_path_factory) -> dict[tuple[str, str], Doc]:
    from drafter.lint.pages import read_pages
    from drafter.readers import read
    from drafter.writers.docx import assemble, layout
    from drafter.writers.docx.paged import place_from_pages

    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for stem, how in KEYS:
        plan, kind = variant(read(PLANS / (stem + ".yaml")).plan, how)
        paras = layout(plan, kind)
        path = assemble(paras, imprint="same").save(folder / ("%s-%s-probe.docx" % (stem, how)))
        made[(stem, how)] = (plan, paras, path)
    probes = convert_many([m[2] for m in made.values()], folder)
    places = {key: place_from_pages(read_pages(pdf)) for key, pdf in zip(made, probes)}
    finals = []
    for key, (plan, paras, path) in made.items():
        finals.append(assemble(paras, imprint=places[key]).save(folder / ("%s-%s.docx" % key)))
    pdfs = convert_many(finals, folder)
    return {key: Doc(made[key][0], made[key][1], places[key], read_pdf(pdf), read_pages(pdf))
            for key, pdf in zip(made, pdfs)}


def body_texts(doc: Doc) -> list[str]:
    return [squeeze(p.text) for p in doc.paras if p.role == "body"]


def is_body(line: str, doc: Doc) -> bool:
    return len(line) >= 2 and any(line in b for b in body_texts(doc))


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_first_page_shows_body_text(docs, key):
    doc = docs[key]
    notice_body = [squeeze(p.text) for p in doc.paras[:next(i for i, p in enumerate(doc.paras) if p.role in
                                                             ("signature", "seal_signatures"))] if p.role == "body"]
    first = [ln.squeezed for ln in doc.pages[0].body_lines]
    assert any(any(ln in b for b in notice_body) for ln in first if len(ln) >= 2), \
        "page 1 holds no body text: %s" % first


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_signature_page_shows_body_text(docs, key):
    doc = docs[key]
    date = squeeze(next(p.text for p in doc.paras if p.role == "date"))
    page = next(p for p in doc.pages if any(ln.squeezed == date for ln in p.body_lines))
    lines = [ln.squeezed for ln in page.body_lines]
    above = lines[:lines.index(date)]
    assert any(is_body(ln, doc) for ln in above), "page %d: 署名 without body text" % page.number


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_imprint_at_the_foot_of_the_last_even_page(docs, key):
    doc = docs[key]
    imprint = "".join(squeeze(p.text) for p in doc.paras if p.role in ("cc", "letter_cc", "imprint"))
    if key[1] == "recipients30":
        imprint = "主送：%s。" % "，".join(RECIPIENTS30) + imprint
    last = doc.pages[-1]
    assert len(doc.pages) % 2 == 0, "%d pages: the 版记 is on an odd page" % len(doc.pages)
    small = [ln for ln in last.body_lines if ln.size == 14]
    assert "".join(ln.squeezed for ln in small) == imprint
    if doc.plan.notice.letter:  # no rules (§10.1): its last line at the foot of the 版心
        assert 0 <= BOTTOM - small[-1].baseline <= 10.2, "版记 ends %.1f mm above the foot" % (BOTTOM - small[-1].baseline)
        return
    rules = sorted((r for r in last.rules if not is_red(r["colour"])), key=lambda r: r["top"])
    assert len(rules) >= 2
    bottom = rules[-1]["top"] + rules[-1]["width"] * 25.4 / 72 / 2
    assert abs(bottom - BOTTOM) <= 1, "last 版记 rule at %.1f mm, 版心 ends at %.1f" % (bottom, BOTTOM)


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_page_numbers_skip_the_blank_page_and_the_imprint_page_after_it(docs, key):
    doc = docs[key]
    for page in doc.pages:
        blank = not page.body_lines
        after_blank = page.number >= 2 and not doc.pages[page.number - 2].body_lines
        if blank or after_blank and page is doc.pages[-1] or page.number == 1 and doc.plan.notice.letter:
            assert page.page_number is None, "page %d carries a number" % page.number
        else:
            assert page.page_number is not None and page.page_number.squeezed == "—%d—" % page.number
    if doc.place == "blank":
        assert not doc.pages[-2].body_lines and doc.pages[-1].page_number is None


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_full_pages_keep_the_grid(docs, key):
    """Every page the body runs on from holds 22 lines of 3号 text (a heading kept with the
    next line may leave one free)."""
    doc = docs[key]
    starts = {squeeze(p.text)[:8] for p in doc.paras if p.page_break}
    headings = {squeeze(p.text) for p in doc.paras if p.role in ("h1", "h2")}
    checked = 0
    for page, nxt in zip(doc.pages, doc.pages[1:]):
        lines = page.body_lines
        if not lines or any(ln.size > 17 or ln.size < 15 for ln in lines):
            continue
        if not any(ln.size == 16 for ln in nxt.body_lines):  # the body ends here (a 版记 page follows)
            continue
        if nxt.body_lines[0].squeezed[:8] in starts or page.number == 1:
            continue
        n = len(lines)
        assert n == 22 or n in (20, 21) and nxt.body_lines[0].squeezed in headings, \
            "page %d holds %d lines" % (page.number, n)
        checked += 1
    assert checked or len(doc.pages) <= 4


@pytest.mark.parametrize("key", KEYS, ids=["-".join(k) for k in KEYS])
def test_check_finds_nothing_on_drafters_own_output(docs, key):
    from drafter.lint.pages import page_findings

    assert [str(f) for f in page_findings(docs[key].lint_pages)] == []


@pytest.fixture(scope="module")
def filled(soffice, tmp_path_factory) -> list[tuple[int, Doc]]:
    """One short notice whose plan runs 0…44 lines longer, in steps of 2: the body ends on odd
    and even pages, with room for the 版记 and without, so the 版记 is placed all three ways."""
    from drafter.lint.pages import read_pages
    from drafter.model import Item, Notice, Plan
    from drafter.writers.docx import assemble, layout
    from drafter.writers.docx.paged import place_from_pages

    folder = tmp_path_factory.mktemp("filled")
    made = []
    for k in range(0, 46, 2):
        text = "\n\n".join("第%02d行落实各项工作任务确保按期完成各项目标。" % i for i in range(k))
        plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", sections=[
            Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。\n\n" + text)])],
            notice=Notice(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9),
                          doc_number="某卫发〔2020〕1号", cc=CC, printed_by="某市卫生健康委员会办公室",
                          printed_on=dt.date(2020, 3, 10)))
        paras = layout(plan, "notice")
        made.append((k, plan, paras, assemble(paras, imprint="same").save(folder / ("probe-%02d.docx" % k))))
    probes = convert_many([m[3] for m in made], folder)
    places = [place_from_pages(read_pages(pdf)) for pdf in probes]
    finals = [assemble(m[2], imprint=place).save(folder / ("filled-%02d.docx" % m[0]))
              for m, place in zip(made, places)]
    pdfs = convert_many(finals, folder)
    return [(m[0], Doc(m[1], m[2], place, read_pdf(pdf), read_pages(pdf)))
            for m, place, pdf in zip(made, places, pdfs)]


def test_imprint_on_the_last_even_page_however_the_body_ends(filled):
    from drafter.lint.pages import page_findings

    assert {doc.place for _, doc in filled} == {"same", "next", "blank"}
    for k, doc in filled:
        assert len(doc.pages) % 2 == 0, "%d more lines: %d pages" % (k, len(doc.pages))
        last = doc.pages[-1]
        imprint = "".join(squeeze(p.text) for p in doc.paras if p.role in ("cc", "imprint"))
        assert "".join(ln.squeezed for ln in last.body_lines if ln.size == 14) == imprint
        if doc.place == "blank":
            assert not doc.pages[-2].body_lines, "%d more lines: no blank page before the 版记" % k
            assert doc.pages[-2].page_number is None and last.page_number is None
        else:
            assert last.page_number is not None
        assert [str(f) for f in page_findings(doc.lint_pages)] == [], "%d more lines" % k
