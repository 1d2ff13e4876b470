"""Dates: GB/T 9704 writes the 成文日期 in Arabic numerals without zero padding (`2019年5月10日`,
not `2019年05月10日` nor `二○一一年十二月十九日`); a plan is issued between the October before
its year and the end of it."""
from __future__ import annotations

import datetime as _dt

from ..text.dates import ARABIC_MONTH, CHINESE_MONTH
from ..text.numerals import from_chinese
from .base import Context, rule

rule("date-format", "warning", "日期用阿拉伯数字且不编虚位：2019年5月10日", fixable=True)
rule("date-range", "warning", "成文日期不在计划年度前一年10月至年底之间，或印发日期早于成文日期")


def check(ctx: Context) -> None:
    for span in ctx.texts():
        for m in ARABIC_MONTH.finditer(span.text):
            month, day = m.group(2), m.group(3)
            if not (month.startswith("0") or (day or "").startswith("0")):
                continue
            good = _arabic(m.group(1), month, day, int)
            ctx.report("date-format", "日期“%s”不编虚位，应为“%s”" % (m.group(0), good), span, m.start(),
                       edits=[(m.start(), m.group(0), good)])
        if span.role == "date":
            for m in CHINESE_MONTH.finditer(span.text):
                try:
                    good = _arabic(m.group(1), m.group(2), m.group(3), from_chinese)
                except ValueError:
                    continue
                ctx.report("date-format", "成文日期“%s”应使用阿拉伯数字：“%s”" % (m.group(0), good),
                           span, m.start(), edits=[(m.start(), m.group(0), good)])
    _range(ctx)


def _arabic(year: str, month: str, day: str | None, conv) -> str:
    s = "%d年%d月" % (conv(year), conv(month))
    return s + ("%d日" % conv(day) if day else "")


def _range(ctx: Context) -> None:
    d, year = ctx.issue_date, ctx.year
    if d is None:
        return
    if year is not None:
        earliest, latest = _dt.date(year - 1, 10, 1), _dt.date(year, 12, 31)
        if not earliest <= d <= latest:
            ctx.report("date-range", "成文日期%d年%d月%d日不在%d年度计划的合理范围（%d年10月1日至%d年12月31日）内"
                       % (d.year, d.month, d.day, year, year - 1, year), ctx.issue_date_span)
    p = ctx.printed_on
    if p is not None and p < d:
        ctx.report("date-range", "印发日期%d年%d月%d日早于成文日期%d年%d月%d日"
                   % (p.year, p.month, p.day, d.year, d.month, d.day), ctx.issue_date_span)
