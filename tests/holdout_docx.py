"""Held-out office files: .docx shapes that tests/office_docx.py does not build, and a PDF
exported from one of them, each with its text twin and sidecar in tests/data/holdout/office/.

The reader was never tuned on these before they were scored (the scores before and after are in
the report of the holdout work; tests/readers/test_holdout_office.py holds the level reached).
The same approach as tests/office_docx.py: one `HDoc` writes the WordprocessingML and the lines
the printed page shows, so a package and its twin cannot drift apart; all content is invented.
The shapes (how Word and WPS store them, and where that was learned, is in the report):

- h01 the 发文机关标志 and 发文字号 in the first page's header (`w:titlePg`, `w:headerReference
  w:type="first"`), the red rule as the header paragraph's bottom border;
- h02 the 版头 in text frames (`w:framePr`), the title in an inline content control and the
  成文日期 in a date-picker content control (`w:sdt` in the paragraph, `w:date w:fullDate`);
- h03 a title broken by soft line breaks (`w:br`), the 成文日期 as a simple field
  (`w:fldSimple` CREATEDATE), a footnote reference in the plan;
- h04 a 征求意见 notice with its draft after a section break, the （一） level restarted by
  `w:startOverride` in each part (Word's 重新开始编号), a `w:hyperlink` in the body;
- h05 文号 │ 签发人 and 署名 │ 成文日期 set apart by positional tabs (`w:ptab`);
- h06 the 署名 in a borderless table with a merged row (`w:gridSpan`), the 版记 in the last
  section's own footer;
- h07 a 任务分工表 in a landscape section: header row repeated (`w:tblHeader`), 序号 numbered by a
  list in the cells, 牵头单位 merged down over the rows it leads (`w:vMerge`);
- h08 a .docx as WPS saves it: its namespaces, `w:rFonts w:hint="eastAsia"`, runs split at every
  script change, bookmarks, `wpsCustomData` in the settings;
- h09 the masthead and red rule as one group shape (`wpg:wgp`) in `mc:AlternateContent` with a
  VML `v:group` fallback holding the same text (read once);
- h10 a .docx saved as Strict Open XML (`http://purl.oclc.org/ooxml/...` namespaces);
- h11 phonetic guides (`w:ruby`) on a rare character in the title and a smart tag
  (`w:smartTag`) around the date;
- h12 a 任务分工表 whose header takes two rows: 责任单位 spread over 牵头单位 │ 配合单位
  (`w:gridSpan`), the other header cells merged down (`w:vMerge`) — added after the first round;
- h13 a 任务分工表 whose rows are repeating-section content controls (`w:sdt` around `w:tr`) and
  a lead cell in a plain-text control (`w:sdt` around `w:tc`);
- h14 tracked changes that delete whole numbered items (`w:pPr/w:rPr/w:del` on the paragraph
  mark, its text in `w:delText`): Word numbers the items left;
- p01, p02 the PDFs LibreOffice exports from h04 and h07 (made at test time: marked `libreoffice`).

    python tests/holdout_docx.py            # rewrite the text twins
    python tests/holdout_docx.py DIR        # write every NAME.docx (and twins) into DIR
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office_docx import (CT, LEVELS, NAMESPACES, REL, W_NS, Doc, _banji, _footer, _p, _rels,  # noqa: E402
                         _styles, run)

sys.path.pop(0)

TWINS = Path(__file__).resolve().parent / "data" / "holdout" / "office"
PDF_SOURCES = {"p01_libreoffice_pdf_consult": "h04_consult_draft_restart_numbering",
               "p02_libreoffice_pdf_task_table": "h07_task_table_merged_lead"}

_WPS_NS = {"wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
           "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
           "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
           "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
           "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
           "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData"}
STRICT = {W_NS: "http://purl.oclc.org/ooxml/wordprocessingml/main",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
              "http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _ns(wps: bool) -> str:
    spaces = dict(NAMESPACES, wpg=_WPS_NS["wpg"], **({k: v for k, v in _WPS_NS.items() if k != "wpg"} if wps else {}))
    ignorable = "w14 w15 wp14" if wps else "w14"
    if wps:
        spaces["wp14"] = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
    return " ".join('xmlns:%s="%s"' % kv for kv in spaces.items()) + ' mc:Ignorable="%s"' % ignorable


def wps_runs(text: str) -> str:
    """Runs as WPS writes them: a new run at every change between Chinese and ASCII, each with
    `w:rFonts w:hint="eastAsia"` and its own w:lang."""
    out, start = [], 0
    for k in range(1, len(text) + 1):
        if k == len(text) or (text[k].isascii() != text[start].isascii()):
            piece = text[start:k]
            hint = '<w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>' \
                if not piece.isascii() else '<w:rFonts w:hint="default" w:ascii="仿宋_GB2312"/>'
            out.append('<w:r><w:rPr>%s<w:kern w:val="2"/><w:sz w:val="32"/><w:lang w:val="en-US" '
                       'w:eastAsia="zh-CN"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % (hint, escape(piece)))
            start = k
    return "".join(out)


class HDoc(Doc):
    """A Doc with the parts and shapes of the held-out set."""

    def __init__(self, name: str, **kw):
        self.first_header: str | None = kw.pop("first_header", None)  # first page's header, body XML
        self.last_footer: str | None = kw.pop("last_footer", None)  # the final section's own footer
        self.wps: bool = kw.pop("wps", False)
        self.strict: bool = kw.pop("strict", False)
        # extra w:num entries: (numId, {ilvl: start}) all of abstract list 0
        self.restarts: list[tuple[int, dict[int, int]]] = []
        self.num_id = 1
        self.footers: list[str] = []  # extra footers (body XML), footer2.xml … in order
        self.footnotes: list[str] = []
        self.header_lines: list[str] = []
        super().__init__(name, **kw)

    # paragraphs ---------------------------------------------------------------------------------

    def raw(self, xml: str, *lines: str) -> "HDoc":
        """A block written as given, with the lines the page shows for it."""
        self.body.append(xml)
        self.lines.extend(lines)
        return self

    def wp(self, text: str, align: str | None = None) -> "HDoc":
        """A paragraph as WPS writes it (runs split at script changes, bookmarks around it)."""
        self.shapes += 1
        inner = ('<w:bookmarkStart w:id="%d" w:name="_GoBack%d"/>%s<w:bookmarkEnd w:id="%d"/>'
                 % (self.shapes, self.shapes, wps_runs(text), self.shapes)) if text else ""
        return self.raw(_p(inner, align, '<w:spacing w:line="560" w:lineRule="exact"/>'), text)

    def restart(self, starts: dict[int, int]) -> "HDoc":
        """Word's 重新开始编号: later numbered paragraphs use a new w:num of the same list that
        restarts the given levels."""
        self.num_id = 2 + len(self.restarts)
        self.restarts.append((self.num_id, starts))
        for ilvl in starts:
            self.counters[ilvl] = starts[ilvl] - 1
        return self

    def numbered(self, ilvl: int, *pieces) -> "HDoc":
        super().numbered(ilvl, *pieces)
        if self.num_id != 1:
            self.body[-1] = self.body[-1].replace('<w:numId w:val="1"/>', '<w:numId w:val="%d"/>' % self.num_id)
        return self

    def note(self, text: str, footnote: str) -> "HDoc":
        """A body paragraph ending in a footnote reference (the page prints its number)."""
        self.footnotes.append(footnote)
        fid = len(self.footnotes)
        self.body.append(_p(run(text) + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                            '<w:footnoteReference w:id="%d"/></w:r>' % fid))
        self.lines.append(text)  # the superscript number is not copied as text by a reader
        return self

    def section(self, *, landscape: bool = False) -> "HDoc":
        """A next-page section break (the section it ends is landscape if asked)."""
        ref = '<w:footerReference w:type="default" r:id="rId2"/>'
        self.body.append(_p("", extra=_sect(ref, landscape=landscape, first=self.first_header is not None
                                            and "<w:sectPr" not in "".join(self.body))))
        return self

    # the package --------------------------------------------------------------------------------

    def docx(self) -> bytes:
        first = self.first_header is not None and "<w:sectPr" not in "".join(self.body)
        last = '<w:footerReference w:type="default" r:id="rId2"/>'
        if self.last_footer is not None:
            self.footers.append(self.last_footer)
            last = '<w:footerReference w:type="default" r:id="rIdF%d"/>' % len(self.footers)
        body = "".join(self.body) + _sect(last, first=first)
        ns = _ns(self.wps)
        parts = {"word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                      "<w:document %s><w:body>%s</w:body></w:document>" % (ns, body),
                 "word/numbering.xml": _numbering(self.style_linked, self.restarts),
                 "word/footer1.xml": _footer(self.footer)}
        rels = [("numbering", "numbering.xml", "rId1"), ("footer", "footer1.xml", "rId2")]
        if self.style_linked:
            parts["word/styles.xml"] = _styles()
            rels.append(("styles", "styles.xml", "rId3"))
        if self.first_header is not None:
            parts["word/header1.xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr %s>%s'
                                         '</w:hdr>' % (ns, self.first_header))
            parts["word/header2.xml"] = '<w:hdr %s>%s</w:hdr>' % (ns, _p(""))
            rels += [("header", "header1.xml", "rIdH1"), ("header", "header2.xml", "rIdH2")]
        for k, footer in enumerate(self.footers, 1):
            parts["word/footer%d.xml" % (k + 1)] = '<w:ftr %s>%s</w:ftr>' % (ns, footer)
            rels.append(("footer", "footer%d.xml" % (k + 1), "rIdF%d" % k))
        if self.footnotes:
            parts["word/footnotes.xml"] = '<w:footnotes %s>%s</w:footnotes>' % (ns, "".join(
                '<w:footnote w:id="%d">%s</w:footnote>' % (k, _p(run(t))) for k, t in enumerate(self.footnotes, 1)))
            rels.append(("footnotes", "footnotes.xml", "rIdN"))
        if self.wps:
            parts["word/settings.xml"] = ('<w:settings %s><w:zoom w:percent="100"/><w:compat><w:compatSetting '
                                          'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/'
                                          'word" w:val="14"/></w:compat><wpsCustomData:documentInfo '
                                          'wpsCustomData:docType="0"/></w:settings>' % ns)
            rels.append(("settings", "settings.xml", "rIdS"))
        if self.comments:
            raise ValueError("held-out fixtures carry no comments")
        if self.strict:
            parts = {k: _strict(v) for k, v in parts.items()}
        overrides = "".join('<Override PartName="/%s" ContentType="%s%s+xml"/>'
                            % (part, CT, "document.main" if part.endswith("document.xml") else
                               Path(part).stem.rstrip("0123456789")) for part in parts)
        rel_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships">%s</Relationships>'
                   % "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % (rid, _rel(self.strict), kind, target)
                             for kind, target, rid in rels))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>%s'
                       '</Types>' % overrides)
            z.writestr("_rels/.rels", _rels([("officeDocument", "word/document.xml")]).replace(
                REL, _rel(self.strict)))
            z.writestr("word/_rels/document.xml.rels", rel_xml)
            for part, xml in parts.items():
                z.writestr(part, xml)
        return buf.getvalue()

    def text(self) -> str:
        return "\n".join(self.header_lines + self.lines) + "\n"


def _rel(strict: bool) -> str:
    return "http://purl.oclc.org/ooxml/officeDocument/relationships/" if strict else REL


def _strict(xml: str) -> str:
    for old, new in STRICT.items():
        xml = xml.replace('"%s"' % old, '"%s"' % new)
    return xml


def _sect(refs: str, *, landscape: bool = False, first: bool = False) -> str:
    """A section's properties: its footer (and first-page header), A4 portrait or landscape."""
    head = '<w:headerReference w:type="first" r:id="rIdH1"/><w:headerReference w:type="default" r:id="rIdH2"/>' \
        if first else ""
    size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else \
        '<w:pgSz w:w="11906" w:h="16838"/>'
    return ('<w:sectPr>%s%s<w:type w:val="nextPage"/>%s<w:pgMar w:top="2098" w:right="1474" w:bottom="1984"'
            ' w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>%s<w:docGrid w:type="lines"'
            ' w:linePitch="579"/></w:sectPr>' % (head, refs, size, "<w:titlePg/>" if first else ""))


