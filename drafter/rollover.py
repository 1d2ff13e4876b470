"""Next year's first draft from last year's plan: move the years that mean "the plan year",
keep every other year, reset the notice, and mark every decision for review.

The YAML is edited in place on its ruamel round-trip tree, so the drafter's comments, quoting
and layout survive except where a value changed; each changed value carries a `# rollover`
comment, and the `Report` lists every year moved *and* every year kept, with the rule that
decided it.

Year rules are a small ordered table (`RULES`): the first rule whose test holds decides.
They only ever look at the words around a year, never at other values, so rolling a plan
twice gives what rolling it once gives (see `Report.ambiguous` for the one exception).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import DrafterError
from .text.dates import MONTH_OR_DAY, YEAR_TOKEN, YEAR_WORD
from .text.numerals import numeral_value, spell_year, year_value

REVIEW = "rollover"  # every comment rollover writes starts with `# rollover`
PLACEHOLDER = "〔待定〕"

# -- year tokens --------------------------------------------------------------------------------

# On the matching copy (simplified, ASCII digits: `char_simplify`), a year is 19xx/20xx in
# Arabic digits or in Chinese digit-by-digit form (二〇一七), not part of a longer number.
_TOKEN = YEAR_TOKEN
_YEAR_WORD = YEAR_WORD
_DASH = r"[-－—–~～至到]{1,2}"
_NUM = MONTH_OR_DAY
_value = year_value
_spell = spell_year


@dataclass
class Token:
    """One year in a text, with what the rules need to see around it.  `plain` is the
    matching copy (simplified characters, ASCII digits), the same length as `text`."""

    text: str
    plain: str
    start: int
    end: int
    value: int
    plan_year: int
    own_titles: tuple[str, ...]

    @property
    def before(self) -> str:
        return self.plain[max(0, self.start - 16):self.start]

    @property
    def after(self) -> str:
        return self.plain[self.end:self.end + 24]

    @property
    def is_year_word(self) -> bool:
        """Followed by 年: a year in words; other four-digit numbers (2071人) are not years."""
        return self.after.lstrip().startswith("年")

    def enclosing(self, pattern: re.Pattern) -> re.Match | None:
        for m in pattern.finditer(self.plain):
            if m.start() < self.start and self.end < m.end():
                return m
        return None


# -- the rules ----------------------------------------------------------------------------------

_BOOK = re.compile(r"[《〈][^《》\n]*(?:《[^《》\n]*》[^《》\n]*)*[》〉]")
_QUOTES = re.compile(r"“[^“”\n]*”|「[^「」\n]*」|『[^『』\n]*』|\"[^\"\n]*\"|‘[^‘’\n]*’")
_RANGE_BEFORE = re.compile(_YEAR_WORD + r"\s*年?\s*" + _DASH + r"\s*$")
_RANGE_AFTER = re.compile(r"^\s*年?\s*" + _DASH + r"\s*" + _YEAR_WORD)
_DOC_BRACKETS = re.compile(r"[〔［\[【(（]\s*$")
_DOC_BRACKETS_AFTER = re.compile(r"^\s*[〕］\]】)）]")
_ISO_DATE = re.compile(r"^[-/.．]\d{1,2}[-/.．]\d{1,2}")
_MONTH_DATE = re.compile(r"^\s*年\s*" + _NUM + r"\s*月(?:\s*" + _NUM + r"\s*日)?")
_DEADLINE_TAIL = re.compile(r"^\s*(?:底|末|中旬|上旬|下旬|份)?\s*(?:之前|以前|前|底|末)")
_PREVIOUS_BEFORE = re.compile(r"(?:在|比|较|与|同|对比|相比|回顾|总结|回顾总结|总结回顾)\s*$")
_PREVIOUS_AFTER = re.compile(r"^\s*年(?:的)?基础上|^\s*年同期|^\s*年度?[^，。；,;]{0,12}?(?:报告|公报|决算|考核)")
_NEXT_BEFORE = re.compile(r"(?:部署|安排|安排部署|谋划)\s*$")
_NEXT_AFTER = re.compile(r"^\s*年度?[^，。；,;]{0,16}?工作会")


def _own_book_title(t: Token) -> bool:
    m = t.enclosing(_BOOK)
    return m is not None and _squash(t.text[m.start() + 1:m.end() - 1]) in t.own_titles


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@dataclass(frozen=True)
class Rule:
    code: str
    action: str  # move | keep
    label: str  # the short reason a reviewer reads, in the YAML comment and the summary
    test: Callable[[Token], bool]

    @property
    def why(self) -> str:
        return (self.test.__doc__ or "").strip().split("\n")[0]


def book_title(t: Token) -> bool:
    """Inside 《》: the name of a law, plan or document (`《…纲要（2015-2020年）》`) is a fixed
    name; only this plan's own title, quoted in its notice, moves with the plan."""
    return t.enclosing(_BOOK) is not None and not _own_book_title(t)


