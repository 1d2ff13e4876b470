"""Every file drafter writes passes an Office Open XML schema validator (openxml-audit, the Open
XML SDK's schemas in pure Python) with zero errors, besides opening in LibreOffice: Word and WPS
are stricter than LibreOffice about element order and required children.  East-Asian text never
falls back on a theme font (WPS reports those as missing fonts).

The workbooks openpyxl writes carry two findings that are openpyxl's and that Excel accepts
(see docs/layout.md); those alone are allowed, anything else fails."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from helpers import PLANS

OLD = PLANS / "2017-衡阳市-工作要点.yaml"
PLAN = PLANS / "2019-钦州市-工作要点.yaml"
CONSULT = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"  # a plan with its own 征求意见 notice
# notice shapes of GB/T 9704 beyond the plain 印发 notice, each with its own markup: joint issue
# with seal rows (tabs) and without, a letter (first-page header and footer), the 版头 elements
# with the 任务分工表 attached on landscape pages, and the 版记 after a blank page (a section)
SHAPES = ("joint-seals", "joint-noseal", "letter", "head-tasks", "imprint-blank")
DOCX_KINDS = ("notice", "plan", "consult", "tasks", "compare", "redline", "consult-notice",
              "consult-draft", "consult-form", "summary") + SHAPES
# openpyxl writes <font> children in its own order (the SDK's schema is a sequence) and strings
# inline: Excel opens both without complaint and rewrites them on save.
XLSX_QUIRKS = (re.compile(r"^Unexpected element '(color|sz|name|family|b|i|u|vertAlign|scheme|charset)' found$"),
               re.compile(r"inline-string cell"))

# its documents are rendered as users get them: notices' 版记 placed by a LibreOffice layout
pytestmark = pytest.mark.libreoffice


def validate(path: Path) -> list[str]:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=200).validate(str(path))
    return ["%s %s: %s" % (e.part_uri or "", e.path or "", e.description) for e in result.errors]


def fill_form(src: Path, dst: Path) -> None:
    """A unit's answer on the form's first task row, as Word would save it."""
    import docx

    d = docx.Document(str(src))
    table = d.tables[0]
    row = table.rows[1]  # columns 序号, 条目, 原文, 修改意见, … (the plan is in traditional script)
    row.cells[2].text = row.cells[1].text[2:8]
    row.cells[3].text = "建议补充完成时限。"
    d.save(str(dst))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    from helpers import run_cli

    out = tmp_path_factory.mktemp("schema")
    files: dict[str, Path] = {}
    for kind in ("notice", "plan", "consult", "tasks"):
        files[kind] = out / ("%s.docx" % kind)
        r = run_cli("render", CONSULT if kind == "consult" else PLAN, "--as", kind, "-o", files[kind])
        assert r.code == 0, r.err
    files["tasks-xlsx"] = out / "tasks.xlsx"
    assert run_cli("render", PLAN, "--xlsx", "-o", files["tasks-xlsx"]).code == 0
    files["compare"] = out / "compare.docx"
    assert run_cli("compare-table", OLD, PLAN, "-o", files["compare"]).code in (0, 1)
    files["redline"] = out / "redline.docx"
    assert run_cli("redline", OLD, PLAN, "-o", files["redline"]).code in (0, 1)
    consult = out / "consult"
    r = run_cli("consult", PLAN, "-o", consult, "--deadline", "2019-02-28", "--contact", "张三",
                "--phone", "0777-1234567")
    assert r.code == 0, r.err
    made = sorted(consult.glob("*.docx"))
    files["consult-notice"] = next(p for p in made if "通知" in p.name)
    files["consult-form"] = next(p for p in made if "反馈" in p.name or "反饋" in p.name)
    files["consult-draft"] = next(p for p in made if p not in (files["consult-notice"], files["consult-form"]))
    returned = out / "returned" / "某县卫生健康局.docx"
    returned.parent.mkdir()
    fill_form(files["consult-form"], returned)
    files["summary"] = out / "summary.docx"
    r = run_cli("collect", PLAN, returned, "-o", files["summary"], "--xlsx")
    assert r.code == 0, r.err
    files["summary-xlsx"] = files["summary"].with_suffix(".xlsx")
    files.update(shapes(out))
    return files


def shapes(out: Path) -> dict[str, Path]:
    from dataclasses import replace

    from drafter.readers import read
    from drafter.writers.docx import assemble, layout

    plan = read(PLAN).plan
    n = replace(plan.notice, cc=["市委办公室"], printed_by="某市卫生健康委员会办公室")
    joint = ["欽州市財政局", "欽州市醫療保障局"]
    notices = {"joint-seals": (replace(n, co_issuers=joint, seal=True), "same"),
               "joint-noseal": (replace(n, co_issuers=joint, seal=False), "same"),
               "letter": (replace(n, letter=True), "same"),
               "head-tasks": (replace(n, copy_number="123", secrecy="机密★1年", urgency="特急", attach_tasks=True), "same"),
               "imprint-blank": (n, "blank")}
    return {key: assemble(layout(replace(plan, notice=notice), "notice"), imprint=place).save(out / (key + ".docx"))
            for key, (notice, place) in notices.items()}


@pytest.mark.parametrize("kind", DOCX_KINDS)
def test_docx_has_no_schema_errors(outputs, kind):
    assert validate(outputs[kind]) == []


@pytest.mark.parametrize("kind", ("tasks-xlsx", "summary-xlsx"))
def test_xlsx_has_no_schema_errors_but_openpyxls_known_quirks(outputs, kind):
    errors = [e for e in validate(outputs[kind])
              if not any(q.search(e.split(": ", 1)[1]) for q in XLSX_QUIRKS)]
    assert errors == []


def test_the_validator_finds_a_misordered_element(outputs, tmp_path):
    """The check can fail: the same notice with one paragraph's properties out of schema order."""
    src = outputs["notice"]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(broken, "w") as w:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<w:pPr><w:pStyle ([^>]*)/>", r'<w:pPr><w:jc w:val="left"/><w:pStyle \1/>',
                              text, count=1)
                data = text.encode("utf-8")
            w.writestr(item, data)
    assert any("Unexpected element 'pStyle'" in e for e in validate(broken))


@pytest.mark.parametrize("kind", DOCX_KINDS)
def test_no_theme_font_for_east_asian_text(outputs, kind):
    """Every run names its faces; nothing asks for the theme's (w:eastAsiaTheme, w:asciiTheme…),
    and the theme's own East-Asian language is Chinese."""
    with zipfile.ZipFile(outputs[kind]) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "theme/" not in name:
                text = z.read(name).decode("utf-8")
                assert not re.search(r"w:(eastAsia|ascii|hAnsi|cs)Theme=", text), name
        settings = z.read("word/settings.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in re.search(r"<w:themeFontLang [^>]*/>", settings).group()