def _numbering(style_linked: bool, restarts: list[tuple[int, dict[int, int]]]) -> str:
    """office_docx's one list (一、（一）1.⑴), with a `w:num` per restart (w:startOverride), and a
    second list (decimal `%1`) for numbered table cells."""
    lvls = "".join('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/>'
                   '<w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
                   % (i, fmt, '<w:pStyle w:val="%d"/>' % (i + 1) if style_linked else "", escape(text))
                   for i, (fmt, text) in enumerate(LEVELS))
    cells = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/>' \
            '<w:lvlJc w:val="center"/><w:suff w:val="nothing"/></w:lvl>'
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' + "".join(
        '<w:num w:numId="%d"><w:abstractNumId w:val="0"/>%s</w:num>'
        % (nid, "".join('<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>' % kv
                        for kv in starts.items())) for nid, starts in restarts) + \
        '<w:num w:numId="9"><w:abstractNumId w:val="1"/></w:num>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s><w:abstractNum '
            'w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum><w:abstractNum '
            'w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>%s</w:abstractNum>%s</w:numbering>'
            % (_ns(False), lvls, cells, nums))


def _red_big(text: str) -> str:
    return run(text, red=True, size=72, font="方正小标宋简体")


def _tc(inner: str, *, span: int = 1, vmerge: str | None = None, width: int = 0) -> str:
    props = ('<w:tcW w:w="%d" w:type="dxa"/>' % width if width else "") + \
        ('<w:gridSpan w:val="%d"/>' % span if span > 1 else "") + \
        ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (props, inner)


