"""The importer on office files it was not tuned on: the held-out .docx shapes and a PDF
LibreOffice exports (tests/holdout_docx.py; twins and sidecars in tests/data/holdout/office/),
scored through the public API by tests/genre_eval.py, and one test for each reader rule the
held-out set called for (drafter/readers/docx.py, pdf.py).

Before the reader work the .docx set scored 87.5% of the header fields (63 of 72, one wrong
title, one package refused) and 92.6% of the numbered items, with no 任务分工表 row reaching its
item; the level held here is what the rules below reached.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import genre_eval as ge
import holdout_docx as hd
from helpers.wordml import NS, W, document_xml, level, numbering, package, package_of, para, rezip, run
from helpers.pdfglyphs import LEFT, RIGHT, WIDTH, glyphs, width

from drafter.readers import read
from drafter.readers.docx import docx_paragraphs
from drafter.readers.pdf import page_lines, pdf_paragraphs, rebuild

NAMES = sorted(hd.FIXTURES)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[list[Path], ge.Report]:
    """The held-out packages, built once, and their scores."""
    paths = hd.build(tmp_path_factory.mktemp("holdout"))
    return paths, ge.evaluate(paths, sidecars=hd.TWINS)


def test_holdout_set_is_complete_and_twinned():
    """Every builder has its committed twin (as the builder writes it) and sidecar; ten shapes
    or more besides the PDF."""
    assert len(hd.FIXTURES) >= 10
    for name in list(hd.FIXTURES) + list(hd.PDF_SOURCES):
        twin = hd.TWINS / (name + ".txt")
        assert ge.sidecar(twin).exists(), name
        source = hd.PDF_SOURCES.get(name, name)
        assert twin.read_text(encoding="utf-8") == hd.FIXTURES[source]().text(), \
            "%s: the twin is not the builder's (python tests/holdout_docx.py)" % name


_XP = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "ws": "http://purl.oclc.org/ooxml/wordprocessingml/main",
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
       "v": "urn:schemas-microsoft-com:vml",
       "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"}
# A shape's tag → (part, xpath that finds it): the packages hold what their sidecars claim.
SHAPES = {
    "docx-header-masthead": ("word/header1.xml", "//w:t[contains(., '文件')]"),
    "docx-title-page-header": ("word/document.xml", "//w:sectPr/w:titlePg"),
    "docx-framepr-banner": ("word/document.xml", "//w:pPr/w:framePr"),
    "docx-inline-sdt-title": ("word/document.xml", "//w:p/w:sdt/w:sdtContent/w:r"),
    "docx-sdt-date-picker": ("word/document.xml", "//w:sdtPr/w:date[@w:fullDate]"),
    "docx-title-soft-break": ("word/document.xml", "//w:r/w:br[not(@w:type)]"),
    "docx-date-fldsimple": ("word/document.xml", "//w:fldSimple[contains(@w:instr, 'CREATEDATE')]"),
    "docx-footnote": ("word/footnotes.xml", "//w:footnote"),
    "docx-list-start-override": ("word/numbering.xml", "//w:num/w:lvlOverride/w:startOverride"),
    "docx-hyperlink": ("word/document.xml", "//w:hyperlink"),
    "docx-ptab-docnum-qianfa": ("word/document.xml", "//w:ptab"),
    "docx-signature-table-gridspan": ("word/document.xml", "//w:tc/w:tcPr/w:gridSpan"),
    "docx-banji-in-footer": ("word/footer2.xml", "//w:t[starts-with(., '抄送')]"),
    "docx-task-table-vmerge-lead": ("word/document.xml", "//w:tc/w:tcPr/w:vMerge[@w:val='restart']"),
    "docx-table-header-repeat": ("word/document.xml", "//w:trPr/w:tblHeader"),
    "docx-list-in-cells": ("word/document.xml", "//w:tc/w:p/w:pPr/w:numPr"),
    "docx-landscape-section": ("word/document.xml", "//w:pgSz[@w:orient='landscape']"),
    "docx-wps-split-runs": ("word/document.xml", "//w:rFonts[@w:hint='eastAsia']"),
    "docx-wps-namespaces": ("word/settings.xml", "//*[local-name()='documentInfo']"),
    "docx-group-shape-masthead": ("word/document.xml", "//mc:Choice//wpg:wgp//w:txbxContent"),
    "docx-alternate-vml-group": ("word/document.xml", "//mc:Fallback/w:pict/v:group//w:txbxContent"),
    "docx-strict-ooxml": ("word/document.xml", "/ws:document/ws:body"),
    "docx-ruby-title": ("word/document.xml", "//w:ruby/w:rt"),
    "docx-smarttag-date": ("word/document.xml", "//w:smartTag"),
    "docx-task-table-two-row-header": ("word/document.xml", "//w:tr[w:trPr/w:tblHeader]/w:tc/w:tcPr/w:gridSpan"),
    "docx-sdt-table-rows": ("word/document.xml", "//w:tbl/w:sdt/w:sdtContent/w:tr"),
    "docx-sdt-table-cell": ("word/document.xml", "//w:tr/w:sdt/w:sdtContent/w:tc"),
    "docx-tracked-deleted-numbered-paragraph": ("word/document.xml", "//w:p[w:pPr/w:numPr][w:pPr/w:rPr/w:del]"),
}


def test_holdout_packages_hold_the_shapes_they_declare(built):
    seen = set()
    for path in built[0]:
        with zipfile.ZipFile(path) as z:
            parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}
        for tag in ge.expected_of(hd.TWINS / (path.stem + ".txt"))["variants"]:
            if tag in SHAPES:
                part, test = SHAPES[tag]
                assert part in parts and parts[part].xpath(test, namespaces=_XP), (path.name, tag)
                seen.add(tag)
    assert seen == set(SHAPES)


def test_holdout_docx_reach_every_header_field_item_and_task(built):
    """The level reached after the reader work: every header field, every numbered item and
    every 任务分工表 row right, nothing refused (the target was ≥ 90% with one wrong value); the
    genre reader's misses apart."""
    report = built[1]
    assert not report.refused
    assert ge.not_right(report) == []
    items = ge.item_recall(report)
    assert items["found"] == items["expected"] > 80
    header = ge.summary(report.outcomes)["header"]
    assert header["recall"] == 1.0 and header["wrong"] == 0


