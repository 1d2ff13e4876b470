"""Office .docx fixtures of issue 15: 红头 documents built the way Word and WPS users build them,
each with its plain-text twin (the same content as a reader of the printed page would copy it).

One `Doc` is the single source of both: every block writes its WordprocessingML and the lines it
shows on the page, so a .docx and its .txt twin cannot drift apart.  The shapes (docs/genre.md,
"Office .docx shapes"): the 发文机关标志 in a borderless table or a text box (DrawingML `wps:wsp`
with a VML `v:textbox` fallback, as Word writes it; VML only, as older WPS does), 联合行文 with the
issuers in table rows and `文件` in a vertically merged cell, the red rule as a drawn line
(`wps:wsp` / `v:line`) or a paragraph bottom border, Word list numbering (`w:numPr`: chineseCounting
`%1、`, `（%2）`, decimal `%3.`, decimalEnclosedParen `⑴`), the 版记 in a bordered table, page
numbers in footer PAGE fields (simple and complex), section breaks, a 附件 after a page break,
tracked changes and comments left in, a 任务分工表.  All content is invented.

    python tests/office_docx.py DIR     # writes NAME.docx and NAME.txt for every fixture into DIR
"""
from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

TWINS = Path(__file__).resolve().parent / "data" / "genre" / "office"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
NS = " ".join('xmlns:%s="%s"' % kv for kv in NAMESPACES.items()) + ' mc:Ignorable="w14"'
RED = "FF0000"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

# One list for the whole document, as a 公文 template defines it: 一、 （一） 1. ⑴
LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
          ("decimalEnclosedParen", "%4")]
_CN = "零一二三四五六七八九十"


def chinese_counting(n: int) -> str:
    """Word's chineseCounting up to 99: 一 … 十 十一 … 二十 二十一."""
    if n <= 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _label(ilvl: int, n: int) -> str:
    fmt, text = LEVELS[ilvl]
    shown = {"chineseCounting": chinese_counting, "decimal": str,
             "decimalEnclosedParen": lambda k: chr(0x2473 + k)}[fmt](n)
    return text.replace("%%%d" % (ilvl + 1), shown)