def quoted(t: Token) -> bool:
    """Inside quotation marks: part of a quoted name (`“健康钦州2030”`, `“2018-2020年…计划”`)."""
    return t.enclosing(_QUOTES) is not None


def year_range(t: Token) -> bool:
    """One end of a range of years (`2016—2020年`, `2018-2020`): a fixed period, not the plan year."""
    return bool(_RANGE_BEFORE.search(t.before) or _RANGE_AFTER.match(t.after))


def doc_number(t: Token) -> bool:
    """The year of a document number (`〔2018〕1号`): names a document already issued."""
    return bool(_DOC_BRACKETS.search(t.before) and _DOC_BRACKETS_AFTER.match(t.after))


def fixed_date(t: Token) -> bool:
    """A date with a month (`2016年10月召开的…`, `2016年3月9日`, `2015-04-30`): an event that
    happened then.  A deadline (`2017年6月底前`) is not a fixed date."""
    if _ISO_DATE.match(t.after):
        return True
    m = _MONTH_DATE.match(t.after)
    return bool(m) and not _DEADLINE_TAIL.match(t.after[m.end():])


def plan_year(t: Token) -> bool:
    """The plan year in words (`2017年全市…工作要点`, `力争2017年`, `2017年底前`, `2017年度`):
    what the plan is about, so it becomes the new year."""
    return t.is_year_word and t.value == t.plan_year


def previous_year(t: Token) -> bool:
    """The year before the plan year as its baseline (`在2016年的基础上`, `比2016年`,
    `2016年同期`, `2016年度…报告`) or as the year under review (`回顾总结2016年工作`):
    relative to the plan year, so it moves with it."""
    return (t.is_year_word and t.value == t.plan_year - 1
            and bool(_PREVIOUS_BEFORE.search(t.before) or _PREVIOUS_AFTER.match(t.after)))


def next_year(t: Token) -> bool:
    """The year after the plan year where a review speech deploys it (`安排部署2018年工作`) or
    names the work conference held then (`2018年度卫生计生工作会议`): relative, so it moves."""
    return (t.is_year_word and t.value == t.plan_year + 1
            and bool(_NEXT_BEFORE.search(t.before) or _NEXT_AFTER.match(t.after)))


def other_year(t: Token) -> bool:
    """Any other year (`到2020年`, `2016年以来`): an absolute date the plan refers to; kept."""
    return True


RULES: tuple[Rule, ...] = (
    Rule("book-title", "keep", "《》内的法规、规划名称", book_title),
    Rule("quoted", "keep", "引号内的名称", quoted),
    Rule("range", "keep", "年份区间", year_range),
    Rule("doc-number", "keep", "发文字号中的年份", doc_number),
    Rule("fixed-date", "keep", "已发生事件的日期", fixed_date),
    Rule("plan-year", "move", "计划年度", plan_year),
    Rule("previous-year", "move", "上年基数/回顾年度", previous_year),
    Rule("next-year", "move", "次年部署/工作会议", next_year),
    Rule("other-year", "keep", "其他年份（非计划年度）", other_year),
)
RULE_BY_CODE = {r.code: r for r in RULES}


