"""Paragraphs with roles → a .docx package laid out to GB/T 9704 by the look.

Paragraph looks live in named styles (one per role, from look.yaml); every run also carries its
fonts directly, East-Asian face included, so a reader that ignores styles still sees 仿宋.
Run/paragraph `change` marks become real Word tracked changes.
"""
from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
from dataclasses import replace
from pathlib import Path

from ...anchors import bookmark_name
from . import oxml
from .fit import (ASCII_DRAWN, HEAD_ROLES, IMPRINT_PLACES, Estimate, SealRows, fit_closing, imprint_place,
                  joint_mark_size, recipients_to_imprint, units)
from .layout import CHANGES, Para, Run, clean_text
from .look import MM_TWIPS, Look, load_look
from .package import CT_WML, Package
from .parts import (IMPRINT_ROLES, base_package, core_properties, footer_ids, letter_parts, sect_pr,  # noqa: F401
                    style_id, style_name)
from .tables import Table

TABLE_ROLES = {"table_head", "table_row"}
PARA_CHANGES = (None, "ins", "del")
TABLE_RULE = ("000000", 4)  # every table's grid: black, ½ pt
TABLE_CELL_MARGIN = 57  # twips (1 mm) between a cell's edge and its text
HIDDEN_BORDERS = "".join(oxml.no_border(e) for e in ("top", "bottom", "right"))
# a letter's 标志: its top edge 30 mm below the page's (§10.1); LibreOffice sets a 小标宋 line's
# character box 1.9 mm below the header's top
LETTER_HEADER_TWIPS = round((30 - 1.9) * 1440 / 25.4)