def run(text: str, *, red: bool = False, size: int | None = None, bold: bool = False,
        font: str | None = None) -> str:
    props = "".join([
        '<w:rFonts w:ascii=%s w:eastAsia=%s w:hAnsi=%s/>' % ((quoteattr(font),) * 3) if font else "",
        "<w:b/>" if bold else "",
        '<w:color w:val="%s"/>' % RED if red else "",
        '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (size, size) if size else ""])
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
        "<w:rPr>%s</w:rPr>" % props if props else "", escape(text))


def _ppr(align: str | None = None, extra: str = "") -> str:
    jc = '<w:jc w:val="%s"/>' % align if align else ""
    return "<w:pPr>%s%s</w:pPr>" % (extra, jc) if (jc or extra) else ""


def _p(inner: str, align: str | None = None, extra: str = "") -> str:
    return "<w:p>%s%s</w:p>" % (_ppr(align, extra), inner)


_RED_BORDER = '<w:%s w:val="single" w:sz="12" w:space="1" w:color="%s"/>'
_BLACK_BORDER = '<w:%s w:val="single" w:sz="8" w:space="0" w:color="000000"/>'


@dataclass
class Doc:
    """A document under construction: WordprocessingML body, text twin, parts beside it."""

    name: str
    body: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    footer: str = "simple"  # how the footer's PAGE field is written: simple (fldSimple) or complex
    counters: list[int] = field(default_factory=lambda: [0] * len(LEVELS))
    shapes: int = 0
    # WPS's way: the list is linked to the heading styles (`1`, `2`, `3`, `4` as WPS names them),
    # and a paragraph carries only its w:pStyle, the number coming through styles.xml.
    style_linked: bool = False

    # paragraphs --------------------------------------------------------------------------------

    def p(self, text: str, align: str | None = None, **style) -> "Doc":
        """A paragraph as typed; the twin shows it as it stands."""
        self.body.append(_p(run(text, **style) if text else "", align))
        self.lines.append(text)
        return self

    def blank(self) -> "Doc":
        return self.p("")

    def title(self, text: str) -> "Doc":
        """A title as 公文 set it: centred, 二号 (22 pt)."""
        return self.p(text, "center", size=44)

    def outline(self, *entries) -> "Doc":
        """Body paragraphs (a str) and list-numbered ones ((level, *pieces), as for `numbered`)."""
        for entry in entries:
            if isinstance(entry, str):
                self.p(entry)
            else:
                self.numbered(*entry)
        return self

    def numbered(self, ilvl: int, *pieces) -> "Doc":
        """A paragraph numbered by Word's list (w:numPr), its number not typed; the twin shows the
        number Word prints.  `pieces` as for `edited`."""
        self.counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(self.counters)):
            self.counters[deeper] = 0
        numpr = ('<w:pStyle w:val="%d"/>' % (ilvl + 1)) if self.style_linked else \
            '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>' % ilvl
        xml, shown = self._pieces(pieces)
        self.body.append(_p(xml, extra=numpr))
        self.lines.append(_label(ilvl, self.counters[ilvl]) + shown)
        return self

    def edited(self, *pieces) -> "Doc":
        """A paragraph with revisions and comments left in; the twin reads it with the revisions
        accepted and without the comments."""
        xml, shown = self._pieces(pieces)
        self.body.append(_p(xml))
        self.lines.append(shown)
        return self

    def _pieces(self, pieces) -> tuple[str, str]:
        """A str is typed text; ("ins", t) an insertion, ("del", t) a deletion (tracked, by
        办公室); ("note", t, remark) text under a reviewer's comment."""
        xml, shown = [], []
        for piece in pieces:
            kind, text = ("", piece) if isinstance(piece, str) else piece[:2]
            rid = 'w:id="%d" w:author="办公室" w:date="2024-02-20T09:00:00Z"' % (1000 + len(self.body) * 10 + len(xml))
            if kind == "ins":
                xml.append("<w:ins %s>%s</w:ins>" % (rid, run(text)))
            elif kind == "del":
                xml.append('<w:del %s><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del>'
                           % (rid, escape(text)))
            elif kind == "note":
                cid = len(self.comments)
                self.comments.append((cid, piece[2]))
                xml.append('<w:commentRangeStart w:id="%d"/>%s<w:commentRangeEnd w:id="%d"/>'
                           '<w:r><w:commentReference w:id="%d"/></w:r>' % (cid, run(text), cid, cid))
            else:
                xml.append(run(text))
            if kind != "del":
                shown.append(text)
        return "".join(xml), "".join(shown)

    def control(self, text: str, alias: str, align: str | None = None, **style) -> "Doc":
        """A paragraph inside a content control (w:sdt), as templates leave their fill-in fields."""
        self.body.append('<w:sdt><w:sdtPr><w:alias w:val=%s/><w:tag w:val=%s/><w:id w:val="%d"/></w:sdtPr>'
                         '<w:sdtContent>%s</w:sdtContent></w:sdt>'
                         % (quoteattr(alias), quoteattr(alias), 500 + len(self.body), _p(run(text, **style), align)))
        self.lines.append(text)
        return self

    def field(self, instruction: str, result: str, align: str | None = None) -> "Doc":
        """A paragraph that is a complex field (begin · instrText · separate · result · end), as a
        template's DATE or CREATEDATE field; the page shows the result."""
        self.body.append(_p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                            ' %s </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s'
                            '<w:r><w:fldChar w:fldCharType="end"/></w:r>' % (escape(instruction), run(result)),
                            align))
        self.lines.append(result)
        return self

    def tabbed(self, *cells: str) -> "Doc":
        """One paragraph, its parts apart by tab stops (文号 left, 签发人 right)."""
        self.body.append(_p("<w:r><w:tab/></w:r>".join(run(c) for c in cells)))
        self.lines.append("\t".join(cells))
        return self

    # page furniture ----------------------------------------------------------------------------

    def rule(self, kind: str) -> "Doc":
        """The red rule under the 版头: `border` (a paragraph's bottom border), `wps` (a DrawingML
        line with its VML fallback, as Word writes it) or `vml` (a VML line only)."""
        if kind == "border":
            self.body.append(_p("", extra="<w:pBdr>%s</w:pBdr>" % (_RED_BORDER % ("bottom", RED))))
            return self
        self.shapes += 1
        vml = ('<w:pict><v:line id="红线%d" from="0,0" to="442pt,0" strokecolor="#%s" strokeweight="2.25pt"'
               ' style="position:absolute;mso-position-horizontal:center"/></w:pict>' % (self.shapes, RED))
        if kind == "vml":
            self.body.append(_p("<w:r>%s</w:r>" % vml))
            return self
        shape = ('<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5613400" cy="0"/>'
                 '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="28575"><a:solidFill>'
                 '<a:srgbClr val="%s"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>' % RED)
        self.body.append(_p("<w:r>%s</w:r>" % self._alternate(shape, vml)))
        return self

    def _alternate(self, wsp: str, vml: str) -> str:
        """A floating shape as Word saves it: DrawingML for readers that know wps, VML otherwise."""
        anchor = ('<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="%d"'
                  ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
                  '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
                  '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
                  '<wp:extent cx="5613400" cy="0"/><wp:wrapNone/><wp:docPr id="%d" name="形状 %d"/>'
                  '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                  '%s</a:graphicData></a:graphic></wp:anchor></w:drawing>'
                  % (self.shapes, self.shapes, self.shapes, wsp))
        return ('<mc:AlternateContent><mc:Choice Requires="wps">%s</mc:Choice><mc:Fallback>%s</mc:Fallback>'
                '</mc:AlternateContent>' % (anchor, vml))

    def textbox(self, lines: list[str], kind: str = "wps") -> "Doc":
        """The 发文机关标志 in a floating text box anchored to an empty paragraph: `wps` (DrawingML
        with a VML fallback holding the same text, as Word writes it) or `vml` (VML only)."""
        self.shapes += 1
        content = "<w:txbxContent>%s</w:txbxContent>" % "".join(
            _p(run(t, red=True, size=72, font="方正小标宋简体"), "center") for t in lines)
        vml = ('<w:pict><v:shape id="文本框%d" type="#_x0000_t202" style="position:absolute;width:442pt;'
               'height:60pt;mso-position-horizontal:center" stroked="f"><v:textbox>%s</v:textbox></v:shape>'
               '</w:pict>' % (self.shapes, content))
        if kind == "vml":
            self.body.append(_p("<w:r>%s</w:r>" % vml))
        else:
            wsp = ('<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                   '<a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>%s</wps:txbx><wps:bodyPr/></wps:wsp>' % content)
            self.body.append(_p("<w:r>%s</w:r>" % self._alternate(wsp, vml)))
        self.lines.extend(lines)
        return self

    def page_break(self) -> "Doc":
        self.body.append(_p('<w:r><w:br w:type="page"/></w:r>'))
        return self

    def section_break(self) -> "Doc":
        """A next-page section break (a sectPr in the last paragraph of the section)."""
        self.body.append(_p("", extra=_sect_pr()))
        return self

    # tables ------------------------------------------------------------------------------------

    def table(self, rows: list[list[str]], *, borders: str = "grid", twin: list[str] | None = None,
              merged_down: set[tuple[int, int]] = frozenset(), red: bool = False) -> "Doc":
        """A table; `merged_down` holds the (row, col) cells that continue the cell above (vMerge).
        borders: grid (a data table), none (a 版头 laid out in a table), banji (rules above, between
        and below the rows, as the 版记 is drawn).  The twin shows each row's cells joined by a tab,
        unless `twin` gives the lines a copy of the printed page shows."""
        edges = {"grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
                 "banji": ("top", "bottom", "insideH"), "none": ()}[borders]
        tbl_borders = "<w:tblBorders>%s</w:tblBorders>" % "".join(_BLACK_BORDER % (e,) for e in edges) \
            if edges else '<w:tblBorders><w:top w:val="nil"/><w:bottom w:val="nil"/></w:tblBorders>'
        starts = {(r - 1, c) for r, c in merged_down}
        xml_rows = []
        for r, cells in enumerate(rows):
            tcs = []
            for c, text in enumerate(cells):
                vmerge = '<w:vMerge w:val="restart"/>' if (r, c) in starts else \
                    "<w:vMerge/>" if (r, c) in merged_down else ""
                big = red  # a 发文机关标志
                inner = run(text, red=red, size=72 if big else None, font="方正小标宋简体" if big else None) \
                    if text else ""
                tcs.append("<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (vmerge, _p(inner, "center" if big else None)))
            xml_rows.append("<w:tr>%s</w:tr>" % "".join(tcs))
        self.body.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>%s</w:tblPr>%s</w:tbl>'
                         % (tbl_borders, "".join(xml_rows)))
        self.lines.extend(twin if twin is not None else ["\t".join(c for c in row if c) for row in rows])
        return self

    def masthead(self, issuer: str) -> "Doc":
        """The 发文机关标志 `issuer文件` in a borderless one-cell table."""
        return self.table([[issuer + "文件"]], borders="none", red=True)

    # the package -------------------------------------------------------------------------------

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def docx(self) -> bytes:
        body = "".join(self.body) + _sect_pr(footer=True)
        parts = {
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                 "<w:document %s><w:body>%s</w:body></w:document>" % (NS, body),
            "word/numbering.xml": _numbering(self.style_linked),
            "word/footer1.xml": _footer(self.footer),
        }
        rels = [("numbering", "numbering.xml"), ("footer", "footer1.xml")]
        if self.style_linked:
            parts["word/styles.xml"] = _styles()
            rels.append(("styles", "styles.xml"))
        if self.comments:
            parts["word/comments.xml"] = _comments(self.comments)
            rels.append(("comments", "comments.xml"))
        overrides = "".join('<Override PartName="/%s" ContentType="%s%s+xml"/>'
                            % (part, CT, "document.main" if part.endswith("document.xml") else
                               Path(part).stem.rstrip("0123456789")) for part in parts)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>%s'
                       '</Types>' % overrides)
            z.writestr("_rels/.rels", _rels([("officeDocument", "word/document.xml")]))
            z.writestr("word/_rels/document.xml.rels", _rels(rels))
            for part, xml in parts.items():
                z.writestr(part, xml)
        return buf.getvalue()