def test_holdout_twins_read_as_their_packages(built):
    """The text twin (what the printed page shows) imports to the same plan as its package."""
    for path in built[0]:
        twin = hd.TWINS / (path.stem + ".txt")
        assert read(path).plan == read(twin).plan, path.name


def test_pdf_exported_by_libreoffice_reads_its_fields(soffice, tmp_path):
    """Every header field, item and 任务分工表 row of the PDFs (before the PDF reader found ruled
    tables, p02's rows were words apart by spaces run together, and no row reached its item)."""
    pdfs = hd.build_pdfs(tmp_path)
    report = ge.evaluate(pdfs, sidecars=hd.TWINS)
    assert not report.refused and ge.not_right(report) == []
    assert len(report.tasks) == 3 * 5


def test_a_ruled_table_on_a_pdf_page_reads_row_by_row(soffice, tmp_path):
    """pdfplumber finds the cells by their rules: a row is one paragraph, cells apart by tabs, a
    cell merged down read in each row it spans; a cell's wrapped lines join without a space."""
    from drafter.office import convert

    rows = [("任务", None), ("牵头单位", None), ("完成时限", None)]
    long_task = "推进紧密型县域医疗卫生共同体建设并完成年度考核评估工作任务目标"
    body = [[("建设胸痛中心", None), ("医政科", "restart"), ("6月底前", None)],
            [(long_task, None), ("", "continue"), ("全年", None)]]
    grid = '<w:tblPr><w:tblBorders>%s</w:tblBorders></w:tblPr>' % "".join(
        '<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % e
        for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table = _table([rows] + body).replace("<w:tbl>", "<w:tbl>" + grid)
    src = tmp_path / "table.docx"
    src.write_bytes(package(para(run("附件")) + table + para(run("以上任务请按时完成。"))))
    pdf = convert(src, "pdf", tmp_path)
    assert docx_paragraphs(src) == pdf_paragraphs(pdf.read_bytes()) == [
        "附件", "任务\t牵头单位\t完成时限", "建设胸痛中心\t医政科\t6月底前", long_task + "\t医政科\t全年",
        "以上任务请按时完成。"]


# The reader rules, one by one ----------------------------------------------------------------------

HEADER_REL = ('<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/header" Target="%s"/>')


def _with_header(sect: str, target: str = "header1.xml") -> bytes:
    body = para(run("关于印发工作要点的通知")) + para(run("正文。"))
    document = document_xml(body).replace("<w:sectPr/>", sect)
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>' % (HEADER_REL % target))
    header = '<w:hdr %s>%s%s</w:hdr>' % (NS, para(run("某某市卫生健康委员会文件")), para(run("某卫发〔2025〕1号")))
    return package_of(document, extra={"word/_rels/document.xml.rels": rels.encode(),
                                       "word/header1.xml": header.encode()})


def test_a_first_page_header_is_read_before_the_body():
    """A first page with a header of its own (w:titlePg) is where templates set the 版头."""
    sect = '<w:sectPr><w:headerReference w:type="first" r:id="rIdH"/><w:titlePg/></w:sectPr>'
    assert docx_paragraphs(_with_header(sect))[:3] == ["某某市卫生健康委员会文件", "某卫发〔2025〕1号",
                                                       "关于印发工作要点的通知"]


@pytest.mark.parametrize("sect", [
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>',  # on every page: furniture
    '<w:sectPr><w:headerReference w:type="first" r:id="rIdH"/><w:titlePg w:val="0"/></w:sectPr>',  # switched off
    '<w:sectPr><w:headerReference w:type="first" r:id="rIdX"/><w:titlePg/></w:sectPr>',  # no such relationship
])
def test_a_running_or_unused_header_is_not_read(sect):
    assert docx_paragraphs(_with_header(sect)) == ["关于印发工作要点的通知", "正文。"]


def test_a_header_reached_outside_word_is_not_followed():
    sect = '<w:sectPr><w:headerReference w:type="first" r:id="rIdH"/><w:titlePg/></w:sectPr>'
    assert docx_paragraphs(_with_header(sect, "../header1.xml")) == ["关于印发工作要点的通知", "正文。"]


def test_strict_open_xml_reads_as_transitional():
    """Word's Strict Open XML names the same elements (and w: attributes) in purl.oclc.org
    namespaces; the numbers of its lists come out as well."""
    lists = numbering({0: [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%1）")]}, {1: 0})
    lists = lists.replace("（%1）", "（%2）")
    transitional = package(para(run("工作要点"), ppr_extra='<w:jc w:val="center"/>') + para(run("总体要求"), (1, 0))
                           + para(run("加强领导。"), (1, 1)) + para(run("完善制度。"), (1, 1)), lists)

    def strict(name: str, data: bytes) -> bytes:
        return data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                            b"http://purl.oclc.org/ooxml/wordprocessingml/main")

    expected = ["工作要点", "一、总体要求", "（一）加强领导。", "（二）完善制度。"]
    assert docx_paragraphs(transitional) == expected
    assert docx_paragraphs(rezip(transitional, strict)) == expected


def test_a_phonetic_guide_is_not_text():
    """w:ruby prints its guide (w:rt) above the base text; the text is the base alone."""
    ruby = '<w:r><w:ruby><w:rubyPr><w:hps w:val="22"/></w:rubyPr><w:rt>%s</w:rt><w:rubyBase>%s</w:rubyBase>' \
           '</w:ruby></w:r>' % (run("cuān"), run("汆"))
    assert docx_paragraphs(package(para(ruby + run("水县"))))[0] == "汆水县"


def test_a_positional_tab_sets_text_apart_like_a_tab():
    ptab = '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'
    assert docx_paragraphs(package(para(run("某卫发〔2025〕9号") + ptab + run("签发人：某某"))))[0] \
        == "某卫发〔2025〕9号\t签发人：某某"


def _cell(text: str, merge: str | None = None) -> str:
    pr = '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else ""
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, para(run(text) if text else ""))


def _table(rows: list[list[tuple[str, str | None]]]) -> str:
    return "<w:tbl>%s</w:tbl>" % "".join("<w:tr>%s</w:tr>" % "".join(_cell(*c) for c in row) for row in rows)


def test_a_lead_merged_down_a_task_table_belongs_to_each_row():
    rows = [[("任务", None), ("牵头单位", None), ("完成时限", None)],
            [("建设胸痛中心", None), ("医政科", "restart"), ("6月底前", None)],
            [("改善就医感受", None), ("", "continue"), ("全年", None)]]
    assert docx_paragraphs(package(_table(rows))) == ["任务\t牵头单位\t完成时限", "建设胸痛中心\t医政科\t6月底前",
                                                      "改善就医感受\t医政科\t全年"]


def test_a_cell_merged_down_a_layout_table_is_read_after_its_rows():
    """A joint 版头 (issuers one per row, 文件 merged down beside them) is no table of records."""
    rows = [[("甲市卫生健康委员会", None), ("文件", "restart")], [("甲市财政局", None), ("", "continue")]]
    assert docx_paragraphs(package(_table(rows))) == ["甲市卫生健康委员会", "甲市财政局", "文件"]


def test_a_header_on_two_rows_reads_as_one_row_of_column_names():
    """责任单位 spread over 牵头单位 │ 配合单位 (w:gridSpan), the other names merged down both rows:
    the columns are named as the lower row names them, so the rows below read as records."""
    spread = '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>%s</w:tc>' % para(run("责任单位"))
    top = "<w:tr>%s%s%s</w:tr>" % (_cell("任务", "restart"), spread, _cell("完成时限", "restart"))
    rows = [[("", "continue"), ("牵头单位", None), ("配合单位", None), ("", "continue")],
            [("建设胸痛中心", None), ("医政科", None), ("市人民医院", None), ("6月底前", None)]]
    table = _table(rows).replace("<w:tbl>", "<w:tbl>" + top)
    assert docx_paragraphs(package(table)) == ["任务\t牵头单位\t配合单位\t完成时限",
                                               "建设胸痛中心\t医政科\t市人民医院\t6月底前"]


def test_table_rows_and_cells_inside_content_controls_are_read():
    """A repeating-section control around each row, a plain-text control around a cell."""
    def sdt(inner: str) -> str:
        return "<w:sdt><w:sdtPr><w:alias w:val=\"任务\"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>" % inner

    head = "<w:tr>%s</w:tr>" % "".join(_cell(t) for t in ("任务", "牵头单位", "完成时限"))
    row = sdt("<w:tr>%s%s%s</w:tr>" % (_cell("建设胸痛中心"), sdt(_cell("医政科")), _cell("6月底前")))
    assert docx_paragraphs(package("<w:tbl>%s%s</w:tbl>" % (head, row))) == ["任务\t牵头单位\t完成时限",
                                                                           "建设胸痛中心\t医政科\t6月底前"]


def test_a_numbered_item_deleted_whole_leaves_no_number():
    """Tracked: the item's text and its paragraph mark deleted.  The items after it count on as
    Word shows them with the changes accepted; text left before a deleted mark runs into the
    next paragraph, under that paragraph's number."""
    lists = numbering({0: [level(0, "chineseCounting", "（%1）")]}, {1: 0})
    gone = '<w:rPr><w:del w:id="1" w:author="a"/></w:rPr>'
    body = (para(run("加强监管。"), (1, 0)) + para('<w:del w:id="2" w:author="a"><w:r><w:delText>删去的一项。'
                                                    '</w:delText></w:r></w:del>', (1, 0), gone)
            + para(run("前半"), (1, 0), gone) + para(run("后半。"), (1, 0)) + para(run("完善制度。"), (1, 0)))
    assert docx_paragraphs(package(body, lists)) == ["（一）加强监管。", "（二）前半后半。", "（三）完善制度。"]


def test_a_short_line_set_right_ends_its_paragraph_on_a_pdf_page():
    """A 成文日期 set right reaches the right edge like a full line; the 附件 line after it
    (here at the top of the next page) starts a paragraph of its own."""
    date = "2025年1月10日"
    body = "一" * 27
    first = glyphs(body, LEFT, 100.0) + glyphs(body, LEFT, 129.0) + glyphs(date, RIGHT - width(date), 158.0)
    second = glyphs("附件", LEFT, 100.0) + glyphs(body, LEFT, 129.0)
    pages = [page_lines(first, 1, WIDTH), page_lines(second, 2, WIDTH)]
    assert rebuild(pages) == [body + body, date, "附件", body]


def _sections(last_footer: str, first_rid: str = "rIdP", last_rid: str = "rIdB") -> bytes:
    """Two sections: the first with footer `first_rid`, the last with `last_rid` (the 版记 part)."""
    def sect(rid: str | None) -> str:
        ref = '<w:footerReference w:type="default" r:id="%s"/>' % rid if rid else ""
        return "<w:sectPr>%s</w:sectPr>" % ref

    body = para(run("通知正文。")) + para("", ppr_extra=sect(first_rid)) + para(run("工作要点"))
    document = document_xml(body).replace("<w:sectPr/>", sect(last_rid))
    rel = '<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" ' \
          'Target="%s"/>'
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s%s</Relationships>'
            % (rel % ("rIdP", "footer1.xml"), rel % ("rIdB", "footer2.xml")))
    page = '<w:ftr %s>%s</w:ftr>' % (NS, para('<w:fldSimple w:instr=" PAGE ">%s</w:fldSimple>' % run("1")))
    return package_of(document, extra={"word/_rels/document.xml.rels": rels.encode(), "word/footer1.xml": page.encode(),
                                       "word/footer2.xml": ('<w:ftr %s>%s</w:ftr>' % (NS, last_footer)).encode()})


BANJI = para(run("抄送：市人民政府办公室。")) + para(run("某某市卫生健康委员会办公室\t2025年4月8日印发"))


def test_the_last_sections_own_footer_is_read_after_the_body():
    """A footer only the last section prints, not a page number: the 版记 at the last page's foot."""
    assert docx_paragraphs(_sections(BANJI)) == ["通知正文。", "", "工作要点", "抄送：市人民政府办公室。",
                                                 "某某市卫生健康委员会办公室\t2025年4月8日印发"]


@pytest.mark.parametrize("footer, first, last", [
    (BANJI, "rIdB", "rIdB"),  # every section prints it: running furniture
    (BANJI, "rIdB", None),  # the last section inherits the footer before it
    (para('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>' % run("2")),
     "rIdP", "rIdB"),  # a page number of the last section's own
])
def test_a_shared_or_page_number_footer_is_not_read(footer, first, last):
    assert docx_paragraphs(_sections(footer, first, last)) == ["通知正文。", "", "工作要点"]