_NO_BORDERS = '<w:tblBorders>%s</w:tblBorders>' % "".join(
    '<w:%s w:val="nil"/>' % e for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
_GRID = '<w:tblBorders>%s</w:tblBorders>' % "".join(
    '<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % e
    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _tbl(rows: list[str], borders: str, grid: list[int]) -> str:
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>%s<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>%s'
            '</w:tblGrid>%s</w:tbl>' % (borders, "".join('<w:gridCol w:w="%d"/>' % g for g in grid), "".join(rows)))


def _notice(d: Doc, issuer: str, number: str, title: str, recipients: str, body: str, signer: str,
            date: str) -> None:
    """The commonest front: masthead table, 发文字号, red border rule, title, 主送, one body
    paragraph, 署名 and 成文日期 set right, then the plan on a new page."""
    d.masthead(issuer)
    d.p(number, "center")
    d.rule("border")
    d.title(title)
    d.p(recipients)
    d.p(body)
    d.blank().p(signer, "right").p(date, "right")
    d.page_break()


def _annex(d: HDoc, title: str) -> None:
    """An attachment in a section of its own (the 任务分工表 goes landscape): 附件, its title."""
    d.section()
    d.p("附件")
    d.p(title, "center")


def _plan(d: Doc, title: str, *entries) -> None:
    d.title(title)
    d.outline(*entries)


# The fixtures -------------------------------------------------------------------------------------

def h01_masthead_in_page_header() -> HDoc:
    header = (_p(_red_big("云岭市卫生健康委员会文件"), "center") + _p(run("云卫发〔2025〕7号"), "center")
              + _p("", extra='<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="FF0000"/></w:pBdr>'))
    d = HDoc("h01_masthead_in_page_header", first_header=header, footer="complex")
    d.header_lines = ["云岭市卫生健康委员会文件", "云卫发〔2025〕7号"]
    d.title("云岭市卫生健康委员会关于印发2025年全市卫生健康工作要点的通知")
    d.p("各县（区）卫生健康局，委机关各处室，委属各单位：")
    d.p("现将《云岭市2025年卫生健康工作要点》印发给你们，请结合工作实际，认真抓好贯彻落实。")
    d.blank().p("云岭市卫生健康委员会", "right").p("2025年2月21日", "right")
    d.p("（此件公开发布）")
    d.page_break()
    _plan(d, "云岭市2025年卫生健康工作要点",
          "2025年，全市卫生健康工作以提升群众健康获得感为主线，重点抓好以下工作。",
          (0, "深化医改重点任务"), (1, "推进分级诊疗体系建设。"), (2, "扩大县域医共体覆盖面。"),
          (2, "推动检查检验结果互认。"), (1, "深化公立医院改革。"),
          (0, "筑牢公共卫生防线"), (1, "完善传染病监测预警机制。"), (1, "加强慢性病综合防控。"),
          (0, "提升基层服务能力"), (1, "建设一批中心卫生院。"), (2, "完成基层医疗机构设备更新。"))
    _banji(d, "抄送：市人民政府办公室。", "云岭市卫生健康委员会办公室", "2025年2月21日")
    return d


def _frame(y: int) -> str:
    """A text frame at a fixed place on the page (twips from the top)."""
    return ('<w:framePr w:w="8845" w:h="1400" w:hRule="exact" w:wrap="around" w:vAnchor="page" w:hAnchor="page"'
            ' w:x="1588" w:y="%d" w:anchorLock="1"/>' % y)


def _sdt_inline(text: str, alias: str, date: str | None = None, **style) -> str:
    pr = '<w:date w:fullDate="%sT00:00:00Z"><w:dateFormat w:val="yyyy年M月d日"/><w:lid w:val="zh-CN"/>' \
         '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>' % date if date else ""
    return ('<w:sdt><w:sdtPr><w:rPr><w:sz w:val="32"/></w:rPr><w:alias w:val=%s/><w:tag w:val=%s/><w:id w:val="%d"/>'
            '%s</w:sdtPr><w:sdtEndPr/><w:sdtContent>%s</w:sdtContent></w:sdt>'
            % (quoteattr(alias), quoteattr(alias), abs(hash(alias)) % 100000, pr, run(text, **style)))


def h02_frames_inline_controls() -> HDoc:
    d = HDoc("h02_frames_inline_controls", footer="simple")
    d.raw(_p(_red_big("东江区卫生健康局文件"), "center", _frame(2098)), "东江区卫生健康局文件")
    d.raw(_p(run("东卫发〔2025〕12号"), "center", _frame(4200)), "东卫发〔2025〕12号")
    d.rule("border")
    d.raw(_p(run("东江区卫生健康局关于印发") + _sdt_inline("东江区2025年基层卫生健康工作要点", "文件名称", size=44)
             + run("的通知"), "center"), "东江区卫生健康局关于印发东江区2025年基层卫生健康工作要点的通知")
    d.p("各街道社区卫生服务中心，各镇卫生院：")
    d.p("现将《东江区2025年基层卫生健康工作要点》印发给你们，请认真贯彻执行。")
    d.blank().p("东江区卫生健康局", "right")
    d.raw(_p(_sdt_inline("2025年3月3日", "成文日期", date="2025-03-03"), "right"), "2025年3月3日")
    d.page_break()
    _plan(d, "东江区2025年基层卫生健康工作要点",
          (0, "夯实基层服务网底"), (1, "推进社区医院建设。"), (1, "规范村卫生室管理。"),
          (0, "做实家庭医生签约服务"), (1, "提高重点人群签约率。"), (2, "开展签约居民满意度调查。"),
          (0, "提升基本公共卫生服务质量"), (1, "加强老年人健康管理。"), (1, "做好儿童健康管理。"))
    _banji(d, "抄送：区人民政府办公室。", "东江区卫生健康局办公室", "2025年3月3日")
    return d


def h03_soft_break_title_field_date() -> HDoc:
    d = HDoc("h03_soft_break_title_field_date", footer="complex")
    d.masthead("南屏县卫生健康局")
    d.p("南卫发〔2025〕5号", "center")
    d.rule("border")
    d.raw(_p(run("南屏县卫生健康局关于印发", size=44) + "<w:r><w:br/></w:r>"
             + run("南屏县2025年妇幼健康工作要点的通知", size=44), "center"),
          "南屏县卫生健康局关于印发", "南屏县2025年妇幼健康工作要点的通知")
    d.p("各乡镇卫生院，县直各医疗卫生单位：")
    d.p("现将《南屏县2025年妇幼健康工作要点》印发给你们，请抓好落实。")
    d.blank().p("南屏县卫生健康局", "right")
    d.raw(_p('<w:fldSimple w:instr=" CREATEDATE \\@ &quot;yyyy年M月d日&quot; \\* MERGEFORMAT ">%s</w:fldSimple>'
             % run("2025年1月17日"), "right"), "2025年1月17日")
    d.page_break()
    d.title("南屏县2025年妇幼健康工作要点")
    d.numbered(0, "保障母婴安全")
    d.note("全年孕产妇死亡率控制在较低水平。", "指标口径以省级妇幼卫生年报为准。")
    d.outline((1, "落实妊娠风险筛查评估。"), (1, "加强危重孕产妇救治中心建设。"),
              (0, "促进儿童健康"), (1, "推进儿童早期发展。"), (2, "建设县级儿童早期发展示范基地。"),
              (1, "做好新生儿疾病筛查。"))
    _banji(d, "抄送：县人民政府办公室。", "南屏县卫生健康局办公室", "2025年1月17日")
    return d


def h04_consult_draft_restart_numbering() -> HDoc:
    d = HDoc("h04_consult_draft_restart_numbering", footer="simple")
    d.masthead("云岭市卫生健康委员会办公室")
    d.p("云卫办函〔2025〕3号", "center")
    d.rule("border")
    d.title("云岭市卫生健康委员会办公室关于征求《云岭市2025年医疗服务质量提升工作要点（征求意见稿）》意见的通知")
    d.p("各县（区）卫生健康局，委属各单位：")
    d.p("为做好2025年医疗服务质量提升工作，我委起草了《云岭市2025年医疗服务质量提升工作要点（征求意见稿）》，"
        "现印发给你们征求意见。请于2025年1月20日前将书面意见反馈至委医政处，逾期视为无意见。")
    d.raw(_p(run("电子版请发送至") + '<w:hyperlink r:id="rIdX" w:history="1">%s</w:hyperlink>'
             % run("yizheng@example.org") + run("。")), "电子版请发送至yizheng@example.org。")
    d.p("联系人：赵某某，联系电话：0000-7654321。")
    d.p("附件：云岭市2025年医疗服务质量提升工作要点（征求意见稿）")
    d.blank().p("云岭市卫生健康委员会办公室", "right").p("2025年1月10日", "right")
    d.section()
    d.p("附件")
    d.title("云岭市2025年医疗服务质量提升工作要点")
    d.p("（征求意见稿）", "center")
    d.outline((0, "健全质量管理体系"), (1, "完善市级质控中心。"), (1, "落实医疗质量安全核心制度。"))
    d.restart({1: 1})
    d.outline((0, "改善患者就医体验"), (1, "推行预约诊疗。"), (1, "优化门诊服务流程。"), (2, "推广诊间结算。"))
    d.restart({1: 1})
    d.outline((0, "强化医疗安全管理"), (1, "开展医疗纠纷预防处理培训。"))
    return d


def _ptab(align: str) -> str:
    return '<w:r><w:ptab w:relativeTo="margin" w:alignment="%s" w:leader="none"/></w:r>' % align


def h05_positional_tabs() -> HDoc:
    d = HDoc("h05_positional_tabs", footer="complex")
    d.masthead("西山区卫生健康局")
    d.raw(_p(run("西卫发〔2025〕9号") + _ptab("right") + run("签发人：钱某某")), "西卫发〔2025〕9号\t签发人：钱某某")
    d.rule("border")
    d.title("西山区卫生健康局关于印发西山区2025年疾病预防控制工作要点的通知")
    d.p("各社区卫生服务中心，区疾病预防控制中心：")
    d.p("现将《西山区2025年疾病预防控制工作要点》印发给你们，请认真组织实施。")
    d.blank()
    d.raw(_p(_ptab("right") + run("西山区卫生健康局")), "\t西山区卫生健康局")
    d.raw(_p(_ptab("right") + run("2025年2月10日")), "\t2025年2月10日")
    d.page_break()
    _plan(d, "西山区2025年疾病预防控制工作要点",
          (0, "加强传染病防控"), (1, "做好重点传染病监测处置。"), (1, "提高免疫规划疫苗接种率。"),
          (0, "推进慢性病防控"), (1, "开展高血压糖尿病筛查。"), (2, "为辖区居民免费测量血压。"),
          (0, "强化疾控能力"), (1, "完成实验室检测能力提升。"))
    _banji(d, "抄送：区人民政府办公室。", "西山区卫生健康局办公室", "2025年2月10日")
    return d


def h06_signature_grid_banji_footer() -> HDoc:
    banji = _tbl(["<w:tr>%s</w:tr>" % _tc(_p(run("抄送：市人民政府办公室。")), span=2),
                  "<w:tr>%s%s</w:tr>" % (_tc(_p(run("河口市卫生健康委员会办公室"))),
                                         _tc(_p(run("2025年4月8日印发"), "right")))],
                 '<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom '
                 'w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tblBorders>', [4500, 4345])
    d = HDoc("h06_signature_grid_banji_footer", footer="simple", last_footer=banji)
    d.masthead("河口市卫生健康委员会")
    d.p("河卫发〔2025〕16号", "center")
    d.rule("border")
    d.title("河口市卫生健康委员会关于印发2025年全市老龄健康工作要点的通知")
    d.p("各县（市）卫生健康局，委机关各科室：")
    d.p("现将《河口市2025年老龄健康工作要点》印发给你们，请结合实际认真落实。")
    sign = _tbl(["<w:tr>%s%s</w:tr>" % (_tc(_p("")), _tc(_p(run("河口市卫生健康委员会"), "center"))),
                 "<w:tr>%s%s</w:tr>" % (_tc(_p("")), _tc(_p(run("2025年4月8日"), "center"))),
                 "<w:tr>%s</w:tr>" % _tc(_p(run("（此件公开发布）")), span=2)], _NO_BORDERS, [4500, 4345])
    d.raw(sign, "河口市卫生健康委员会", "2025年4月8日", "（此件公开发布）")
    d.section()
    _plan(d, "河口市2025年老龄健康工作要点",
          (0, "完善老年健康服务体系"), (1, "建设老年友善医疗机构。"), (1, "发展安宁疗护服务。"),
          (0, "推进医养结合"), (1, "支持医疗机构开展养老服务。"), (2, "新增医养结合机构床位。"),
          (0, "开展老年健康促进行动"), (1, "组织老年健康宣传周活动。"))
    d.lines.extend(["抄送：市人民政府办公室。", "河口市卫生健康委员会办公室\t2025年4月8日印发"])
    return d


def h07_task_table_merged_lead() -> HDoc:
    d = HDoc("h07_task_table_merged_lead", footer="complex")
    _notice(d, "云岭市卫生健康委员会", "云卫办发〔2025〕11号", "云岭市卫生健康委员会办公室关于印发2025年卫生健康重点工作任务分工的通知",
            "委机关各处室，委属各单位：",
            "现将《云岭市2025年卫生健康重点工作》及任务分工表印发给你们，请各牵头处室按时限推进。",
            "云岭市卫生健康委员会办公室", "2025年3月14日")
    _plan(d, "云岭市2025年卫生健康重点工作",
          (0, "医疗服务"), (1, "建设区域医疗中心。"), (1, "推进临床专科能力建设。"), (1, "改善护理服务。"),
          (0, "公共卫生"), (1, "开展重点人群健康体检。"), (1, "推进健康城市建设。"))
    _annex(d, "云岭市2025年卫生健康重点工作任务分工表")
    tasks = [("建设区域医疗中心", "医政处", "规划处", "2025年12月底前"),
             ("推进临床专科能力建设", "医政处", "科教处", "2025年10月底前"),
             ("改善护理服务", "医政处", "各医疗机构", "全年"),
             ("开展重点人群健康体检", "基层卫生处", "疾控处", "2025年9月底前"),
             ("推进健康城市建设", "爱卫办", "宣传处", "全年")]
    head = "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>%s</w:tr>" % "".join(
        _tc(_p(run(h, bold=True), "center")) for h in ("序号", "重点任务", "牵头处室", "配合单位", "完成时限"))
    rows, lines = [head], ["序号\t重点任务\t牵头处室\t配合单位\t完成时限"]
    num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr>'
    for k, (task, lead, sup, when) in enumerate(tasks):
        first = k == 0 or tasks[k - 1][1] != lead
        last = k + 1 == len(tasks) or tasks[k + 1][1] != lead
        merge = None if first and last else "restart" if first else "continue"
        lead_cell = _tc(_p(run(lead) if first else "", "center"), vmerge=merge)
        rows.append("<w:tr>%s%s%s%s%s</w:tr>" % (_tc(_p("", "center", num)), _tc(_p(run(task))), lead_cell,
                                                 _tc(_p(run(sup))), _tc(_p(run(when)))))
        lines.append("%d\t%s\t%s\t%s\t%s" % (k + 1, task, lead, sup, when))
    d.raw(_tbl(rows, _GRID, [800, 5000, 1800, 2600, 2200]), *lines)
    d.section(landscape=True)
    return d


def h08_wps_saved() -> HDoc:
    d = HDoc("h08_wps_saved", footer="complex", wps=True, style_linked=True)
    d.textbox(["北塘区卫生健康局文件"], kind="wps")
    d.wp("北卫发〔2025〕2号", "center")
    d.rule("wps")
    d.wp("北塘区卫生健康局关于印发北塘区2025年卫生健康工作要点的通知", "center")
    d.wp("各镇（街道）卫生院、社区卫生服务中心，局属各单位：")
    d.wp("现将《北塘区2025年卫生健康工作要点》印发给你们，请结合实际抓好落实。")
    d.wp("")
    d.wp("北塘区卫生健康局", "right")
    d.wp("2025年1月27日", "right")
    d.page_break()
    d.wp("北塘区2025年卫生健康工作要点", "center")
    d.outline((0, "深化医疗卫生体制改革"), (1, "推进紧密型医联体建设。"), (1, "落实分级诊疗制度。"),
              (0, "加强公共卫生体系建设"), (1, "提升突发事件应急处置能力。"), (2, "开展应急演练2次以上。"),
              (0, "推进健康北塘建设"), (1, "开展全民健身和健康素养促进行动。"))
    _banji(d, "抄送：区人民政府办公室。", "北塘区卫生健康局办公室", "2025年1月27日")
    return d


def h09_group_masthead() -> HDoc:
    d = HDoc("h09_group_masthead", footer="simple")
    d.shapes += 1
    box = "<w:txbxContent>%s</w:txbxContent>" % _p(_red_big("湖滨县卫生健康局文件"), "center")
    group = ('<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5613400" cy="900000"/>'
             '</a:xfrm></wpg:grpSpPr><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:prstGeom prst="rect">'
             '<a:avLst/></a:prstGeom></wps:spPr><wps:txbx>%s</wps:txbx><wps:bodyPr/></wps:wsp><wps:wsp>'
             '<wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="28575"><a:solidFill>'
             '<a:srgbClr val="FF0000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></wpg:wgp>' % box)
    anchor = ('<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="3"'
              ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
              '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH><wp:positionV '
              'relativeFrom="page"><wp:posOffset>1260000</wp:posOffset></wp:positionV><wp:extent cx="5613400" '
              'cy="900000"/><wp:wrapTopAndBottom/><wp:docPr id="7" name="组合 7"/><a:graphic><a:graphicData '
              'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">%s</a:graphicData>'
              '</a:graphic></wp:anchor></w:drawing>' % group)
    vml = ('<w:pict><v:group id="组合7" style="position:absolute;width:442pt;height:71pt" coordsize="5613400,900000">'
           '<v:shape id="文本框8" type="#_x0000_t202" style="position:absolute;width:5613400;height:700000" '
           'stroked="f"><v:textbox>%s</v:textbox></v:shape><v:line id="直线9" from="0,900000" to="5613400,900000" '
           'strokecolor="#FF0000" strokeweight="2.25pt"/></v:group></w:pict>' % box)
    d.raw(_p('<w:r><mc:AlternateContent><mc:Choice Requires="wpg">%s</mc:Choice><mc:Fallback>%s</mc:Fallback>'
             '</mc:AlternateContent></w:r>' % (anchor, vml)), "湖滨县卫生健康局文件")
    d.p("湖卫发〔2025〕4号", "center")
    d.title("湖滨县卫生健康局关于印发湖滨县2025年中医药工作要点的通知")
    d.p("各乡镇卫生院，县中医医院：")
    d.p("现将《湖滨县2025年中医药工作要点》印发给你们，请认真贯彻落实。")
    d.blank().p("湖滨县卫生健康局", "right").p("2025年3月20日", "right")
    d.page_break()
    _plan(d, "湖滨县2025年中医药工作要点",
          (0, "加强中医药服务体系建设"), (1, "推进县中医医院提标扩能。"), (1, "建设乡镇卫生院中医馆。"),
          (0, "传承创新中医药"), (1, "开展名老中医经验传承。"), (2, "建设名老中医工作室2个。"))
    return d


def h10_strict_ooxml() -> HDoc:
    d = HDoc("h10_strict_ooxml", footer="simple", strict=True)
    _notice(d, "松江县卫生健康局", "松卫发〔2025〕8号", "松江县卫生健康局关于印发松江县2025年卫生监督工作要点的通知",
            "各乡镇卫生院，县卫生健康综合监督执法大队：",
            "现将《松江县2025年卫生监督工作要点》印发给你们，请认真组织实施。",
            "松江县卫生健康局", "2025年2月28日")
    _plan(d, "松江县2025年卫生监督工作要点",
          (0, "加强医疗卫生监督"), (1, "开展医疗机构依法执业检查。"), (1, "打击非法行医。"),
          (0, "强化公共卫生监督"), (1, "做好学校卫生监督。"), (2, "完成学校饮用水抽检。"),
          (1, "开展公共场所卫生监督。"))
    _banji(d, "抄送：县人民政府办公室。", "松江县卫生健康局办公室", "2025年2月28日")
    return d


def _ruby(base: str, guide: str) -> str:
    return ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="22"/><w:hpsRaise '
            'w:val="42"/><w:hpsBaseText w:val="44"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt>%s</w:rt><w:rubyBase>%s'
            '</w:rubyBase></w:ruby></w:r>' % (run(guide, size=22), run(base, size=44)))


