"""Where a notice's lines fall, estimated on the GB/T 9704 grid, so its closing keeps the rules
that only show on pages: page 1 shows body text (§7.3.2) and the 署名 and 成文日期 stand on a page
with body text (§7.3.5).

LibreOffice and Word keep a `keepNext` paragraph whole: keeping the last body paragraph with
the 署名 moves all of it, and a short notice's only paragraph then leaves page 1 with no body
text.  So the closing is kept with the body only when it would not fit under it; when it
misses by a few lines, the page's line spacing is tightened instead (§7.3.5 特殊情况说明: adjust
line and character spacing), and nothing moves; when it misses by more and the body is one
paragraph, that paragraph's lines are spread so that its last one runs over with the closing.

The estimate counts characters on the 22 × 28 grid (full-width 1, ASCII 0.6 as drawn) and errs on the
safe side by a line; it never needs the fonts.
"""
from __future__ import annotations

import math
from dataclasses import replace

from .parts import IMPRINT_ROLES

SIGNATURES = ("signature", "seal_signatures")
CLOSING = ("blank", "seal_space", "attachment_note") + SIGNATURES + ("date", "note")
# never tightened: the 版头 block, and the seals' space (their rows must not touch)
FIXED = ("copy_number", "secrecy", "urgency", "issuer_mark", "joint_mark", "doc_number", "title", "draft_mark",
         "seal_space", "seal_signatures")
HEAD_ROLES = ("copy_number", "secrecy", "urgency")  # the 版头's optional elements, above the mark
SPARE_LINES = 1  # what the estimate may be off by
MIN_PITCH = 0.7  # tightest line pitch, as a share of the grid's (16 pt text on 20.3 pt lines)
LAST_PITCH = 0.6  # tightest of all, when nothing else keeps body text on the 署名's page (18 pt lines)
MAX_PITCH = 2.5  # loosest, to run a short notice's only paragraph over onto the 署名's page


def recipients_to_imprint(paras: list, est: "Estimate") -> list:
    """The paragraphs with the 主送 moved to the 版记 (above 抄送) when, left where it is, it
    would push the body off page 1 (GB/T 9704 §7.3.2, §7.4.2); otherwise as they are."""
    at = next((i for i, p in enumerate(paras) if p.role == "recipients" and p.imprint_text), None)
    if at is None or at + 1 >= len(paras):
        return paras
    head = est.first_drop + sum(est.height(p) for p in paras[:at + 1])
    if head + est.pitch <= est.page:
        return paras
    moved = replace(paras[at], role="recipients_imprint", runs=[replace(paras[at].runs[0], text=paras[at].imprint_text)]
                    if paras[at].runs else [], imprint_text=None)
    rest = paras[:at] + paras[at + 1:]
    cut = len(rest)
    while cut and rest[cut - 1].role in IMPRINT_ROLES:
        cut -= 1
    return rest[:cut] + [moved] + rest[cut:]


ASCII_DRAWN = 0.6  # an ASCII character as the CJK fonts at hand draw it (digits: 0.55 em)


def units(text: str, ascii: float = 0.5) -> float:
    """Width in full-width characters, ASCII counting `ascii` (its nominal half by default;
    ASCII_DRAWN where a line must not overflow: estimates and title breaks)."""
    from .oxml import AMBIGUOUS

    return sum(ascii if ord(ch) < 0x2000 and ch not in AMBIGUOUS else 1.0 for ch in text)


def joint_mark_size(spec: dict, width: int, names: list[str]) -> float:
    """The 联合行文 names' size (GB/T 9704 leaves it to 醒目、美观、庄重): the look's size, smaller
    when the longest name and `文件` would not fit the 版心's `width` (twips) on one line, or
    when the names one a line would stand taller than `block_pt` (the look's; a third issuer
    makes all three smaller rather than pushing the body off page 1); never below `min_size`."""
    size = float(spec["size"])
    widest = max((units(name) for name in names), default=1.0)
    size = min(size, math.floor(width / 20 / (widest + 2.5)))
    if spec.get("block_pt"):
        size = min(size, math.floor(float(spec["block_pt"]) / max(1, len(names))))
    return max(float(spec.get("min_size", size)), size)


