"""Building a lint `Context` from a plan YAML (spans located by line/column, editable in
place) or from a document's paragraphs (spans located by paragraph number)."""
from __future__ import annotations

import bisect
import re
from typing import Any

from ..text.dates import parse_date
from ..text.labels import parse_label
from ..text.numerals import YEAR_DIGITS
from .base import Context, Heading, Span
from .numbering import paragraph_title

# -- YAML ---------------------------------------------------------------------------------------

PLAN_TEXT = {"title": "title-plan", "preamble": "preamble", "closing": "closing"}
NOTICE_TEXT = {"title": "notice-title", "doc_number": "doc-number", "body": "body",
               "disclosure": "field", "printed_by": "field", "contact": "field"}
NOTICE_LISTS = {"recipients": "recipient", "cc": "recipient", "attachments": "attachment"}
ITEM_TEXT = {"title": "title", "text": "text", "tag": "tag", "deadline": "deadline"}
ITEM_LISTS = {"lead": "office", "support": "office"}


class YamlText:
    """The file text with line starts, to turn ruamel positions into offsets and back."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for line in text.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)

    def offset(self, line: int, col: int) -> int:
        return self.starts[line] + col

    def line_col(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, pos) - 1
        return line, pos - self.starts[line]

    def locator(self, value: str, where: tuple[int, int]):
        """Map an offset in the scalar `value` (whose token starts at `where`, 0-based) to
        (line, column, file offset); the offset is None unless the file holds `needle` there."""
        from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

        line0, col0 = where
        start = self.offset(line0, col0)
        block = isinstance(value, LiteralScalarString)
        quoted = not block and self.text[start:start + 1] in ("'", '"')
        folded = isinstance(value, FoldedScalarString)

        indent: list[int] = []

        def guess(o: int) -> int | None:
            if block:
                line = line0 + 1 + value.count("\n", 0, o)
                if line >= len(self.starts) - 1:
                    return None
                if not indent:
                    indent.append(self._indent(line0 + 1))
                return self.offset(line, indent[0]) + o - (value.rfind("\n", 0, o) + 1)
            if folded or "\n" in value[:o]:
                return None
            return start + (1 if quoted else 0) + o

        def locate(o: int, needle: str):
            pos = guess(o)
            if pos is None or not needle or self.text[pos:pos + len(needle)] != needle:
                pos = self._search(value, o, needle, start) if needle else pos
            if pos is None:
                return line0 + 1, col0 + 1, None
            line, col = self.line_col(pos)
            return line + 1, col + 1, pos

        return locate

    def _indent(self, line: int) -> int:
        while line + 1 < len(self.starts):
            s = self.text[self.starts[line]:self.starts[line + 1] - 1]
            if s.strip():
                return len(s) - len(s.lstrip(" "))
            line += 1
        return 0

    def _search(self, value: str, o: int, needle: str, start: int) -> int | None:
        """Find `needle` with a little of its surrounding value near the scalar's start (for
        quoted scalars with escapes and folded lines)."""
        for pad in (4, 2, 0):
            a, b = max(0, o - pad), o + len(needle) + pad
            ctx = value[a:b]
            if "\n" in ctx:
                continue
            limit = start + 4 * len(value) + 200
            hit = self.text.find(ctx, start, limit)
            if hit >= 0 and self.text.find(ctx, hit + 1, limit) < 0:
                return hit + (o - a)
        return None


def yaml_context(doc: Any, path: str) -> Context:
    """Spans for every text value of a loaded plan (`readers.yaml.Document`)."""
    yt = YamlText(doc.text)
    tree, plan = doc.tree, doc.plan
    spans: list[Span] = []
    headings: list[Heading] = []

    def add(value, role, ypath, where) -> Span | None:
        if not isinstance(value, str) or not value or where is None:
            return None
        s = Span(str(value), role, ypath, locate=yt.locator(value, where))
        spans.append(s)
        return s

    def fields(m, table, prefix):
        for key, role in table.items():
            if key in m:
                add(m[key], role, prefix + key, _pos(m.lc.value, key))

    def lists(m, table, prefix):
        for key, role in table.items():
            seq = m.get(key)
            if isinstance(seq, list):
                for i, v in enumerate(seq):
                    add(v, role, "%s%s[%d]" % (prefix, key, i), _pos(seq.lc.item, i))
            elif isinstance(seq, str):
                add(seq, role, prefix + key, _pos(m.lc.value, key))

    def numbering(m, prefix):
        levels = (m.get("numbering") or {}).get("levels") if isinstance(m.get("numbering"), dict) else None
        if isinstance(levels, list):
            for i, v in enumerate(levels):
                add(v, "numbering-style", "%snumbering.levels[%d]" % (prefix, i), _pos(levels.lc.item, i))

    def items(seq, nodes, prefix, depth):
        for i, (ynode, item) in enumerate(zip(seq, nodes)):
            ipath = "%s[%d]" % (prefix, i)
            if isinstance(ynode, str):
                title = add(ynode, "title", ipath, _pos(seq.lc.item, i))
            else:
                fields(ynode, ITEM_TEXT, ipath + ".")
                lists(ynode, ITEM_LISTS, ipath + ".")
                numbering(ynode, ipath + ".")
                title = next((s for s in reversed(spans) if s.path == ipath + ".title"), None)
            if title is not None:
                headings.append(Heading(title, depth, depth == 0 or item.heading, bool(item.text)))
            if not isinstance(ynode, str) and isinstance(ynode.get("items"), list):
                items(ynode["items"], item.items, ipath + ".items", depth + 1)

    fields(tree, PLAN_TEXT, "")
    numbering(tree, "")
    notice = tree.get("notice")
    if isinstance(notice, dict):
        fields(notice, NOTICE_TEXT, "notice.")
        lists(notice, NOTICE_LISTS, "notice.")
    if isinstance(tree.get("sections"), list):
        items(tree["sections"], plan.sections, "sections", 0)
    n = plan.notice
    date_span = None
    if n is not None and n.date is not None and isinstance(notice, dict):
        where = _pos(notice.lc.value, "date")
        if where:
            date_span = Span(str(notice["date"]), "date", "notice.date", locate=yt.locator(str(notice["date"]), where))
    return Context(path, "yaml", spans, headings, year=plan.year,
                   issue_date=n.date if n else None, issue_date_span=date_span,
                   printed_on=n.printed_on if n else None, offices=list(plan.offices),
                   plan=plan)


def _pos(getter, key) -> tuple[int, int] | None:
    try:
        return tuple(getter(key))
    except Exception:  # ruamel keeps no position for merged keys and the like
        return None


# -- documents ----------------------------------------------------------------------------------

_DATE_ONLY = re.compile(r"^[（(]?\s*[0-9十%s]{4}\s*年[^，。,]{1,12}?[日月]\s*[）)]?(印发|印發)?$" % YEAR_DIGITS)
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（{｛]\s*\d{4}\s*[〕\]］】)）}｝]\s*第?\s*\d+\s*[号號]$")
TITLE_YEAR = re.compile(r"(\d{4})\s*年度?[^，。；,;]{0,30}?(工作要[点點]|工作計劃|工作计划|工作安排|工作會議|工作会议)")


def document_context(paragraphs: list[str], path: str, kind: str = "text", plan: Any = None) -> Context:
    """Spans for a document: one per non-blank paragraph, typed by what it looks like (a
    numbered heading, the 发文字号, a date line), with the title of each numbered paragraph."""
    spans: list[Span] = []
    headings: list[Heading] = []
    issue_date = printed_on = date_span = None
    for n, raw in enumerate(paragraphs, 1):
        text = raw.rstrip()
        if not text.strip():
            continue
        compact = re.sub(r"[ \t\u3000\u00a0]+", "", text)
        lab = parse_label(text)
        if lab is not None:
            span = Span(text, "heading", paragraph=n)
            spans.append(span)
            a, b, more = paragraph_title(text, lab)
            title = Span(text[a:b], "title", paragraph=n, offset=a)
            bare = "。" not in text[lab.end:] or (lab.rank <= 1 and not more)
            headings.append(Heading(title, lab.rank, bare, more, lab.printed))
        elif _DOC_NUMBER.match(compact):
            spans.append(Span(text, "doc-number", paragraph=n))
        elif _DATE_ONLY.match(compact):
            span = Span(text, "date", paragraph=n)
            spans.append(span)
            d = parse_date(compact)
            if d is not None and compact.endswith(("印发", "印發")):
                printed_on = printed_on or d
            elif d is not None and issue_date is None:
                issue_date, date_span = d, span
        else:
            spans.append(Span(text, "paragraph", paragraph=n))
    year = getattr(plan, "year", None) or infer_year(paragraphs)
    ctx = Context(path, kind, spans, headings, year=year, issue_date=issue_date,
                  issue_date_span=date_span, printed_on=printed_on,
                  offices=list(getattr(plan, "offices", []) or []), plan=plan)
    if plan is not None and ctx.offices:
        for item, _ in plan.walk():
            para = item.source.paragraph if item.source else None
            for name in item.lead + item.support:
                spans.append(Span(name, "office", paragraph=para))
    return ctx


def infer_year(paragraphs: list[str]) -> int | None:
    """The plan year of a document: the first `YYYY年…工作要点` (or 工作会议, for a speech)."""
    for p in paragraphs[:40]:
        m = TITLE_YEAR.search(p)
        if m:
            return int(m.group(1))
    return None
