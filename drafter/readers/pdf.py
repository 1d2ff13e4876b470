"""PDF → paragraphs of text, rebuilt from character positions the way a reader of the page does.

A PDF holds positioned glyphs, not paragraphs.  The lines are rebuilt from the glyphs
(pdfplumber / pdfminer.six), page furniture is dropped (page numbers such as `— 1 —`, running
headers and footers repeated on every page, the 版记 rules, which are drawings), and lines are
joined into paragraphs by geometry alone, so it works on drafter's own rendered PDFs and on
PDFs made elsewhere (a web page printed, a text file converted, no indents at all):

- a line that stops short of the text block's right edge (the next line's first word would
  have fitted) ends its paragraph: last lines, centred titles, signatures, dates;
- a line that starts away from where the paragraph's lines start opens a new one: a first-line
  indent of about two characters, a centred title;
- a short line set to the right (a 署名, a 成文日期) ends its paragraph although it reaches the
  right edge: the line after it, starting further left, does not continue it;
- the 版记's lines indented on both sides (and the hanging indent after `抄送：`) stay one
  paragraph;
- a page set in two columns (three lines or more with ten characters or more either side of one
  empty band in the middle) is read down the left column, then down the right one, a line
  across both where it stands; a paragraph runs on from the foot of one column to the head of
  the next, and the columns of one page run on to the next;
- a ruled table of three columns or more (a 任务分工表; its cells found by their drawn rules)
  is read row by row, each row a paragraph with its cells apart by tabs and a cell merged down
  read in every row it spans, as the .docx reader reads the table.

Lines are joined without spaces (Chinese has none between words), except inside Latin text.
The paragraphs then go to the genre reader like those of a .docx.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError

# Characters that may not start a line (LibreOffice and Word carry them with the character
# before) and that may not end one (carried to the next line with the character after).
NO_START = set("，。、；：？！）》」』”’…—·%,.;:)!?]｝〕】〉")
NO_END = set("（《「『“‘([｛〔【〈")
QUOTES = set("“”‘’\"'")
ITEM_BEFORE = tuple("。；：！？;:!?）)」”〕")  # what ends the line before an item, when no indent shows it
_PAGE_NUMBER = re.compile(r"^(?:[-—–－─]+\d{1,4}[-—–－─]+|第\d{1,4}[页頁](?:[,，]?共\d{1,4}[页頁])?|共\d{1,4}[页頁][,，]?"
                          r"第\d{1,4}[页頁]|\d{1,4}(?:/\d{1,4})?|(?:page)?\d{1,4}(?:of\d{1,4})?)$", re.I)
_RULE_TEXT = re.compile(r"^[-—–－─━_＿=＝·.…]{5,}$")
_CID = re.compile(r"^\(cid:\d+\)$")
SLACK = 0.005  # of a character: rounding; the next word did not fit if it overshoots by more
MIN_TEXT_CHARS = 20  # fewer printable characters in the whole file: a scan, not a text PDF


@dataclass
class Line:
    """One printed line: its glyphs (no white space) left to right, and its text."""

    chars: list[dict]
    page: int
    text: str = ""
    trailing_space: bool = False  # an explicit space glyph ends the line (Latin text wraps there)
    page_width: float = 0.0
    reach: float = 0.0  # where the line's last glyph ends, a trailing space included
    row: bool = False  # a ruled table's row: its cells apart by tabs, a paragraph of its own

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def baseline(self) -> float:
        """Distance of the commonest baseline from the top of the page (the bottom of the
        glyph boxes when the PDF reader gives no text matrix)."""
        ys = [c["page_height"] - c["matrix"][5] if "matrix" in c and "page_height" in c else c["bottom"]
              for c in self.chars]
        return Counter(round(y, 1) for y in ys).most_common(1)[0][0]

    @property
    def em(self) -> float:
        """The line's character size (its commonest glyph size)."""
        return Counter(round(c["size"], 1) for c in self.chars).most_common(1)[0][0] or 10.0


@dataclass
class Block:
    """The text block of pages of one width: where lines start and end, and the usual indent."""

    left: float
    right: float
    indent: float | None  # the commonest first-line indent, if paragraphs have one


@dataclass
class _Para:
    lines: list[Line] = field(default_factory=list)


def pdf_paragraphs(data: bytes, name: str = "<input>") -> list[str]:
    """The paragraphs of a PDF's text, in reading order (see the module docstring)."""
    return rebuild(_read_lines(data, name), name)


