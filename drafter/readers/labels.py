"""Item numbers as offices type them (`一、` `（一）` `(一)` `1、` `1.` `1．` `（1）`), and the
bracket-aware scanning that finds a title's end or a trailing `（…）` group.

A *family* is what decides the outline level: Chinese or Arabic numeral, bare or bracketed.
`1、` and `45.` are one family written two ways (seed 001); `（一）` and `(一)` likewise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese import from_chinese

_CN = "一二三四五六七八九十百零〇○两"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

LABEL_RX = re.compile(
    r"""^(?:
        (?P<cpo>[（(])[ \u3000]*(?P<cpn>[%(cn)s]{1,6})[ \u3000]*(?P<cpc>[）)])
      | (?P<apo>[（(])[ \u3000]*(?P<apn>[0-9０-９]{1,3})[ \u3000]*(?P<apc>[）)])
      | (?P<cn>[%(cn)s]{1,6})[ \u3000]*(?P<cns>[、．]|\.(?![0-9０-９]))
      | (?P<an>[0-9０-９]{1,3})[ \u3000]*(?P<ans>[、．]|\.(?![0-9０-９]))
    )[ \u3000\t]*""" % {"cn": _CN},
    re.X,
)


@dataclass(frozen=True)
class Label:
    family: str  # "cn" 一、  "cn()" （一）  "ar" 1、  "ar()" （1）
    value: int
    style: str  # the label with its numeral as 一 or 1: "（一）", "(一)", "1、", "1."
    printed: str  # the label exactly as written, e.g. "(三十六)"
    end: int  # index in the paragraph where the item's own words start


def parse_label(text: str) -> Label | None:
    """The item number at the start of a paragraph, or None."""
    m = LABEL_RX.match(text)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["cpn"]:
            family, value, style = "cn()", from_chinese(g["cpn"]), g["cpo"] + "一" + g["cpc"]
        elif g["apn"]:
            family, value = "ar()", int(g["apn"].translate(_FULLWIDTH_DIGITS))
            style = g["apo"] + "1" + g["apc"]
        elif g["cn"]:
            family, value, style = "cn", from_chinese(g["cn"]), "一" + g["cns"]
        else:
            family, value = "ar", int(g["an"].translate(_FULLWIDTH_DIGITS))
            style = "1" + g["ans"]
    except ValueError:
        return None
    if value < 1:
        return None
    printed = text[:m.end()].rstrip(" \u3000\t")
    return Label(family, value, style, printed, m.end())


# Brackets and quotes --------------------------------------------------------------------------

OPEN = "（(《“‘「『【〔[［〈"
CLOSE = "）)》”’」』】〕]］〉"


def top_level_find(text: str, chars: str, start: int = 0) -> int:
    """Index of the first of `chars` outside brackets and quotes, or -1."""
    depth = 0
    ascii_quote = False
    for i in range(start, len(text)):
        ch = text[i]
        if ch == '"':
            ascii_quote = not ascii_quote
            continue
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in chars and depth == 0 and not ascii_quote:
            return i
    return -1


def split_top_level(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets: `A(甲、乙)、B` → [A(甲、乙), B]."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def trailing_group(text: str) -> tuple[int, str, str, str] | None:
    """The bracketed group that ends `text` (white space and a final 。 aside), balanced across
    nested brackets: (start index, opening bracket, content, closing bracket) or None."""
    end = len(text.rstrip(" \u3000\t。."))
    if end == 0 or text[end - 1] not in "）)〕］]】":
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in "）)〕］]】":
            depth += 1
        elif ch in "（(〔［[【":
            depth -= 1
            if depth == 0:
                return i, ch, text[i + 1:end - 1], text[end - 1]
    return None


def split_title(head: str) -> tuple[str, str] | None:
    """`深化公立医院综合改革。巩固…` → (title, rest); None when there is no 。 at top level."""
    i = top_level_find(head, "。")
    if i < 0:
        i = head.find("。")  # unbalanced brackets in the source: the plain first 。
    if i < 0:
        return None
    return head[:i].strip(), head[i + 1:].strip()
