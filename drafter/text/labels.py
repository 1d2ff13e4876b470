"""Item numbers (`一、` `（一）` `1.` `（1）`): the one parser the importer, check and collect
share, and numbering styles (`（一）` as a pattern to print 1, 2, 3… in).

A *family* decides the outline level: Chinese or Arabic numeral, bare or bracketed.  `1、` and
`45.` are one family written two ways (seed 001); `（一）` and `(一)` likewise.  GB/T 9704 ranks
the families `一、` › `（一）` › `1.` › `（1）`.  The parser is tolerant as offices type: spaces
(ASCII or U+3000) inside the label (`一 、` `（ 一 ）`), half-width brackets, `一.` `一．`,
full-width digits (`１．`); `Label.spaced` and the style tell check what to report.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .numerals import FULLWIDTH_DIGITS, NUMERAL_CHARS, from_chinese, to_chinese

FAMILIES = ("cn", "cn()", "ar", "ar()")  # in GB/T 9704's order: 一、 （一） 1. （1）
# `第一部分` ranks above them all: a long plan's parts (总体要求 / 重点任务 / 保障措施).
PART = "part"
# One-character numbers (`⑴` U+2474–2487, `⒈` U+2488–249B) are the `（1）` and `1.` families:
# offices type them where the standard has （1） and 1.; they print in the standard's form.
# A circled number (`①` U+2460–2473) at the head of a paragraph is a point under `1.`, as
# `（1）` is (Word's decimalEnclosedCircle lists print it): the `（1）` family too.
_ENCLOSED = {"pan": (0x2473, "ar()", "（1）"), "dan": (0x2487, "ar", "1."), "cir": (0x245F, "ar()", "（1）")}
_CN = "一二三四五六七八九十百零〇○两"  # the Chinese numerals an item number is written with
_SP = "[ \u3000]*"
LABEL_RX = re.compile(
    r"""(?P<lead>[ \t\u3000\u00a0]*)(?:
        (?P<cpo>[（(])%(sp)s(?P<cpn>[%(cn)s]{1,6})%(sp)s(?P<cpc>[）)])
      | (?P<apo>[（(])%(sp)s(?P<apn>[0-9０-９]{1,3})%(sp)s(?P<apc>[）)])
      | (?P<cn>[%(cn)s]{1,6})%(sp)s(?P<cns>[、．]|\.(?![0-9０-９]))
      | (?P<an>[0-9０-９]{1,3})%(sp)s(?P<ans>[、．]|\.(?![0-9０-９]))
      | (?P<pan>[\u2474-\u2487])
      | (?P<cir>[\u2460-\u2473])
      | (?P<dan>[\u2488-\u249b])
      | 第%(sp)s(?P<part>[%(cn)s]{1,4})%(sp)s部分(?=[ \u3000\t：:]|$|[^。，；,;]{1,24}$)[：:]?
    )(?P<trail>[ \u3000\t]*)""" % {"cn": _CN, "sp": _SP},
    re.X,
)


@dataclass(frozen=True)
class Label:
    """An item number at the start of a paragraph."""

    family: str  # "cn" 一、  "cn()" （一）  "ar" 1、  "ar()" （1）
    value: int
    style: str  # the label with its numeral as 一 or 1 and no spaces: "（一）", "(一)", "1、", "1."
    printed: str  # the label exactly as written, e.g. "(三十六)", "一 、"
    start: int  # offset of the label in the paragraph (after leading white space)
    end: int  # offset just after the label
    words: int  # offset where the item's own words start (after the label's trailing spaces)

    @property
    def rank(self) -> int:
        """-1 第一部分  0 一、  1 （一）  2 1.  3 （1）"""
        return -1 if self.family == PART else FAMILIES.index(self.family)

    @property
    def spaced(self) -> bool:
        """White space inside the label: `一 、`, `（ 一 ）`."""
        return self.printed != "".join(self.printed.split())


@functools.lru_cache(maxsize=8192)
def parse_label(text: str) -> Label | None:
    """The item number `text` starts with (after white space), or None: `一是…`, `2017年…`,
    `1.5倍` and `（2015-2020年）` are not item numbers."""
    m = LABEL_RX.match(text)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["cpn"]:
            family, value, style = "cn()", from_chinese(g["cpn"]), g["cpo"] + "一" + g["cpc"]
        elif g["apn"]:
            family, value = "ar()", int(g["apn"].translate(FULLWIDTH_DIGITS))
            style = g["apo"] + "1" + g["apc"]
        elif g["cn"]:
            family, value, style = "cn", from_chinese(g["cn"]), "一" + g["cns"]
        elif g["part"]:
            family, value, style = PART, from_chinese(g["part"]), "第一部分"
        elif g["pan"] or g["dan"] or g["cir"]:
            key = "pan" if g["pan"] else "dan" if g["dan"] else "cir"
            base, family, style = _ENCLOSED[key]
            value = ord(g[key]) - base
        else:
            family, value = "ar", int(g["an"].translate(FULLWIDTH_DIGITS))
            style = "1" + g["ans"]
    except ValueError:
        return None
    if value < 1:
        return None
    start, end = m.end("lead"), m.start("trail")
    return Label(family, value, style, text[start:end], start, end, m.end())


def strip_labels(text: str) -> str:
    """`text` without the item numbers it starts with: `一、（二）加强…` → `加强…`."""
    while True:
        lab = parse_label(text)
        if lab is None:
            return text
        text = text[lab.words:]


def same_number(a: str, b: str) -> bool:
    """Whether two texts are the same item number however written: `（一）` = `( 一 )`,
    `1、` = `1.`; False unless both are a label and nothing more."""
    la, lb = parse_label(a.strip()), parse_label(b.strip())
    return (la is not None and lb is not None and la.words == len(a.strip()) and lb.words == len(b.strip())
            and (la.family, la.value) == (lb.family, lb.value))


# Numbering styles -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    """A numbering style such as `（一）`: what comes before the numeral, its kind, what after."""

    prefix: str
    kind: str  # "chinese" | "arabic"
    suffix: str

    def format(self, n: int) -> str:
        num = to_chinese(n) if self.kind == "chinese" else str(n)
        return self.prefix + num + self.suffix

    @property
    def pattern(self) -> str:
        num = "[%s]+" % NUMERAL_CHARS if self.kind == "chinese" else r"\d+"
        return re.escape(self.prefix) + "(" + num + ")" + re.escape(self.suffix)

    @property
    def family(self) -> str:
        if self.suffix == "部分":
            return PART
        bracketed = self.prefix.strip() in ("（", "(")
        return ("cn" if self.kind == "chinese" else "ar") + ("()" if bracketed else "")


@functools.lru_cache(maxsize=256)
def parse_style(style: str) -> Style:
    """`（一）` → Style('（', chinese, '）'); `1.` → Style('', arabic, '.').  ValueError if the
    string holds no numeral or more than one."""
    not_num = r"[^\d%s]*" % NUMERAL_CHARS
    m = re.fullmatch(r"(%s?)(\d+)(%s)" % (not_num, not_num), style)
    if m:
        return Style(m.group(1), "arabic", m.group(3))
    m = re.fullmatch(r"(%s?)([%s]+)(%s)" % (not_num, NUMERAL_CHARS, not_num), style)
    if m:
        return Style(m.group(1), "chinese", m.group(3))
    raise ValueError("a numbering style needs one numeral, like 一、 or （一） or 1. — got %r" % style)

