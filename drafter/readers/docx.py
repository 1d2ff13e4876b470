""".docx → paragraphs of text, as a reader of the printed page sees them.

Word's automatic numbers are computed (`readers.wordlists`); tables are read row by row, a row
of one-line cells as one paragraph with its cells apart by tabs, a cell merged down over rows
after them (`_Reader.table`) — except in a table of records (a 任务分工表), where it belongs to
each row it spans, and a header set on two rows (a name spread over columns) reads as one row;
text boxes and legacy WordArt (`v:textpath`'s `string`, a watermark apart) after the paragraph
that anchors them; tracked changes as if accepted (insertions kept, deletions and moved-away text
dropped, a paragraph mark deleted or moved away joins two paragraphs); of a complex field only its
result (a nested field's result among the instructions is not printed); a `w:sym` as its
character, unless a symbol font's; hidden text and phonetic guides (`w:ruby`'s `w:rt`) are
skipped; a positional tab (`w:ptab`) is a tab.  Around the body: the first page's own header (`w:titlePg`), where templates
set the 版头, before it; a footer only the last section prints that is no page number (a 版记 set
there) after it.  A package saved as Strict Open XML is read through the same names.  The package
is opened through `drafter.safeopen`: a zip that is not a Word document, a zip bomb, an entry
named like `../x` or a DTD is refused.
"""
from __future__ import annotations

from ..errors import Finding, InputError
from .wordlists import W, Lists, _int, load_lists

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "delInstrText", MC + "Fallback",
         W + "pPr", W + "rPr", W + "footnoteReference", W + "endnoteReference", W + "commentReference",
         W + "rt", W + "sdtPr", W + "sdtEndPr", W + "smartTagPr"}
