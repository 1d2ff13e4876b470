"""`drafter consult`: the package sent out for comment, checked in python-docx and, for the
layout, in LibreOffice."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import PLANS, load

PLAN_004 = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"
PLAN_000 = PLANS / "2017-衡阳市-工作要点.yaml"
PLAN_002 = PLANS / "2019-钦州市-工作要点.yaml"
CONTACT = ["--deadline", "2019年6月1日", "--contact", "李四", "--phone", "0777-2222222",
           "--date", "2019-05-20"]


def texts(path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def package(cli, plan, out, *extra):
    r = cli("consult", plan, "-o", out, *extra)
    assert r.code == 0, r.err
    return [Path(x) for x in r.out.split()]


def test_package_notice_draft_and_form(tmp_path, cli):
    import docx

    from drafter.consult.wordml import read_body
    from drafter.numbering import label_tree

    plan = load(PLAN_004)
    notice, draft, form = package(cli, PLAN_004, tmp_path, "--contact", "李四", "--phone", "12345678")
    body = "\n".join(texts(notice))
    assert "关于征求2012年卫生工作要点意见的通知" in body  # the plan's own notice title
    assert "联系人：李四" in body and "联系电话：12345678" in body  # the command line wins
    assert "沈羽" not in body
    assert re.search(r"附件：1\.2012年全市卫生工作要点（征求意见稿）\s*\n\s*2\.《2012年全市卫生工作要点》意见反馈表", body)
    assert "附件2" in body.split("\n") and "附件1" in body.split("\n")
    # the draft: marked, and every item inside its bookmark
    dtexts = texts(draft)
    assert dtexts[:2] == [plan.title, "（征求意见稿）"]
    marked = {b for p in read_body(docx.Document(str(draft)).element).paras for b in p.bookmarks}
    assert marked == {node.id for node in plan.items()}
    # the form: header fields, one row per item (label + title, ID), blank rows to add
    ftexts = texts(form)
    assert any(t.startswith("反馈单位") for t in ftexts) and any("联系电话" in t for t in ftexts)
    table = docx.Document(str(form)).tables[0]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "条目", "原文", "修改意见", "理由", "编号"]
    labels = label_tree(plan)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    items = plan.items()
    assert [(r[1], r[5]) for r in rows[:len(items)]] == [(labels[id(n)] + n.title, n.id) for n in items]
    assert all(r[1] == r[2] == r[5] == "" for r in rows[len(items):]) and len(rows) > len(items)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]


def test_issue_notice_becomes_a_consult_notice(tmp_path, cli):
    """Seed 000 has a 印发 notice: the consult notice keeps its recipients and issuer, takes its
    wording from the templates and its dates and contact from the command line."""
    plan = load(PLAN_000)
    notice, draft, form = package(cli, PLAN_000, tmp_path, *CONTACT)
    body = "\n".join(texts(notice))
    assert "关于征求《2017年全市卫生计生工作要点》意见的通知" in body.replace("\n", "")
    assert "关于印发" not in body
    assert all(x in body for x in plan.notice.recipients)
    assert "2019年6月1日前" in body and "2019年5月20日" in body
    assert "（征求意见稿）" in texts(draft)


def test_missing_fields_existing_outputs_and_bad_plans(tmp_path, cli):
    r = cli("consult", PLAN_000, "-o", tmp_path / "a")
    assert r.code == 2 and "--deadline" in r.err and "notice.contact" in r.err
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())
    files = package(cli, PLAN_004, tmp_path / "b")
    before = [f.read_bytes() for f in files]
    r = cli("consult", PLAN_004, "-o", tmp_path / "b", "--contact", "别人")
    assert r.code == 2 and "already exists" in r.err
    assert [f.read_bytes() for f in files] == before
    assert package(cli, PLAN_004, tmp_path / "b", "--force", "--contact", "别人")
    no_ids = tmp_path / "noid.yaml"
    no_ids.write_text(re.sub(r"(?m)^( *)- id: \w+\n *", r"\1- ", PLAN_004.read_text("utf-8")), "utf-8")
    r = cli("consult", no_ids, "-o", tmp_path / "c")
    assert r.code == 2 and "check --fix" in r.err
    txt = tmp_path / "plan.txt"
    txt.write_text("2012年工作要点\n一、总体要求\n", "utf-8")
    r = cli("consult", txt, "-o", tmp_path / "d")
    assert r.code == 2 and "import" in r.err
    r = cli("consult", PLAN_004, "-o", tmp_path / "e", "--deadline", "明天")
    assert r.code == 2 and "--deadline" in r.err


def test_traditional_plan_form_is_read_back(tmp_path, cli):
    """Seed 002 is in traditional script: the form is worded in it, and a filled copy is read."""
    import docx

    from drafter.consult.returned import Tasks, read_returned

    plan = load(PLAN_002)
    notice, _, form = package(cli, PLAN_002, tmp_path, *CONTACT)
    assert "意見反饋表" in texts(form)[0]
    from drafter.writers.docx import render

    def imprint(doc):  # the 版记 line wherever the writer puts it (table, text box): its pPr
        from docx.oxml.ns import qn
        from lxml import etree

        return [etree.tostring(p.find(qn("w:pPr"))) for p in doc.element.body.iter(qn("w:p"))
                if "".join(t.text or "" for t in p.iter(qn("w:t"))).endswith("印發")]

    ours = imprint(docx.Document(str(notice)))
    assert ours and ours == imprint(render(plan, "notice"))  # the 版记 keeps the writer's layout
    d = docx.Document(str(form))
    t = d.tables[0]
    head = [c.text for c in t.rows[0].cells]
    node = plan.items()[3]
    row = next(r for r in t.rows[1:] if r.cells[-1].text == node.id)
    row.cells[head.index("修改意見")].text = "建議補充時限"
    p = next(p for p in d.paragraphs if p.text.startswith("反饋單位"))
    p.runs[0].text = "反饋單位：欽州市婦幼保健院"
    d.save(str(tmp_path / "back.docx"))
    got = read_returned(tmp_path / "back.docx", Tasks(plan))
    assert got.kind == "form"
    assert [(o.unit, o.item_id, o.said) for o in got.opinions] == [("钦州市妇幼保健院", node.id, "建議補充時限")]


def test_form_and_summary_in_libreoffice(tmp_path, cli, soffice):
    """Opened in LibreOffice: the form and the 汇总表 on A4 landscape (GB/T 9704 §8), the notice
    upright with the form as a landscape 附件2; the 汇总表 prints every task ID whole (the 编号
    column is wide enough), the form none (they are hidden, for `collect`); the notice has both
    附件 labels."""
    import docx
    import pdfplumber

    from drafter.office import convert

    plan = load(PLAN_004)
    notice, draft, form = package(cli, PLAN_004, tmp_path / "pkg")
    d = docx.Document(str(draft))
    for node in plan.items()[:12]:
        run = next(r for p in d.paragraphs for r in p.runs if r.text == node.title)
        d.add_comment(run, text="意见", author="某单位")
    d.save(str(tmp_path / "back.docx"))
    r = cli("collect", PLAN_004, tmp_path / "back.docx", "-o", tmp_path / "sum.docx")
    assert r.code == 0, r.err
    for path, size in ((form, (297, 210)), (tmp_path / "sum.docx", (297, 210)), (notice, (210, 297))):
        pdf = convert(path, "pdf", tmp_path / "pdf")
        with pdfplumber.open(str(pdf)) as doc:
            sizes = [(round(page.width * 25.4 / 72), round(page.height * 25.4 / 72)) for page in doc.pages]
            form_pages = [i for i, page in enumerate(doc.pages) if "反馈单位" in (page.extract_text() or "")]
        if path == notice:  # upright, but for the form (附件2) on turned pages
            assert sizes[0] == size and form_pages and all(sizes[i] == (297, 210) for i in form_pages)
        else:
            assert set(sizes) == {size}
        words = set(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                   text=True).stdout.split())
        ids = [n.id for n in plan.items()] if path == form else [n.id for n in plan.items()[:12]]
        if path == form:
            assert not set(ids) & words, sorted(set(ids) & words)
        elif path != notice:
            assert set(ids) <= words, sorted(set(ids) - words)
    text = subprocess.run(["pdftotext", str(convert(notice, "pdf", tmp_path / "pdf")), "-"],
                          capture_output=True, text=True).stdout
    assert re.search(r"^\f?附件\s*1$", text, re.M) and re.search(r"^\f?附件\s*2$", text, re.M)
    assert "反馈单位" in text
