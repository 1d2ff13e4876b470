""".docx → paragraphs of text, as a reader of the printed page sees them.

Word's automatic numbers are computed (`readers.wordlists`); tables are read cell by cell,
row by row; text boxes after the paragraph that anchors them; tracked changes as if accepted
(insertions kept, deletions and moved-away text dropped, a deleted paragraph mark joins two
paragraphs); hidden text is skipped.  The package is opened through `drafter.safeopen`: a zip
that is not a Word document, a zip bomb, an entry named like `../x` or a DTD is refused.
"""
from __future__ import annotations

from ..errors import InputError
from .wordlists import W, Lists, _int, load_lists

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "delInstrText", MC + "Fallback",
         W + "pPr", W + "rPr", W + "footnoteReference", W + "endnoteReference", W + "commentReference"}


class _Reader:
    def __init__(self, lists: Lists):
        self.lists = lists
        self.out: list[str] = []
        self.join_next = False  # the previous paragraph's mark was deleted (tracked)

    def block(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                for row in child.iter(W + "tr"):
                    if row.getparent() is not child:
                        continue  # rows of nested tables are read through their cells
                    for cell in row:
                        if cell.tag == W + "tc":
                            self.block(cell)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo",
                         W + "smartTag"):
                self.block(child)

    def paragraph(self, p) -> None:
        ppr = p.find(W + "pPr")
        label = self._number(ppr)
        pieces: list[str] = []
        boxes: list = []
        self._inline(p, pieces, boxes, hidden=False)
        lines = "".join(pieces).split("\n")
        lines[0] = label + lines[0]
        if self.join_next and self.out:
            self.out[-1] += lines[0]
            lines = lines[1:]
        self.out.extend(lines)
        mark_deleted = ppr is not None and ppr.find(W + "rPr/" + W + "del") is not None
        self.join_next = mark_deleted
        for box in boxes:
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

    def _inline(self, el, pieces: list[str], boxes: list, hidden: bool) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                vanish = rpr is not None and rpr.find(W + "vanish") is not None \
                    and rpr.find(W + "vanish").get(W + "val", "true") not in ("0", "false")
                self._inline(child, pieces, boxes, hidden or vanish)
            elif tag == W + "t":
                if not hidden:
                    pieces.append(child.text or "")
            elif tag == W + "tab":
                if not hidden and el.tag == W + "r":
                    pieces.append("\t")
            elif tag in (W + "br", W + "cr"):
                if not hidden and child.get(W + "type") not in ("page", "column"):
                    pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag == W + "p":
                boxes.append(_Wrap(child))
            else:
                self._inline(child, pieces, boxes, hidden)


class _Wrap(list):
    """A lone paragraph found inline, read as a block of one."""

    def __init__(self, p):
        super().__init__([p])


def docx_paragraphs(data: bytes, name: str = "<input>") -> list[str]:
    """The paragraphs of a .docx file's body, in reading order (see the module docstring)."""
    from ..safeopen import open_word

    with open_word(data, name) as pkg:
        document = pkg.xml("word/document.xml")
        lists = load_lists(pkg.xml("word/numbering.xml"), pkg.xml("word/styles.xml"))
    body = document.find(W + "body")
    if body is None:
        raise InputError("%s: the Word document has no body" % name)
    reader = _Reader(lists)
    reader.block(body)
    return reader.out