class _Builder:
    def __init__(self, look: Look, author: str, date: str, landscape: bool = False,
                 footers: dict[str, str] | None = None, imprint: str = "auto"):
        if imprint not in IMPRINT_PLACES:
            raise ValueError("imprint must be one of %s, got %r" % (IMPRINT_PLACES, imprint))
        self.look = look
        self.landscape = landscape
        self.footers = footers or {}
        self.imprint_place = imprint
        self.last_footers = ("right", "left")  # the final section's: numbered
        self.fresh_section = False  # a section break was the last thing written
        self.head_lines = 0  # 份号/密级/紧急 lines above the issuer mark
        self.first_page: tuple[str, str] | None = None  # a letter's first-page header and footer
        self.letter_mark = ""  # a letter's 标志, in page 1's header
        self.author = author
        self.date = date
        self.ids = itertools.count(1)
        self.moves = {"moveFrom": itertools.count(1), "moveTo": itertools.count(1)}
        self.width = look.text_width(landscape)
        self._rprs: dict[tuple, str] = {}
        self.lists: dict[tuple, dict[int, str]] = {}  # list key → {ilvl: w:lvl markup}

    def estimate(self) -> Estimate:
        """The grid estimate of this document's pages; a letter's page 1 starts its body under
        a header taller than the top margin: the 标志 30 mm down, its line, the double rule."""
        drop = 0
        if self.letter_mark:
            mark = self.size("letter_head", self.letter_mark) * 20 * 1.3 + 4 * MM_TWIPS + 60
            drop = max(0, int(LETTER_HEADER_TWIPS + mark - int(self.look.page["top_twips"])))
        return Estimate(self.look, self.width, self.size, drop, self.head_lines)

    # -- runs -------------------------------------------------------------------------------
    def run_font(self, para: Para, run: Run) -> str:
        kind = self.look.data["runs"].get(run.role, "text")
        if kind == "heading":
            role = "h%d" % para.level if para.level else para.role
            kind = self.look.role(role)["font"]
        elif run.role in ("label", "title", "tag", "mark") or para.role not in ("item", "body"):
            kind = self.look.role(para.role)["font"]
        return self.look.font(kind)["name"]

    def size(self, role: str, text: str = "") -> float:
        spec = self.look.role(role)
        size = float(spec["size"])
        if spec.get("fit") and text:
            fit = math.floor(self.width / 20 / max(units(text), 1))
            size = max(float(spec.get("min_size", size)), min(size, fit))
        return size

    def rpr(self, para: Para, run: Run, size: float, change: str = "") -> str:
        """Run properties; a document has only a few distinct ones, so each is built once."""
        hint = not oxml.AMBIGUOUS.isdisjoint(run.text)
        key = (para.role, para.level, run.role, size, hint, change)
        props = self._rprs.get(key)
        if props is None:
            spec = self.look.role(para.role)
            body = size == float(self.look.data["grid"]["body_pt"])
            props = oxml.rpr(self.run_font(para, run), size, color=self.look.colour(spec.get("color")),
                             spacing=self.look.char_spacing if body else 0,
                             bold=bool(spec.get("bold")), hint=hint, change=change)
            self._rprs[key] = props
        return props

    def runs(self, para: Para, runs: list[Run], size: float) -> str:
        out = []
        for run in runs:
            text, _ = clean_text(run.text)
            if not text:
                continue
            change = run.change or para.change
            if change not in CHANGES:
                raise ValueError("Run.change must be one of %s, got %r" % (CHANGES, change))
            xml = oxml.run(text, self.rpr(para, run, size), deleted=change in ("del", "moveFrom"))
            if change in ("ins", "del"):
                xml = oxml.tracked(change, xml, next(self.ids), self.author, self.date)
            elif change in ("moveFrom", "moveTo"):
                name = run.move or "move%d" % next(self.moves[change])
                xml = oxml.moved(change, xml, (next(self.ids), next(self.ids)), name,
                                 self.author, self.date)
            out.append(xml)
        return "".join(out)

    # -- paragraphs -------------------------------------------------------------------------
    def mark_change(self, para: Para) -> str:
        change = para.change or para.mark
        if change not in PARA_CHANGES or para.mark not in PARA_CHANGES:
            raise ValueError("Para.change/mark must be one of %s, got %r" % (PARA_CHANGES, change))
        if not change:
            return ""
        return oxml.change_mark(change, next(self.ids), self.author, self.date)

    def paragraph(self, para: Para, prev: Para | None, nxt: Para | None = None,
                  marks: tuple[str, str] = ("", ""), line_twips: int | None = None) -> str:
        spec = self.look.role(para.role)
        text = para.text
        size = self.size(para.role, text)
        runs = para.runs
        extra, ind, jc = "", None, None
        if spec.get("shape") == "trapezoid" and len(runs) == 1 and not runs[0].change:
            shaped = shape_title(text, self.width / (size * 20))
            runs = [Run(shaped, runs[0].role, move=runs[0].move)]
        tabs = None
        if para.role == "date" and prev is not None and prev.role == "seal_signatures":
            # centred under the last 署名's column by a centre tab: exact whatever the digits' width
            tabs, jc = [("center", self.seal_rows(prev, text).centres[-1])], "left"
            runs = [Run("\t", runs[0].role if runs else "")] + list(runs)
        elif para.seal and para.role in ("signature", "date"):
            ind, jc = self.seal_indents(para, prev, nxt), "right"
        elif para.role == "date" and prev is not None and prev.role == "signature":
            left = self.closing_indents(prev.text, text)[1]
            right = int(float(self.look.role("signature").get("right_chars", 2))
                        * self.look.char_twips(16))
            ind, jc = ({"left": left}, None) if left is not None else ({"right": right}, "right")
        elif para.role == "signature" and nxt is not None and nxt.role == "date":
            ind = {"right": self.closing_indents(text, nxt.text)[0]}
        elif para.role == "attachment_note":
            ind = self.attachment_indents(text)
        if para.num is not None:
            extra += self.num_pr(para, size)
        before = None
        if para.role == "issuer_mark" and prev is not None and prev.role in HEAD_ROLES:
            # the 版头 elements take lines off the space above the mark: its top stays 35 mm down
            above = sum(self.look.line_twips for _ in range(self.head_lines))
            before = max(0, int(spec.get("space_before_twips", 0)) - above)
        props = oxml.ppr(style=style_id(para.role), keep_next=para.keep_next,
                         page_break=para.page_break, jc=jc, ind=ind, tabs=tabs,
                         mark_change=self.mark_change(para), extra=extra, line_twips=line_twips,
                         before=before)
        return oxml.paragraph(props, marks[0] + self.runs(para, runs, size) + marks[1])

    # -- list numbering ---------------------------------------------------------------------
    def num_pr(self, para: Para, size: float) -> str:
        """The paragraph's w:numPr; its list and level are defined on first use, the label in
        the runs' own properties (font of its GB/T 9704 level, size, character spacing) and
        indented as the paragraph's role, so the line holds what the literal label's did."""
        from ...text.labels import parse_style

        num = para.num
        levels = self.lists.setdefault(num.key, {})
        if num.ilvl not in levels:
            spec = self.look.role(para.role)
            label = Run(parse_style(num.style).format(1), "label")
            # LibreOffice condenses a label's characters but not the space after its last
            # one; starting the label that much earlier puts the text where it was
            body = size == float(self.look.data["grid"]["body_pt"])
            tail = min(0, self.look.char_spacing) if body else 0
            ind = {"left": int(float(spec.get("left_chars", 0)) * size * 20),
                   "firstLine": int(float(spec.get("indent_chars", 0)) * size * 20) + tail}
            levels[num.ilvl] = oxml.list_level(num.ilvl, parse_style(num.style), ind,
                                               self.rpr(para, label, size))
        return oxml.num_pr(num.ilvl, list(self.lists).index(num.key) + 1)

    def numbering_xml(self) -> str | None:
        """word/numbering.xml for the lists used, one abstract numbering and one num each."""
        if not self.lists:
            return None
        return oxml.numbering([levels for levels in self.lists.values()])

    def bookmarks(self, paras: list[Para]) -> list[tuple[str, str]]:
        """(start, end) markup per paragraph: a bookmark ``drafter_<id>`` from the first
        paragraph of each item through its last, so tools can find an item in an edited copy.
        An id met again later (a moved item in a redline) keeps its first span only."""
        marks = [("", "")] * len(paras)
        seen: set[str] = set()
        i = 0
        while i < len(paras):
            node_id = paras[i].node_id
            j = i + 1
            while node_id and j < len(paras) and paras[j].node_id == node_id:
                j += 1
            if node_id and node_id not in seen:
                seen.add(node_id)
                start, end = oxml.bookmark(bookmark_name(node_id), next(self.ids))
                if j - 1 == i:
                    marks[i] = (start, end)
                else:
                    marks[i], marks[j - 1] = (start, ""), ("", end)
            i = j
        return marks

    def seal_indents(self, para: Para, prev: Para | None, nxt: Para | None) -> dict[str, int]:
        """With a seal (7.3.5.1): the 成文日期 ends 4字 from the right, the 署名 centred over it."""
        char = self.look.char_twips(16)
        right = 4 * char
        if para.role == "date":
            return {"right": int(right)}
        date = nxt.text if nxt is not None and nxt.role == "date" else ""
        return {"right": max(0, int(right + (units(date) - units(para.text)) * char / 2))}

    def seal_rows(self, para: Para, date: str) -> SealRows:
        return self.estimate().seal_rows(para, date)

    def seal_signatures(self, para: Para, nxt: Para | None, line_twips: int | None) -> str:
        """联合行文 with seals (7.3.5.1): a line per row of 署名s, each centred on its column by
        a centre tab, the rows apart by blank lines enough for a seal; all kept together."""
        rows = self.seal_rows(para, nxt.text if nxt is not None and nxt.role == "date" else "")
        size = self.size("seal_signatures")
        props = self.rpr(para, Run(""), size)
        out = []
        for k, row in enumerate(rows.rows):
            tabs = [("center", c) for c in rows.row_centres(row)]
            text = "".join("\t" + name for name in row)
            out.append(oxml.paragraph(oxml.ppr(style=style_id("seal_signatures"), keep_next=True, tabs=tabs,
                                               line_twips=line_twips), oxml.run(text, props)))
            if k < len(rows.rows) - 1:
                out.extend(oxml.paragraph(oxml.ppr(style=style_id("seal_space"), keep_next=True))
                           for _ in range(rows.pitch_lines - 1))
        return "".join(out)

    def attachment_indents(self, line: str) -> dict[str, int]:
        """附件说明 (§7.3.4): `附件：` 2字 in; with several, `1.` after it and the next ones'
        `2.` under it; a wrapped name aligns with its own first character."""
        char = self.look.char_twips(16)
        start = float(self.look.role("attachment_note").get("indent_chars", 2)) * char
        m = re.match(r"(附件[：:])?(\d+[.．])?", line)
        label = units(m.group(1) or "附件：") * char
        number = units(m.group(2) or "") * char
        name = start + label + number
        first = start if m.group(1) else start + label
        return {"left": int(name), "hanging": int(name - first)}

    def closing_indents(self, issuer: str, date: str) -> tuple[int, int | None]:
        """(署名 right indent, 成文日期 left indent), GB/T 9704 7.3.5.2 without seal: the issuer
        ends 2字 from the right and the date starts 2字 right of the issuer's start.  A date longer
        than that allows ends 2字 from the right instead (None: right-aligned, exact whatever the
        digits' width in the font) and the issuer moves left with it."""
        char = self.look.char_twips(16)
        issuer_w = units(issuer) * char
        date_w = units(date) * char
        right = float(self.look.role("signature").get("right_chars", 2)) * char
        start = self.width - right - issuer_w
        if start + 2 * char + date_w <= self.width - right:
            return int(right), int(start + 2 * char)
        start = self.width - right - date_w - 2 * char
        return max(0, int(self.width - start - issuer_w)), None

    # -- tables -----------------------------------------------------------------------------
    def table(self, rows: list[Para], marks: list[tuple[str, str]] | None = None) -> str:
        """Rows as the table they name (`Para.table`; rows without one are the look's task
        table): its column widths, cell alignment and anchor, header row repeated on each
        page, the rest split across pages only when tall; a row's bookmark in the anchor column."""
        table: Table = rows[0].table or self.look.table("tasks")
        widths = [round(c.width_mm * MM_TWIPS) for c in table.columns]
        estimate = self.estimate()
        out = []
        for row, (start, end) in zip(rows, marks or [("", "")] * len(rows)):
            head = row.role == "table_head"
            role = "table_head" if head else "table_cell"
            style = self.look.role(role)
            size = float(table.cell_pt) if table.cell_pt else self.size(role)
            # an empty cell's line is as high as its paragraph mark: the cells' size, not the style's
            mark = oxml.size(size) if size != float(style["size"]) else ""
            cells = []
            for k, (width, column, cell) in enumerate(zip(widths, table.columns, row.cells or [])):
                align = table.head_align if head else column.align
                # a body cell says its alignment where it differs from its style's
                jc = align if head or align != style.get("align", "both") else None
                content = self.runs(Para(role, cell, change=row.change), cell, size)
                if column.hidden:  # for machines: the text hidden, the column without rules
                    content = oxml.hidden(content)
                if k == table.anchor:  # LibreOffice cannot keep a bookmark across cells
                    content = start + content + end
                cells.append(oxml.table_cell(width, oxml.paragraph(
                    oxml.ppr(style=style_id(role), jc=jc, mark_props=mark), content), valign=column.valign,
                    borders=HIDDEN_BORDERS if column.hidden else ""))
            # a row kept whole unless it is tall: a long one kept whole leaves most of a page empty
            tall = not head and estimate.cell_height(row) > estimate.page // 4
            out.append(oxml.table_row(cells, header=head and table.repeat_head, split=tall))
        borders = "".join(oxml.border(e, *TABLE_RULE) for e in ("top", "left", "bottom", "right",
                                                                 "insideH", "insideV"))
        return oxml.table(widths, out, borders=borders, jc="center", cell_margin=TABLE_CELL_MARGIN)

    def imprint(self, rows: list[Para]) -> str:
        """版记 as a one-column table: its rules (table borders) span the whole 版心 while the
        text sits 1字 in, which paragraph borders cannot do."""
        first = self.look.role(rows[0].role)
        top = first.get("rule_above") or first.get("rule_below")
        last = self.look.role(rows[-1].role).get("rule_below")
        mid = first.get("rule_below") and self.look.role("cc")["rule_below"]
        borders = "".join(oxml.border(edge, self.look.colour(r["color"]), r["width_eighths"])
                          for edge, r in (("top", top), ("bottom", last), ("insideH", mid)) if r)
        out = []
        for k, row in enumerate(rows):
            spec = self.look.role(row.role)
            size = self.size(row.role)
            char = size * 20
            left = int(float(spec.get("left_chars", 0)) * char)
            right = int(float(spec.get("right_chars", 0)) * char)
            ind = {"left": left, "right": right}
            tabs = None
            if spec.get("hanging_label") and "：" in row.text:
                hang = int(units(row.text.split("：", 1)[0] + "：") * char)
                ind = {"left": left + hang, "right": right, "hanging": hang}
            if spec.get("tab_right"):
                tabs = [("right", self.width - right)]
            para = oxml.paragraph(oxml.ppr(style=style_id(row.role), ind=ind, tabs=tabs,
                                           mark_change=self.mark_change(row)),
                                  self.runs(row, row.runs, size))
            # 主送 and 抄送 with no rule between them (§7.4.2)
            loose = [edge for edge, other in (("top", k - 1), ("bottom", k + 1)) if 0 <= other < len(rows)
                     and {row.role, rows[other].role} == {"recipients_imprint", "cc"}]
            out.append(oxml.table_row([oxml.table_cell(self.width, para,
                                                       borders="".join(oxml.no_border(e) for e in loose))]))
        return oxml.table([self.width], out, borders=borders)

    def imprint_at_bottom(self, rows: list[Para]) -> str:
        """The 版记 as the document's end: a text box pinned to the bottom of the last page's
        版心 (its last rule on the 版心's bottom edge), anchored in a last empty paragraph."""
        height = 0
        for row in rows:
            spec = self.look.role(row.role)
            char = self.size(row.role) * 20
            room = self.width - (float(spec.get("left_chars", 0)) + float(spec.get("right_chars", 0))) * char
            lines = units(row.text) * char / room
            # a row that wraps may wrap once more in the fonts at hand (digits drawn wider): a
            # line to spare, harmless as the box holds its text at its bottom
            height += self.look.line_twips * (max(1, math.ceil(lines)) + (lines > 1.5))
        box = oxml.bottom_box(self.imprint(rows) + oxml.hairline_paragraph(), self.width, height + 40,
                              next(self.ids), "版记", self.rpr(Para("blank"), Run(""), self.size("blank")))
        return oxml.styled_paragraph(style_id("blank"), box)

    def joint_mark(self, para: Para) -> str:
        """联合行文's 版头 (7.2.4): the issuers' names one a line, lead first, spread to one width,
        and `文件` to their right, centred on them vertically; a borderless two-column table,
        centred, its top edge 35 mm below the 版心's (the space above as the mark's)."""
        spec = self.look.role("joint_mark")
        names, word = para.runs[:-1], para.runs[-1]
        widest = max(units(r.text) for r in names)
        size = joint_mark_size(spec, self.width, [r.text for r in names])
        left, right = int(widest * size * 20) + 60, int(2.5 * size * 20)
        props = self.rpr(para, Run("", "mark"), size)
        name_paras = "".join(oxml.paragraph(oxml.ppr(style=style_id("joint_mark"), jc="distribute", before=0),
                                            oxml.run(r.text, props)) for r in names)
        word_para = oxml.paragraph(oxml.ppr(style=style_id("joint_mark"), jc="left", before=0),
                                   oxml.run(word.text, props))
        before = int(spec.get("space_before_twips", 0)) - self.head_lines * self.look.line_twips
        spacer = oxml.paragraph(oxml.ppr(style=style_id("blank"), line_twips=max(20, before)))
        row = oxml.table_row([oxml.table_cell(left, name_paras, valign="center"),
                              oxml.table_cell(right, word_para, valign="center")], split=True)
        return spacer + oxml.table([left, right], [row], borders="", jc="center")

    def imprint_at_end(self, paras: list[Para], rows: list[Para]) -> str:
        """The 版记 on the last face of the document (§7.4.1), an even page: under the body
        ("same"), on the next page ("next", when the body ends on an odd page), or after a blank
        page ("blank", when it ends on an even page the 版记 does not fit on); the blank page
        and that 版记 page carry no page number (§7.5).  "auto" estimates which."""
        place = self.imprint_place
        if place == "auto":
            place = imprint_place(paras, self.estimate())
        box = self.imprint_at_bottom(rows)
        if place == "same":
            return box
        if place == "next":
            return oxml.page_break_paragraph(style_id("blank"), _content(box))
        self.last_footers = ("none", "none")
        blank_page = oxml.styled_paragraph(style_id("blank")) + oxml.page_break_paragraph(
            style_id("blank"), _content(box))
        if self.fresh_section:  # a section (after a landscape table) starts here: its first page is the blank one
            return blank_page
        return oxml.section_end(self.section(self.landscape)) + blank_page

    def final_section(self) -> str:
        return self.section(self.landscape, self.last_footers)

    def section(self, landscape: bool, footers: tuple[str, str] = ("right", "left")) -> str:
        """Section properties: the page upright or turned, its odd and even pages' footers (a
        turned page's number is turned with it, GB/T 9704 §8); a letter's first section has a
        first page of its own."""
        if landscape and footers != ("none", "none"):
            footers = ("turned_" + footers[0], "turned_" + footers[1])
        sect = sect_pr(self.look, tuple(self.footers[k] for k in footers), landscape)
        if self.first_page:
            sect = oxml.with_first_page(sect, *self.first_page, LETTER_HEADER_TWIPS)
            self.first_page = None
        return sect

    def orientations(self, paras: list[Para]) -> list[bool]:
        """Per paragraph, whether it is on a landscape page: a landscape table and everything
        from the page break that starts its page to the next page break (or the 版记)."""
        turned = [False] * len(paras)
        i = 0
        while i < len(paras):
            table = paras[i].table
            if table is None or not table.landscape:
                i += 1
                continue
            j = i
            while j < len(paras) and paras[j].table is table:
                j += 1
            start = next((k for k in range(i, -1, -1) if paras[k].page_break), 0)
            end = next((k for k in range(j, len(paras)) if paras[k].page_break
                        or paras[k].role in IMPRINT_ROLES), len(paras))
            for k in range(start, end):
                turned[k] = True
            i = j
        return turned

    def body(self, paras: list[Para]) -> str:
        out = []
        prev = None
        self.head_lines = sum(1 for p in paras[:3] if p.role in HEAD_ROLES)
        paras = recipients_to_imprint(paras, self.estimate())
        marks = self.bookmarks(paras)
        pitches, unkept = fit_closing(paras, self.estimate())
        if unkept is not None and paras[unkept].keep_next:
            paras = paras[:unkept] + [replace(paras[unkept], keep_next=False)] + paras[unkept + 1:]
        turned = self.orientations(paras) if any(p.table and p.table.landscape for p in paras) else []
        if turned:
            body = [t for t, p in zip(turned, paras) if p.role not in IMPRINT_ROLES]
            self.landscape = all(body) or turned[0]  # a table on its own: the whole document turned
            self.width = self.look.text_width(self.landscape)
            if all(body):
                turned = [True] * len(paras)
        i = 0
        while i < len(paras):
            para = paras[i]
            if turned and turned[i] != self.landscape:
                # a new section, on a new page: the paragraph's own page break would add another
                out.append(oxml.section_end(self.section(self.landscape)))
                self.fresh_section = True
                self.landscape = turned[i]
                self.width = self.look.text_width(self.landscape)
                if para.page_break:
                    paras = paras[:i] + [replace(para, page_break=False)] + paras[i + 1:]
                    para = paras[i]
            if para.role in TABLE_ROLES or para.role in IMPRINT_ROLES:
                group = para.role in TABLE_ROLES and TABLE_ROLES or IMPRINT_ROLES
                j = i
                while j < len(paras) and paras[j].role in group and paras[j].table is para.table:
                    j += 1
                rows = paras[i:j]
                if group is TABLE_ROLES:
                    out.append(self.table(rows, marks[i:j]))
                    out.append(oxml.styled_paragraph(style_id("blank")))
                elif j == len(paras):
                    out.append(self.imprint_at_end(paras, rows))
                else:
                    out.append(self.imprint(rows))
                i, prev = j, rows[-1]
                continue
            if para.role == "joint_mark":
                out.append(self.joint_mark(para))
                prev, i = para, i + 1
                continue
            if para.role == "seal_signatures":
                out.append(self.seal_signatures(para, paras[i + 1] if i + 1 < len(paras) else None, pitches.get(i)))
                prev, i = para, i + 1
                continue
            out.append(self.paragraph(para, prev, paras[i + 1] if i + 1 < len(paras) else None,
                                      marks[i], pitches.get(i)))
            prev = para
            i += 1
        return "".join(out)