def _rels(targets: list[tuple[str, str]]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>'
            % "".join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, REL, kind, target)
                      for i, (kind, target) in enumerate(targets)))


def _sect_pr(footer: bool = True) -> str:
    ref = '<w:footerReference w:type="default" r:id="rId2"/>' if footer else ""
    return ('<w:sectPr>%s<w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098"'
            ' w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
            '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>' % ref)


def _styles() -> str:
    """Heading styles `1`…`4` linked to the list's levels (as WPS writes them)."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles %s>%s</w:styles>' % (NS, "".join(
        '<w:style w:type="paragraph" w:styleId="%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="%d"/></w:pPr>'
        '</w:style>' % (i + 1, i + 1, i, i) for i in range(len(LEVELS)))))


def _numbering(style_linked: bool = False) -> str:
    lvls = "".join('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/>'
                   '<w:lvlJc w:val="left"/><w:suff w:val="nothing"/><w:pPr><w:ind w:firstLine="640"/></w:pPr>'
                   '</w:lvl>' % (i, fmt, '<w:pStyle w:val="%d"/>' % (i + 1) if style_linked else "", escape(text))
                   for i, (fmt, text) in enumerate(LEVELS))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s><w:abstractNum '
            'w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum><w:num w:numId="1">'
            '<w:abstractNumId w:val="0"/></w:num></w:numbering>' % (NS, lvls))


def _footer(kind: str) -> str:
    """The page number as GB/T 9704 prints it, `— 1 —`, through a PAGE field."""
    if kind == "complex":
        field_xml = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                     ' PAGE  \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                     '</w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>' % run("1"))
    else:
        field_xml = '<w:fldSimple w:instr=" PAGE ">%s</w:fldSimple>' % run("1")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr %s>%s</w:ftr>'
            % (NS, _p(run("— ") + field_xml + run(" —"), "outside")))


def _comments(comments: list[tuple[int, str]]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments %s>%s</w:comments>'
            % (NS, "".join('<w:comment w:id="%d" w:author="审核人" w:date="2024-02-21T10:00:00Z">%s</w:comment>'
                           % (cid, _p(run(text))) for cid, text in comments)))


# The fixtures ----------------------------------------------------------------------------------

def _signature(d: Doc, issuer: str, date: str) -> None:
    d.blank().p(issuer, "right").p(date, "right")


def _banji(d: Doc, cc: str, printer: str, printed_on: str) -> None:
    """The 版记 in a table ruled above, between and below (抄送; 印发机关 │ 印发日期); the twin
    shows a row's cells apart."""
    rows = [[cc], [printer, printed_on + "印发"]]
    d.table(rows, borders="banji", twin=["          ".join(row) for row in rows])


