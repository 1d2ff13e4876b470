"""Item numbers: in a document, each level's numbers run 1, 2, 3… without gaps or repeats and in
one style (seed 004 repeats `一、`, seed 001 writes `45.` among `1、`); in a plan YAML the
numbers are computed, so only the styles in `numbering:` can be wrong.

Levels are ranked as GB/T 9704 orders them — `一、` › `（一）` › `1.` › `（1）` — so a
`（一）` under `一、主要任务` and a `1、` directly under `一、` both place correctly.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..chinese import NUMERAL_CHARS
from ..numbering import numeral_value, parse_style
from .base import Context, Span, rule

rule("numbering-repeat", "error", "同级编号重复（如两个“一、”）")
rule("numbering-gap", "error", "同级编号跳号或倒序")
rule("numbering-style", "error", "同级编号格式不一致（YAML中：两级编号格式相同，为警告）")
rule("numbering-halfwidth", "warning", "编号使用半角括号“(一)”，应为“（一）”", fixable=True)

_NUM = "[%s]+" % NUMERAL_CHARS.replace("两", "").replace("兩", "")
_LABEL = re.compile(
    r"[ \t\u3000\u00a0]*(?:"
    r"(?P<cb>[（(])(?P<cbn>%s)(?P<cbc>[）)])"  # （一）
    r"|(?P<cn>%s)(?P<cs>[、．])"  # 一、
    r"|(?P<ab>[（(])(?P<abn>\d{1,3})(?P<abc>[）)])"  # （1）
    r"|(?P<an>\d{1,3})(?P<as>、|．|\.(?!\d))"  # 1、 1. 1．
    r")" % (_NUM, _NUM))


@dataclass(frozen=True)
class Label:
    """A number printed at the start of a document paragraph."""

    text: str  # as printed, "（三十六）"
    style: str  # the number written as 1/一: "（一）", "1、"
    value: int
    rank: int  # 0 一、  1 （一）  2 1.  3 （1）
    start: int  # offset of the label in the paragraph
    end: int  # offset just after it


def parse_label(paragraph: str) -> Label | None:
    """The number a paragraph starts with, or None (`一是…`, `2017年…` are not numbers)."""
    m = _LABEL.match(paragraph)
    if not m:
        return None
    g = m.groupdict()
    if g["cb"]:
        num, style, rank = g["cbn"], g["cb"] + "一" + g["cbc"], 1
    elif g["cn"]:
        num, style, rank = g["cn"], "一" + g["cs"], 0
    elif g["ab"]:
        num, style, rank = g["abn"], g["ab"] + "1" + g["abc"], 3
    else:
        num, style, rank = g["an"], "1" + g["as"], 2
    try:
        value = numeral_value(num)
    except ValueError:
        return None
    if value == 0:
        return None
    text = m.group(0).lstrip(" \t\u3000\u00a0")
    return Label(text, style, value, rank, m.end() - len(text), m.end())


def check(ctx: Context) -> None:
    if ctx.is_yaml:
        _check_levels(ctx)
    else:
        _check_document(ctx)


def _check_document(ctx: Context) -> None:
    labelled = [(s, parse_label(s.text)) for s in ctx.by_role("heading")]
    labelled = [(s, lab) for s, lab in labelled if lab is not None]
    last: dict[int, tuple[int, str]] = {}
    reset: dict[int, bool] = {}
    for span, lab in labelled:
        prev = last.get(lab.rank)
        if prev is None:
            if lab.value != 1:
                ctx.report("numbering-gap", "编号“%s”是该级第一个编号，应从%s开始"
                           % (lab.text, _restyle(lab, 1)), span, lab.start)
        else:
            value, text = prev
            restart = reset.get(lab.rank, False) and lab.value == 1
            if lab.value == value and not restart:
                ctx.report("numbering-repeat", "编号“%s”重复：上一个同级编号也是“%s”，此处应为“%s”"
                           % (lab.text, text, _restyle(lab, value + 1)), span, lab.start)
            elif lab.value != value + 1 and not restart:
                want = _restyle(lab, value + 1)
                if reset.get(lab.rank):
                    want += "”或“%s" % _restyle(lab, 1)
                ctx.report("numbering-gap", "编号“%s”不连续：上一个同级编号是“%s”，此处应为“%s”"
                           % (lab.text, text, want), span, lab.start)
        last[lab.rank] = (lab.value, lab.text)
        reset[lab.rank] = False
        for deeper in range(lab.rank + 1, 4):
            reset[deeper] = True
    _check_styles(ctx, labelled)


def _check_styles(ctx: Context, labelled: list[tuple[Span, Label]]) -> None:
    """One style per level (the most common one); half-width brackets reported once a level."""
    styles: dict[int, Counter] = {}
    for _, lab in labelled:
        styles.setdefault(lab.rank, Counter())[lab.style] += 1
    told_halfwidth: set[int] = set()
    for span, lab in labelled:
        usual = styles[lab.rank].most_common(1)[0][0]
        if lab.style != usual:
            ctx.report("numbering-style", "编号“%s”与同级编号的格式“%s”不一致，应为“%s”"
                       % (lab.text, usual, _restyle(lab, lab.value, usual)), span, lab.start)
        elif _halfwidth(lab.style) and lab.rank not in told_halfwidth:
            told_halfwidth.add(lab.rank)
            n = styles[lab.rank][lab.style]
            ctx.report("numbering-halfwidth", "本级%d个编号使用半角括号“%s”，公文应使用全角括号“%s”"
                       % (n, lab.style, _full(lab.style)), span, lab.start)


def _check_levels(ctx: Context) -> None:
    """YAML: each `numbering.levels` style is full-width and used at one depth only."""
    for span in ctx.by_role("numbering-style"):
        if _halfwidth(span.text):
            ctx.report("numbering-halfwidth", "编号格式“%s”使用半角括号，公文应使用全角括号“%s”"
                       % (span.text, _full(span.text)), span,
                       edits=[(i, c, _full(c)) for i, c in enumerate(span.text) if c in "()"])
    groups: dict[str, list[Span]] = {}
    for span in ctx.by_role("numbering-style"):
        groups.setdefault(span.path.rsplit("[", 1)[0], []).append(span)
    for spans in groups.values():
        seen: dict[str, int] = {}
        for depth, span in enumerate(spans):
            key = _canonical(span.text)
            if key in seen:
                ctx.report("numbering-style", "第%d级编号格式“%s”与第%d级相同，两级编号将无法区分"
                           % (depth + 1, span.text, seen[key] + 1), span, level="warning")
            else:
                seen[key] = depth


def _restyle(lab: Label, value: int, style: str | None = None) -> str:
    return parse_style(style or lab.style).format(value)


def _halfwidth(style: str) -> bool:
    return "(" in style or ")" in style


def _full(style: str) -> str:
    return style.replace("(", "（").replace(")", "）")


def _canonical(style: str) -> str:
    try:
        s = parse_style(_full(style))
    except ValueError:
        return style
    return "%s|%s|%s" % (s.prefix, s.kind, s.suffix)


def paragraph_title(text: str, lab: Label) -> tuple[int, int, bool]:
    """(start, end, more) of a numbered paragraph's title: the words after the number up to the
    first `。`; `more` when text follows that `。` (a run-on item rather than a bare heading,
    whose title keeps its final `。` so that the title rules can see it)."""
    start = lab.end
    cut = text.find("。", start)
    if cut < 0 or not text[cut + 1:].strip():
        return start, len(text.rstrip()), False
    return start, cut, True