def rebuild(pages: list[list[Line]], name: str = "<input>") -> list[str]:
    """Paragraphs from the lines of each page (`page_lines`), furniture dropped."""
    lines = _drop_furniture(pages)
    if not lines:
        raise InputError("%s: the PDF has no text besides page numbers" % name)
    blocks = _blocks(lines)
    flush = _flush_starts(lines, blocks)
    spaced = _spaced(lines)
    paras: list[_Para] = []
    for i, line in enumerate(lines):
        block, start = blocks[_width_key(line)], None
        if paras and _width_key(paras[-1].lines[-1]) != _width_key(line):
            # from one column to the next (or to a page of another width): the paragraph so far is
            # measured in its own block, the line starts where its own block starts
            block, start = blocks[_width_key(paras[-1].lines[-1])], block.left
        if paras and not spaced[i] and not line.row and not paras[-1].lines[-1].row \
                and _continues(paras[-1], line, block, flush, start):
            paras[-1].lines.append(line)
        else:
            paras.append(_Para([line]))
    return [_join(p.lines) for p in paras]


# Glyphs → lines --------------------------------------------------------------------------------

def _read_lines(data: bytes, name: str) -> list[list[Line]]:
    """Lines of text per page; clear errors for files that are not PDFs, broken, encrypted or
    without a text layer."""
    if not data:
        raise InputError("%s: the file is empty" % name)
    if b"%PDF-" not in data[:1024]:
        raise InputError("%s: not a PDF file (no %%PDF header); import a .txt, .docx or .doc file" % name)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    from ..safeopen import Refused, open_pdf

    pages: list[list[Line]] = []
    gutter: tuple[float, float] | None = None  # between the columns of the page before
    printable = cid = 0
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings about font metrics are not the user's business
    try:
        with open_pdf(data, name) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                height = float(page.height)
                chars = [dict(c, page_height=height) for c in page.chars if c.get("upright", True)]
                printable += sum(1 for c in chars if c["text"].strip())
                cid += sum(1 for c in chars if _CID.match(c["text"]))
                rows, chars = _table_rows(page, chars, number) if page.rects or page.lines else ([], chars)
                found: list = []
                lines = page_lines(chars, number, float(page.width), gutter, found)
                gutter = found[0] if found else None
                # a ruled table's rows among the lines by their height (the lines keep their order:
                # a page in columns is not read top to bottom)
                for row in sorted(rows, key=lambda ln: ln.top):
                    at = next((k for k, ln in enumerate(lines) if ln.top > row.top), len(lines))
                    lines.insert(at, row)
                pages.append(lines)
    except Exception as e:  # pdfminer raises many kinds on a truncated or mangled file
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e  # pdfplumber wraps them
        if isinstance(cause, Refused):
            raise cause from None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError("%s: the PDF is encrypted (it needs a password to open); save an "
                             "unprotected copy, or import the .docx or the text" % name) from None
        detail = str(cause) or type(cause).__name__
        raise InputError("%s: the PDF is damaged and cannot be read (%s); it may be truncated: "
                         "download it again, or import the .docx or the text" % (name, detail)) from None
    finally:
        quiet.setLevel(level)
    if not pages:
        raise InputError("%s: the PDF has no pages (the file may be truncated)" % name)
    if printable < MIN_TEXT_CHARS:
        raise InputError("%s: the PDF has no text, only images (a scan?): run OCR on it first, or "
                         "import the .docx or the text" % name)
    if cid > printable // 2:
        raise InputError("%s: the PDF's fonts carry no character codes (text shows as (cid:N)); "
                         "run OCR on it, or import the .docx or the text" % name)
    return pages