def _head(d: Doc, doc_number: str | None, rule: str, title: str, recipients: str, *body: str) -> None:
    """The 发文字号 (None: it stands elsewhere), the red rule, the title, the 主送 and the body."""
    if doc_number:
        d.p(doc_number, "center")
    d.rule(rule)
    d.title(title)
    d.p(recipients)
    for text in body:
        d.p(text)


def d01_masthead_table_list_numbering() -> Doc:
    d = Doc("d01_masthead_table_list_numbering", footer="simple")
    d.masthead("青川市卫生健康委员会")
    _head(d, "青卫发〔2024〕3号", "border", "青川市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知",
          "各县（市、区）卫生健康局，委机关各科室、直属各单位：",
          "现将《青川市2024年卫生健康工作要点》印发给你们，请结合实际抓好落实。")
    _signature(d, "青川市卫生健康委员会", "2024年2月18日")
    d.p("（此件公开发布）")
    d.page_break()
    d.title("青川市2024年卫生健康工作要点")
    d.outline("2024年全市卫生健康工作的总体思路是：巩固基层、补齐短板、提升服务。",
              (0, "深化医药卫生体制改革"), (1, "推进紧密型县域医共体建设。年内实现县域全覆盖。"),
              (1, "完善分级诊疗制度。"),
              (0, "提升公共卫生服务能力"), (1, "加强疾病预防控制体系建设。"), (2, "完成市疾控中心实验室改造。"),
              (2, "开展传染病监测预警演练。"), (1, "做好重点人群健康管理。"),
              (0, "加强行业综合监管"), (1, "开展医疗机构依法执业专项检查。"))
    _banji(d, "抄送：市人民政府办公室。", "青川市卫生健康委员会办公室", "2024年2月18日")
    return d