def h11_ruby_smarttag() -> HDoc:
    d = HDoc("h11_ruby_smarttag", footer="simple")
    d.masthead("汆水县卫生健康局")
    d.p("汆卫发〔2025〕6号", "center")
    d.rule("border")
    d.raw(_p(_ruby("汆", "cuān") + run("水县卫生健康局关于印发", size=44) + _ruby("汆", "cuān")
             + run("水县2025年医疗保障与卫生健康协同工作要点的通知", size=44), "center"),
          "汆水县卫生健康局关于印发汆水县2025年医疗保障与卫生健康协同工作要点的通知")
    d.p("各乡镇卫生院，县直各医疗卫生单位：")
    d.p("现将《汆水县2025年医疗保障与卫生健康协同工作要点》印发给你们，请遵照执行。")
    d.blank().p("汆水县卫生健康局", "right")
    d.raw(_p('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate"><w:smartTagPr>'
             '<w:attr w:name="Year" w:val="2025"/><w:attr w:name="Month" w:val="3"/><w:attr w:name="Day" w:val="9"/>'
             '<w:attr w:name="IsLunarDate" w:val="False"/><w:attr w:name="IsROCDate" w:val="False"/></w:smartTagPr>'
             '%s</w:smartTag>' % run("2025年3月9日"), "right"), "2025年3月9日")
    d.page_break()
    _plan(d, "汆水县2025年医疗保障与卫生健康协同工作要点",
          (0, "协同推进支付方式改革"), (1, "推行按病种分值付费。"), (1, "完善县域医共体总额付费。"),
          (0, "提升群众就医获得感"), (1, "推行先诊疗后付费。"), (2, "在县级医院全面推开。"))
    _banji(d, "抄送：县医疗保障局。", "汆水县卫生健康局办公室", "2025年3月9日")
    return d


