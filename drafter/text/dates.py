"""Dates and years as offices write them: `2017年3月9日`, `2019年05月10日`,
`二○一一年十二月十九日`, `2017-03-09`, and the year of a title (`2017年…工作要点`)."""
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
CHINESE_DATE = re.compile(r"([%s]{4})\s*年\s*(%s)\s*月\s*(%s)\s*日" % (YEAR_DIGITS, _CN_DAY, _CN_DAY))
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A date with the day optional, spaces not allowed (the forms check rewrites).
ARABIC_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
CHINESE_MONTH = re.compile(r"([%s]{4})年(%s)月(?:(%s)日)?" % (YEAR_DIGITS, _CN_DAY, _CN_DAY))
# A line that is a date and nothing else (after spaces are squeezed out).
DATE_LINE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日|[%s]{4}年%s月%s日)" % (YEAR_DIGITS, _CN_DAY, _CN_DAY))
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def parse_date(text: str) -> _dt.date | None:
    """The first date in `text`: `2017年3月9日`, `2019年05月10日`, `二○一一年十二月十九日`,
    or ISO `2017-03-09`.  None if there is none or it is not a real day."""
    for rx, conv in ((ARABIC_DATE, int), (CHINESE_DATE, from_chinese), (ISO_DATE, int)):
        m = rx.search(text)
        if m:
            try:
                return _dt.date(conv(m.group(1)), conv(m.group(2)), conv(m.group(3)))
            except ValueError:
                return None
    return None


def format_date(d: _dt.date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, no zero padding: 2019年5月10日."""
    return "%d年%d月%d日" % (d.year, d.month, d.day)


def year_of(text: str) -> int | None:
    """The first `YYYY年` of a title (19xx or 20xx), or None."""
    m = _TITLE_YEAR.search(text)
    return int(m.group(1)) if m else None
