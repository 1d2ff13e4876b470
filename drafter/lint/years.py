"""Year consistency: the plan year against its title, the notice title, the preamble, the
发文字号, and deadlines in the text (`2018年底前` in a 2019 plan is a leftover of last year)."""
from __future__ import annotations

import re

from .base import Context, Span, rule
from .docnumber import year_of
from .sources import TITLE_YEAR

rule("year-mismatch", "warning", "标题、导语、发文字号中的年份与计划年度不一致")
rule("year-stale", "warning", "正文中的时限早于计划年度（如2019年计划中的“2018年底前”）")

_DEADLINE = re.compile(r"(\d{4})年(?:底前?|内|[上下]半年前?|第?[一二三四1-4]季度前?|\d{1,2}月(?:底|份|中旬|上旬|下旬)?前|前)")
_LEADING_YEAR = re.compile(r"\s*(\d{4})\s*年")


def check(ctx: Context) -> None:
    year = ctx.year
    if year is None:
        return
    for span in ctx.texts():
        if span.role in ("title-plan", "notice-title"):
            _title(ctx, span, year, _first_year(span.text))
        elif span.role == "preamble":
            m = _LEADING_YEAR.match(span.text)
            if m and int(m.group(1)) != year:
                ctx.report("year-mismatch", "导语开头的年份%s与计划年度%d不一致" % (m.group(1), year),
                           span, m.start(1))
        elif span.role == "doc-number":
            _doc_number(ctx, span, year)
        elif not ctx.is_yaml and len(span.text.strip()) <= 50:
            m = TITLE_YEAR.search(span.text)
            if m:
                _title(ctx, span, year, m)
        for m in _DEADLINE.finditer(span.text):
            if int(m.group(1)) < year:
                ctx.report("year-stale", "“%s”早于计划年度%d年：是否沿用了往年的时限？" % (m.group(0), year),
                           span, m.start())


def _first_year(text: str) -> re.Match | None:
    return re.search(r"(\d{4})\s*年", text)


def _title(ctx: Context, span: Span, year: int, m: re.Match | None) -> None:
    if m and int(m.group(1)) != year:
        what = {"notice-title": "通知标题", "title-plan": "计划标题"}.get(span.role, "标题")
        ctx.report("year-mismatch", "%s中的年份%s与计划年度%d不一致" % (what, m.group(1), year),
                   span, m.start(1))


def _doc_number(ctx: Context, span: Span, year: int) -> None:
    got = year_of(span.text)
    if got is None:
        return
    if ctx.issue_date is not None:
        if got != ctx.issue_date.year:
            ctx.report("year-mismatch", "发文字号的年份%d与成文日期的年份%d不一致"
                       % (got, ctx.issue_date.year), span, span.text.find(str(got)))
    elif got not in (year - 1, year):
        ctx.report("year-mismatch", "发文字号的年份%d与计划年度%d不符" % (got, year),
                   span, span.text.find(str(got)))