def h12_task_table_two_row_header() -> HDoc:
    d = HDoc("h12_task_table_two_row_header", footer="simple")
    _notice(d, "石门县卫生健康局", "石卫发〔2025〕13号", "石门县卫生健康局关于印发石门县2025年卫生健康重点任务清单的通知",
            "各乡镇卫生院，局机关各股室：",
            "现将《石门县2025年卫生健康重点任务》及责任分工印发给你们，请对照分工抓好落实。",
            "石门县卫生健康局", "2025年3月25日")
    _plan(d, "石门县2025年卫生健康重点任务",
          (0, "基层卫生"), (1, "完成村卫生室标准化建设。"), (1, "开展乡村医生培训。"),
          (0, "医疗服务"), (1, "推进县人民医院胸痛中心建设。"))
    _annex(d, "石门县2025年卫生健康重点任务分工表")
    head1 = "<w:tr><w:trPr><w:tblHeader/></w:trPr>%s%s%s%s</w:tr>" % (
        _tc(_p(run("序号"), "center"), vmerge="restart"), _tc(_p(run("重点任务"), "center"), vmerge="restart"),
        _tc(_p(run("责任单位"), "center"), span=2), _tc(_p(run("完成时限"), "center"), vmerge="restart"))
    head2 = "<w:tr><w:trPr><w:tblHeader/></w:trPr>%s%s%s%s%s</w:tr>" % (
        _tc(_p(""), vmerge="continue"), _tc(_p(""), vmerge="continue"), _tc(_p(run("牵头单位"), "center")),
        _tc(_p(run("配合单位"), "center")), _tc(_p(""), vmerge="continue"))
    tasks = [("1", "完成村卫生室标准化建设", "基层卫生股", "规划财务股", "2025年10月底前"),
             ("2", "开展乡村医生培训", "基层卫生股", "县卫生进修学校", "2025年11月底前"),
             ("3", "推进县人民医院胸痛中心建设", "医政医管股", "县人民医院", "2025年12月底前")]
    rows = [head1, head2] + ["<w:tr>%s</w:tr>" % "".join(_tc(_p(run(c))) for c in t) for t in tasks]
    d.raw(_tbl(rows, _GRID, [800, 5000, 1800, 2600, 2200]), "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
          *("\t".join(t) for t in tasks))
    d.section(landscape=True)
    return d