# Strict Open XML (Word's "Strict Open XML Document") names the same elements in other namespaces.
_STRICT = {"http://purl.oclc.org/ooxml/wordprocessingml/main": W[1:-1],
           "http://purl.oclc.org/ooxml/officeDocument/relationships":
               "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"


class Paragraphs(list):
    """The paragraphs read, and what the reader could not read (`findings`): an object embedded
    from another program (an Excel 任务分工表 pasted as a worksheet) shows on the page as a
    picture of its contents, none of them text."""

    def __init__(self, items=(), findings=None):
        super().__init__(items)
        self.findings: list = findings or []


class _Reader:
    def __init__(self, lists: Lists, embedded: list | None = None):
        self.lists = lists
        self.embedded: list[tuple[int | None, str]] = [] if embedded is None else embedded  # (paragraph, ProgID)
        self.top = embedded is None  # the body, not a cell: its paragraphs are the document's
        self.out: list[str] = []
        self.carry: list[str] | None = None  # a paragraph whose mark was deleted (tracked): its lines
        # complex fields open here, each "code" (before its separate) or "result": only a result prints
        self.fields: list[str] = []

    def block(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo",
                         W + "smartTag"):
                self.block(child)

    def table(self, tbl) -> None:
        """A table in reading order.  A row of one-line cells is one paragraph, its cells apart by
        tabs (a 任务分工表's row, the 版记's 印发机关 and date, a 文号 beside its 签发人); other rows
        are read cell by cell.  A cell merged down over several rows (a joint 版头's `文件`) is
        read after the rows it spans, not between the first and the second issuer."""
        self.flush()
        rows = list(_within(tbl, W + "tr"))
        grids = [_cells(r) for r in rows]
        deferred: dict[int, list[str]] = {}
        header = _two_row_header(grids)
        if header is not None:  # one header row, as the columns are named
            self.out.append("\t".join(header))
            grids = grids[2:]
            records = all(_width(g) == len(header) for g in grids)
        else:
            records = _records(grids)
        above: dict[int, list[str]] = {}  # in a table of records: the text of a cell merged down
        for k, cells in enumerate(grids):
            below = {col: merge for col, merge, _ in grids[k + 1]} if k + 1 < len(grids) else {}
            texts: list[list[str] | None] = []
            for col, merge, cell in cells:
                if merge == "continue":
                    lines = self._cell(cell)
                    if records and col in above:
                        texts.append(above[col] if not any(line.strip() for line in lines) else lines)
                    elif any(line.strip() for line in lines):
                        deferred.setdefault(col, []).extend(lines)
                    continue
                lines = self._cell(cell)
                if records:
                    above[col] = lines
                elif merge == "restart" and below.get(col) == "continue":
                    deferred[col] = lines
                    continue
                texts.append(lines)
            filled = [t for t in texts if any(line.strip() for line in t)]
            if len(filled) >= 2 and all(len(t) <= 1 for t in texts):
                self.out.append("\t".join(t[0] if t else "" for t in texts))
            else:
                for t in texts:
                    self.out.extend(t)
            for col in [c for c in deferred if below.get(c) != "continue"]:
                self.out.extend(deferred.pop(col))

    def _cell(self, cell) -> list[str]:
        """A cell's paragraphs (numbered as Word numbers them: the lists are shared)."""
        sub = _Reader(self.lists, self.embedded)
        sub.block(cell)
        sub.flush()
        return sub.out

    def flush(self) -> None:
        """Text left over from a paragraph whose deleted mark had no paragraph after it to join."""
        if self.carry is not None:
            self.out.extend(self.carry)
            self.carry = None

    def paragraph(self, p) -> None:
        """A paragraph's lines, its list number first.  A paragraph whose mark was deleted
        (tracked) runs into the next one, which keeps its mark and so its number: a numbered
        item deleted whole leaves no number behind and the items after it count on from it."""
        ppr = p.find(W + "pPr")
        mark = ppr.find(W + "rPr") if ppr is not None else None
        mark_deleted = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None)
        pieces: list[str] = []
        boxes: list = []
        self._inline(p, pieces, boxes, hidden=False)
        # a field whose instructions never reach their separate ends with its paragraph (a damaged
        # file must not hide the rest); a result running on (a table of contents) goes on
        self.fields = [f for f in self.fields if f == "result"]
        lines = "".join(pieces).split("\n")
        if self.carry is not None:
            lines[0] = self.carry[-1] + lines[0]
            lines[:0] = self.carry[:-1]
            self.carry = None
        if mark_deleted:
            self.carry = lines
        else:
            lines[0] = self._number(ppr) + lines[0]
            self.out.extend(lines)
        for box in boxes:
            if isinstance(box, str):  # a WordArt's text
                self.out.append(box)
            else:
                self.block(box)

    def _number(self, ppr) -> str:
        if ppr is None:
            return ""
        numpr = ppr.find(W + "numPr")
        num_id, ilvl = None, None
        if numpr is not None:
            n = numpr.find(W + "numId")
            i = numpr.find(W + "ilvl")
            num_id = n.get(W + "val") if n is not None else None
            ilvl = _int(i.get(W + "val"), None, 0, 8) if i is not None else None
        style = ppr.find(W + "pStyle")
        if style is not None and style.get(W + "val") in self.lists.style_num:
            s_num, s_lvl = self.lists.style_num[style.get(W + "val")]
            num_id = num_id or s_num
            ilvl = s_lvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        return self.lists.label(num_id, ilvl or 0)

    def _field(self, kind: str | None) -> None:
        """A complex field's begin, separate or end (w:fldChar): between begin and separate lie its
        instructions, where a nested field's result (an IF around a DATE) is not printed either."""
        if kind == "begin" and len(self.fields) < 64:
            self.fields.append("code")
        elif kind == "separate" and self.fields:
            self.fields[-1] = "result"
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _inline(self, el, pieces: list[str], boxes: list, hidden: bool) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            shown = not hidden and "code" not in self.fields
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                vanish = rpr is not None and rpr.find(W + "vanish") is not None \
                    and rpr.find(W + "vanish").get(W + "val", "true") not in ("0", "false")
                self._inline(child, pieces, boxes, hidden or vanish)
            elif tag == W + "t":
                if shown:
                    pieces.append(child.text or "")
            elif tag == W + "fldChar":
                self._field(child.get(W + "fldCharType"))
            elif tag == W + "sym":
                if shown:
                    pieces.append(_symbol(child.get(W + "char")))
            elif tag in (W + "tab", W + "ptab"):  # a positional tab sets text apart as a tab does
                if shown and el.tag == W + "r":
                    pieces.append("\t")
            elif tag in (W + "br", W + "cr"):
                if shown and child.get(W + "type") not in ("page", "column"):
                    pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                if shown:
                    pieces.append("-")
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag == W + "p":
                boxes.append(_Wrap(child))
            elif tag == O + "OLEObject" and child.get("Type", "Embed") == "Embed":
                self.embedded.append((len(self.out) + 1 if self.top else None, child.get("ProgID") or "?"))
            elif tag == V + "shape" and _wordart(child) and not hidden:
                boxes.append(_wordart(child))
            else:
                self._inline(child, pieces, boxes, hidden)