def d02_joint_table_merged_wenjian() -> Doc:
    d = Doc("d02_joint_table_merged_wenjian", footer="complex")
    d.table([["青川市卫生健康委员会", "文件"], ["青川市财政局", ""], ["青川市医疗保障局", ""]],
            borders="none", red=True, merged_down={(1, 1), (2, 1)},
            twin=["青川市卫生健康委员会", "青川市财政局", "青川市医疗保障局", "文件"])
    _head(d, "青卫发〔2024〕9号", "wps", "关于印发青川市2024年基层卫生服务能力提升实施方案的通知",
          "各县（市、区）卫生健康局、财政局、医疗保障局：",
          "现将《青川市2024年基层卫生服务能力提升实施方案》印发给你们，请认真组织实施。")
    d.blank()
    d.p("青川市卫生健康委员会          青川市财政局          青川市医疗保障局")
    d.p("2024年3月12日", "right")
    d.section_break()
    d.title("青川市2024年基层卫生服务能力提升实施方案")
    d.outline((0, "工作目标"), "到2024年底，每个乡镇卫生院至少建成一个特色科室。",
              (0, "重点任务"), (1, "加强基层人才队伍建设。"), (1, "改善基层设施设备条件。"),
              (1, "落实基层医保支付政策。"),
              (0, "保障措施"), (1, "加强组织领导。"), (1, "强化资金保障。"))
    _banji(d, "抄送：市人民政府办公室。", "青川市卫生健康委员会办公室", "2024年3月12日")
    return d


def d03_textbox_masthead_shape_rule() -> Doc:
    d = Doc("d03_textbox_masthead_shape_rule", footer="complex")
    d.textbox(["石桥区卫生健康局文件"], kind="wps")
    d.blank()
    _head(d, "石卫发〔2023〕21号", "vml", "石桥区卫生健康局关于印发《石桥区2023年卫生健康工作计划》的通知",
          "各镇（街道）社区卫生服务中心、卫生院，局属各单位：",
          "现将《石桥区2023年卫生健康工作计划》印发给你们，请认真贯彻执行。")
    _signature(d, "石桥区卫生健康局", "2023年1月30日")
    d.page_break()
    d.p("附件")
    d.title("石桥区2023年卫生健康工作计划")
    d.outline((0, "总体要求"), "坚持以人民健康为中心，稳步提升全区卫生健康服务水平。",
              (0, "主要任务"), (1, "做好家庭医生签约服务。"), (1, "推进健康乡村建设。"),
              (2, "完成村卫生室标准化改造。"), (2, "开展乡村医生轮训。"),
              (0, "工作要求"), (1, "各单位要明确专人负责。"))
    return d