def page_lines(chars: list[dict], page: int, width: float, hint: tuple[float, float] | None = None,
               found: list | None = None) -> list[Line]:
    """Group a page's glyphs (pdfplumber char dicts) into lines by their vertical centre; a page
    set in two columns is read column by column (`hint`: the gutter of the page before, where
    a section in columns runs on; the gutter used is added to `found`)."""
    glyphs = sorted((c for c in chars if c["text"].strip() or c["text"] == " "),
                    key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    rows: list[list[dict]] = []
    centre = None
    for c in glyphs:
        mid = (c["top"] + c["bottom"]) / 2
        if rows and centre is not None and abs(mid - centre) <= 0.4 * max(c["size"], 1.0):
            rows[-1].append(c)
        else:
            rows.append([c])
            centre = mid
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    gutter = _gutter(rows, width, hint)
    if gutter is None:
        return sorted(filter(None, (_line(row, page, width) for row in rows)), key=lambda ln: ln.top)
    lines = _in_columns(rows, page, width, gutter)
    if found is not None:
        found.append(gutter)
    return lines


def _line(row: list[dict], page: int, width: float) -> Line | None:
    ink = [c for c in row if c["text"].strip()]
    if not ink:
        return None
    return Line(ink, page, _line_text(row), row[-1]["text"] == " ", width, row[-1]["x1"])


def _gutter(rows: list[list[dict]], width: float, hint: tuple[float, float] | None = None) \
        -> tuple[float, float] | None:
    """The space between two columns of text, if the page sets its text in two: three lines or
    more whose text runs at least ten characters on each side of one empty band in the middle
    of the page, and fewer lines across it than beside it.  A tabbed line (文号 and 签发人, the
    版记's 印发机关 and date) has a short side; a ruled table was read apart before."""
    pairs = []
    for row in rows:
        ink = [c for c in row if c["text"].strip()]
        if len(ink) < 20:
            continue
        em = statistics.median(c["size"] for c in ink) or 10.0
        for a, b in zip(ink, ink[1:]):
            if b["x0"] - a["x1"] >= em and a["x1"] < 0.7 * width and b["x0"] > 0.3 * width \
                    and a["x1"] - ink[0]["x0"] >= 10 * em and ink[-1]["x1"] - b["x0"] >= 10 * em:
                pairs.append((a["x1"], b["x0"], em))
                break
    if hint is not None and pairs and all(a < sum(hint) / 2 < b for a, b, _ in pairs):
        pairs += [(min(a for a, _, _ in pairs), max(b for _, b, _ in pairs), pairs[0][2])] * 2  # the columns run on
    if len(pairs) < 3:
        return None
    g0, g1 = max(a for a, _, _ in pairs), min(b for _, b, _ in pairs)
    if g1 - g0 < min(em for _, _, em in pairs):
        return None
    across = sum(1 for row in rows if _across(row, (g0 + g1) / 2))
    return (g0, g1) if across < len(pairs) else None


def _across(row: list[dict], mid: float) -> bool:
    """Does the line run across the middle of the gutter: a glyph over it, or text running
    through it (the glyphs either side of it closer than a character)?"""
    ink = [c for c in row if c["text"].strip()]
    if any(c["x0"] < mid < c["x1"] for c in ink):
        return True
    before = [c for c in ink if c["x1"] <= mid][-1:]
    after = [c for c in ink if c["x0"] >= mid][:1]
    return bool(before and after) and after[0]["x0"] - before[0]["x1"] < min(before[0]["size"], after[0]["size"])


def _in_columns(rows: list[list[dict]], page: int, width: float, gutter: tuple[float, float]) -> list[Line]:
    """A page in two columns read as it is read: down the left column, then down the right one;
    a line across both (a title over the columns, the page number) read where it stands, the
    columns above it before it.  Each column's lines carry a width of their own, so that the
    text block of each column (its left and right edge) is found apart."""
    g0, g1 = gutter
    margin = min(c["x0"] for row in rows for c in row if c["text"].strip())
    keys = (g0 + margin, width - margin + g1)  # mirrors: key - left edge = the column's right edge
    out: list[Line] = []
    region: list[tuple[list[dict], list[dict]]] = []

    def flush() -> None:
        for side, key in enumerate(keys):
            out.extend(filter(None, (_line(pair[side], page, key) for pair in region if pair[side])))
        region.clear()

    mid = (g0 + g1) / 2
    for row in rows:
        left = [c for c in row if (c["x0"] + c["x1"]) / 2 < mid]
        right = [c for c in row if (c["x0"] + c["x1"]) / 2 >= mid]
        if _across(row, mid):
            flush()
            line = _line(row, page, width)
            if line:
                out.append(line)
        else:
            region.append((left, right))
    flush()
    return out


def _table_rows(page, chars: list[dict], number: int) -> tuple[list[Line], list[dict]]:
    """The rows of the page's ruled tables (a 任务分工表: pdfplumber finds the cells by their
    drawn rules) as lines of their own, cells apart by tabs, and the glyphs outside them.  A
    cell merged down over rows is printed once; each row it spans reads its text, as in the
    .docx reader.  Only grids of three columns or more: a ruled 版记 is no table."""
    rows_out: list[Line] = []
    inside: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        grid = [row.cells for row in table.rows]
        if len(grid) < 2 or max(len(r) for r in grid) < 3:
            continue
        texts = table.extract()
        cells = {tuple(b): t for r, tr in zip(grid, texts) for b, t in zip(r, tr) if b is not None}
        for k, (row, text) in enumerate(zip(grid, texts)):
            got = [b for b in row if b is not None]
            if not got:
                continue
            top, bottom = got[0][1], got[0][3]
            out = []
            for col, (box, value) in enumerate(zip(row, text)):
                if box is None:  # covered by a cell above it (merged down) or to its left
                    value = next((cells[b] for b in cells if b[1] < top - 0.5 and b[3] >= bottom - 0.5
                                  and _covers(b, grid, col)), "")
                out.append(_cell_text(value or ""))
            ink = sorted((c for c in chars if c["text"].strip() and _inside(c, (table.bbox[0], top, table.bbox[2],
                                                                                  bottom))), key=lambda c: c["x0"])
            if ink and any(out):
                rows_out.append(Line(ink, number, "\t".join(out), False, float(page.width), ink[-1]["x1"], True))
        inside.append(table.bbox)
    rest = [c for c in chars if not any(_inside(c, box) for box in inside)]
    return rows_out, rest


def _covers(box, grid, col: int) -> bool:
    """Does the cell `box` reach over column `col` (its x-range as other rows draw it)?"""
    xs = [r[col] for r in grid if col < len(r) and r[col] is not None]
    return bool(xs) and box[0] <= xs[0][0] + 0.5 and box[2] >= xs[0][2] - 0.5


def _inside(c: dict, box) -> bool:
    mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= mx <= box[2] and box[1] <= my <= box[3]


def _cell_text(value: str) -> str:
    """A cell's lines joined as a paragraph's are: no space between Chinese characters."""
    parts = [p.strip() for p in value.split("\n") if p.strip()]
    out = parts[0] if parts else ""
    for p in parts[1:]:
        out += (" " if _latin(out[-1]) and _latin(p[0]) else "") + p
    return out


_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ch in "@&"


def _line_text(row: list[dict]) -> str:
    """The line's text: explicit space glyphs kept, a wide gap read as a space (a tab, a
    letter-spaced title, a PDF maker that draws no space glyphs)."""
    ink = [c for c in row if c["text"] != " "]
    gaps = [b["x0"] - a["x1"] for a, b in zip(ink, ink[1:])]
    spread = statistics.median(gaps) if gaps else 0.0  # a justified line spreads its characters
    out: list[str] = []
    prev = None
    for c in row:
        ch = c["text"]
        if ch == " ":
            out.append(" ")
            continue
        if prev is not None and out and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            em = max(c["size"], prev["size"], 1.0)
            # between Latin and Chinese, LibreOffice sets a quarter space of its own
            mixed = prev["text"][-1].isascii() != ch[0].isascii()
            if gap > 0.6 * em or (not mixed and gap > max(0.2 * em, spread + 0.15 * em)):
                out.append(" ")
        out.append(ch)
        prev = c
    return "".join(out).strip().translate(_LIGATURES)


# Page furniture ---------------------------------------------------------------------------------

def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drop_furniture(pages: list[list[Line]]) -> list[Line]:
    """All body lines in reading order: page numbers, running headers and footers (the same
    line near the top or bottom of most pages, digits aside) and drawn-out rules removed."""
    edge_lines = [set(_edges(p)) for p in pages]
    gaps = [b.top - a.bottom for p in pages for a, b in zip(p, p[1:]) if a.em == b.em]  # within the text
    usual = statistics.median(gaps) if gaps else 0.0
    repeated: Counter[str] = Counter()
    for page, edges in zip(pages, edge_lines):
        repeated.update({_furniture_key(page[i]) for i in edges if _set_apart(page, i, usual)})
    running = {k for k, n in repeated.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for page, edges in zip(pages, edge_lines):
        for i, line in enumerate(page):
            s = _squeezed(line.text)
            if i in edges and (_PAGE_NUMBER.match(s) or _furniture_key(line) in running
                               and _set_apart(page, i, usual)):
                continue
            if _RULE_TEXT.match(s):
                continue
            out.append(line)
    return out


def _edges(page: list[Line]) -> list[int]:
    """Indexes of the lines where page furniture sits: the two highest and the two lowest on the
    page (in reading order the first two and the last two, unless the page is in columns)."""
    by_height = sorted(range(len(page)), key=lambda i: (page[i].top, i))
    return sorted(set(by_height[:2] + by_height[-2:]))


def _set_apart(page: list[Line], i: int, usual: float) -> bool:
    """Is line `i` set apart from the text next to it (a header above the text block, a footer
    below it): further away than lines of text are from each other, or in another size?"""
    near = [page[j] for j in (i - 1, i + 1) if 0 <= j < len(page)]
    gaps = [ln.top - page[i].bottom if ln.top > page[i].top else page[i].top - ln.bottom for ln in near]
    return not near or min(gaps) > usual * 1.5 or all(abs(ln.em - page[i].em) > 0.1 * ln.em for ln in near)


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", _squeezed(line.text))


# The text block -------------------------------------------------------------------------------

def _width_key(line: Line) -> int:
    return round(line.page_width)


def _blocks(lines: list[Line]) -> dict[int, Block]:
    """Left and right edge of the text, per page width: the commonest line start and end."""
    groups: dict[int, list[Line]] = {}
    for line in lines:
        groups.setdefault(_width_key(line), []).append(line)
    out = {}
    for key, group in groups.items():
        em = statistics.median(ln.em for ln in group)
        left = _left_edge([ln.x0 for ln in group], em)
        right = _right_edge(group, left, em)
        if right is None:
            right = max(float(key) - left, max(ln.x1 for ln in group))  # mirror of the left margin
        indents = [(ln.x0 - left) / ln.em for ln in group if 1.0 <= (ln.x0 - left) / ln.em <= 4.5
                   and right - ln.x1 < ln.em]  # a long line starting indented: a first line
        indent = statistics.median(indents) if len(indents) >= max(1, len(group) // 40) else None
        out[key] = Block(left, right, indent)
    return out


def _left_edge(starts: list[float], em: float) -> float:
    """Where lines start when not indented: the leftmost start shared by a twentieth of the
    lines (in a short text, by any), so that a stray line further left does not count."""
    step = max(em / 4, 0.5)
    bins = Counter(round(x / step) for x in starts)
    enough = [b for b, n in bins.items() if n >= len(starts) / 20]
    leftmost = min(enough) if enough else min(bins)
    return min(x for x in starts if round(x / step) == leftmost)


def _right_edge(lines: list[Line], left: float, em: float) -> float | None:
    """Where full lines end: the furthest end of a long line that ends in a character rather
    than punctuation (LibreOffice hangs a final ，。 past the edge), but the one furthest of all
    (a stray wide line, a number that overshoots).  None for a handful of lines."""
    ends = sorted(ln.x1 for ln in lines if ln.x1 > left + 10 * em and ln.chars[-1]["text"] not in NO_START)
    return ends[-2] if len(ends) >= 3 else None


def _flush_starts(lines: list[Line], blocks: dict[int, Block]) -> bool:
    """Do paragraphs here start at the left edge (a text file converted, a web page printed)?
    Judged on the lines that surely start one (the line before stops two characters short):
    then indentation cannot tell where a paragraph ends on a full line, and wording must."""
    flush = indented = 0
    for prev, line in zip(lines, lines[1:]):
        block = blocks[_width_key(line)]
        if block.right - prev.x1 > 2 * prev.em and line.em == prev.em:
            if abs(line.x0 - block.left) <= 0.5 * line.em:
                flush += 1
            elif line.x0 - block.left <= 4.5 * line.em:
                indented += 1
    return flush > 0 and flush >= 0.2 * (flush + indented)


def _spaced(lines: list[Line]) -> list[bool]:
    """For each line: is it further below the line before than the lines around are from each
    other (space between paragraphs, a blank line)?  Measured baseline to baseline (digits and
    Chinese characters come from fonts of different heights), on one page and in one size."""
    ys = [ln.baseline for ln in lines]
    pitch: list[float | None] = [None]
    for a, b, ya, yb in zip(lines, lines[1:], ys, ys[1:]):
        pitch.append(yb - ya if a.page == b.page and a.em == b.em else None)
    pitch.append(None)
    out = []
    for i, line in enumerate(lines):
        here, around = pitch[i], [p for p in (pitch[i - 1] if i else None, pitch[i + 1]) if p is not None]
        out.append(here is not None and bool(around) and here > min(around) + 0.2 * line.em)
    return out


# Lines → paragraphs ------------------------------------------------------------------------------

def _first_unit(line: Line) -> float:
    """Width of what would have had to fit at the end of the line before: the first character
    (or Latin word) with the punctuation that may not start a line, or an opening bracket with
    the character after it."""
    chars = line.chars
    i = 0
    while i < len(chars) - 1 and chars[i]["text"] in NO_END:
        i += 1
    i += 1
    if chars[i - 1]["text"].isascii():  # a Latin word, a number such as 170/10 or 1.5, a +
        while i < len(chars) and chars[i]["text"].isascii() and chars[i]["x0"] - chars[i - 1]["x1"] < 0.2 * line.em:
            i += 1
        if i < len(chars) and not chars[i - 1]["text"].isalpha():
            i += 1  # kept with the character after it: 2.5万 (LibreOffice), +协 (Chromium)
    while i < len(chars) and chars[i]["text"] in NO_START:
        i += 1
    while i < len(chars) and (chars[i]["text"] in QUOTES or chars[i - 1]["text"] in QUOTES):
        i += 1  # some line breakers (Chromium's) never break next to “” : take the next character too
        while i < len(chars) and chars[i]["text"] in NO_START:
            i += 1
    return chars[i - 1]["x1"] - chars[0]["x0"]


def _continues(para: _Para, line: Line, block: Block, flush: bool, start: float | None = None) -> bool:
    """Does `line` continue the paragraph whose last line is `para.lines[-1]`?  `start`: where
    lines start in the line's own block, when it is not the paragraph's (the next column)."""
    prev, first = para.lines[-1], para.lines[0]
    left = block.left if start is None else start
    if prev.page != line.page and line.page - prev.page > 1:
        return False
    em = max(line.em, prev.em)
    tol = 0.5 * em
    if abs(line.em - prev.em) > 0.15 * em:
        return False  # a title in a larger size, a 版头
    unit = _first_unit(line)
    if len(para.lines) >= 2:
        # the paragraph's lines start at one place; a line starting elsewhere opens a new one
        where_ok = abs(line.x0 - (para.lines[1].x0 if start is None else left)) <= tol
        indented = para.lines[1].x0 > block.left + tol  # a block or hanging indent: its own right edge
        right = max(ln.x1 for ln in para.lines[:-1]) if indented else block.right
        full = right - prev.reach < unit - SLACK * em
    else:
        full = block.right - prev.reach < unit - SLACK * em
        where_ok = abs(line.x0 - left) <= tol
        inset = first.x0 - block.left
        if not (full and where_ok) and inset > tol and prev.x1 - prev.x0 > (block.right - block.left) / 2 \
                and (block.indent is None or abs(inset / em - block.indent) > 0.5):
            # a long line indented otherwise than a first line: a block indented on both sides
            # (the 版记), maybe with a hanging indent (抄送：)
            right = block.right - inset
            full = right - prev.reach < unit - SLACK * em
            where_ok = line.x0 >= first.x0 - tol and line.x1 <= right + tol and start is None
        elif start is None and inset > ((block.indent or 2.0) + 1.0) * em and line.x0 < first.x0 - tol \
                and first.x1 - first.x0 < (block.right - block.left) / 2:
            # a short line set to the right (a 署名, a 成文日期) reaches the right edge but is not
            # wrapped: a paragraph's next line would start where its first line could have
            return False
    if not (full and where_ok):
        return False
    if flush and abs(line.x0 - left) <= tol:
        # no indent to go by: a number after a full stop starts an item, and a line of
        # addressees (主送) ends at its colon
        if prev.text.endswith(ITEM_BEFORE) and _starts_item(line.text):
            return False
        if prev.text.endswith(("：", ":")) and not any("。" in ln.text for ln in para.lines):
            return False
    return True


def _starts_item(text: str) -> bool:
    from ..text.labels import parse_label

    label = parse_label(text)
    return label is not None and label.words < len(text)


def _join(lines: list[Line]) -> str:
    """One paragraph's text: lines joined without a space, except inside Latin text."""
    out = lines[0].text
    for before, line in zip(lines, lines[1:]):
        if out and line.text and (before.trailing_space or (_latin(out[-1]) and _latin(line.text[0]))):
            out += " "
        out += line.text
    return out
