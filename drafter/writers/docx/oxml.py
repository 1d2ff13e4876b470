"""Every piece of WordprocessingML the writer emits, as text: runs, paragraphs, tables,
tracked changes, bookmarks, list numbering, styles, page set-up, footers, document properties.

`build` and `parts` compose these functions and never spell markup themselves; the markup
stays readable next to the spec, and no XML tree is built (a render needs neither lxml nor
python-docx).
"""
from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = 'xmlns:w="%s"' % W_NS

# Lines may be left alone at a page's top or bottom: GB/T 9704 pages are full to the last line.
WIDOW_CONTROL_OFF = '<w:widowControl w:val="0"/>'

# Characters Word draws with a Latin font unless the run says w:hint="eastAsia".
AMBIGUOUS = frozenset("“”‘’—–…·‥―～")


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape(text: str) -> str:
    """XML character data.  (xml.sax.saxutils would do, but importing it pulls in urllib,
    http.client and email: a tenth of a render's start-up.)"""
    return text.translate(_TEXT)


def attr(value) -> str:
    """A double-quoted XML attribute value."""
    return '"%s"' % str(value).translate(_ATTR)


def rpr(font: str, size_pt: float, *, color: str | None = None, spacing: int = 0,
        bold: bool = False, hint: bool = False, change: str = "") -> str:
    """Run properties: the same face for every script (so digits and quotes match), the
    East-Asian face named explicitly, size in half-points."""
    f = attr(font)
    parts = ["<w:rFonts w:ascii=%s w:hAnsi=%s w:eastAsia=%s w:cs=%s%s/>"
             % (f, f, f, f, ' w:hint="eastAsia"' if hint else "")]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append("<w:color w:val=%s/>" % attr(color))
    if spacing:
        parts.append('<w:spacing w:val="%d"/>' % spacing)
    parts.append(size(size_pt))
    parts.append('<w:lang w:eastAsia="zh-CN"/>')
    return "<w:rPr>%s%s</w:rPr>" % (change, "".join(parts))


def run(text: str, props: str, *, deleted: bool = False) -> str:
    """A run; tabs and line breaks inside `text` become w:tab and w:br."""
    tag = "w:delText" if deleted else "w:t"
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append('<%s xml:space="preserve">%s</%s>' % (tag, escape(piece), tag))
    return "<w:r>%s%s</w:r>" % (props, "".join(out))


def field_run(instr: str, props: str, placeholder: str = "1") -> str:
    """A complex field (PAGE) with a cached result LibreOffice and Word recompute."""
    return ("<w:r>%s<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            "<w:r>%s<w:instrText xml:space=\"preserve\"> %s </w:instrText></w:r>"
            "<w:r>%s<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            "<w:r>%s<w:t>%s</w:t></w:r>"
            "<w:r>%s<w:fldChar w:fldCharType=\"end\"/></w:r>"
            % (props, props, escape(instr), props, props, escape(placeholder), props))


def change_attrs(cid: int, author: str, date: str) -> str:
    return 'w:id="%d" w:author=%s w:date=%s' % (cid, attr(author), attr(date))


def tracked(kind: str, inner: str, cid: int, author: str, date: str) -> str:
    """Wrap runs in w:ins or w:del."""
    return "<w:%s %s>%s</w:%s>" % (kind, change_attrs(cid, author, date), inner, kind)


def moved(kind: str, inner: str, ids: tuple[int, int], name: str, author: str, date: str) -> str:
    """A move: the range markers (named, so Word pairs moveFrom with moveTo) around the runs."""
    rid, cid = ids
    return ("<w:%sRangeStart w:id=\"%d\" w:author=%s w:date=%s w:name=%s/>"
            "<w:%s %s>%s</w:%s><w:%sRangeEnd w:id=\"%d\"/>"
            % (kind, rid, attr(author), attr(date), attr(name), kind,
               change_attrs(cid, author, date), inner, kind, kind, rid))


def bookmark(name: str, bid: int) -> tuple[str, str]:
    """Start and end markup of a bookmark."""
    return ('<w:bookmarkStart w:id="%d" w:name=%s/>' % (bid, attr(name)),
            '<w:bookmarkEnd w:id="%d"/>' % bid)