@dataclass
class Decision:
    """One year found in one value: moved (`new` set) or kept, by `rule`."""

    path: str
    line: int | None
    old: str
    new: str | None
    rule: str
    context: str
    offset: int = 0

    @property
    def moved(self) -> bool:
        return self.new is not None

    def as_dict(self) -> dict[str, Any]:
        r = RULE_BY_CODE[self.rule]
        return {"path": self.path, "line": self.line, "old": self.old, "new": self.new,
                "rule": self.rule, "reason": r.label, "why": r.why, "context": self.context}


def year_tokens(text: str, plan_year: int, own_titles: tuple[str, ...] = ()) -> Iterator[Token]:
    """The year-like tokens of `text` that the rules consider: years in words (followed by 年),
    ends of ranges, dates and document-number years."""
    from .text.script import char_simplify

    plain = char_simplify(text)
    for m in _TOKEN.finditer(plain):
        value = _value(m.group(0))
        if not 1900 <= value <= 2099:
            continue
        t = Token(text, plain, m.start(), m.end(), value, plan_year, own_titles)
        if t.is_year_word or year_range(t) or doc_number(t) or _ISO_DATE.match(t.after):
            yield t


def decide(t: Token) -> Rule:
    return next(r for r in RULES if r.test(t))


def roll_text(text: str, old_year: int, new_year: int, own_titles: tuple[str, ...] = (),
              path: str = "", line: int | None = None) -> tuple[str, list[Decision]]:
    """`text` with the years that move moved from `old_year`'s frame to `new_year`'s, and one
    `Decision` per year considered.  Replacements keep the length and the digits' script."""
    delta = new_year - old_year
    out, decisions, last = [], [], 0
    for t in year_tokens(text, old_year, own_titles):
        rule = decide(t)
        old = text[t.start:t.end]
        new = _spell(t.value + delta, old) if rule.action == "move" else None
        decisions.append(Decision(path, line, old, new, rule.code, _context(text, t.start, t.end), t.start))
        if new is not None:
            out.append(text[last:t.start] + new)
            last = t.end
    out.append(text[last:])
    return "".join(out), decisions


def _context(text: str, a: int, b: int, width: int = 14) -> str:
    left = text[max(0, a - width):a].split("\n")[-1]
    right = text[b:b + width].split("\n")[0]
    return "…%s%s%s…" % (left, text[a:b], right)


# -- dates that have passed -------------------------------------------------------------------

