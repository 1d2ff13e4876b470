"""`drafter render` and the .docx writer without LibreOffice: layout, wording, fonts, tracked
changes, bad input.  The measured GB/T 9704 checks are in test_render_pdf.py."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT

FIXTURES = ROOT / "tests" / "data" / "render"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORACLE = ROOT.parent / "shared" / "tools" / "lo_redline_oracle.py"


def load(name: str):
    from drafter.readers import read

    return read(FIXTURES / name).plan


def small_plan(**kw):
    from drafter.model import Item, Notice, Plan

    plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", preamble="总体要求是：稳中求进。",
                sections=[Item(title="深化改革", items=[
                    Item(title="推进分级诊疗", text="建立“医联体”——试点……。\n\n第二段。", id="a1",
                         lead=["医政科", "基层科"], support=["财务科"]),
                    Item(title="加强监管", id="a2", tag="（重点项目）", heading=True, text="一是监管。"),
                ])],
                notice=Notice(recipients=["各县区卫生健康局", "委机关各科室"], date=dt.date(2020, 3, 9),
                              doc_number="某卫发〔2020〕3号", cc=["市政府办公室"], printed_by="某市卫生健康委员会办公室"))
    for k, v in kw.items():
        setattr(plan, k, v)
    return plan


# Layout -------------------------------------------------------------------------------------

def test_items_are_printed_label_title_text_with_offices_last():
    from drafter.writers.docx import layout

    paras = layout(small_plan(), "plan")
    texts = [p.text for p in paras]
    assert texts[0] == "2020年全市卫生健康工作要点"
    assert "一、深化改革" in texts
    first = next(p for p in paras if p.node_id == "a1")
    assert first.text == "（一）推进分级诊疗。建立“医联体”——试点……。"
    assert [r.role for r in first.runs[:3]] == ["label", "title", "title"]
    second = [p for p in paras if p.node_id == "a1"][1]
    assert second.text == "第二段。（医政科、基层科分别牵头，财务科参与落实）"
    heading = next(p for p in paras if p.node_id == "a2")
    assert heading.role == "h2" and heading.text == "（二）加强监管（重点项目）"
    assert [p.node_path for p in paras if p.node_id == "a2"] == [(0, 1), (0, 1)]


def test_draft_marker_only_for_drafts():
    from drafter.writers.docx import layout

    assert "（征求意见稿）" not in [p.text for p in layout(small_plan(), "plan")]
    paras = layout(small_plan(status="draft"), "plan")
    assert paras[1].role == "draft_mark" and paras[1].text == "（征求意见稿）"


def test_notice_order_follows_gbt9704():
    from drafter.writers.docx import layout

    roles = [p.role for p in layout(small_plan(), "notice") if p.role != "blank"]
    head = ["issuer_mark", "doc_number", "title", "recipients", "body", "signature", "date"]
    assert roles[:len(head)] == head
    assert roles[-2:] == ["cc", "imprint"]
    paras = layout(small_plan(), "notice")
    assert next(p for p in paras if p.role == "title").text == "关于印发《2020年全市卫生健康工作要点》的通知"
    plan_title = [p for p in paras if p.role == "title"][1]
    assert plan_title.page_break


def test_attachment_mode_adds_the_note_and_label():
    from drafter.writers.docx import layout

    plan = small_plan()
    plan.notice.plan_as = "attachment"
    paras = layout(plan, "notice")
    assert [p.text for p in paras if p.role == "attachment_note"] == ["附件：2020年全市卫生健康工作要点"]
    label = next(p for p in paras if p.role == "attachment_label")
    assert label.text == "附件" and label.page_break


def test_traditional_plan_gets_traditional_wording():
    from drafter.writers.docx import layout

    plan = load("002-excerpt.yaml")
    paras = layout(plan, "notice")
    text = "".join(p.text for p in paras)
    assert "關於印發《2019年欽州市衛生健康工作要點》的通知" in text
    assert "（機關黨委牽頭，各相關科室參與落實）" in text
    assert "关于" not in text and "牵头" not in text
    assert "（信息公開形式：主動公開）" in text


def test_missing_notice_field_names_field_and_kind(cli, tmp_path):
    from drafter.writers.docx import MissingField, layout

    plan = small_plan()
    plan.notice.date = None
    with pytest.raises(MissingField, match=r"notice\.date.*|--as notice needs notice\.date"):
        layout(plan, "notice")
    with pytest.raises(MissingField, match="consult needs .*notice.deadline, notice.contact, notice.phone"):
        layout(small_plan(), "consult")
    res = cli("render", FIXTURES / "000-excerpt.yaml", "--as", "consult", "-o", tmp_path / "x.docx")
    assert res.code == 2
    assert "notice.deadline is needed to render --as consult" in res.err
    assert "000-excerpt.yaml:" in res.err and "Traceback" not in res.err
    assert not (tmp_path / "x.docx").exists()


def test_template_error_names_file_and_line(tmp_path, cli):
    (tmp_path / "lead_support.j2").write_text("（{{ lead | join('、') }}牵头\n{{ no_such_thing }}）\n", encoding="utf-8")
    res = cli("render", FIXTURES / "000-excerpt.yaml", "--template-dir", tmp_path, "-o", tmp_path / "o.docx")
    assert res.code == 2
    assert re.search(r"lead_support\.j2:2: template uses an undefined value: 'no_such_thing'", res.err), res.err


def test_sandbox_refuses_unsafe_templates(tmp_path):
    from drafter.templating import TemplateError
    from drafter.writers.docx import layout

    (tmp_path / "issuer_mark.j2").write_text("{{ plan.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="issuer_mark.j2"):
        layout(small_plan(), "notice", str(tmp_path))


def test_illegal_xml_characters_are_dropped_with_a_located_warning(tmp_path):
    import docx

    from drafter.writers.docx import write

    plan = small_plan()
    plan.sections[0].items[0].text = "甲\x0b乙\x0c丙\x1f丁\ud800戊\ufffe己。"
    findings = []
    out = write(plan, tmp_path / "x.docx", "plan", findings=findings)
    assert findings and findings[0].level == "warning" and findings[0].path == "sections[0].items[0]"
    assert "5 control characters" in findings[0].message
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "甲乙丙丁戊己" in text


# Fonts, styles, look ----------------------------------------------------------------------

def test_every_run_names_its_east_asian_font_and_styles_match_roles(tmp_path):
    import docx

    from drafter.writers.docx import layout, style_name, write

    plan = load("000-excerpt.yaml")
    paras = layout(plan, "notice")
    doc = docx.Document(str(write(plan, tmp_path / "n.docx", "notice")))
    expected = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "issuer_mark": "方正小标宋简体",
                "signature": "仿宋_GB2312", "recipients": "仿宋_GB2312"}
    body_paras = doc.paragraphs
    runs = 0
    for para in body_paras:
        for run in para.runs:
            fonts = run._r.rPr.find(W + "rFonts")
            assert fonts is not None and fonts.get(W + "eastAsia"), "run without w:eastAsia: %r" % run.text
            if any(ch in run.text for ch in "“”—…"):
                assert fonts.get(W + "hint") == "eastAsia"
            runs += 1
        role = next((r for r in expected if para.style.name == style_name(r)), None)
        if role and para.runs:
            assert {r._r.rPr.find(W + "rFonts").get(W + "eastAsia") for r in para.runs
                    if r._r.rPr is not None} <= {expected[role], "楷体_GB2312", "仿宋_GB2312"}
    assert runs > 50
    by_style = [p.style.name for p in body_paras if p.text]
    assert by_style[0] == style_name("issuer_mark")
    assert style_name("h1") in by_style and style_name("item") in by_style
    item = next(p for p in body_paras if p.text.startswith("（一）"))
    faces = [r._r.rPr.find(W + "rFonts").get(W + "eastAsia") for r in item.runs]
    assert faces[0] == "楷体_GB2312" and faces[-1] == "仿宋_GB2312"
    body = next(p for p in body_paras if p.style.name == style_name("body"))
    spacing = body.runs[0]._r.rPr.find(W + "spacing")
    assert spacing is not None and spacing.get(W + "val") == "-5"
    assert len([p for p in paras if p.role != "cc" and p.role != "imprint"]) <= len(body_paras)


def test_styles_hold_the_grid_and_the_font_table_the_fallbacks(tmp_path):
    from drafter.writers.docx import write

    out = write(small_plan(), tmp_path / "p.docx", "plan")
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        settings = z.read("word/settings.xml").decode()
        document = z.read("word/document.xml").decode()
    body = re.search(r'w:styleId="DrafterBody".*?</w:style>', styles).group()
    assert 'w:line="579" w:lineRule="exact"' in body and '<w:widowControl w:val="0"/>' in body
    h1 = re.search(r'w:styleId="DrafterH1".*?</w:style>', styles).group()
    assert "<w:keepNext/>" in h1
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', fonts)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', fonts)
    assert "evenAndOddHeaders" in settings
    assert 'w:top="2098"' in document and 'w:left="1588"' in document and 'w:right="1474"' in document


def test_an_office_look_changes_one_rule_in_one_place(tmp_path):
    from drafter.writers.docx import load_look, write

    (tmp_path / "look.yaml").write_text("roles:\n  body: {font: kaiti, size: 15, align: both, indent_chars: 2}\n",
                                        encoding="utf-8")
    look = load_look(str(tmp_path))
    assert look.role("body")["size"] == 15 and look.role("title")["size"] == 22  # merged, not replaced
    out = write(small_plan(), tmp_path / "p.docx", "plan", str(tmp_path))
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    body = re.search(r'w:styleId="DrafterBody".*?</w:style>', styles).group()
    assert 'w:eastAsia="楷体_GB2312"' in body and '<w:sz w:val="30"/>' in body


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="关于印发《》的通知2017年全市卫生计生工作要点、，和与", min_size=1, max_size=80))
def test_title_shaping_keeps_every_character_and_fits(text):
    from drafter.writers.docx.build import shape_title
    from drafter.writers.docx.fit import units as text_units

    shaped = shape_title(text, 20)
    assert shaped.replace("\n", "") == text
    if "\n" in shaped:
        assert all(text_units(line) <= 20 for line in shaped.split("\n"))


def test_a_long_title_breaks_between_words():
    from drafter.writers.docx.build import shape_title

    shaped = shape_title("关于印发《2017年全市卫生计生工作要点》的通知", 20)
    assert shaped.split("\n") in (["关于印发", "《2017年全市卫生计生工作要点》的通知"],
                                  ["关于印发《2017年全市卫生计生工作要点》", "的通知"],
                                  ["关于印发《2017年全市卫生计生工作要点》的", "通知"])


# Tracked changes ---------------------------------------------------------------------------

def redline_paras():
    from drafter.writers.docx import Para, Run

    return [
        Para("body", [Run("保留"), Run("删去", change="del"), Run("加上", change="ins"), Run("。")]),
        Para("body", [Run("整段新增。")], change="ins"),
        Para("body", [Run("整段删除。")], change="del"),
        Para("body", [Run("甲"), Run("移走", change="moveFrom"), Run("乙。")]),
        Para("body", [Run("丙"), Run("移走", change="moveTo"), Run("丁。")]),
    ]


def test_changes_become_word_revisions():
    from drafter.writers.docx import build

    doc = build(redline_paras(), author="审稿人", date="2020-01-02T03:04:05Z")
    body = doc.element.body
    ins = body.findall(".//" + W + "ins")
    dels = body.findall(".//" + W + "del")
    assert any(i.find(W + "r") is not None for i in ins)
    assert all(d.get(W + "author") == "审稿人" and d.get(W + "date") == "2020-01-02T03:04:05Z" for d in dels)
    deleted = [t.text for t in body.iter(W + "delText")]
    assert "删去" in deleted and "整段删除。" in deleted and "移走" in deleted
    marks = body.findall(".//" + W + "pPr/" + W + "rPr/" + W + "ins") + \
        body.findall(".//" + W + "pPr/" + W + "rPr/" + W + "del")
    assert len(marks) == 2
    start_from = body.find(".//" + W + "moveFromRangeStart")
    start_to = body.find(".//" + W + "moveToRangeStart")
    assert start_from.get(W + "name") == start_to.get(W + "name")
    ids = [e.get(W + "id") for e in body.iter() if e.get(W + "id") is not None and not e.tag.endswith("RangeEnd")]
    assert len(ids) == len(set(ids)), "tracked-change ids must be unique"


@pytest.mark.libreoffice
def test_libreoffice_accepts_and_rejects_the_changes(uno_python, tmp_path):
    from drafter.writers.docx import build, save

    path = save(build(redline_paras()), tmp_path / "red.docx")
    proc = subprocess.run([uno_python, str(ORACLE), str(tmp_path / "out"), str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["asis"]["redlines_before"] >= 5
    assert info["accept"]["redlines_after"] == 0
    accept = [ln for ln in (tmp_path / "out" / "red.accept.txt").read_text("utf-8").split("\n") if ln]
    reject = [ln for ln in (tmp_path / "out" / "red.reject.txt").read_text("utf-8").split("\n") if ln]
    assert accept == ["保留加上。", "整段新增。", "甲乙。", "丙移走丁。"]
    assert reject == ["保留删去。", "整段删除。", "甲移走乙。", "丙丁。"]


# CLI ---------------------------------------------------------------------------------------

@pytest.mark.libreoffice  # the notice rendered first has its 版记 placed by a LibreOffice layout
def test_render_refuses_to_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "n.docx"
    assert cli("render", FIXTURES / "000-excerpt.yaml", "-o", out).code == 0
    before = out.read_bytes()
    res = cli("render", FIXTURES / "000-excerpt.yaml", "-o", out, "--as", "plan")
    assert res.code == 2 and "--force" in res.err
    assert out.read_bytes() == before
    assert cli("render", FIXTURES / "000-excerpt.yaml", "-o", out, "--as", "plan", "--force").code == 0
    assert out.read_bytes() != before


@pytest.mark.libreoffice  # notices with a 版记 are laid out by LibreOffice to place it
def test_batch_renders_several_plans_into_a_folder(cli, tmp_path):
    res = cli("render", FIXTURES / "000-excerpt.yaml", FIXTURES / "002-excerpt.yaml", "-o", tmp_path / "out", "-j", "2")
    assert res.code == 0, res.err
    import docx

    for stem, issuer in (("000-excerpt", "衡阳市卫生和计划生育委员会文件"), ("002-excerpt", "欽州市衛生健康委員會文件")):
        doc = docx.Document(str(tmp_path / "out" / (stem + ".docx")))
        assert doc.paragraphs[0].text == issuer
        assert "wrote %s" % (tmp_path / "out" / (stem + ".docx")) in res.out


def test_tasks_as_docx_table_and_workbook(cli, tmp_path):
    import docx
    import openpyxl

    from drafter.readers import read

    plan = read(FIXTURES / "000-excerpt.yaml").plan
    tasks = [n for n, d in plan.walk() if d == 1]
    assert cli("render", FIXTURES / "000-excerpt.yaml", "--as", "tasks", "-o", tmp_path / "t.docx").code == 0
    table = docx.Document(str(tmp_path / "t.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "任务", "牵头", "参与", "完成时限"]
    assert len(table.rows) == 1 + len(tasks)
    assert table.rows[2].cells[2].text == "医政医管科、基层卫生科"
    res = cli("render", FIXTURES / "000-excerpt.yaml", "--xlsx", "-o", tmp_path / "t.xlsx")
    assert res.code == 0, res.err
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "2017年全市卫生计生工作要点任务分工表"
    assert rows[1] == ("序号", "任务", "牵头", "参与", "完成时限")
    assert [r[1] for r in rows[2:]] == [t.title for t in tasks]


def test_pdf_without_libreoffice_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("SOFFICE", raising=False)
    res = cli("render", FIXTURES / "000-excerpt.yaml", "--pdf", "-o", tmp_path / "n.docx")
    assert res.code == 2 and "LibreOffice is not installed" in res.err


def test_help_stays_light():
    code = ("import sys, drafter.cli; drafter.cli.main.main(['render', '--help'], standalone_mode=False);"
            "heavy = [m for m in ('docx', 'lxml', 'jinja2', 'ruamel', 'opencc', 'openpyxl', 'rich') if m in sys.modules];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_base_package_holds_only_what_a_drafter_document_uses():
    """drafter/look/base.docx is python-docx's template stripped of 800 KB of unused parts and
    styles; a render must still find the default styles its role styles are based on."""
    import docx

    from drafter.writers.docx.parts import BASE_DOCX

    with zipfile.ZipFile(BASE_DOCX) as z:
        names = set(z.namelist())
    assert not any(n in names for n in ("word/stylesWithEffects.xml", "word/numbering.xml",
                                        "word/webSettings.xml", "docProps/thumbnail.jpeg"))
    assert sum(z.file_size for z in zipfile.ZipFile(BASE_DOCX).infolist()) < 40_000
    doc = docx.Document(str(BASE_DOCX))
    assert doc.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name == "Normal"


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_render_and_redline_run_without_python_docx(tmp_path):
    """The writer assembles WordprocessingML as text; python-docx (a fifth of a cold render)
    is loaded only by code that asks for a Document."""
    plan = ROOT / "plans" / "2017-衡阳市-工作要点.yaml"
    code = ("import sys; from drafter.cli import main\n"
            "for args in (['render', %r, '-o', %r], ['render', %r, '--as', 'plan', '-o', %r],\n"
            "             ['redline', %r, %r, '-o', %r]):\n"
            "    try: main.main(args, standalone_mode=False)\n"
            "    except SystemExit as e: assert not e.code, e.code\n"
            "print('HEAVY', [m for m in ('docx',) if m in sys.modules])"
            % (str(plan), str(tmp_path / "n.docx"), str(plan), str(tmp_path / "p.docx"),
               str(plan), str(tmp_path / "p.docx"), str(tmp_path / "r.docx")))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "HEAVY []"
    import docx

    for name in ("n.docx", "p.docx", "r.docx"):
        doc = docx.Document(str(tmp_path / name))  # python-docx opens what was written without it
        assert doc.paragraphs and doc.sections[0].page_width == round(210 / 25.4 * 1440) * 635


def test_the_package_is_drafters_own_and_reproducible(tmp_path):
    """Same plan, same date → the same bytes; properties name drafter (or the reviewer) and the
    time, not python-docx's template of 2013 or Word for Mac."""
    from drafter.writers.docx import assemble, layout

    plan = small_plan()
    when = dt.datetime(2021, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
    one = assemble(layout(plan, "notice"), author="张三", date=when).save(tmp_path / "a.docx")
    two = assemble(layout(plan, "notice"), author="张三", date=when).save(tmp_path / "b.docx")
    assert one.read_bytes() == two.read_bytes()
    parts = _parts(one)
    assert not any(b"python-docx" in data or b"Macintosh" in data for data in parts.values())
    core = parts["docProps/core.xml"].decode()
    assert "<dc:creator>张三</dc:creator>" in core and "2021-05-06T07:08:09Z</dcterms:created>" in core
    assert list(parts)[0] == "[Content_Types].xml"
    types = parts["[Content_Types].xml"].decode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    for name in [n for n in parts if n.startswith("word/") and "/_rels/" not in n and n.endswith(".xml")]:
        assert 'PartName="/%s"' % name in types, name  # every part declared, every one related
        assert 'Target="%s"' % name[len("word/"):] in rels or name == "word/document.xml", name
    three = assemble(layout(plan, "notice"), author="张三",
                     date=when + dt.timedelta(seconds=1)).save(tmp_path / "c.docx")
    assert three.read_bytes() != one.read_bytes()


def test_word_numbering_adds_a_related_numbering_part(tmp_path):
    from drafter.writers.docx import assemble, layout

    pkg = assemble(layout(small_plan(), "plan", numbering="word"))
    assert "word/numbering.xml" in pkg.parts
    assert "numbering+xml" in pkg.text("[Content_Types].xml")
    rels = pkg.text("word/_rels/document.xml.rels")
    assert 'Target="numbering.xml"' in rels and len(re.findall(r'Id="(rId\w+)"', rels)) == len(
        set(re.findall(r'Id="(rId\w+)"', rels)))
    doc = pkg.document()
    assert doc.part.numbering_part.element.findall(W + "num")  # python-docx finds it through the rels