def _sdt(inner: str, alias: str) -> str:
    return ('<w:sdt><w:sdtPr><w:alias w:val=%s/><w:id w:val="%d"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>'
            % (quoteattr(alias), 700 + len(inner) % 97, inner))


def h13_task_rows_in_content_controls() -> HDoc:
    d = HDoc("h13_task_rows_in_content_controls", footer="simple")
    _notice(d, "河口市卫生健康委员会", "河卫办发〔2025〕21号", "河口市卫生健康委员会办公室关于印发2025年医政工作任务分工方案的通知",
            "委机关各科室，各公立医院：",
            "现将《河口市2025年医政工作要点》及任务分工印发给你们，请认真落实。",
            "河口市卫生健康委员会办公室", "2025年4月15日")
    _plan(d, "河口市2025年医政工作要点",
          (0, "医疗质量"), (1, "完善质控指标体系。"), (1, "开展处方点评。"),
          (0, "医疗安全"), (1, "落实手术分级管理。"))
    _annex(d, "河口市2025年医政工作任务分工表")
    tasks = [("完善质控指标体系", "医政科", "质控中心", "2025年6月底前"), ("开展处方点评", "药政科", "各公立医院", "全年"),
             ("落实手术分级管理", "医政科", "各公立医院", "2025年9月底前")]
    head = "<w:tr>%s</w:tr>" % "".join(_tc(_p(run(h), "center")) for h in ("工作任务", "责任科室", "配合单位", "完成时限"))
    rows = [head] + [
        # a repeating-section content control around each row, a plain-text control around its lead cell
        _sdt("<w:tr>%s%s%s%s</w:tr>" % (_tc(_p(run(t))), _sdt(_tc(_p(run(lead))), "责任科室"), _tc(_p(run(sup))),
                                        _tc(_p(run(when)))), "任务") for t, lead, sup, when in tasks]
    d.raw(_tbl(rows, _GRID, [5000, 1800, 2600, 2200]), "工作任务\t责任科室\t配合单位\t完成时限",
          *("\t".join(t) for t in tasks))
    return d