def _content(paragraph: str) -> str:
    """What a one-paragraph markup holds after its properties."""
    return paragraph.split("</w:pPr>", 1)[1].rsplit("</w:p>", 1)[0]


def shape_title(text: str, max_units: float) -> str:
    """Break a long title into lines that fit, at places that split no word: after 》、的 ，
    or before 《 (GB/T 9704: a trapezoid or diamond, never splitting a word).  A title that
    fits, or has no such place, is left to wrap by itself."""
    if "\n" in text or units(text, ASCII_DRAWN) <= max_units:
        return text
    good = [i for i in range(1, len(text)) if text[i - 1] in "》的，、" or text[i] == "《"]
    good = [i for i in good if text[i] not in "》）」，。、：；"]
    lines = _break(text, good, max_units)
    return "\n".join(lines) if lines else text


def _break(text: str, cuts: list[int], max_units: float) -> list[str] | None:
    """Fewest lines, then the most even split; None when no set of cuts fits."""
    n_min = math.ceil(units(text, ASCII_DRAWN) / max_units)
    for n in range(n_min, n_min + 3):
        best = None
        for combo in itertools.combinations(cuts, n - 1):
            bounds = (0,) + combo + (len(text),)
            lines = [text[a:b] for a, b in zip(bounds, bounds[1:])]
            widths = [units(line, ASCII_DRAWN) for line in lines]
            if max(widths) > max_units:
                continue
            score = max(widths) - min(widths)
            if best is None or score < best[0]:
                best = (score, lines)
        if best:
            return best[1]
    return None


