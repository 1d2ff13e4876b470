"""The page-aware `check`: `drafter check NOTICE.docx` (and `check PLAN.yaml --pages`) lays the
document out with LibreOffice and reports each page rule it breaks, with the page: one
deliberately broken document per rule, and none on drafter's own output.  Without LibreOffice
it says which checks it skipped."""
from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import replace

import pytest

from helpers import PLANS

PLAN = PLANS / "2019-钦州市-工作要点.yaml"


def load(path=PLAN):
    from drafter.readers import read

    return read(path).plan


def notice_paras(plan_as: str = "text", path=PLAN):
    from drafter.writers.docx import layout

    plan = load(path)
    plan = replace(plan, notice=replace(plan.notice, plan_as=plan_as))
    return layout(plan, "notice")


def page_codes(cli, path) -> list[tuple[str, int]]:
    r = cli("check", path, "--format", "json", "--rule", "page")
    assert r.code in (0, 1), r.err
    return [(f["code"], f["page"]) for f in json.loads(r.out)]


def save(paras, path, **kw):
    from drafter.writers.docx import assemble

    return assemble(paras, **kw).save(path)


@pytest.mark.libreoffice
def test_first_page_without_body_text(soffice, cli, tmp_path):
    paras = notice_paras()
    first = next(i for i, p in enumerate(paras) if p.role == "body")
    paras[first] = replace(paras[first], page_break=True)
    assert ("page-first-no-body", 1) in page_codes(cli, save(paras, tmp_path / "broken.docx"))


@pytest.mark.libreoffice
def test_signature_page_without_body_text(soffice, cli, tmp_path):
    paras = notice_paras()
    sig = next(i for i, p in enumerate(paras) if p.role == "signature")
    paras[sig] = replace(paras[sig], page_break=True)
    codes = page_codes(cli, save(paras, tmp_path / "broken.docx"))
    assert [c for c in codes if c[0] == "page-signature-no-body"] == [("page-signature-no-body", 2)]


@pytest.mark.libreoffice
def test_imprint_on_an_odd_page(soffice, cli, tmp_path):
    """Of the 版记 put on the page after the body and after a blank page, one lands on an odd
    page, and check says so."""
    from helpers.pdfcheck import convert_many, read_pdf

    paras = notice_paras()
    paths = [save(paras, tmp_path / ("%s.docx" % place), imprint=place) for place in ("next", "blank")]
    counts = [len(read_pdf(pdf)) for pdf in convert_many(paths, tmp_path / "pdf")]
    odd = [p for p, n in zip(paths, counts) if n % 2]
    assert len(odd) == 1, counts
    codes = page_codes(cli, odd[0])
    assert ("page-imprint-not-last-even", max(counts)) in codes or \
        ("page-imprint-not-last-even", min(c for c in counts if c % 2)) in codes


@pytest.mark.libreoffice
def test_blank_page_with_a_page_number(soffice, cli, tmp_path):
    from drafter.writers.docx import Para

    paras = notice_paras()
    plan_start = next(i for i, p in enumerate(paras) if p.page_break)
    paras.insert(plan_start, Para("blank", page_break=True))  # an empty page, numbered
    codes = page_codes(cli, save(paras, tmp_path / "broken.docx"))
    blank = [c for c in codes if c[0] == "page-blank-numbered"]
    assert len(blank) == 1 and blank[0][1] >= 2


@pytest.mark.libreoffice
def test_heading_alone_at_the_foot_of_a_page(soffice, cli, tmp_path):
    """A heading and 20 one-line paragraphs, then a heading on line 22 that a look without
    keep-with-next leaves alone at the foot of page 1."""
    from drafter.writers.docx import Para, Run, load_look
    from drafter.writers.docx.look import Look

    data = copy.deepcopy(load_look().data)
    data["roles"]["h1"]["keep_next"] = False
    paras = [Para("h1", [Run("一、第一部分工作")], level=1)]
    paras += [Para("body", [Run("第%02d行工作。" % i)]) for i in range(20)]
    paras.append(Para("h1", [Run("二、第二部分工作")], level=1))
    paras += [Para("body", [Run("第%02d行工作。" % i)]) for i in range(5)]
    path = save(paras, tmp_path / "broken.docx", look=Look(data))
    assert page_codes(cli, path) == [("page-heading-at-foot", 1)]


@pytest.mark.libreoffice
def test_attachment_not_on_a_new_page(soffice, cli, tmp_path):
    """A second attachment run on after the first one's text, mid-page."""
    from drafter.writers.docx import Para, Run

    paras = notice_paras("attachment")
    middle = len(paras) // 2
    while paras[middle].role != "item":
        middle += 1
    paras[middle:middle] = [Para("attachment_label", [Run("附件2", "mark")]), Para("blank")]
    codes = page_codes(cli, save(paras, tmp_path / "broken.docx"))
    assert [c for c in codes if c[0] == "page-attachment-not-new-page"]


@pytest.mark.libreoffice
def test_none_on_drafters_own_notice_and_plan(soffice, cli, tmp_path):
    out = tmp_path / "notice.docx"
    assert cli("render", PLAN, "-o", out, "--pdf").code == 0  # --pdf: the 版记 placed by LibreOffice
    assert page_codes(cli, out) == []
    r = cli("check", PLAN, "--pages", "--format", "json", "--rule", "page")
    assert r.code == 0, r.out + r.err
    assert json.loads(r.out) == []


def test_without_libreoffice_check_says_what_it_skipped(cli, tmp_path, monkeypatch):
    from drafter.lint import pages

    monkeypatch.setattr(pages, "libreoffice_available", lambda: False)
    r = cli("check", PLAN, "--pages")
    assert "page rules were not checked" in r.err
    assert all(code in r.err for code in pages.RULES)
    r = cli("check", PLAN, "--pages", "--ignore", "page-heading-at-foot")
    assert "page-heading-at-foot" not in r.err and "page-first-no-body" in r.err
    r = cli("check", PLAN)  # a plan without --pages: nothing to skip
    assert "not checked" not in r.err


def test_page_rules_are_listed(cli):
    out = cli("check", "--list-rules").out
    assert "page-first-no-body" in out and "首页无正文" in out


def joint_paras(seal: bool):
    from drafter.writers.docx import layout

    plan = load()
    plan = replace(plan, notice=replace(plan.notice, plan_as="text", seal=seal,
                                        co_issuers=["欽州市財政局", "欽州市醫療保障局", "欽州市人力資源和社會保障局"]))
    return layout(plan, "notice")


@pytest.mark.libreoffice
@pytest.mark.parametrize("seal", [False, True], ids=["one-a-line", "seal-rows"])
def test_joint_signature_page_without_body_text(soffice, cli, tmp_path, seal):
    """A joint notice's 署名s, one a line or in rows under the seals, pushed onto a page of
    their own: the other issuers' names are not taken for body text."""
    paras = joint_paras(seal)
    at = next(i for i, p in enumerate(paras) if p.role in ("signature", "seal_signatures"))
    while paras[at - 1].role in ("blank", "seal_space"):
        at -= 1
    paras[at] = replace(paras[at], page_break=True)
    codes = page_codes(cli, save(paras, tmp_path / "broken.docx"))
    found = [c for c in codes if c[0] == "page-signature-no-body"]
    assert len(found) == 1 and found[0][1] >= 2, codes
    fine = page_codes(cli, save(joint_paras(seal), tmp_path / "fine.docx"))
    assert [c for c in fine if c[0] in ("page-signature-no-body", "page-first-no-body")] == []