def ppr(*, style: str | None = None, keep_next: bool = False, page_break: bool = False,
        jc: str | None = None,
        ind: dict[str, int] | None = None, tabs: list[tuple[str, int]] | None = None,
        mark_change: str = "", mark_props: str = "", extra: str = "", line_twips: int | None = None,
        before: int | None = None) -> str:
    """Paragraph properties in schema order (style, keep, page break, borders, tabs, spacing,
    indentation, alignment, mark: its change, then its run properties without w:rPr);
    `line_twips` overrides the style's exact line pitch, `before` its space above."""
    parts = []
    if style:
        parts.append("<w:pStyle w:val=%s/>" % attr(style))
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    parts.append(extra)
    if tabs:
        parts.append("<w:tabs>%s</w:tabs>" % "".join('<w:tab w:val="%s" w:pos="%d"/>' % t for t in tabs))
    if line_twips or before is not None:
        parts.append("<w:spacing%s%s/>" % (' w:before="%d"' % before if before is not None else "",
                                           ' w:line="%d" w:lineRule="exact"' % line_twips if line_twips else ""))
    if ind:
        parts.append(indent(ind))
    if jc:
        parts.append('<w:jc w:val="%s"/>' % jc)
    if mark_change or mark_props:
        parts.append("<w:rPr>%s%s</w:rPr>" % (mark_change, mark_props))
    return "<w:pPr>%s</w:pPr>" % "".join(parts)


def indent(ind: dict[str, int]) -> str:
    """w:ind with the given edges (left, right, firstLine, hanging) in twips, in that order."""
    return "<w:ind %s/>" % " ".join('w:%s="%d"' % kv for kv in ind.items())


def paragraph(props: str = "", content: str = "") -> str:
    return "<w:p>%s%s</w:p>" % (props, content)


def styled_paragraph(style: str, content: str = "") -> str:
    """A paragraph of one style and nothing else set (a blank line, a text box's anchor)."""
    return paragraph("<w:pPr><w:pStyle w:val=%s/></w:pPr>" % attr(style), content)


def hairline_paragraph() -> str:
    """An empty paragraph 1 pt high: what a text box ends with when the box must not grow."""
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def size(size_pt: float) -> str:
    """Font size alone (w:sz, w:szCs in half-points): a paragraph mark's, for instance."""
    half = int(round(size_pt * 2))
    return '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (half, half)


def change_mark(kind: str, cid: int, author: str, date: str) -> str:
    """A paragraph mark's tracked change (w:ins or w:del inside w:pPr/w:rPr)."""
    return "<w:%s %s/>" % (kind, change_attrs(cid, author, date))


# Tables -------------------------------------------------------------------------------------

def table(widths: list[int], rows: list[str], *, borders: str, jc: str | None = None,
          cell_margin: int = 0) -> str:
    """A fixed-layout table: its width (w:tblW) is the sum of its grid columns (w:gridCol), so
    the two always agree (WPS lays a table out by its grid, Word and LibreOffice by tblW)."""
    return ('<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/>%s<w:tblBorders>%s</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="%d" w:type="dxa"/>'
            '<w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>'
            % (sum(widths), '<w:jc w:val="%s"/>' % jc if jc else "", borders, cell_margin, cell_margin,
               "".join('<w:gridCol w:w="%d"/>' % w for w in widths), "".join(rows)))


def table_row(cells: list[str], *, header: bool = False, split: bool = False) -> str:
    """A row: a header row (repeated at the top of each page), one that never splits across
    pages, or (`split`) one that may."""
    props = "<w:tblHeader/>" if header else "" if split else "<w:cantSplit/>"
    return "<w:tr>%s%s</w:tr>" % ("<w:trPr>%s</w:trPr>" % props if props else "", "".join(cells))