def assemble(paras: list[Para], look: Look | None = None, *, author: str = "drafter",
             date: _dt.datetime | str | None = None, template_dir: str | None = None,
             landscape: bool = False, imprint: str = "auto") -> Package:
    """The .docx package holding `paras`, laid out by `look` (default: the built-in look, or
    the one in `template_dir`) on pages upright or, `landscape`, turned.  `author`/`date`
    stamp tracked changes and the document properties; `imprint` places a closing 版记
    (auto, same, next, blank: see `_Builder.imprint_at_end`).  Text in, bytes out: no XML tree
    is built."""
    look = look or load_look(str(template_dir) if template_dir else None)
    if date is None:
        date = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    stamp = date if isinstance(date, str) else date.strftime("%Y-%m-%dT%H:%M:%SZ")
    pkg = base_package(look, landscape).copy()
    builder = _Builder(look, author, stamp, landscape, footer_ids(pkg), imprint)
    if paras and paras[0].role == "letter_head":  # 信函格式: page 1's 标志 and rules in its own header
        mark = paras[0].text
        header, footer = letter_parts(look, mark, builder.size("letter_head", mark))
        builder.letter_mark = mark
        builder.first_page = (pkg.add_part("header1.xml", header, CT_WML + "header+xml", "header"),
                              pkg.add_part("footer6.xml", footer, CT_WML + "footer+xml", "footer"))
        paras = paras[1:]
    body = builder.body(paras)
    pkg.put("word/document.xml", oxml.with_body(pkg.text("word/document.xml"), body, builder.final_section()))
    pkg.put("docProps/core.xml", core_properties(author, stamp))
    numbering = builder.numbering_xml()
    if numbering is not None:
        pkg.add_part("numbering.xml", oxml.XML_DECL + numbering, CT_WML + "numbering+xml", "numbering")
    return pkg


def build(paras: list[Para], look: Look | None = None, *, author: str = "drafter",
          date: _dt.datetime | str | None = None, template_dir: str | None = None,
          landscape: bool = False, imprint: str = "auto"):
    """`assemble`, as a python-docx Document (for code that walks or reads the result)."""
    return assemble(paras, look, author=author, date=date, template_dir=template_dir,
                    landscape=landscape, imprint=imprint).document()


def save(doc, path: str | Path) -> Path:
    """Save a Package or a python-docx Document atomically: the old file or the new one,
    never half of one."""
    if isinstance(doc, Package):
        return doc.save(path)
    from ...fileio import write_output

    return write_output(path, lambda tmp: doc.save(str(tmp)))