class SealRows:
    """联合行文 with seals (GB/T 9704 §7.3.5.1): the 署名s in issuer order, in rows of up to three
    columns of equal width across the 版心: as many as the seals (`seal_mm` of the look's
    `seal_signatures`, `seal_gap_mm` apart) allow, and the names, each centred in its column,
    at least 1字 apart and inside the 版心.  A last, shorter row takes the right-hand columns,
    so that the last 署名 stands in the right-hand column over the 成文日期 its seal also
    presses on.  Rows are `pitch_lines` apart, a seal's diameter and gap, so that no two seals
    touch.  With one column, it stands where a single issuer's does: centred over the date,
    4字 from the right.  Lengths in twips."""

    def __init__(self, spec: dict, width: int, char: float, names: list[str], date: str, pitch: int):
        from .look import MM_TWIPS

        seal = float(spec.get("seal_mm", 42)) * MM_TWIPS
        gap = float(spec.get("seal_gap_mm", 3)) * MM_TWIPS
        date_w = units(date) * char
        for k in range(min(3, len(names)), 0, -1):
            self.columns = k
            self.rows = [names[i:i + k] for i in range(0, len(names), k)]
            if k == 1:
                self.centres = [int(width - 4 * char - date_w / 2)]
                break
            self.centres = [int(width * (2 * j + 1) / (2 * k)) for j in range(k)]
            if k * (seal + gap) <= width and all(self._fits(row, width, char) for row in self.rows):
                break
        self.pitch_lines = max(2, math.ceil((seal + gap) / pitch))

    def _fits(self, row: list[str], width: int, char: float) -> bool:
        """The row's names inside the 版心 and 1字 apart, each centred in its column."""
        spans = [(c - units(n) * char / 2, c + units(n) * char / 2) for n, c in zip(row, self.row_centres(row))]
        return spans[0][0] >= 0 and spans[-1][1] <= width and \
            all(b[0] - a[1] >= char for a, b in zip(spans, spans[1:]))

    def row_centres(self, row: list[str]) -> list[int]:
        return self.centres[len(self.centres) - len(row):]

    @property
    def lines(self) -> int:
        return len(self.rows) + (len(self.rows) - 1) * (self.pitch_lines - 1)


class Estimate:
    """Heights of paragraphs in twips, as laid out by `look` on a `width`-twips 版心."""

    def __init__(self, look, width: int, size_of, first_drop: int = 0, head_lines: int = 0):
        self.look = look
        self.width = width
        self.size_of = size_of  # role, text → pt (the builder's, with the issuer mark's fit)
        self.pitch = look.line_twips
        self.first_drop = first_drop  # page 1's body starts this much lower (a letter's tall header)
        self.head_lines = head_lines  # 份号/密级/紧急 lines, taken off the space above the mark
        page = look.page
        from .look import MM_TWIPS

        self.page = round(page["height_mm"] * MM_TWIPS) - int(page["top_twips"]) - int(page["bottom_twips"])

    def lines(self, para) -> int:
        if para.role == "seal_signatures":
            return self.seal_rows(para).lines
        spec = self.look.role(para.role)
        size = self.size_of(para.role, para.text)
        body = size == float(self.look.data["grid"]["body_pt"])
        char = size * 20 + (self.look.char_spacing if body else 0)
        per_line = max(1, math.floor((self.width - float(spec.get("left_chars", 0)) * size * 20
                                      - float(spec.get("right_chars", 0)) * size * 20) / char))
        indent = float(spec.get("indent_chars", 0))
        total = 0
        for piece in (para.text.split("\n") or [""]):
            total += max(1, math.ceil((units(piece, ASCII_DRAWN) + indent) / per_line))
            indent = 0
        return total

    def seal_rows(self, para, date: str = "") -> SealRows:
        """The rows of a `seal_signatures` paragraph; `date` places a single column only."""
        return SealRows(self.look.role("seal_signatures"), self.width, self.look.char_twips(16),
                        [r.text for r in para.runs], date, self.pitch)

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
        above = max(0, int(spec.get("space_before_twips", 0)) - self.head_lines * self.pitch)
        if para.role == "joint_mark":  # a line per issuer, at the size the builder gives them
            names = [r.text for r in para.runs[:-1]]
            size = joint_mark_size(spec, self.width, names)
            return above + int(size * 20 * 1.44) * len(names)
        if para.role == "issuer_mark":
            return above + int(self.size_of(para.role, para.text) * 20 * 1.44)
        if para.role == "seal_signatures":
            return self.seal_rows(para).lines * self.pitch
        extra = 0
        rule = spec.get("rule_below")
        if rule:
            extra = int(rule.get("space_pt", 0)) * 20 + int(rule["width_eighths"]) * 20 // 8
        return self.lines(para) * self.pitch + extra