def d04_tracked_changes_comments() -> Doc:
    d = Doc("d04_tracked_changes_comments", footer="simple")
    d.textbox(["青川市卫生健康委员会文件"], kind="vml")
    d.p("青卫发〔2024〕15号", "center")
    d.rule("vml")
    d.edited("青川市卫生健康委员会关于印发", ("del", "2023"), ("ins", "2024"), "年全市疾病预防控制工作要点的通知")
    d.p("各县（市、区）卫生健康局，市疾病预防控制中心：")
    d.edited("现将《青川市2024年疾病预防控制工作要点》印发给你们，", ("note", "请认真抓好落实", "是否要求报送落实情况？"),
             "。")
    _signature(d, "青川市卫生健康委员会", "2024年4月2日")
    d.page_break()
    d.title("青川市2024年疾病预防控制工作要点")
    d.outline((0, "强化传染病防控"), (1, "做好重点传染病监测。", ("ins", "全年报告及时率达到98%以上。")),
              (1, "规范开展预防接种。", ("del", "接种率保持在90%以上。")),
              (0, "推进慢性病综合防控"), (1, ("note", "推进慢性病示范区建设", "请核实示范区数量"), "。"),
              (1, "开展", ("del", "高血压"), ("ins", "高血压、糖尿病"), "患者健康管理。"),
              (0, ("ins", "加强疾控能力建设")), (1, "完成疾控机构实验室能力评估。"))
    return d


def d05_task_division_table() -> Doc:
    d = Doc("d05_task_division_table", footer="complex")
    d.masthead("青川市卫生健康委员会")
    _head(d, "青卫办发〔2024〕6号", "wps", "关于印发青川市2024年卫生健康重点工作任务分工的通知",
          "委机关各科室，直属各单位：",
          "现将《青川市2024年卫生健康重点工作》及任务分工表印发给你们，请牵头单位按时限完成。")
    _signature(d, "青川市卫生健康委员会办公室", "2024年3月5日")
    d.page_break()
    d.title("青川市2024年卫生健康重点工作")
    d.outline((0, "医疗服务"), (1, "推进胸痛中心建设。"), (1, "开展改善就医感受行动。"),
              (0, "公共卫生"), (1, "完成老年人健康体检。"), (1, "开展爱国卫生运动。"))
    d.page_break()
    d.p("附件")
    d.p("青川市2024年卫生健康重点工作任务分工表", "center")
    d.table([["序号", "任务", "牵头单位", "参与单位", "完成时限"],
             ["1", "推进胸痛中心建设", "医政科", "市人民医院", "2024年6月底前"],
             ["2", "开展改善就医感受行动", "医政科", "各医疗机构、规划科", "2024年12月底前"],
             ["3", "完成老年人健康体检", "基层卫生科", "老龄健康科", "2024年9月底前"],
             ["4", "开展爱国卫生运动", "爱卫办", "疾控科", "全年"]])
    return d


def d06_notice_plain_body_docnum_cell() -> Doc:
    d = Doc("d06_notice_plain_body_docnum_cell", footer="simple")
    d.masthead("青川市卫生健康委员会")
    d.table([["青卫函〔2024〕11号", "签发人：张某某"]], borders="none",
            twin=["青卫函〔2024〕11号          签发人：张某某"])
    _head(d, None, "border", "青川市卫生健康委员会关于开展2024年世界无烟日宣传活动的通知",
          "各县（市、区）卫生健康局，委直属各单位：",
          "今年5月31日是第37个世界无烟日。为营造无烟环境，请各单位围绕今年主题，组织开展控烟宣传。",
          "各单位要在医疗机构、学校等场所张贴控烟标识，并于6月10日前将活动总结报委健康促进科。",
          "联系人：李某，联系电话：0000-1234567。")
    _signature(d, "青川市卫生健康委员会", "2024年5月20日")
    d.p("（此件主动公开）")
    _banji(d, "抄送：市爱卫办。", "青川市卫生健康委员会办公室", "2024年5月20日")
    return d