def table_cell(width: int, content: str, *, valign: str | None = None, borders: str = "") -> str:
    """A cell `width` twips wide holding `content` (paragraphs), its text anchored `valign`
    (top, center, bottom; None: the default, top), its own `borders` (w:tcBorders content)."""
    return ('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s%s</w:tcPr>%s</w:tc>'
            % (width, "<w:tcBorders>%s</w:tcBorders>" % borders if borders else "",
               '<w:vAlign w:val="%s"/>' % valign if valign else "", content))


def hidden(runs: str) -> str:
    """Runs with their text hidden (w:vanish, in its schema place: before colour and size)."""
    return re.sub(r"(<w:rPr>(?:(?!</w:rPr>).)*?)(<w:color |<w:spacing |<w:sz )", r"\1<w:vanish/>\2", runs)


def no_border(edge: str) -> str:
    return '<w:%s w:val="nil"/>' % edge


def num_pr(ilvl: int, num_id: int) -> str:
    return '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (ilvl, num_id)


def list_level(ilvl: int, style, ind: dict[str, int], props: str) -> str:
    """A w:lvl printing `style` (numbering.Style): 一、 as chineseCounting (十一, 二十一), 1. as
    decimal, the style's own prefix and suffix around it, no tab after the label."""
    fmt = "chineseCounting" if style.kind == "chinese" else "decimal"
    text = (style.prefix + "%%%d" % (ilvl + 1) + style.suffix)
    return ('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val=%s/><w:lvlJc w:val="left"/><w:pPr>%s</w:pPr>%s</w:lvl>'
            % (ilvl, fmt, attr(text), indent(ind), props))


def numbering(lists: list[dict[int, str]]) -> str:
    """A numbering part: list k (1-based) is abstract numbering k-1 and num k.  Levels a list
    does not use repeat its nearest defined one, so Word sees all nine."""
    import zlib

    out = ["<w:numbering %s>" % NSDECL]
    for k, levels in enumerate(lists):
        lvls = []
        for i in range(9):
            near = min(levels, key=lambda j: (abs(j - i), j))
            lvls.append(levels[near].replace('w:ilvl="%d"' % near, 'w:ilvl="%d"' % i, 1)
                        .replace("%%%d" % (near + 1), "%%%d" % (i + 1)))
        nsid = zlib.crc32(("drafter-list-%d" % k).encode()) & 0xFFFFFFFF
        out.append('<w:abstractNum w:abstractNumId="%d"><w:nsid w:val="%08X"/>'
                   '<w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>' % (k, nsid, "".join(lvls)))
    out.extend('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (k + 1, k)
               for k in range(len(lists)))
    out.append("</w:numbering>")
    return "".join(out)


def spacing(line_twips: int | None, rule: str = "exact", before: int = 0, after: int = 0) -> str:
    if line_twips is None:
        return '<w:spacing w:before="%d" w:after="%d" w:line="240" w:lineRule="auto"/>' % (before, after)
    return ('<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="%s"/>'
            % (before, after, line_twips, rule))


def border(edge: str, colour: str, eighths: int, space_pt: int = 0, style: str = "single") -> str:
    return ('<w:%s w:val="%s" w:sz="%d" w:space="%d" w:color=%s/>'
            % (edge, style, eighths, space_pt, attr(colour)))