def _wordart(shape) -> str:
    """The text of a legacy WordArt (a VML shape whose `v:textpath` holds it in its `string`
    attribute), as the 发文机关标志 of older templates and WPS is set; a watermark (behind the
    text, `z-index` below zero, or Word's `PowerPlusWaterMarkObject`) is not text of the page."""
    path = shape.find(V + "textpath")
    if path is None or not (path.get("string") or "").strip():
        return ""
    style = (shape.get("style") or "").replace(" ", "")
    if "WaterMark" in (shape.get("id") or "") or "z-index:-" in style:
        return ""
    return path.get("string").strip()


def _symbol(code: str | None) -> str:
    """The character of a `w:sym` (Insert → Symbol): its code in a text font (`〔` as 3014 in 宋体);
    nothing for a symbol font's glyph (Wingdings' F0FE, in the private use area), which has no
    character of its own to copy."""
    try:
        n = int((code or "").strip()[:8], 16)
    except ValueError:
        return ""
    if n < 0x20 or 0xD800 <= n <= 0xF8FF or n > 0x10FFFF:
        return ""
    return chr(n)


def _cells(row) -> list[tuple[int, str | None, object]]:
    """(grid column, vertical merge: None, "restart" or "continue", cell) for each cell of a row."""
    out = []
    col = 0
    for cell in _within(row, W + "tc"):
        pr = cell.find(W + "tcPr")
        merge = None
        v = pr.find(W + "vMerge") if pr is not None else None
        if v is not None:
            merge = "restart" if v.get(W + "val") == "restart" else "continue"
        out.append((col, merge, cell))
        col += _span(cell)
    return out


_WRAPPERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")


def _within(el, tag: str):
    """`el`'s children of kind `tag`, also those a content control (a repeating section around
    table rows, a control around a cell) or custom XML wraps."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _within(child, tag)


def _span(cell) -> int:
    """How many grid columns a cell spreads over (w:gridSpan)."""
    g = cell.find(W + "tcPr/" + W + "gridSpan")
    return _int(g.get(W + "val"), 1, 1, 64) if g is not None else 1


def _width(cells) -> int:
    return sum(_span(cell) for _, _, cell in cells)


def _label_text(cell) -> str | None:
    """A cell's text when it is one filled line, read without the list counters advancing."""
    if len(cell.findall(W + "p")) != 1:
        return None
    return "".join(t.text or "" for t in cell.iter(W + "t")).strip() or None


def _records(grids) -> bool:
    """A table of records (a 任务分工表): a header row of three or more filled one-line cells
    and rows as wide.  Its cell merged down (one 牵头单位 for several tasks) belongs to each
    row it spans, as the printed table shows it; in a layout table (a joint 版头) it does not."""
    if len(grids) < 2 or len(grids[0]) < 3 or not all(_label_text(cell) for _, _, cell in grids[0]):
        return False
    width = _width(grids[0])
    return all(_width(g) == width for g in grids[1:])


def _two_row_header(grids) -> list[str] | None:
    """The column names of a header set on two rows: a name spread over several columns
    (`责任单位` over `牵头单位 │ 配合单位`, w:gridSpan) with theirs in the row below, the other names
    merged down both rows (w:vMerge).  Each column is named as the row below names it."""
    if len(grids) < 3:
        return None
    top, below = grids[0], {col: (merge, cell) for col, merge, cell in grids[1]}
    names: dict[int, str] = {}
    for col, merge, cell in top:
        text, span = _label_text(cell), _span(cell)
        if text is None:
            return None
        if span > 1 and merge is None:
            under = [below.get(c) for c in range(col, col + span)]
            if any(u is None or u[0] is not None or _label_text(u[1]) is None for u in under):
                return None
            names.update({c: _label_text(u[1]) for c, u in zip(range(col, col + span), under)})
        elif span == 1 and merge == "restart" and below.get(col, (None,))[0] == "continue":
            names[col] = text
        else:
            return None
    width = _width(top)
    if len(names) != width or width < 3 or all(_span(cell) == 1 for _, _, cell in top):
        return None
    return [names[c] for c in range(width)]