def fit_closing(paras: list, est: Estimate) -> tuple[dict[int, int], int | None]:
    """(index → line pitch in twips of the paragraphs to tighten, or to loosen, index of the
    last body paragraph that need not keep with the closing, or None): the closing is kept with
    the body only where it would not fit under it, and tightened where that makes it fit; a
    notice's only paragraph that would take page 1's body text with it is loosened instead, so
    that its last line runs over to the closing (`_run_over`)."""
    try:
        sig = next(i for i, p in enumerate(paras) if p.role in SIGNATURES)
    except StopIteration:
        return {}, None
    start = sig
    while start > 0 and paras[start - 1].role in CLOSING and paras[start - 1].role not in SIGNATURES:
        start -= 1
    end = sig
    while end + 1 < len(paras) and paras[end + 1].role in CLOSING and not paras[end + 1].page_break:
        end += 1
    last_body = start - 1
    if last_body < 0:
        return {}, None
    # where each paragraph up to the closing starts: (page, twips down the page)
    page, pos = 1, est.first_drop
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
    # tighten the lines of this page below the fixed 版头 elements
    here = [i for i in range(start) if starts[i][0] == page and paras[i].role not in FIXED
            and not (page == 1 and _in_head(paras, i))] + [i for i in range(start, end + 1) if paras[i].role not in FIXED]
    tight = _tightened(paras, here, spare, est, MIN_PITCH)
    if tight:
        return tight, last_body
    first_body = next((i for i in range(start) if paras[i].role == "body"), last_body)
    if first_body == last_body and starts[last_body][0] < page:
        # the only body paragraph runs over a page: its tail goes with the closing by itself
        return {}, last_body
    if first_body == last_body and starts[last_body][0] == page:
        # kept with the closing, the only body paragraph would leave its page (page 1) without
        # body text: loosen it so that its last line runs over, and the closing follows it;
        # a paragraph too short for that, and the closing is squeezed in under it after all
        loose = _run_over(paras, last_body, starts, est) or _tightened(paras, here, spare, est, LAST_PITCH)
        if loose:
            return loose, last_body
    return {}, None


def _tightened(paras: list, here: list[int], spare: int, est: Estimate, floor: float) -> dict[int, int]:
    """Line pitches for the paragraphs `here` that win the `spare` twips the closing lacks (a
    line more, or half a line): blank lines first, down to a quarter, then every line, down to
    `floor` of the grid's pitch.  {} when that is not enough."""
    blanks = [i for i in here if paras[i].role == "blank"]
    lines = [i for i in here if paras[i].role != "blank"]
    room = sum(est.height(paras[i]) for i in lines)
    for margin in (est.pitch, est.pitch // 2):  # the estimate's line to spare; half, if need be
        need = margin - spare
        blank = max(est.pitch // 4, est.pitch - need // max(1, len(blanks))) if blanks else est.pitch
        need -= (est.pitch - blank) * len(blanks)
        pitch = int(est.pitch * (room - max(0, need)) / room) if room else 0
        if pitch >= floor * est.pitch:
            out = {i: blank for i in blanks}
            out.update({i: pitch for i in lines if pitch < est.pitch})
            return out
    return {}


def _run_over(paras: list, last_body: int, starts: list, est: Estimate) -> dict[int, int]:
    """Line pitches that make this page's lines under the title (the blank line, the 主送, the
    one body paragraph `last_body`) overflow the page by the body's last line, half a line to
    spare either way: the line spacing adjusted as §7.3.5 allows, spread over every line so
    that none stands out.  {} when that takes more than MAX_PITCH."""
    page = starts[last_body][0]
    fixed = [i for i in range(last_body) if starts[i][0] == page and paras[i].role in FIXED]
    first = fixed[-1] + 1 if fixed else next(i for i in range(last_body + 1) if starts[i][0] == page)
    span = list(range(first, last_body + 1))
    if est.lines(paras[last_body]) < 2:
        return {}
    room = est.page - starts[first][1]
    count = sum(est.lines(paras[i]) for i in span)
    pitch = int(room / (count - 0.5))
    if pitch > MAX_PITCH * est.pitch:
        return {}
    return {i: max(pitch, est.pitch) for i in span}


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
    page, pos = 1, est.first_drop
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
