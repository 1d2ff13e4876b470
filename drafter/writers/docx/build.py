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
from pathlib import Path

from ...anchors import bookmark_name
from . import oxml
from .package import CT_WML, DOC_RELS, XML_DECL, Package, read_package
from .layout import CHANGES, Para, Run, clean_text
from .look import MM_TWIPS, Look, load_look

TABLE_ROLES = {"table_head", "table_row"}
IMPRINT_ROLES = {"cc", "imprint"}
PARA_CHANGES = (None, "ins", "del")
TASK_CELL = 1  # the column of a task-table row that holds the task (and its bookmark)


def style_id(role: str) -> str:
    return "Drafter" + "".join(p.capitalize() for p in role.split("_"))


def style_name(role: str) -> str:
    return "drafter " + role


def text_units(text: str) -> float:
    """Width in full-width characters: ASCII counts half."""
    return sum(0.5 if ord(ch) < 0x2000 and ch not in oxml.AMBIGUOUS else 1.0 for ch in text)


class _Builder:
    def __init__(self, look: Look, author: str, date: str):
        self.look = look
        self.author = author
        self.date = date
        self.ids = itertools.count(1)
        self.moves = {"moveFrom": itertools.count(1), "moveTo": itertools.count(1)}
        self.width = look.text_width_twips
        self._rprs: dict[tuple, str] = {}
        self.lists: dict[tuple, dict[int, str]] = {}  # list key → {ilvl: w:lvl markup}

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
            fit = math.floor(self.width / 20 / max(text_units(text), 1))
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
        return "<w:%s %s/>" % (change, oxml.change_attrs(next(self.ids), self.author, self.date))

    def paragraph(self, para: Para, prev: Para | None, nxt: Para | None = None,
                  marks: tuple[str, str] = ("", "")) -> str:
        spec = self.look.role(para.role)
        text = para.text
        size = self.size(para.role, text)
        runs = para.runs
        extra, ind, jc = "", None, None
        if spec.get("shape") == "trapezoid" and len(runs) == 1 and not runs[0].change:
            shaped = shape_title(text, self.width / (size * 20))
            runs = [Run(shaped, runs[0].role, move=runs[0].move)]
        if para.role == "date" and prev is not None and prev.role == "signature":
            left = self.closing_indents(prev.text, text)[1]
            right = int(float(self.look.role("signature").get("right_chars", 2))
                        * self.look.char_twips(16))
            ind, jc = ({"left": left}, None) if left is not None else ({"right": right}, "right")
        elif para.role == "signature" and nxt is not None and nxt.role == "date":
            ind = {"right": self.closing_indents(text, nxt.text)[0]}
        if para.num is not None:
            extra += self.num_pr(para, size)
        props = oxml.ppr(style=style_id(para.role), keep_next=para.keep_next,
                         page_break=para.page_break, jc=jc, ind=ind,
                         mark_change=self.mark_change(para), extra=extra)
        return "<w:p>%s%s%s%s</w:p>" % (props, marks[0], self.runs(para, runs, size), marks[1])

    # -- list numbering ---------------------------------------------------------------------
    def num_pr(self, para: Para, size: float) -> str:
        """The paragraph's w:numPr; its list and level are defined on first use, the label in
        the runs' own properties (font of its GB/T 9704 level, size, character spacing) and
        indented as the paragraph's role, so the line holds what the literal label's did."""
        from ...numbering import parse_style

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

    def closing_indents(self, issuer: str, date: str) -> tuple[int, int | None]:
        """(署名 right indent, 成文日期 left indent), GB/T 9704 7.3.5.2 without seal: the issuer
        ends 2字 from the right and the date starts 2字 right of the issuer's start.  A date longer
        than that allows ends 2字 from the right instead (None: right-aligned, exact whatever the
        digits' width in the font) and the issuer moves left with it."""
        char = self.look.char_twips(16)
        issuer_w = text_units(issuer) * char
        date_w = text_units(date) * char
        right = float(self.look.role("signature").get("right_chars", 2)) * char
        start = self.width - right - issuer_w
        if start + 2 * char + date_w <= self.width - right:
            return int(right), int(start + 2 * char)
        start = self.width - right - date_w - 2 * char
        return max(0, int(self.width - start - issuer_w)), None

    # -- tables -----------------------------------------------------------------------------
    def task_table(self, rows: list[Para], marks: list[tuple[str, str]] | None = None) -> str:
        widths = [round(w * MM_TWIPS) for w in self.look.data["table"]["widths_mm"]]
        b = "".join(oxml.border(e, "000000", 4) for e in ("top", "left", "bottom", "right",
                                                             "insideH", "insideV"))
        grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
        out = ['<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>'
               '<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/>'
               '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
               '</w:tblCellMar></w:tblPr><w:tblGrid>%s</w:tblGrid>' % (sum(widths), b, grid)]
        for row, (start, end) in zip(rows, marks or [("", "")] * len(rows)):
            role = "table_head" if row.role == "table_head" else "table_cell"
            size = self.size(role)
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if row.role == "table_head" else \
                "<w:trPr><w:cantSplit/></w:trPr>"
            cells = []
            for width, cell in zip(widths, row.cells or []):
                cell_para = Para(role, cell, change=row.change)
                jc = "center" if role == "table_head" or len(cells) in (0, 4) else None
                task = len(cells) == TASK_CELL  # LibreOffice cannot keep a bookmark across cells
                cells.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/>'
                             '</w:tcPr><w:p>%s%s%s%s</w:p></w:tc>'
                             % (width, oxml.ppr(style=style_id(role), jc=jc), start if task else "",
                                self.runs(cell_para, cell, size), end if task else ""))
            out.append("<w:tr>%s%s</w:tr>" % (trpr, "".join(cells)))
        out.append("</w:tbl>")
        return "".join(out)

    def imprint(self, rows: list[Para]) -> str:
        """版记 as a one-column table: its rules (table borders) span the whole 版心 while the
        text sits 1字 in, which paragraph borders cannot do."""
        first = self.look.role(rows[0].role)
        top = first.get("rule_above") or first.get("rule_below")
        last = self.look.role(rows[-1].role)["rule_below"]
        mid = self.look.role("cc")["rule_below"]
        borders = "".join(oxml.border(edge, self.look.colour(r["color"]), r["width_eighths"])
                          for edge, r in (("top", top), ("bottom", last), ("insideH", mid)))
        out = ['<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders>'
               '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
               '<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
               '<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>' % (self.width, borders, self.width)]
        for row in rows:
            spec = self.look.role(row.role)
            size = self.size(row.role)
            char = size * 20
            left = int(float(spec.get("left_chars", 0)) * char)
            right = int(float(spec.get("right_chars", 0)) * char)
            ind = {"left": left, "right": right}
            tabs = None
            if spec.get("hanging_label") and "：" in row.text:
                hang = int(text_units(row.text.split("：", 1)[0] + "：") * char)
                ind = {"left": left + hang, "right": right, "hanging": hang}
            if spec.get("tab_right"):
                tabs = [("right", self.width - right)]
            para = "<w:p>%s%s</w:p>" % (oxml.ppr(style=style_id(row.role), ind=ind, tabs=tabs,
                                                  mark_change=self.mark_change(row)),
                                         self.runs(row, row.runs, size))
            out.append('<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" '
                       'w:type="dxa"/></w:tcPr>%s</w:tc></w:tr>' % (self.width, para))
        out.append("</w:tbl>")
        return "".join(out)

    def imprint_at_bottom(self, rows: list[Para]) -> str:
        """The 版记 as the document's end: a text box pinned to the bottom of the last page's
        版心 (its last rule on the 版心's bottom edge), anchored in a last empty paragraph."""
        height = 0
        for row in rows:
            spec = self.look.role(row.role)
            char = self.size(row.role) * 20
            room = self.width - (float(spec.get("left_chars", 0)) + float(spec.get("right_chars", 0))) * char
            height += self.look.line_twips * max(1, math.ceil(text_units(row.text) * char / room))
        tail = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
        box = oxml.bottom_box(self.imprint(rows) + tail, self.width, height + 40, next(self.ids), "版记",
                              self.rpr(Para("blank"), Run(""), self.size("blank")))
        return '<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>' % (style_id("blank"), box)

    def body(self, paras: list[Para]) -> str:
        out = []
        prev = None
        marks = self.bookmarks(paras)
        i = 0
        while i < len(paras):
            para = paras[i]
            if para.role in TABLE_ROLES or para.role in IMPRINT_ROLES:
                group = para.role in TABLE_ROLES and TABLE_ROLES or IMPRINT_ROLES
                j = i
                while j < len(paras) and paras[j].role in group:
                    j += 1
                rows = paras[i:j]
                if group is TABLE_ROLES:
                    out.append(self.task_table(rows, marks[i:j]))
                    out.append('<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p>' % style_id("blank"))
                elif j == len(paras):
                    out.append(self.imprint_at_bottom(rows))
                else:
                    out.append(self.imprint(rows))
                i, prev = j, rows[-1]
                continue
            out.append(self.paragraph(para, prev, paras[i + 1] if i + 1 < len(paras) else None,
                                      marks[i]))
            prev = para
            i += 1
        return "".join(out)

    # -- styles, page, fonts ----------------------------------------------------------------
    def style_xml(self, role: str) -> str:
        spec = self.look.role(role)
        size = float(spec.get("size", 16))
        char = size * 20
        font = self.look.font(spec["font"])["name"]
        ppr = []
        if spec.get("keep_next"):
            ppr.append("<w:keepNext/>")
        ppr.append('<w:widowControl w:val="0"/>')
        borders = []
        if spec.get("rule_above") and role not in IMPRINT_ROLES:
            r = spec["rule_above"]
            borders.append(oxml.border("top", self.look.colour(r["color"]), r["width_eighths"],
                                       r.get("space_pt", 0)))
        if spec.get("rule_below") and role not in IMPRINT_ROLES:
            r = spec["rule_below"]
            borders.append(oxml.border("bottom", self.look.colour(r["color"]), r["width_eighths"],
                                       r.get("space_pt", 0)))
        if borders:
            ppr.append("<w:pBdr>%s</w:pBdr>" % "".join(borders))
        # Punctuation stays inside the 版心: LibreOffice 7 reads overflowPunct="1" (Word's own
        # default, so Word is unchanged) as "no hanging punctuation"; without it a line can
        # hold 29.  No extra space between Chinese and digits: exactly 28 characters a line.
        ppr.append('<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
        if role == "issuer_mark" or role.startswith("table_") and role != "table_title":
            line = None
        else:
            line = self.look.line_twips
        ppr.append(oxml.spacing(line, before=int(spec.get("space_before_twips", 0))))
        ind = {}
        if spec.get("indent_chars"):
            ind["firstLine"] = int(float(spec["indent_chars"]) * char)
        if spec.get("left_chars"):
            ind["left"] = int(float(spec["left_chars"]) * char)
        if spec.get("right_chars"):
            ind["right"] = int(float(spec["right_chars"]) * char)
        if ind:
            ppr.append("<w:ind %s/>" % " ".join('w:%s="%d"' % kv for kv in ind.items()))
        ppr.append('<w:jc w:val="%s"/>' % spec.get("align", "both"))
        rpr = oxml.rpr(font, size, color=self.look.colour(spec.get("color")))
        return ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="%s"><w:name w:val="%s"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>%s</w:pPr>%s</w:style>'
                % (style_id(role), style_name(role), "".join(ppr), rpr))

    # -- the look's parts (made once per look; see base_package) ------------------------------
    def styles_xml(self, base: str) -> str:
        """The base styles part with drafter's document defaults and one style per role."""
        look = self.look
        body_font = look.font("fangsong")["name"]
        defaults = ('<w:docDefaults><w:rPrDefault>%s</w:rPrDefault><w:pPrDefault><w:pPr>'
                    '<w:widowControl w:val="0"/>%s</w:pPr></w:pPrDefault></w:docDefaults>'
                    % (oxml.rpr(body_font, look.data["grid"]["body_pt"]), oxml.spacing(look.line_twips)))
        base = re.sub(r"<w:docDefaults>.*?</w:docDefaults>", "", base, count=1, flags=re.S)
        head, rest = _split_root(base, "w:styles")
        roles = "".join(self.style_xml(role) for role in look.data["roles"] if role != "page_number")
        return head + ">" + defaults + rest.replace("</w:styles>", roles + "</w:styles>")

    def sect_pr(self, footers: tuple[str, str]) -> str:
        """Page size and margins from the look; odd pages' footer right, even pages' left."""
        page = self.look.page
        return ('<w:sectPr><w:footerReference w:type="default" r:id="%s"/>'
                '<w:footerReference w:type="even" r:id="%s"/><w:pgSz w:w="%d" w:h="%d"/>'
                '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" '
                'w:footer="%d" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/>'
                '</w:sectPr>'
                % (footers[0], footers[1], round(page["width_mm"] * MM_TWIPS),
                   round(page["height_mm"] * MM_TWIPS), page["top_twips"], page["right_twips"],
                   page["bottom_twips"], page["left_twips"], page["header_twips"], page["footer_twips"]))

    def footer_xml(self, side: str) -> str:
        """Page number `— N —` in 宋体 4号, 1字 in from the outer edge (odd right, even left)."""
        spec = self.look.role("page_number")
        size = float(spec["size"])
        props = oxml.rpr(self.look.font(spec["font"])["name"], size, hint=True)
        ind = {"right" if side == "right" else "left": int(size * 20)}
        return ('%s<w:ftr %s xmlns:r="%s"><w:p>%s%s%s%s</w:p></w:ftr>'
                % (XML_DECL, oxml.NSDECL, R_NS, oxml.ppr(jc=side, ind=ind, extra='<w:widowControl w:val="0"/>'),
                   oxml.run("— ", props), oxml.field_run("PAGE", props), oxml.run(" —", props)))

    def font_table(self, base: str) -> str:
        """The base font table with the look's faces, each naming the face Word falls back to
        (仿宋_GB2312 → 仿宋) on a PC without it."""
        entries = []
        for spec in self.look.data["fonts"].values():
            name = spec["name"]
            base = re.sub(r"<w:font w:name=%s>.*?</w:font>\s*" % re.escape(oxml.attr(name)), "", base,
                          flags=re.S)
            entries.append(oxml.font_entry(name, spec.get("alt", name)))
        return base.replace("</w:fonts>", "".join(entries) + "</w:fonts>")