_DATE_FULL = re.compile(r"(" + _YEAR_WORD + r")\s*年\s*(" + _NUM + r")\s*月(?:\s*(" + _NUM + r")\s*日)?"
                        r"|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_PERIOD = re.compile(r"(" + _YEAR_WORD + r")\s*年(?:底|末|内|上半年|下半年|前)")
_DATE_NO_YEAR = re.compile(r"(?<![\d年])(" + _NUM + r")\s*月\s*(" + _NUM + r")\s*日")


_num = numeral_value


def past_dates(text: str, new_year: int, *, undated: bool = False) -> list[tuple[str, str]]:
    """Dates in `text` that lie before 1 January of `new_year`, as (as written, why); with
    `undated`, month-day dates without a year too (a notice's reply-by day goes stale)."""
    from .text.script import char_simplify

    plain = char_simplify(text)
    found: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    start = _dt.date(new_year, 1, 1)
    for m in _DATE_FULL.finditer(plain):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        try:
            year, month = _value(y), _num(mo)
            last = _dt.date(year, month, _num(d)) if d else _dt.date(year, month, 1)
        except (ValueError, KeyError):
            continue
        spans.append((m.start(), m.end()))
        if last < start:
            found.append((text[m.start():m.end()], "before %d" % new_year))
    for m in _DATE_PERIOD.finditer(plain):
        if _value(m.group(1)) < new_year and not any(a <= m.start() < b for a, b in spans):
            found.append((text[m.start():m.end()], "a period of %d" % _value(m.group(1))))
    if undated:
        for m in _DATE_NO_YEAR.finditer(plain):
            if not any(a <= m.start() < b for a, b in spans):
                found.append((text[m.start():m.end()], "no year: check the day"))
    return found


# -- the report --------------------------------------------------------------------------------

@dataclass
class Report:
    """Everything rollover decided, so a reviewer sees each decision."""

    source: str
    output: str | None
    old_year: int
    new_year: int
    decisions: list[Decision] = field(default_factory=list)
    ambiguous: list[Decision] = field(default_factory=list)
    notice: list[tuple[str, str]] = field(default_factory=list)  # (key, old value)
    status: tuple[str, str] | None = None
    dropped: list[tuple[str | None, str]] = field(default_factory=list)  # (id, title)
    targets: list[tuple[str, str, list[tuple[str, str, str]]]] = field(default_factory=list)
    past: list[tuple[str, str, str]] = field(default_factory=list)  # (path, date, why)
    ids_assigned: int = 0
    imported: bool = False
    blanked: int = 0
    reformatted: bool = False  # the YAML's own layout is not ruamel's: more lines than values changed

    @property
    def moved(self) -> list[Decision]:
        return [d for d in self.decisions if d.moved]

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if not d.moved]

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "output": self.output,
            "old_year": self.old_year, "new_year": self.new_year,
            "moved": [d.as_dict() for d in self.moved],
            "kept": [d.as_dict() for d in self.kept],
            "ambiguous": [d.as_dict() for d in self.ambiguous],
            "notice_reset": [{"key": k, "old": v} for k, v in self.notice],
            "status": list(self.status) if self.status else None,
            "dropped": [{"id": i, "title": t} for i, t in self.dropped],
            "targets": [{"path": p, "title": title, "targets": [
                {"label": label, "value": value, "kind": kind} for label, value, kind in ts]}
                for p, title, ts in self.targets],
            "blanked": self.blanked,
            "past_dates": [{"path": p, "date": d, "why": w} for p, d, w in self.past],
            "ids_assigned": self.ids_assigned, "imported": self.imported,
            "reformatted": self.reformatted,
        }

    def lines(self) -> list[str]:
        """The summary as text lines for the terminal."""
        out = ["rollover %d → %d: %s%s" % (self.old_year, self.new_year, self.source,
                                          " → %s" % self.output if self.output else "")]
        if self.imported:
            out.append("  (imported first; the YAML is the importer's canonical form)")
        if self.reformatted:
            out.append("  note: the input's layout (indentation, quoting or wrapping) is not the one drafter "
                       "writes; lines other than the changed ones were re-laid out too")

        def where(d: Decision) -> str:
            return "%s%s" % (d.path, ":%d" % d.line if d.line else "")

        out.append("Years moved (%d):" % len(self.moved))
        out += ["  %s  %s→%s  %s  %s" % (where(d), d.old, d.new, RULE_BY_CODE[d.rule].label, d.context)
                for d in self.moved]
        out.append("Years kept (%d):" % len(self.kept))
        out += ["  %s  %s  %s  %s" % (where(d), d.old, RULE_BY_CODE[d.rule].label, d.context)
                for d in self.kept]
        if self.ambiguous:
            out.append("Kept years that now read as the plan year or its neighbour (%d) — check them:"
                       % len(self.ambiguous))
            out += ["  %s  %s  %s" % (where(d), d.old, d.context) for d in self.ambiguous]
        out.append("Notice reset (%d): %s" % (len(self.notice), ", ".join(
            "%s (was %s)" % (k, v or "empty") for k, v in self.notice) or "no notice"))
        if self.status:
            out.append("Status: %s → %s" % self.status)
        out.append("Done items dropped (%d):" % len(self.dropped))
        out += ["  %s %s" % (i or "-", t) for i, t in self.dropped]
        n = sum(len(ts) for _, _, ts in self.targets)
        out.append("Targets to decide (%d in %d items)%s:" % (
            n, len(self.targets), ", %d blanked as %s" % (self.blanked, PLACEHOLDER) if self.blanked else ""))
        out += ["  %s %s: %s" % (p, title[:20], "；".join("%s %s" % (lab, val) for lab, val, _ in ts))
                for p, title, ts in self.targets]
        out.append("Dates already passed in %d (%d):" % (self.new_year, len(self.past)))
        out += ["  %s  %s  (%s)" % (p, d, w) for p, d, w in self.past]
        if self.ids_assigned:
            out.append("IDs assigned to %d items (so next year's diff matches by ID)" % self.ids_assigned)
        out.append("Every change is marked `# %s` in the YAML; fill the `# %s TODO` keys." % (REVIEW, REVIEW))
        return out


