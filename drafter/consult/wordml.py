"""A returned .docx as the drafter needs it: each body paragraph's text as the unit received it
(tracked deletions in, insertions out) and as they propose it, its `drafter_<id>` bookmarks,
where Word comments start and end, and the tracked changes with their authors.

Read with lxml on document.xml directly: the importer reads tracked changes as accepted,
which is exactly what must not happen here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return "{%s}%s" % (W, tag)


P, R, T, DELTEXT, TAB, BR, CR = q("p"), q("r"), q("t"), q("delText"), q("tab"), q("br"), q("cr")
INS, DEL, MOVE_FROM, MOVE_TO = q("ins"), q("del"), q("moveFrom"), q("moveTo")
PPR, RPR = q("pPr"), q("rPr")
BM_START, BM_END = q("bookmarkStart"), q("bookmarkEnd")
CR_START, CR_END, C_REF = q("commentRangeStart"), q("commentRangeEnd"), q("commentReference")
TBL, TC = q("tbl"), q("tc")
_CONTAINERS = {q(t) for t in ("body", "tbl", "tr", "tc", "sdt", "sdtContent", "hyperlink", "smartTag",
                              "customXml", "fldSimple", "dir", "bdo")}


@dataclass
class Seg:
    """A stretch of a paragraph: kept (`=`), inserted or deleted by a tracked change."""

    kind: str  # "=" | "ins" | "del"
    text: str
    author: str = ""


@dataclass
class DocPara:
    index: int  # 1-based, in document order, table cells included
    segs: list[Seg] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)  # drafter item ids covering it, innermost last
    mark: str = ""  # "ins" | "del" when the paragraph mark itself is a tracked change
    mark_author: str = ""
    in_table: bool = False

    @property
    def before(self) -> str:
        """The text as the unit received it (tracked changes rejected)."""
        return "".join(s.text for s in self.segs if s.kind != "ins")

    @property
    def after(self) -> str:
        """The text as the unit proposes it (tracked changes accepted)."""
        return "".join(s.text for s in self.segs if s.kind != "del")

    @property
    def changed(self) -> bool:
        return any(s.kind != "=" and s.text for s in self.segs)

    @property
    def inserted(self) -> bool:
        """A whole paragraph the unit added (Word and LibreOffice mark the new paragraph mark
        on either this paragraph or the one before, so only the text decides)."""
        return bool(self.after.strip()) and not self.before.strip()


@dataclass
class Point:
    para: int  # DocPara.index
    offset: int  # in that paragraph's `before` text


@dataclass
class Body:
    paras: list[DocPara]
    comment_starts: dict[str, Point]
    comment_ends: dict[str, Point]

    def para(self, index: int) -> DocPara:
        return self.paras[index - 1]


def read_body(document_element) -> Body:
    """Walk the document body in order (an lxml element: python-docx's `doc.element`)."""
    from ..anchors import item_id_of

    paras: list[DocPara] = []
    active: dict[str, str] = {}  # bookmark w:id -> item id, in start order
    starts: dict[str, Point] = {}
    ends: dict[str, Point] = {}
    current: list[DocPara | None] = [None]

    def pos() -> Point:
        p = current[0]
        if p is None:  # between paragraphs: the start of the next one
            return Point(len(paras) + 1, 0)
        return Point(p.index, len(p.before))

    def run(r, kind: str, author: str) -> None:
        p = current[0]
        for el in r:
            tag = el.tag
            text = ""
            if tag == T or tag == DELTEXT:
                text = el.text or ""
            elif tag == TAB:
                text = "\t"
            elif tag in (BR, CR):
                text = "\n"
            elif tag == C_REF:
                cid = el.get(q("id"))
                if cid is not None:
                    starts.setdefault(cid, pos())
                    ends.setdefault(cid, pos())
            if text and p is not None:
                p.segs.append(Seg(kind, text, author))

    def walk(el, kind: str, author: str, in_table: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                p = DocPara(len(paras) + 1, in_table=in_table)
                paras.append(p)
                p.bookmarks = list(active.values())
                current[0] = p
                walk(child, kind, author, in_table)
                current[0] = None
            elif tag == R:
                run(child, kind, author)
            elif tag in (INS, MOVE_TO):
                walk(child, "ins", child.get(q("author"), ""), in_table)
            elif tag in (DEL, MOVE_FROM):
                walk(child, "del", child.get(q("author"), ""), in_table)
            elif tag == PPR:
                mark_rpr = child.find(RPR)
                p = current[0]
                if mark_rpr is not None and p is not None:
                    for m, name in ((mark_rpr.find(INS), "ins"), (mark_rpr.find(DEL), "del")):
                        if m is not None:
                            p.mark, p.mark_author = name, m.get(q("author"), "")
            elif tag == BM_START:
                item = item_id_of(child.get(q("name"), ""))
                if item:
                    active[child.get(q("id"), "")] = item
                    if current[0] is not None and item not in current[0].bookmarks:
                        current[0].bookmarks.append(item)
            elif tag == BM_END:
                active.pop(child.get(q("id"), ""), None)
            elif tag == CR_START:
                starts[child.get(q("id"), "")] = pos()
            elif tag == CR_END:
                ends[child.get(q("id"), "")] = pos()
            elif tag in _CONTAINERS:  # drawings, text boxes, alternate content: not the text
                walk(child, kind, author, in_table or tag == TBL)

    body = document_element.find(q("body"))
    walk(body if body is not None else document_element, "=", "", False)
    return Body(paras, starts, ends)