def _split_root(xml: str, tag: str) -> tuple[str, str]:
    """(everything through the root element's start tag less its '>', the rest)."""
    i = xml.index("<" + tag)
    j = xml.index(">", i)
    return xml[:j], xml[j + 1:]


def shape_title(text: str, max_units: float) -> str:
    """Break a long title into lines that fit, at places that split no word: after 》、的 ，
    or before 《 (GB/T 9704: a trapezoid or diamond, never splitting a word).  A title that
    fits, or has no such place, is left to wrap by itself."""
    if "\n" in text or text_units(text) <= max_units:
        return text
    good = [i for i in range(1, len(text)) if text[i - 1] in "》的，、" or text[i] == "《"]
    good = [i for i in good if text[i] not in "》）」，。、：；"]
    lines = _break(text, good, max_units)
    return "\n".join(lines) if lines else text


def _break(text: str, cuts: list[int], max_units: float) -> list[str] | None:
    """Fewest lines, then the most even split; None when no set of cuts fits."""
    n_min = math.ceil(text_units(text) / max_units)
    for n in range(n_min, n_min + 3):
        best = None
        for combo in itertools.combinations(cuts, n - 1):
            bounds = (0,) + combo + (len(text),)
            lines = [text[a:b] for a, b in zip(bounds, bounds[1:])]
            widths = [text_units(line) for line in lines]
            if max(widths) > max_units:
                continue
            score = max(widths) - min(widths)
            if best is None or score < best[0]:
                best = (score, lines)
        if best:
            return best[1]
    return None


