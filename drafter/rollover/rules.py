"""The year rules of rollover, on text alone: which years of a value move to the new plan year
and which stay, which dates have passed, which quantities to blank.  No YAML here (ruamel is
never imported), so the rules can be read, tested and reused without a plan file.

Year rules are a small ordered table (`RULES`): the first rule whose test holds decides.
They only ever look at the words around a year, never at other values, so rolling a plan
twice gives what rolling it once gives (see `ambiguous` for the one exception).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from ..errors import DrafterError
from ..text.dates import MONTH_OR_DAY, YEAR_TOKEN, YEAR_WORD
from ..text.numerals import numeral_value, spell_year, year_value
from ..text.script import char_simplify

PLACEHOLDER = "〔待定〕"  # what `--targets blank` writes for each quantity

# -- year tokens --------------------------------------------------------------------------------

# On the matching copy (simplified, ASCII digits: `char_simplify`), a year is 19xx/20xx in
# Arabic digits or in Chinese digit-by-digit form (二〇一七), not part of a longer number:
# `YEAR_TOKEN`.
_DASH = r"[-－—–~～至到]{1,2}"

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
_RANGE_BEFORE = re.compile(YEAR_WORD + r"\s*年?\s*" + _DASH + r"\s*$")
_RANGE_AFTER = re.compile(r"^\s*年?\s*" + _DASH + r"\s*" + YEAR_WORD)
_DOC_BRACKETS = re.compile(r"[〔［\[【(（]\s*$")
_DOC_BRACKETS_AFTER = re.compile(r"^\s*[〕］\]】)）]")
_ISO_DATE = re.compile(r"^[-/.．]\d{1,2}[-/.．]\d{1,2}")
_MONTH_DATE = re.compile(r"^\s*年\s*" + MONTH_OR_DAY + r"\s*月(?:\s*" + MONTH_OR_DAY + r"\s*日)?")
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


def own_titles_of(title: str) -> tuple[str, ...]:
    """The plan's own title as the book-title rule compares it: quoted in 《》 in its notice,
    it names this plan, so its year moves with the plan."""
    return tuple({_squash(title)} - {""})


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
    plain = char_simplify(text)
    for m in YEAR_TOKEN.finditer(plain):
        value = year_value(m.group(0))
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
        new = spell_year(t.value + delta, old) if rule.action == "move" else None
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

_DATE_FULL = re.compile(r"(" + YEAR_WORD + r")\s*年\s*(" + MONTH_OR_DAY + r")\s*月"
                        r"(?:\s*(" + MONTH_OR_DAY + r")\s*日)?|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DATE_PERIOD = re.compile(r"(" + YEAR_WORD + r")\s*年(?:底|末|内|上半年|下半年|前)")
_DATE_NO_YEAR = re.compile(r"(?<![\d年])(" + MONTH_OR_DAY + r")\s*月\s*(" + MONTH_OR_DAY + r")\s*日")


def past_dates(text: str, new_year: int, *, undated: bool = False) -> list[tuple[str, str]]:
    """Dates in `text` that lie before 1 January of `new_year`, as (as written, why); with
    `undated`, month-day dates without a year too (a notice's reply-by day goes stale)."""
    plain = char_simplify(text)
    found: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    start = _dt.date(new_year, 1, 1)
    for m in _DATE_FULL.finditer(plain):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        try:
            year, month = year_value(y), numeral_value(mo)
            last = _dt.date(year, month, numeral_value(d)) if d else _dt.date(year, month, 1)
        except (ValueError, KeyError):
            continue
        spans.append((m.start(), m.end()))
        if last < start:
            found.append((text[m.start():m.end()], "before %d" % new_year))
    for m in _DATE_PERIOD.finditer(plain):
        if year_value(m.group(1)) < new_year and not any(a <= m.start() < b for a, b in spans):
            found.append((text[m.start():m.end()], "a period of %d" % year_value(m.group(1))))
    if undated:
        for m in _DATE_NO_YEAR.finditer(plain):
            if not any(a <= m.start() < b for a, b in spans):
                found.append((text[m.start():m.end()], "no year: check the day"))
    return found


def plan_year_of(plan, path: str) -> int:
    """The plan's year: `year:`, else the first `YYYY年` of its title."""
    if plan.year is not None:
        return plan.year
    for t in year_tokens(plan.title, 0):
        if t.is_year_word:
            return t.value
    raise DrafterError("%s: the plan has no year: add `year: …` or give the title its year" % path)


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


# -- targets left to decide --------------------------------------------------------------------

_QUANTITY = re.compile(r"\d+(?:\.\d+)?(?:\s*[-－~～—–至到]\s*\d+(?:\.\d+)?)?")


def blank_quantities(text: str, targets) -> tuple[str, int]:
    """`text` with the number of each of its `targets` (`drafter.text.targets`) replaced by
    the placeholder, and how many were; a deadline keeps its date."""
    n = 0
    for t in sorted(targets, key=lambda t: t.start, reverse=True):
        m = _QUANTITY.match(text, t.start) if t.kind != "deadline" else None
        if m and m.end() <= t.end:
            text = text[:m.start()] + PLACEHOLDER + text[m.end():]
            n += 1
    return text, n