def _deleted_numbered(text: str, ilvl: int) -> str:
    """A numbered paragraph deleted with tracked changes: its text and its paragraph mark."""
    rid = 'w:author="审核人" w:date="2025-02-01T09:00:00Z"'
    return ('<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="901" %s/>'
            '</w:rPr></w:pPr><w:del w:id="902" %s><w:r><w:delText>%s</w:delText></w:r></w:del></w:p>'
            % (ilvl, rid, rid, escape(text)))


def h14_tracked_deleted_items() -> HDoc:
    d = HDoc("h14_tracked_deleted_items", footer="simple")
    _notice(d, "东江区卫生健康局", "东卫发〔2025〕15号", "东江区卫生健康局关于印发东江区2025年爱国卫生工作要点的通知",
            "各街道办事处，区直有关单位：",
            "现将《东江区2025年爱国卫生工作要点》印发给你们，请认真贯彻落实。",
            "东江区卫生健康局", "2025年3月31日")
    d.title("东江区2025年爱国卫生工作要点")
    d.numbered(0, "深入开展城乡环境整治")
    d.numbered(1, "开展病媒生物防制。")
    d.raw(_deleted_numbered("开展春季爱国卫生运动月活动。", 1))  # deleted whole, so not numbered
    d.numbered(1, "推进农村改厕。")
    d.numbered(0, "推进健康城市建设")
    d.raw(_deleted_numbered("完成健康城市评估。", 1))
    d.numbered(1, "建设健康社区。")
    d.numbered(1, "开展健康知识进万家活动。")
    return d


