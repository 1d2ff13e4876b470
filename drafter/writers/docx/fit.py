"""Where a notice's lines fall, estimated on the GB/T 9704 grid, so its closing keeps the rules
that only show on pages: page 1 shows body text (§7.3.2) and the 署名 and 成文日期 stand on a page
with body text (§7.3.5).

LibreOffice and Word keep a `keepNext` paragraph whole: keeping the last body paragraph with
the 署名 moves all of it, and a short notice's only paragraph then leaves page 1 with no body
text.  So the closing is kept with the body only when it would not fit under it; when it
misses by a few lines, the page's line spacing is tightened instead (§7.3.5 特殊情况说明: adjust
line and character spacing), and nothing moves.

The estimate counts characters on the 22 × 28 grid (full-width 1, ASCII ½) and errs on the
safe side by a line; it never needs the fonts.
"""
from __future__ import annotations

import math
from dataclasses import replace

from .parts import IMPRINT_ROLES

CLOSING = ("blank", "attachment_note", "signature", "date", "note")
FIXED = ("copy_number", "secrecy", "urgency", "issuer_mark", "joint_mark", "doc_number", "title", "draft_mark")  # never tightened
HEAD_ROLES = ("copy_number", "secrecy", "urgency")  # the 版头's optional elements, above the mark
SPARE_LINES = 1  # what the estimate may be off by
MIN_PITCH = 0.7  # tightest line pitch, as a share of the grid's (16 pt text on 20.3 pt lines)


def recipients_to_imprint(paras: list, est: "Estimate") -> list:
    """The paragraphs with the 主送 moved to the 版记 (above 抄送) when, left where it is, it
    would push the body off page 1 (GB/T 9704 §7.3.2, §7.4.2); otherwise as they are."""
    at = next((i for i, p in enumerate(paras) if p.role == "recipients" and p.imprint_text), None)
    if at is None or at + 1 >= len(paras):
        return paras
    head = sum(est.height(p) for p in paras[:at + 1])
    if head + est.pitch <= est.page:
        return paras
    moved = replace(paras[at], role="recipients_imprint", runs=[replace(paras[at].runs[0], text=paras[at].imprint_text)]
                    if paras[at].runs else [], imprint_text=None)
    rest = paras[:at] + paras[at + 1:]
    cut = len(rest)
    while cut and rest[cut - 1].role in IMPRINT_ROLES:
        cut -= 1
    return rest[:cut] + [moved] + rest[cut:]


def units(text: str) -> float:
    from .oxml import AMBIGUOUS

    return sum(0.5 if ord(ch) < 0x2000 and ch not in AMBIGUOUS else 1.0 for ch in text)


class Estimate:
    """Heights of paragraphs in twips, as laid out by `look` on a `width`-twips 版心."""

    def __init__(self, look, width: int, size_of):
        self.look = look
        self.width = width
        self.size_of = size_of  # role, text → pt (the builder's, with the issuer mark's fit)
        self.pitch = look.line_twips
        page = look.page
        from .look import MM_TWIPS

        self.page = round(page["height_mm"] * MM_TWIPS) - int(page["top_twips"]) - int(page["bottom_twips"])

    def lines(self, para) -> int:
        spec = self.look.role(para.role)
        size = self.size_of(para.role, para.text)
        body = size == float(self.look.data["grid"]["body_pt"])
        char = size * 20 + (self.look.char_spacing if body else 0)
        per_line = max(1, math.floor((self.width - float(spec.get("left_chars", 0)) * size * 20
                                      - float(spec.get("right_chars", 0)) * size * 20) / char))
        indent = float(spec.get("indent_chars", 0))
        total = 0
        for piece in (para.text.split("\n") or [""]):
            total += max(1, math.ceil((units(piece) + indent) / per_line))
            indent = 0
        return total

    def cell_height(self, para) -> int:
        """A table row: its tallest cell, at the cells' size, in the table's column widths."""
        from .look import MM_TWIPS

        size = float(para.table.cell_pt) if para.table and para.table.cell_pt else 14.0
        widths = [c.width_mm * MM_TWIPS for c in para.table.columns] if para.table else [self.width]
        lines = 1
        for width, cell in zip(widths, para.cells or []):
            per_line = max(1, math.floor((width - 114) / (size * 20)))
            lines = max(lines, math.ceil(units("".join(r.text for r in cell)) / per_line))
        return lines * int(size * 20 * 1.44) + 20

    def height(self, para) -> int:
        """Twips the paragraph takes (the issuer mark: its space above and a single line)."""
        spec = self.look.role(para.role)
        if para.role == "joint_mark":  # a line per issuer, at the mark's size
            size = self.size_of(para.role, para.text)
            return int(spec.get("space_before_twips", 0)) + int(size * 20 * 1.44) * (len(para.runs) - 1)
        if para.role == "issuer_mark":
            return int(spec.get("space_before_twips", 0)) + int(self.size_of(para.role, para.text) * 20 * 1.44)
        extra = 0
        rule = spec.get("rule_below")
        if rule:
            extra = int(rule.get("space_pt", 0)) * 20 + int(rule["width_eighths"]) * 20 // 8
        return self.lines(para) * self.pitch + extra