# -- review comments ---------------------------------------------------------------------------

def strip_review_comments(text: str) -> str:
    """`text` without the comments rollover writes: lines holding only one go, a trailing one
    is cut from its line.  (The YAML text law compares rolled files through this.)"""
    from .yamlio import strip_comments

    return strip_comments(text, REVIEW)


def _without_old_review(doc):
    """The input without an earlier rollover's comments, if that changes nothing the plan says
    (a `# rollover` line inside a text block must stay); else None."""
    from .readers.yaml import loads

    cleaned = strip_review_comments(doc.text)
    if cleaned == doc.text:
        return None
    try:
        again = loads(cleaned, doc.path)
    except DrafterError:
        return None
    return again if again.plan == doc.plan else None


# -- editing the tree --------------------------------------------------------------------------

SKIP_KEYS = {"id", "format", "kind", "status", "plan_as", "numbering", "heading", "year"}
NOTICE_RESET = ("doc_number", "date", "printed_on", "deadline")
NOTICE_TODO = {
    "doc_number": "TODO 新的发文字号，如 X卫发〔%d〕N号",
    "date": "TODO 成文日期，如 %d-03-01",
    "printed_on": "TODO 印发日期",
    "deadline": "TODO 反馈截止日期",
}


def _marks():
    """Review notes, written as `# rollover…` comments once all edits are done."""
    from .yamlio import ReviewNotes

    return ReviewNotes(REVIEW)


def _lines(container, key) -> int | None:
    from .yamlio import value_position

    pos = value_position(container, key)
    return pos[0] + 1 if pos else None


