""".docx input: Word's automatic numbers, tracked changes, tables and text boxes, checked against
LibreOffice as the oracle; unsafe packages refused; seeds converted by LibreOffice import to the
same plan as their text."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers import SEED_FILES, SHARED_REDLINE_ORACLE, seed_path
from helpers.wordml import level, numbering, package, para, run
from drafter.model import strip_ids
from drafter.readers import paragraphs, read

ORACLE = SHARED_REDLINE_ORACLE


def squeeze(lines):
    return [re.sub(r"\s+", "", s) for s in lines if s.strip()]


def lo_text(path: Path, outdir: Path) -> list[str]:
    from drafter.office import convert

    out = convert(path, "txt:Text (encoded):UTF8", outdir)
    return out.read_text(encoding="utf-8-sig").split("\n")


NUMBERED_BODY = [  # (text, (numId, ilvl) or None)
    ("2017年全市卫生工作要点", None),
    ("总体要求是：全面贯彻。", None),
    ("持续深化医药卫生体制改革", (1, 0)),
    ("深化公立医院综合改革。巩固成效。（医政科牵头，财务科参与落实）", (1, 1)),
    ("推进分级诊疗体系建设。力争提高。", (1, 1)),
    ("不断完善计划生育服务管理", (1, 0)),
    ("优化妇幼健康服务。实施工程。", (1, 1)),
    ("细化一项。", (1, 2)),
    ("细化二项。", (1, 2)),
    ("加强流动人口服务。建立网络。", (1, 1)),
    ("细化三项。", (1, 2)),
    ("提升公共卫生服务能力", (2, 0)),  # a second w:num of the same list runs on: 三、
    ("加强重大疾病防控。落实措施。", (2, 1)),
    ("另列一项", (3, 0)),  # other formats, restarted by startOverride
    ("另列二项", (3, 0)),
    ("甲项", (4, 0)),
    ("乙项", (4, 0)),
    ("罗马一", (5, 0)),
    ("罗马二", (5, 0)),
    ("字母一", (6, 0)),
    ("字母二", (6, 0)),
    ("重新起算", (99, 0)),  # w:startOverride 5 on a new instance of list 1
]


def numbered_docx(tmp_path: Path) -> Path:
    nx = numbering(
        {1: [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）"),
             level(2, "decimal", "%3.")],
         2: [level(0, "decimalEnclosedCircle", "%1")],
         3: [level(0, "ideographTraditional", "%1、")],
         4: [level(0, "upperLetter", "%1)")],
         5: [level(0, "lowerRoman", "%1.", start=1)]},
        {1: 1, 2: 1, 3: 2, 4: 3, 5: 5, 6: 4, 99: 1},
        overrides='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
    body = "".join(para(run(t), num) for t, num in NUMBERED_BODY)
    path = tmp_path / "numbered.docx"
    path.write_bytes(package(body, nx))
    return path


def test_word_numbers_are_computed(tmp_path):
    got = paragraphs(numbered_docx(tmp_path))
    assert got[2] == "一、持续深化医药卫生体制改革"
    assert got[4] == "（二）推进分级诊疗体系建设。力争提高。"
    assert got[6] == "（一）优化妇幼健康服务。实施工程。"  # level 2 restarts under a new 一、
    assert got[7:9] == ["1.细化一项。", "2.细化二项。"]
    assert got[10] == "1.细化三项。"
    assert got[11] == "三、提升公共卫生服务能力"
    assert got[13:15] == ["①另列一项", "②另列二项"]
    assert got[15:17] == ["甲、甲项", "乙、乙项"]
    assert got[17:19] == ["i.罗马一", "ii.罗马二"]
    assert got[19:21] == ["A)字母一", "B)字母二"]
    assert got[21] == "五、重新起算"


@pytest.mark.libreoffice
def test_word_numbers_match_libreoffice(tmp_path, soffice):
    path = numbered_docx(tmp_path)
    assert squeeze(paragraphs(path)) == squeeze(lo_text(path, tmp_path / "lo"))


def test_numbered_docx_imports_as_a_plan(tmp_path):
    plan = read(numbered_docx(tmp_path)).plan
    assert [s.title for s in plan.sections][:3] == ["持续深化医药卫生体制改革", "不断完善计划生育服务管理",
                                                     "提升公共卫生服务能力"]
    first = plan.sections[0].items[0]
    assert first.title == "深化公立医院综合改革" and first.lead == ["医政科"] and first.support == ["财务科"]
    assert plan.numbering.levels[:3] == ["一、", "（一）", "1."]
    assert plan.preamble == "总体要求是：全面贯彻。"


TRACKED = "".join([
    para(run("一、总体部署")),
    para(run("（一）深化改革。") + '<w:ins w:id="1" w:author="a"><w:r><w:t>新增的句子。</w:t></w:r></w:ins>'
         + '<w:del w:id="2" w:author="a"><w:r><w:delText>删去的句子。</w:delText></w:r></w:del>'
         + run("保留。")),
    # a deleted paragraph mark: accepted, the two paragraphs become one
    para(run("（二）加强监管。前半"), ppr_extra='<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>'),
    para(run("后半。")),
    para('<w:del w:id="4" w:author="a"><w:r><w:delText>整段删除</w:delText></w:r></w:del>'
         + '<w:ins w:id="5" w:author="a"><w:r><w:t>（三）整段新写。内容。</w:t></w:r></w:ins>'),
])


def test_tracked_changes_read_as_accepted(tmp_path):
    path = tmp_path / "tracked.docx"
    path.write_bytes(package(TRACKED))
    assert squeeze(paragraphs(path)) == ["一、总体部署", "（一）深化改革。新增的句子。保留。",
                                         "（二）加强监管。前半后半。", "（三）整段新写。内容。"]
    plan = read(path).plan
    assert [i.title for i in plan.sections[0].items] == ["深化改革", "加强监管", "整段新写"]


@pytest.mark.libreoffice
def test_tracked_changes_match_libreoffice_accept_all(tmp_path, uno_python):
    path = tmp_path / "tracked.docx"
    path.write_bytes(package(TRACKED))
    out = tmp_path / "oracle"
    out.mkdir()
    proc = subprocess.run([uno_python, str(ORACLE), str(out), str(path)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout.strip().splitlines()[-1])
    accepted = (out / "tracked.accept.txt").read_text(encoding="utf-8-sig").split("\n")
    assert squeeze(paragraphs(path)) == squeeze(accepted)


def test_tables_text_boxes_and_hidden_text(tmp_path):
    cell = lambda t: "<w:tc>%s</w:tc>" % para(run(t))  # noqa: E731
    table = "<w:tbl><w:tr>%s%s</w:tr><w:tr>%s%s</w:tr></w:tbl>" % (cell("序号"), cell("任务"), cell("1"),
                                                                   cell("加强监管"))
    box = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>%s'
           '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>' % para(run("框内文字")))
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
    body = para(run("正文") + hidden + box) + table + para(run("甲") + "<w:r><w:br/></w:r>" + run("乙"))
    path = tmp_path / "table.docx"
    path.write_bytes(package(body))
    assert paragraphs(path) == ["正文", "框内文字", "序号\t任务", "1\t加强监管", "甲", "乙"]  # a row a line


def test_table_reading_order_merged_cells_and_rows_of_paragraphs(tmp_path):
    def cell(*texts: str, merge: str = "") -> str:
        pr = "<w:tcPr>%s</w:tcPr>" % merge if merge else ""
        return "<w:tc>%s%s</w:tc>" % (pr, "".join(para(run(t)) if t else para("") for t in texts))

    restart, more = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    masthead = "<w:tbl>%s</w:tbl>" % "".join("<w:tr>%s%s</w:tr>" % row for row in [
        (cell("甲委员会"), cell("文件", merge=restart)), (cell("乙局"), cell("", merge=more)),
        (cell("丙局"), cell("", merge=more))])
    tall = "<w:tbl><w:tr>%s%s</w:tr></w:tbl>" % (cell("任务", "两段说明"), cell("医政科"))
    path = tmp_path / "tables.docx"
    path.write_bytes(package(masthead + tall))
    # the merged 文件 after the issuers it spans; a row whose cells hold several paragraphs cell by cell
    assert paragraphs(path) == ["甲委员会", "乙局", "丙局", "文件", "任务", "两段说明", "医政科"]


# Unsafe or wrong packages ----------------------------------------------------------------------

def _zip(tmp_path: Path, name: str, entries: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries.items():
            z.writestr(n, data)
    return path


@pytest.mark.parametrize("case, words", [
    ("traversal", "unsafe path"),
    ("bomb", "zip bomb"),
    ("not-word", "not a Word document"),
    ("odt", "OpenDocument"),
    ("garbage", "not a Word .docx"),
    ("empty", "empty"),
    ("ole", "old binary Word"),
])
def test_bad_packages_are_refused(tmp_path, cli, case, words):
    good = package(para(run("一、总体")))
    if case == "traversal":
        path = tmp_path / "evil.docx"
        path.write_bytes(good)
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("../../evil.txt", "x")
    elif case == "bomb":
        path = _zip(tmp_path, "bomb.docx", {"word/document.xml": b"<" + b" " * (40 * 2**20) + b"/>"})
    elif case == "not-word":
        path = _zip(tmp_path, "book.docx", {"xl/workbook.xml": b"<workbook/>"})
    elif case == "odt":
        path = _zip(tmp_path, "text.docx", {"mimetype": b"application/vnd.oasis.opendocument.text",
                                            "content.xml": b"<x/>"})
    elif case == "garbage":
        path = tmp_path / "garbage.docx"
        path.write_bytes(b"this is not a zip file at all" * 10)
    elif case == "empty":
        path = tmp_path / "empty.docx"
        path.write_bytes(b"")
    else:
        path = tmp_path / "old.docx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        # an OLE file named .docx goes to LibreOffice; without a real .doc inside, it must still fail cleanly
    result = cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.code == 2
    assert "Traceback" not in result.err
    if case != "ole":
        assert words in result.err
    assert not (tmp_path / "out.yaml").exists()


# Seeds through LibreOffice ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def converted(tmp_path_factory, soffice):
    from drafter.office import convert

    out = tmp_path_factory.mktemp("lo")
    docs = {}
    for key in sorted(SEED_FILES):
        docs[key] = convert(seed_path(key), "docx", out)
    return docs


@pytest.mark.libreoffice
@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seed_docx_by_libreoffice_imports_like_the_text(converted, key):
    assert strip_ids(read(converted[key]).plan) == strip_ids(read(seed_path(key)).plan)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_doc_and_odt_go_through_libreoffice(tmp_path, soffice):
    from drafter.office import convert

    doc = convert(seed_path("002"), "doc", tmp_path)
    odt = convert(seed_path("004"), "odt", tmp_path)
    assert strip_ids(read(doc).plan) == strip_ids(read(seed_path("002")).plan)
    assert strip_ids(read(odt).plan) == strip_ids(read(seed_path("004")).plan)