def fit_closing(paras: list, est: Estimate) -> tuple[dict[int, int], int | None]:
    """(index → line pitch in twips of the paragraphs to tighten, index of the last body
    paragraph that need not keep with the closing, or None): the closing is kept with the
    body only where it would not fit under it, and tightened where that makes it fit."""
    try:
        sig = next(i for i, p in enumerate(paras) if p.role == "signature")
    except StopIteration:
        return {}, None
    start = sig
    while start > 0 and paras[start - 1].role in CLOSING and paras[start - 1].role != "signature":
        start -= 1
    end = sig
    while end + 1 < len(paras) and paras[end + 1].role in CLOSING and not paras[end + 1].page_break:
        end += 1
    last_body = start - 1
    if last_body < 0:
        return {}, None
    # where each paragraph up to the closing starts: (page, twips down the page)
    page, pos = 1, 0
    starts = []
    for p in paras[:start]:
        if p.page_break and pos:
            page, pos = page + 1, 0
        starts.append((page, pos))
        h = est.height(p)
        while pos + h > est.page:
            fit = max(0, (est.page - pos) // est.pitch) * est.pitch
            h -= fit
            page, pos = page + 1, 0
        pos += h
    closing = sum(est.height(p) for p in paras[start:end + 1])
    spare = est.page - pos - closing
    if spare >= SPARE_LINES * est.pitch:
        return {}, last_body  # it fits: nothing needs to move
    # tighten the lines of this page below the fixed 版头 elements: blank lines first (down to
    # a quarter), then every line (down to MIN_PITCH)
    here = [i for i in range(start) if starts[i][0] == page and paras[i].role not in FIXED
            and not (page == 1 and _in_head(paras, i))] + list(range(start, end + 1))
    blanks = [i for i in here if paras[i].role == "blank"]
    lines = [i for i in here if paras[i].role != "blank"]
    room = sum(est.height(paras[i]) for i in lines)
    for margin in (est.pitch, est.pitch // 2):  # the estimate's line to spare; half, if need be
        need = margin - spare
        blank = max(est.pitch // 4, est.pitch - need // max(1, len(blanks))) if blanks else est.pitch
        need -= (est.pitch - blank) * len(blanks)
        pitch = int(est.pitch * (room - max(0, need)) / room) if room else 0
        if pitch >= MIN_PITCH * est.pitch:
            out = {i: blank for i in blanks}
            out.update({i: pitch for i in lines if pitch < est.pitch})
            return out, last_body
    first_body = next((i for i in range(start) if paras[i].role == "body"), last_body)
    if first_body == last_body and starts[last_body][0] < page:
        # the only body paragraph runs over a page: its tail goes with the closing by itself
        return {}, last_body
    return {}, None


def _in_head(paras: list, i: int) -> bool:
    """Before the 主送 line: the 版头 and title block, whose distances the standard fixes."""
    return not any(p.role == "recipients" for p in paras[:i + 1])


# The 版记 on an even page ---------------------------------------------------------------------

IMPRINT_PLACES = ("auto", "same", "next", "blank")


def place_for(end_page: int, imprint_page: int) -> str:
    """Where the 版记 goes, given where the body ends and where the 版记 fell when it simply
    followed the body: it stays on an even page; after an odd page it takes the next (even)
    one; pushed off an even page onto an odd one, it goes to the back after a blank page."""
    if imprint_page % 2 == 0:
        return "same"
    return "next" if imprint_page == end_page else "blank"


def imprint_place(paras: list, est: Estimate) -> str:
    """`place_for` on the estimated flow of the paragraphs before the 版记."""
    cut = len(paras)
    while cut and paras[cut - 1].role in IMPRINT_ROLES:
        cut -= 1
    page, pos = 1, 0
    for p in paras[:cut]:
        if p.page_break and pos:
            page, pos = page + 1, 0
        h = est.cell_height(p) if p.cells is not None else est.height(p)
        while pos + h > est.page:
            h -= max(0, (est.page - pos) // est.pitch) * est.pitch
            page, pos = page + 1, 0
        pos += h
    rows = sum(est.lines(p) for p in paras[cut:]) * est.pitch
    return place_for(page, page if pos + rows <= est.page else page + 1)