def _strings(node, path: str) -> Iterator[tuple[Any, Any, Any, str]]:
    """(container, key, comment-at, path) for every string value under `node`, skipping keys
    whose values are codes rather than text.  `comment-at` is (container, key) where a note
    can go: a flow list's note goes on the key that holds it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        for key in list(node):
            if key in SKIP_KEYS:
                continue
            sub = "%s.%s" % (path, key) if path else str(key)
            v = node[key]
            if isinstance(v, str):
                yield node, key, (node, key), sub
            elif isinstance(v, CommentedSeq) and v.fa.flow_style():
                for i, x in enumerate(v):
                    if isinstance(x, str):
                        yield v, i, (node, key), "%s[%d]" % (sub, i)
            else:
                yield from _strings(v, sub)
    elif isinstance(node, CommentedSeq):
        for i, v in enumerate(node):
            sub = "%s[%d]" % (path, i)
            if isinstance(v, str):
                yield node, i, (node, i), sub
            else:
                yield from _strings(v, sub)


@dataclass
class Result:
    text: str
    document: Any  # yamlio.Document of the rolled text
    report: Report


def roll(doc, year: int | None = None, *, targets: str = "carry", keep_done: bool = False,
         imported: bool = False, output: str | None = None) -> Result:
    """Roll a loaded plan (`yamlio.Document`) to `year` (default: its year + 1)."""
    from .ids import assign_ids, insert_ids
    from .readers.yaml import loads
    from .yamlio import dump_tree, reload

    if targets not in ("carry", "blank"):
        raise ValueError("targets must be carry or blank")
    doc = _without_old_review(doc) or loads(doc.text, doc.path)  # never edit the caller's tree
    nodes = assign_ids(doc.plan)
    if nodes:
        doc = loads(insert_ids(doc, nodes), doc.path)
    old = plan_year_of(doc.plan, doc.path)
    new = year if year is not None else old + 1
    if new <= old:
        raise DrafterError("%s: the plan is for %d; rollover makes a later year's plan (got --year %d)"
                           % (doc.path, old, new))
    report = Report(doc.path, output, old, new, ids_assigned=len(nodes), imported=imported)
    doc = _drop_done(doc, keep_done, report)
    plan, tree = doc.plan, doc.tree
    report.reformatted = dump_tree(tree) != doc.text
    marks = _marks()
    own = tuple({_squash(plan.title)} - {""})
    _roll_years(tree, old, new, own, marks, report)
    _set_plan_fields(tree, plan, old, new, marks, report)
    _reset_notice(tree, new, marks, report)
    _targets(tree, plan, targets, marks, report)
    marks.write()
    text = dump_tree(tree)
    rolled = reload(text, output or doc.path, "the rolled plan")
    _past_dates(rolled.tree, new, report)
    report.ambiguous = _ambiguous(rolled.tree, new, own, report)
    _locate(rolled, report.decisions + report.ambiguous)
    return Result(text, rolled, report)


def _locate(doc, decisions: list[Decision]) -> None:
    """Point each decision at its line in the new file (the one the reviewer opens)."""
    from .lint.sources import YamlText
    from .yamlio import value_position

    yt = YamlText(doc.text)
    where = {}
    for container, key, _, path in _strings(doc.tree, ""):
        pos = value_position(container, key)
        if pos is not None:
            where[path] = yt.locator(str(container[key]), pos)
    for d in decisions:
        if d.path in where:
            d.line = where[d.path](d.offset, d.new or d.old)[0]


def plan_year_of(plan, path: str) -> int:
    """The plan's year: `year:`, else the first `YYYY年` of its title."""
    if plan.year is not None:
        return plan.year
    for t in year_tokens(plan.title, 0):
        if t.is_year_word:
            return t.value
    raise DrafterError("%s: the plan has no year: add `year: …` or give the title its year" % path)


def _drop_done(doc, keep_done: bool, report: Report):
    """Items the previous year finished (`status: done`) leave the new plan, unless kept.

    They are cut from the text, line by line, so nothing else moves: comment and blank lines
    after an item, at or left of its `-`, introduce what follows and stay."""
    from .readers.yaml import loads

    done = [(item, path) for item, path in doc.plan.walk_paths() if item.status == "done"]
    done = [(item, path) for item, path in done  # a done item inside a done item goes with it
            if not any(p == path[:len(p)] and p != path for _, p in done)]
    if keep_done or not done:
        return doc
    lines = doc.text.split("\n")
    for item, _ in sorted(done, key=lambda d: -_item_start(doc, d[0])[0]):
        report.dropped.insert(0, (item.id, item.title))
        start, dash = _dash(lines, *_item_start(doc, item))
        end = start + 1
        while end < len(lines) and not _starts_next(lines[end], dash):
            end += 1
        while end > start + 1 and _belongs_after(lines[end - 1], dash):
            end -= 1
        if start > 0 and not lines[start - 1].strip() and end < len(lines) and not lines[end].strip():
            end += 1  # one blank line between neighbours, not two
        del lines[start:end]
    return loads("\n".join(lines), doc.path)


def _item_start(doc, item) -> tuple[int, int]:
    """(line, column), 0-based, of the item's mapping in the file."""
    from .yamlio import node_position

    return node_position(doc.node_of(item))


