"""Dates and years as offices write them: `2017年3月9日`, `2019年05月10日`,
`二○一一年十二月十九日` (also `二00六年…`, typed with the digit 0), `2017-03-09`, the year of a
title (`2017年…工作要点`, `…（2024—2028年）`), and the lines a 署名 or byline makes of them."""
from __future__ import annotations

import datetime as _dt
import re

from .numerals import YEAR_DIGITS, ZEROS, from_chinese

_CN_DAY = "[十一二三四五六七八九]{1,3}"  # 一 … 三十一, as months and days are spelled
# A year: Arabic digits, or 19xx/20xx spelled in Chinese digit by digit (二〇一七); a Latin O
# is not taken for a zero here, where a year is looked for in running text.
_ZERO = ZEROS.replace("O", "")
_CN_YEAR = r"[一二][%s九][%s一二三四五六七八九]{2}" % (_ZERO, _ZERO)
YEAR_WORD = r"(?:\d{4}|%s)" % _CN_YEAR
# A year on a matching copy (ASCII digits), not part of a longer number: 2017, 二〇一七.
_NOT_NUMERAL = "[%s一二三四五六七八九十百千万]" % _ZERO
YEAR_TOKEN = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d])|(?<!%s)%s(?!%s)" % (_NOT_NUMERAL, _CN_YEAR, _NOT_NUMERAL))
# A month or a day in either script (on a copy whose full-width digits are ASCII).
MONTH_OR_DAY = r"(?:\d{1,2}|%s)" % _CN_DAY

ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A year spelled digit by digit may be typed with the digit 0 for 〇 (`二00六年二月十日`); it
# still starts with a Chinese digit, so `2006年` stays Arabic.
_SPELT_YEAR = "[%s][%s0０]{3}" % ("一二", YEAR_DIGITS)
_DIGIT_ZERO = str.maketrans("0０", "〇〇")
CHINESE_DATE = re.compile(r"(%s)\s*年\s*(%s)\s*月\s*(%s)\s*日" % (_SPELT_YEAR, _CN_DAY, _CN_DAY))
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A date with the day optional, spaces not allowed (the forms check rewrites).
ARABIC_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
CHINESE_MONTH = re.compile(r"([%s]{4})年(%s)月(?:(%s)日)?" % (YEAR_DIGITS, _CN_DAY, _CN_DAY))
# A line that is a date and nothing else (after spaces are squeezed out).
DATE_LINE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日|%s年%s月%s日)" % (_SPELT_YEAR, _CN_DAY, _CN_DAY))
# A 署名 and its 成文日期 glued into one line, on a matching copy: `某某委员会2016年4月20日`.
SIGNED_LINE = re.compile(r"^(?P<org>\S{2,30}?(?:委员会|委|局|政府|办公室|办|中心|院|厅))"
                         r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)$")
# A byline under a plan's title, on a matching copy: `（2017年3月9日）`, `（二〇一七年三月）`.
BYLINE = re.compile(r"^（[^）]{0,12}年[^）]{0,6}月[^）]{0,6}）$")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A span of years: its first year is the plan's (`（2024—2028年）`, `2023-2025年`, `2021至2023年`).
_SPAN_DASH = "[-－—–―~～至到]"  # ― (U+2015) too: a converter's dash
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*%s+\s*(?:19|20)\d{2}\s*年" % _SPAN_DASH)
# A line that starts with a span, unbracketed (`2016—2020年工作规划`, the second line of a
# title broken before it), on a matching copy.
YEAR_SPAN_START = re.compile(r"^(?:19|20)\d{2}年?%s(?:19|20)\d{2}年" % _SPAN_DASH)
# The same span in brackets after a plan's name, on a matching copy: `…实施方案（2024—2026年）`.
YEAR_SPAN_BRACKETS = r"（\d{4}年?%s\d{4}年?）" % _SPAN_DASH
# A title that reviews one year and plans the next (`2023年度工作总结及2024年工作计划`): the
# year after the review word is the plan's.
_REVIEW_WORD = re.compile(r"(总结|回顾|總結|回顧)")


def parse_date(text: str) -> _dt.date | None:
    """The first date in `text`: `2017年3月9日`, `2019年05月10日`, `二○一一年十二月十九日`,
    or ISO `2017-03-09`.  None if there is none or it is not a real day."""
    for rx, conv in ((ARABIC_DATE, int), (CHINESE_DATE, _spelt), (ISO_DATE, int)):
        m = rx.search(text)
        if m:
            try:
                return _dt.date(conv(m.group(1)), conv(m.group(2)), conv(m.group(3)))
            except ValueError:
                return None
    return None


def _spelt(numeral: str) -> int:
    return from_chinese(numeral.translate(_DIGIT_ZERO))


def format_date(d: _dt.date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, no zero padding: 2019年5月10日."""
    return "%d年%d月%d日" % (d.year, d.month, d.day)


def year_of(text: str) -> int | None:
    """The year a title names (19xx or 20xx), or None: the first `YYYY年`, the first year of a
    span (`（2024—2028年）` → 2024), the planned year after a review (`2023年度工作总结及2024年
    工作计划` → 2024)."""
    review = _REVIEW_WORD.search(text)
    if review:
        later = year_of(text[review.end():])
        if later is not None:
            return later
    found = [(m.start(), m.group(1)) for rx in (_TITLE_YEAR, _YEAR_SPAN) for m in [rx.search(text)] if m]
    return int(min(found)[1]) if found else None