def d07_circled_paren_list_level() -> Doc:
    d = Doc("d07_circled_paren_list_level", footer="complex")
    d.textbox(["石桥区卫生健康局文件"], kind="wps")
    _head(d, "石卫发〔2024〕4号", "border", "石桥区卫生健康局关于印发石桥区2024年妇幼健康工作要点的通知",
          "各镇（街道）卫生院：", "现将《石桥区2024年妇幼健康工作要点》印发给你们，请遵照执行。")
    _signature(d, "石桥区卫生健康局", "2024年2月26日")
    d.section_break()
    d.title("石桥区2024年妇幼健康工作要点")
    d.outline((0, "保障母婴安全"), (1, "落实母婴安全五项制度。"), (2, "加强孕产妇风险筛查。"),
              (3, "规范妊娠风险评估。"), (3, "落实高危孕产妇专案管理。"), (2, "强化危重孕产妇救治。"),
              (0, "提升儿童健康水平"), (1, "开展儿童早期发展服务。"), (2, "推进托育机构卫生评价。"),
              (3, "完成辖区托育机构全覆盖评价。"))
    _banji(d, "抄送：区人民政府办公室。", "石桥区卫生健康局办公室", "2024年2月26日")
    return d


def d08_wps_styles_signature_table() -> Doc:
    d = Doc("d08_wps_styles_signature_table", footer="complex", style_linked=True)
    d.textbox(["青川市卫生健康委员会文件"], kind="vml")
    d.tabbed("青卫发〔2024〕1号", "签发人：王某某")
    d.rule("wps")
    d.control("青川市卫生健康委员会关于印发2024年全市医政医管工作要点的通知", "标题", "center", size=44)
    d.p("各县（市、区）卫生健康局，市直各医疗卫生单位：")
    d.p("现将《青川市2024年医政医管工作要点》印发给你们，请认真贯彻落实。")
    d.table([["青川市卫生健康委员会"], ["2024年1月8日"]], borders="none")
    d.page_break()
    d.title("青川市2024年医政医管工作要点")
    d.outline((0, "提升医疗质量"), (1, "加强医疗质量控制。"), (2, "完善质控中心网络。"),
              "⑴市级质控中心年内达到20个。", "⑵县级质控中心实现专业全覆盖。", (2, "开展病历质量评查。"),
              (0, "改善医疗服务"), (1, "推广预约诊疗。"), (1, "优化急诊急救流程。"),
              (0, "加强医院管理"), (1, "推进公立医院绩效考核。"))
    _banji(d, "抄送：市人民政府办公室。", "青川市卫生健康委员会办公室", "2024年1月8日")
    return d


def d09_short_notice_attachment_list() -> Doc:
    d = Doc("d09_short_notice_attachment_list", footer="simple")
    d.masthead("青川市卫生健康委员会")
    _head(d, "青卫发〔2024〕20号", "border", "青川市卫生健康委员会关于印发《青川市2024年职业健康工作要点》的通知",
          "各县（市、区）卫生健康局，委直属各单位：",
          "现将《青川市2024年职业健康工作要点》和重点任务清单印发给你们，请结合实际认真贯彻落实。")
    d.blank()
    d.p("附件：1.青川市2024年职业健康工作要点")
    d.p("      2.青川市2024年职业健康重点任务清单")
    d.blank()
    d.p("青川市卫生健康委员会", "right")
    d.field('DATE \\@ "yyyy年M月d日"', "2024年3月28日", "right")
    d.p("（此件公开发布）")
    _banji(d, "抄送：市人民政府办公室，省卫生健康委职业健康处。", "青川市卫生健康委员会办公室", "2024年3月28日")
    return d


FIXTURES: dict[str, Callable[[], Doc]] = {f.__name__: f for f in (
    d01_masthead_table_list_numbering, d02_joint_table_merged_wenjian, d03_textbox_masthead_shape_rule,
    d04_tracked_changes_comments, d05_task_division_table, d06_notice_plain_body_docnum_cell,
    d07_circled_paren_list_level, d08_wps_styles_signature_table, d09_short_notice_attachment_list)}


def build(folder: Path) -> list[Path]:
    """Write every fixture's .docx into `folder`; the paths, in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in sorted(FIXTURES.items()):
        path = folder / (name + ".docx")
        path.write_bytes(make().docx())
        out.append(path)
    return out


def write_twins(folder: Path = TWINS) -> None:
    """Write every fixture's text twin (the committed NAME.txt beside NAME.expected.json)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in FIXTURES.items():
        (folder / (name + ".txt")).write_text(make().text(), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TWINS
    if target == TWINS:
        write_twins()
    else:
        build(target)
        write_twins(target)