def _dash(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """(line, column) of the `-` that opens the sequence entry whose first key is at
    (line, col): on the same line (`- id: x`) or alone on the line above."""
    head = lines[line][:col].rstrip()
    if head.endswith("-"):
        return line, len(head) - 1
    above = lines[line - 1]
    return line - 1, len(above) - len(above.lstrip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _starts_next(line: str, dash: int) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#") and _indent(line) <= dash


def _belongs_after(line: str, dash: int) -> bool:
    s = line.strip()
    return not s or (s.startswith("#") and _indent(line) <= dash)


def _roll_years(tree, old: int, new: int, own: tuple[str, ...], marks, report: Report) -> None:
    from .yamlio import scalar_like

    reset = {"notice." + k for k in NOTICE_RESET}  # cleared anyway: no decision to report
    for container, key, at, path in _strings(tree, ""):
        if path in reset:
            continue
        value = container[key]
        rolled, decisions = roll_text(str(value), old, new, own, path, _lines(container, key))
        report.decisions.extend(decisions)
        if rolled != value:
            container[key] = scalar_like(value, rolled)
            marks.add(*at, _year_note(decisions))


def _year_note(decisions: list[Decision]) -> str:
    groups: dict[tuple[str, str, str], int] = {}
    for d in decisions:
        if d.moved:
            k = (d.old, d.new, d.rule)
            groups[k] = groups.get(k, 0) + 1
    return "; ".join("%s→%s%s (%s)" % (o, n, " ×%d" % c if c > 1 else "", RULE_BY_CODE[r].label)
                     for (o, n, r), c in groups.items())


def _set_plan_fields(tree, plan, old: int, new: int, marks, report: Report) -> None:
    from .yamlio import insert_after

    if "year" in tree:
        tree["year"] = new
    else:
        insert_after(tree, ("format", "title"), "year", new)
    marks.add(tree, "year", "%d→%d (计划年度)" % (old, new))
    was = tree.get("status", "final")
    if was != "draft":
        if "status" in tree:
            tree["status"] = "draft"
        else:
            insert_after(tree, ("format", "title", "year", "issuer"), "status", "draft")
        marks.add(tree, "status", "%s→draft (新一年的初稿)" % was)
        report.status = (str(was), "draft")


def _reset_notice(tree, new: int, marks, report: Report) -> None:
    """The new notice has no number, date or 印发 data yet: keys stay (or are added, for the
    number and date every notice needs), empty, with a TODO."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from .yamlio import insert_after

    notice = tree.get("notice")
    if not isinstance(notice, dict):
        return
    for key in NOTICE_RESET:
        if key not in notice and key not in ("doc_number", "date"):
            continue
        old = notice.get(key)
        empty = DoubleQuotedScalarString("") if key == "doc_number" else None
        if key in notice:
            notice[key] = empty
        else:
            insert_after(notice, ("kind", "title") if key == "doc_number" else
                          ("kind", "title", "doc_number", "recipients", "body", "issuer"), key, empty)
        todo = NOTICE_TODO[key] % new if "%d" in NOTICE_TODO[key] else NOTICE_TODO[key]
        marks.add(notice, key, "%s %s" % (REVIEW, todo))
        report.notice.append((key, "" if old is None else str(old)))


_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s*[-－~～—–至到]\s*\d+(?:\.\d+)?)?")


def _targets(tree, plan, mode: str, marks, report: Report) -> None:
    """List each item's quantities next to it; with `blank`, replace each number by 〔待定〕
    (the unit stays, so `30%` reads `〔待定〕%`)."""
    from .text.targets import extract_targets
    from .yamlio import scalar_like

    def walk(seq, prefix):
        for i, ynode in enumerate(seq):
            path = "%s[%d]" % (prefix, i)
            if not isinstance(ynode, dict):
                continue
            found: list[tuple[str, str, str]] = []
            for key in ("title", "text"):
                value = ynode.get(key)
                if not isinstance(value, str):
                    continue
                ts = extract_targets(value)
                found += [(t.label, t.value, t.kind) for t in ts]
                if mode == "blank":
                    blanked, n = _blank(value, ts)
                    if n:
                        report.blanked += n
                        ynode[key] = scalar_like(value, blanked)
            if found:
                title = str(ynode.get("title", ""))
                report.targets.append((path, title, found))
                at = "text" if "text" in ynode else "title"
                listed = "；".join("%s %s" % (lab, val) for lab, val, _ in found)
                verb = "blanked" if mode == "blank" else "targets"
                marks.add(ynode, at, "%s %s: %s" % (REVIEW, verb, listed))
            if isinstance(ynode.get("items"), list):
                walk(ynode["items"], path + ".items")

    if isinstance(tree.get("sections"), list):
        walk(tree["sections"], "sections")


def _blank(text: str, targets) -> tuple[str, int]:
    """`text` with each quantity's number replaced by the placeholder; deadlines stay."""
    n = 0
    for t in sorted(targets, key=lambda t: t.start, reverse=True):
        m = _NUMBER.match(text, t.start) if t.kind != "deadline" else None
        if m and m.end() <= t.end:
            text = text[:m.start()] + PLACEHOLDER + text[m.end():]
            n += 1
    return text, n


def _past_dates(tree, new: int, report: Report) -> None:
    for container, key, _, path in _strings(tree, ""):
        for d, why in past_dates(str(container[key]), new, undated=path.startswith("notice.")):
            report.past.append((path, d, why))
    for container, key, path in _dates(tree, ""):
        v = container[key]
        if v < _dt.date(new, 1, 1):
            report.past.append((path, v.isoformat(), "before %d" % new))


def _dates(node, path) -> Iterator[tuple[Any, Any, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            sub = "%s.%s" % (path, k) if path else str(k)
            if isinstance(v, _dt.date):
                yield node, k, sub
            else:
                yield from _dates(v, sub)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, _dt.date):
                yield node, i, "%s[%d]" % (path, i)
            else:
                yield from _dates(v, "%s[%d]" % (path, i))


def _ambiguous(tree, new: int, own, report: Report) -> list[Decision]:
    by_path: dict[str, list[Decision]] = {}
    for d in report.decisions:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for container, key, _, path in _strings(tree, ""):
        if path in by_path:
            out += ambiguous(str(container[key]), by_path[path], new, own, _lines(container, key))
    return out


def ambiguous(rolled: str, decisions: list[Decision], new_year: int, own: tuple[str, ...] = (),
              line: int | None = None) -> list[Decision]:
    """Years rollover kept in `rolled` that a rollover of it would move: they now equal the new
    plan year (or sit next to it in a relative phrase), so a reader cannot tell them from the
    moved ones.  Rolling twice equals rolling once exactly when this list is empty."""
    kept = {d.offset: d for d in decisions if not d.moved}
    return [Decision(kept[t.start].path, line, rolled[t.start:t.end], None, kept[t.start].rule,
                     _context(rolled, t.start, t.end), t.start)
            for t in year_tokens(rolled, new_year, own)
            if t.start in kept and decide(t).action == "move"]


# -- files -------------------------------------------------------------------------------------

def default_output(source: str | Path, old: int, new: int) -> Path:
    """`plans/<new year>-<stem>.yaml`; a stem that starts with the old year has it replaced
    (`2017-衡阳市-工作要点` → `2018-衡阳市-工作要点`), not doubled."""
    stem = Path(source).stem
    m = re.match(r"^%d(?=[-_年 .]|$)[-_ .]?" % old, stem)
    if m:
        rest = stem[m.end():]
        return Path("plans") / ("%d-%s.yaml" % (new, rest) if rest else "%d.yaml" % new)
    return Path("plans") / ("%d-%s.yaml" % (new, stem))


def load_any(path: str | Path, encoding: str | None = None):
    """A plan YAML as its Document; anything else imported first (IDs assigned) and read back
    as canonical YAML, so the rest of rollover always edits a YAML tree."""
    from .ids import assign_ids
    from .readers import read
    from .readers.yaml import loads
    from .writers.yaml import dump

    loaded = read(path, encoding=encoding)
    if loaded.kind == "yaml":
        return loaded.document, False
    assign_ids(loaded.plan)
    text = dump(loaded.plan, header="Imported from %s by `drafter rollover`." % Path(path).name)
    return loads(text, str(path)), True