def assemble(paras: list[Para], look: Look | None = None, *, author: str = "drafter",
             date: _dt.datetime | str | None = None, template_dir: str | None = None) -> Package:
    """The .docx package holding `paras`, laid out by `look` (default: the built-in look, or
    the one in `template_dir`).  `author`/`date` stamp tracked changes and the document
    properties.  Text in, bytes out: no XML tree is built."""
    look = look or load_look(str(template_dir) if template_dir else None)
    if date is None:
        date = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    stamp = date if isinstance(date, str) else date.strftime("%Y-%m-%dT%H:%M:%SZ")
    builder = _Builder(look, author, stamp)
    pkg = base_package(look).copy()
    body = builder.body(paras)
    head, sect = pkg.text("word/document.xml").split("<w:sectPr", 1)
    pkg.put("word/document.xml", head + body + "<w:sectPr" + sect)
    pkg.put("docProps/core.xml", core_properties(author, stamp))
    numbering = builder.numbering_xml()
    if numbering is not None:
        pkg.add_part("numbering.xml", XML_DECL + numbering, CT_WML + "numbering+xml", "numbering")
    return pkg


def build(paras: list[Para], look: Look | None = None, *, author: str = "drafter",
          date: _dt.datetime | str | None = None, template_dir: str | None = None):
    """`assemble`, as a python-docx Document (for code that walks or edits the result)."""
    return assemble(paras, look, author=author, date=date, template_dir=template_dir).document()


