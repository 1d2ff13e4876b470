"""Item numbers: in a document, each level's numbers run 1, 2, 3… without gaps or repeats and in
one style (seed 004 repeats `一、`, seed 001 writes `45.` among `1、`); in a plan YAML the
numbers are computed, so only the styles in `numbering:` can be wrong.

Levels are ranked as GB/T 9704 orders them — `一、` › `（一）` › `1.` › `（1）` — so a
`（一）` under `一、主要任务` and a `1、` directly under `一、` both place correctly.
"""
from __future__ import annotations

from collections import Counter

from ..text.labels import Label, parse_label, parse_style
from .base import Context, Span, rule

rule("numbering-repeat", "error", "同级编号重复（如两个“一、”）")
rule("numbering-gap", "error", "同级编号跳号或倒序")
rule("numbering-style", "error", "同级编号格式不一致（YAML中：两级编号格式相同，为警告）")
rule("numbering-halfwidth", "warning", "编号使用半角括号“(一)”，应为“（一）”", fixable=True)
rule("numbering-spacing", "warning", "编号内有空格（如“一 、”“（ 一 ）”），应为“一、”“（一）”")
rule("numbering-punct", "warning", "汉字编号后用了点号（如“一.”），应为顿号“一、”")


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
                           % (lab.printed, _restyle(lab, 1)), span, lab.start)
        else:
            value, text = prev
            restart = reset.get(lab.rank, False) and lab.value == 1
            if lab.value == value and not restart:
                ctx.report("numbering-repeat", "编号“%s”重复：上一个同级编号也是“%s”，此处应为“%s”"
                           % (lab.printed, text, _restyle(lab, value + 1)), span, lab.start)
            elif lab.value != value + 1 and not restart:
                want = _restyle(lab, value + 1)
                if reset.get(lab.rank):
                    want += "”或“%s" % _restyle(lab, 1)
                ctx.report("numbering-gap", "编号“%s”不连续：上一个同级编号是“%s”，此处应为“%s”"
                           % (lab.printed, text, want), span, lab.start)
        last[lab.rank] = (lab.value, lab.printed)
        reset[lab.rank] = False
        for deeper in range(lab.rank + 1, 4):
            reset[deeper] = True
    _check_styles(ctx, labelled)
    _check_typing(ctx, labelled)


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
                       % (lab.printed, usual, _restyle(lab, lab.value, usual)), span, lab.start)
        elif _halfwidth(lab.style) and lab.rank not in told_halfwidth:
            told_halfwidth.add(lab.rank)
            n = styles[lab.rank][lab.style]
            ctx.report("numbering-halfwidth", "本级%d个编号使用半角括号“%s”，公文应使用全角括号“%s”"
                       % (n, lab.style, _full(lab.style)), span, lab.start)


def _check_typing(ctx: Context, labelled: list[tuple[Span, Label]]) -> None:
    """Labels the importer reads but GB/T 9704 does not write: spaces inside (`一 、`, `（ 一 ）`)
    and a point after a Chinese numeral (`一.` `一．`); once a level, with how many."""
    for code, odd, message in (
            ("numbering-spacing", lambda lab: lab.spaced, "本级%d个编号内有空格，如“%s”，应为“%s”"),
            ("numbering-punct", lambda lab: lab.family == "cn" and lab.style != "一、",
             "本级%d个汉字编号后用了点号，如“%s”，应为“%s”")):
        found = [(span, lab) for span, lab in labelled if odd(lab)]
        told: set[int] = set()
        for span, lab in found:
            if lab.rank in told:
                continue
            told.add(lab.rank)
            n = sum(1 for _, other in found if other.rank == lab.rank)
            ctx.report(code, message % (n, lab.printed, _proper(lab)), span, lab.start)


def _proper(lab: Label) -> str:
    """The label as GB/T 9704 writes it: no spaces, full-width brackets, 、 after 一."""
    style = _full(lab.style)
    if lab.family == "cn":
        style = "一、"
    return parse_style(style).format(lab.value)


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