class _Wrap(list):
    """A lone paragraph found inline, read as a block of one."""

    def __init__(self, p):
        super().__init__([p])


def docx_paragraphs(data: bytes, name: str = "<input>") -> Paragraphs:
    """The paragraphs of a .docx file's body, in reading order (see the module docstring), with a
    warning for each embedded object whose contents could not be read."""
    from ..safeopen import open_word

    with open_word(data, name) as pkg:
        document = _transitional(pkg.xml("word/document.xml"))
        lists = load_lists(_transitional(pkg.xml("word/numbering.xml")), _transitional(pkg.xml("word/styles.xml")))
        body = document.find(W + "body")
        if body is None:
            raise InputError("%s: the Word document has no body" % name)
        rels = _transitional(pkg.xml("word/_rels/document.xml.rels"))
        header = _first_page_header(pkg, body, rels)
        footer = _last_section_footer(pkg, body, rels)
    reader = _Reader(lists)
    for part in (header, body, footer):
        if part is not None:
            reader.block(part)
            reader.flush()
    return Paragraphs(reader.out, [_unread(name, n, prog) for n, prog in reader.embedded])


def _unread(name: str, n: int | None, prog_id: str) -> Finding:
    sheet = prog_id.lower().startswith(("excel.", "et.", "ket."))
    what = "an embedded spreadsheet (%s): a table in it (a 任务分工表) is" % prog_id if sheet else \
        "an embedded object (%s): its contents are" % prog_id
    return Finding("warning", "embedded-object", "%s not read; paste it into the document as a Word table"
                   % what if sheet else "%s not read" % what, name, paragraph=n)


def _transitional(root):
    """A part saved as Strict Open XML, renamed into the transitional namespaces read here
    (elements and attributes alike); other parts as they are."""
    if root is None or not root.tag.startswith("{http://purl.oclc.org/"):
        return root
    def renamed(qname: str) -> str:
        if qname.startswith("{"):
            ns, local = qname[1:].split("}", 1)
            if ns in _STRICT:
                return "{%s}%s" % (_STRICT[ns], local)
        return qname

    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = renamed(el.tag)
        for key in [k for k in el.attrib if k.startswith("{http://purl.oclc.org/")]:
            el.attrib[renamed(key)] = el.attrib.pop(key)
    return root


def _part(pkg, rels, rid):
    """The root of the part a relationship of document.xml names, if it is inside word/."""
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None) if rels is not None else None
    if not target or target.startswith("/") or ".." in target:
        return None
    return _transitional(pkg.xml("word/" + target))


def _first_page_header(pkg, body, rels):
    """The header of the first page when the first section gives that page a header of its own
    (`w:titlePg` and a `first` header): there templates set the 版头 (发文机关标志, 发文字号).
    A header on every page is running furniture, left out as the PDF reader leaves it out."""
    sect = next(body.iter(W + "sectPr"), None)
    if sect is None or sect.find(W + "titlePg") is None \
            or sect.find(W + "titlePg").get(W + "val", "true") in ("0", "false"):
        return None
    ref = next((h for h in sect.iter(W + "headerReference") if h.get(W + "type") == "first"), None)
    return None if ref is None else _part(pkg, rels, ref.get(R + "id"))


def _last_section_footer(pkg, body, rels):
    """The footer only the last section prints, when it is no page number: there some offices
    set the 版记 (抄送, 印发机关 and 印发日期) at the foot of the last page.  A section without a
    footer of its own prints the one before it."""
    used: list[str | None] = []
    for sect in body.iter(W + "sectPr"):
        ref = next((f for f in sect.iter(W + "footerReference") if f.get(W + "type", "default") == "default"), None)
        used.append(ref.get(R + "id") if ref is not None else (used[-1] if used else None))
    if len(used) < 2 or used[-1] is None or used[-1] in used[:-1]:
        return None
    footer = _part(pkg, rels, used[-1])
    if footer is None:
        return None
    fields = [f.get(W + "instr", "") for f in footer.iter(W + "fldSimple")] + \
        [t.text or "" for t in footer.iter(W + "instrText")]
    return None if any(f.split()[:1] in (["PAGE"], ["NUMPAGES"], ["SECTIONPAGES"]) for f in fields) else footer