def core_properties(author: str, stamp: str) -> str:
    """docProps/core.xml: made by `author` (drafter, or the redline's reviewer) at `stamp`."""
    when = oxml.escape(stamp if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
                       else "2000-01-01T00:00:00Z")
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>'
            % (oxml.escape(author), oxml.escape(author), when, when))


# python-docx's default template without the parts and styles a drafter document never uses
# (stylesWithEffects, webSettings, customXml, numbering, thumbnail, latent and non-default
# styles): 7 KB instead of 800 KB.
BASE_DOCX = Path(__file__).resolve().parents[2] / "look" / "base.docx"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BASES: dict[str, Package] = {}


def base_package(look: Look) -> Package:
    """The empty document set up by `look` (styles, page, footers, font table): made once
    per look and reused; a render only splices its body into word/document.xml."""
    import json

    key = json.dumps(look.data, sort_keys=True, ensure_ascii=False, default=str)
    if key not in _BASES:
        builder = _Builder(look, "", "")
        pkg = read_package(BASE_DOCX)
        pkg.put("word/styles.xml", builder.styles_xml(pkg.text("word/styles.xml")))
        pkg.put("word/fontTable.xml", builder.font_table(pkg.text("word/fontTable.xml")))
        pkg.put("docProps/app.xml", XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/'
                'officeDocument/2006/extended-properties"><Application>drafter</Application></Properties>')
        ids = tuple(pkg.add_part("footer%d.xml" % (i + 1), builder.footer_xml(side), CT_WML + "footer+xml",
                                 "footer") for i, side in enumerate(("right", "left")))
        settings = pkg.text("word/settings.xml")
        if "<w:evenAndOddHeaders" not in settings:  # its place: right after w:defaultTabStop
            settings = re.sub(r"(<w:defaultTabStop [^>]*/>)", r"\1<w:evenAndOddHeaders/>", settings, count=1)
        pkg.put("word/settings.xml", settings)
        head, _ = _split_root(pkg.text("word/document.xml"), "w:document")
        pkg.put("word/document.xml", head + "><w:body>" + builder.sect_pr(ids) + "</w:body></w:document>")
        if len(_BASES) >= 8:
            _BASES.pop(next(iter(_BASES)))
        _BASES[key] = pkg
    return _BASES[key]


def save(doc, path: str | Path) -> Path:
    """Save a Package or a python-docx Document atomically: the old file or the new one,
    never half of one."""
    if isinstance(doc, Package):
        return doc.save(path)
    from ...fileio import write_output

    return write_output(path, lambda tmp: doc.save(str(tmp)))