FIXTURES: dict[str, Callable[[], HDoc]] = {f.__name__: f for f in (
    h01_masthead_in_page_header, h02_frames_inline_controls, h03_soft_break_title_field_date,
    h04_consult_draft_restart_numbering, h05_positional_tabs, h06_signature_grid_banji_footer,
    h07_task_table_merged_lead, h08_wps_saved, h09_group_masthead, h10_strict_ooxml, h11_ruby_smarttag,
    h12_task_table_two_row_header, h13_task_rows_in_content_controls, h14_tracked_deleted_items)}


def build(folder: Path, fixtures: dict[str, Callable[[], HDoc]] | None = None) -> list[Path]:
    """Write every fixture's .docx (of this set, or of `fixtures`) into `folder`; the paths, in
    name order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in sorted((fixtures or FIXTURES).items()):
        path = folder / (name + ".docx")
        path.write_bytes(make().docx())
        out.append(path)
    return out


def build_pdfs(folder: Path, fixtures: dict[str, Callable[[], HDoc]] | None = None,
               sources: dict[str, str] | None = None) -> list[Path]:
    """The PDFs LibreOffice exports from their source .docx (LibreOffice must be installed)."""
    from drafter.office import convert

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, source in sorted((sources or PDF_SOURCES).items()):
        src = folder / (name + ".docx")
        src.write_bytes((fixtures or FIXTURES)[source]().docx())
        pdf = convert(src, "pdf", folder)
        src.unlink()
        out.append(pdf)
    return out


def write_twins(folder: Path = TWINS, fixtures: dict[str, Callable[[], HDoc]] | None = None,
                sources: dict[str, str] | None = None) -> None:
    """Write every fixture's text twin (the committed NAME.txt beside NAME.expected.json)."""
    fixtures, sources = fixtures or FIXTURES, sources or PDF_SOURCES
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in fixtures.items():
        (folder / (name + ".txt")).write_text(make().text(), encoding="utf-8")
    for name, source in sources.items():
        (folder / (name + ".txt")).write_text(fixtures[source]().text(), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TWINS
    if target == TWINS:
        write_twins()
    else:
        build(target)
        write_twins(target)