def font_entry(name: str, alt: str) -> str:
    """A font-table entry that tells Word which face to use when `name` is not installed."""
    return ('<w:font w:name=%s><w:altName w:val=%s/><w:charset w:val="86"/>'
            '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            % (attr(name), attr(alt)))



# Parts: styles, page, footers, document properties -------------------------------------------

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def style_ppr(*, keep_next: bool = False, borders: list[str] = (), line_twips: int | None,
              before: int = 0, ind: dict[str, int] | None = None, jc: str = "both") -> str:
    """A paragraph style's properties: no widow control; punctuation kept inside the 版心
    (LibreOffice 7 reads overflowPunct="1", Word's own default, as "no hanging punctuation";
    without it a line can hold 29); no extra space between Chinese and digits."""
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append(WIDOW_CONTROL_OFF)
    if borders:
        parts.append("<w:pBdr>%s</w:pBdr>" % "".join(borders))
    parts.append('<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    parts.append(spacing(line_twips, before=before))
    if ind:
        parts.append(indent(ind))
    parts.append('<w:jc w:val="%s"/>' % jc)
    return "".join(parts)


def paragraph_style(style_id: str, name: str, ppr: str, rpr: str) -> str:
    return ('<w:style w:type="paragraph" w:customStyle="1" w:styleId=%s><w:name w:val=%s/>'
            '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>%s</w:pPr>%s</w:style>'
            % (attr(style_id), attr(name), ppr, rpr))


def doc_defaults(rpr: str, line_twips: int) -> str:
    return ('<w:docDefaults><w:rPrDefault>%s</w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:widowControl w:val="0"/>%s</w:pPr></w:pPrDefault></w:docDefaults>'
            % (rpr, spacing(line_twips)))


def sect_pr(footers: tuple[str, str], width: int, height: int, margins: dict[str, int],
           orient: str | None = None) -> str:
    """Page size and margins (twips); the first footer on odd pages, the second on even ones."""
    return ('<w:sectPr><w:footerReference w:type="default" r:id=%s/>'
            '<w:footerReference w:type="even" r:id=%s/><w:pgSz w:w="%d" w:h="%d"%s/>'
            '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" '
            'w:footer="%d" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/>'
            '</w:sectPr>'
            % (attr(footers[0]), attr(footers[1]), width, height,
               ' w:orient="%s"' % orient if orient else "", margins["top"], margins["right"],
               margins["bottom"], margins["left"], margins["header"], margins["footer"]))


def section_end(sect: str) -> str:
    """A paragraph that ends a section (its properties `sect`): what follows starts a page."""
    return "<w:p><w:pPr>%s</w:pPr></w:p>" % sect


def page_break_paragraph(style: str, content: str = "") -> str:
    """A paragraph of one style that starts a new page."""
    return paragraph("<w:pPr><w:pStyle w:val=%s/><w:pageBreakBefore/></w:pPr>" % attr(style), content)


def floating_cell(content: str, x: int, y: int, width: int, height: int, *, turned: bool = False,
                  borders: str = "") -> str:
    """A one-cell table floating at (x, y) twips from the page's top-left corner (`borders`:
    its w:tcBorders content), `turned`: its text a quarter clockwise (reading downwards); then
    the paragraph a header or footer must end with.  A floating table rather than a text box:
    LibreOffice turns a table cell's text the same on every page, a text box's only on some."""
    return ('<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:vertAnchor="page" '
            'w:horzAnchor="page" w:tblpX="%d" w:tblpY="%d"/><w:tblW w:w="%d" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>'
            '<w:tr><w:trPr><w:trHeight w:val="%d" w:hRule="exact"/></w:trPr><w:tc><w:tcPr>'
            '<w:tcW w:w="%d" w:type="dxa"/>%s%s</w:tcPr>%s</w:tc></w:tr></w:tbl>'
            '<w:p><w:pPr>%s</w:pPr></w:p>'
            % (x, y, width, width, height, width, "<w:tcBorders>%s</w:tcBorders>" % borders if borders else "",
               '<w:textDirection w:val="tbRl"/>' if turned else "", content or paragraph(), WIDOW_CONTROL_OFF))


def header(paragraphs: str) -> str:
    return '%s<w:hdr %s xmlns:r="%s">%s</w:hdr>' % (XML_DECL, NSDECL, R_NS, paragraphs)


def with_first_page(sect: str, header_id: str, footer_id: str, header_twips: int) -> str:
    """Section properties with a first page of its own (w:titlePg): its header and footer, the
    header `header_twips` from the top edge."""
    sect = sect.replace("<w:sectPr>", '<w:sectPr><w:headerReference w:type="first" r:id=%s/>'
                        '<w:footerReference w:type="first" r:id=%s/>' % (attr(header_id), attr(footer_id)), 1)
    sect = re.sub(r'w:header="\d+"', 'w:header="%d"' % header_twips, sect, count=1)
    return sect.replace("<w:docGrid", "<w:titlePg/><w:docGrid", 1)


def footer(paragraphs: str) -> str:
    return '%s<w:ftr %s xmlns:r="%s">%s</w:ftr>' % (XML_DECL, NSDECL, R_NS, paragraphs)


def core_properties(author: str, when: str) -> str:
    """docProps/core.xml: made and last changed by `author` at `when` (W3CDTF)."""
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>'
            % (escape(author), escape(author), escape(when), escape(when)))


def app_properties(application: str) -> str:
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>%s</Application></Properties>' % escape(application))


def document(root_start: str, body: str) -> str:
    """word/document.xml: the root element's start tag (as the base package has it, less its
    '>') around `body` (paragraphs, tables, then the w:sectPr)."""
    return root_start + "><w:body>" + body + "</w:body></w:document>"


def with_body(document_xml: str, body: str, sect: str | None = None) -> str:
    """word/document.xml with `body` put before its (or `sect`, new) final section properties."""
    head, rest = document_xml.split("<w:sectPr", 1)
    if sect is None:
        return head + body + "<w:sectPr" + rest
    return head + body + sect + rest.split("</w:sectPr>", 1)[1]


def with_even_and_odd_headers(settings: str) -> str:
    """word/settings.xml turning on separate odd and even page footers (its place: right
    after w:defaultTabStop)."""
    if "<w:evenAndOddHeaders" in settings:
        return settings
    return re.sub(r"(<w:defaultTabStop [^>]*/>)", r"\1<w:evenAndOddHeaders/>", settings, count=1)


def with_chinese_theme_language(settings: str) -> str:
    """word/settings.xml whose theme fonts are chosen for Simplified Chinese, not Japanese (the
    base template's `ja-JP`): a reader that falls back on the theme gets a Chinese face."""
    return re.sub(r'<w:themeFontLang [^>]*/>', '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>',
                  settings, count=1)


def without_doc_defaults(styles: str) -> str:
    return re.sub(r"<w:docDefaults>.*?</w:docDefaults>", "", styles, count=1, flags=re.S)


def without_font(fonts: str, name: str) -> str:
    """The font table less its entry for `name`."""
    return re.sub(r"<w:font w:name=%s>.*?</w:font>\s*" % re.escape(attr(name)), "", fonts, flags=re.S)

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_TWIP = 635


def bottom_box(content: str, width_twips: int, height_twips: int, shape_id: int, name: str,
               props: str = "") -> str:
    """A run holding a borderless text box (`content`: paragraphs/tables) pinned to the bottom
    of the text block of the page its paragraph is on, body text kept above it.  DrawingML
    (wps) inside mc:AlternateContent, as Word writes it; LibreOffice reads the same."""
    position = ('<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>')
    return text_box(content, position, (width_twips * EMU_TWIP, height_twips * EMU_TWIP), shape_id,
                    name, props, wrap="<wp:wrapTopAndBottom/>", anchor="b")


def text_box(content: str, position: str, extent: tuple[int, int], shape_id: int, name: str,
             props: str = "", *, wrap: str, anchor: str) -> str:
    """A run holding a borderless DrawingML text box placed by `position` (wp:positionH/V)."""
    cx, cy = extent
    return (
        '<w:r>%(props)s<mc:AlternateContent xmlns:mc="%(mc)s"><mc:Choice xmlns:wps="%(wps)s" Requires="wps">'
        '<w:drawing><wp:anchor xmlns:wp="%(wp)s" distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="1" layoutInCell="1" '
        'allowOverlap="%(overlap)d"><wp:simplePos x="0" y="0"/>%(position)s'
        '<wp:extent cx="%(cx)d" cy="%(cy)d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '%(wrap)s<wp:docPr id="%(id)d" name=%(name)s/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="%(a)s"><a:graphicData uri="%(wps)s"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="%(cx)d" cy="%(cy)d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent>%(content)s</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="%(anchor)s" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        '</wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>'
        % {"mc": MC_NS, "wps": WPS_NS, "wp": WP_NS, "a": A_NS, "cx": cx, "cy": cy, "id": shape_id,
           "name": attr(name), "content": content, "props": props, "position": position,
           "wrap": wrap, "anchor": anchor, "overlap": 1 if "wrapNone" in wrap else 0})
