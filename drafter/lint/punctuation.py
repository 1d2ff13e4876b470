"""Punctuation: half-width `, ; : ( ) ? !` inside Chinese text (seed 001 throughout, seed 002's
brackets), quotes and brackets that do not pair up, and doubled marks such as `。。` `，。`."""
from __future__ import annotations

import re

from ..text.punct import HALF_TO_FULL_PUNCT, fold_punct, is_cjk
from .base import Context, Span, rule

rule("punct-halfwidth", "warning", "中文之间使用了半角标点（, ; : ( ) ? !）", fixable=True)
rule("punct-unbalanced", "error", "引号、括号、书名号不配对")
rule("punct-double", "error", "标点重复（如“。。”“，。”）")

_FULL_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】〔〕…—·「」『』～％")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_DOUBLE = re.compile(r"[。，、；：]{2,}")
_HALF_RUN = re.compile(r"[,;:?!()]+")


def _chinese(ch: str) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in _FULL_PUNCT)


def check(ctx: Context) -> None:
    spans = ctx.texts()
    for span in spans:
        _halfwidth(ctx, span)
        _double(ctx, span)
    _unbalanced(ctx, spans)


def halfwidth_spots(text: str) -> list[int]:
    """Offsets of half-width marks that sit in Chinese text.  A run of marks (`,,` `),`) is
    judged by what stands either side of the whole run, and brackets go by pairs, so a `(`
    whose partner touches Chinese is changed with it: fixing once leaves nothing to fix."""
    runs = [(m.start(), m.end()) for m in _HALF_RUN.finditer(text)]
    where = {i: run for run in runs for i in range(*run)}

    def chinese_side(i: int) -> bool:
        a, b = where[i]
        before, after = text[a - 1:a] if a else "", text[b:b + 1]
        return (_chinese(before) or _chinese(after)) and not (before.isdigit() and after.isdigit())

    spots: set[int] = set()
    stack: list[int] = []
    pairs: list[list[int]] = []
    for i in sorted(where):
        ch = text[i]
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            pairs.append([stack.pop(), i] if stack else [i])
        elif chinese_side(i):
            spots.add(i)
    pairs.extend([i] for i in stack)
    for ends in pairs:
        if any(chinese_side(e) for e in ends):
            spots.update(ends)
    return sorted(spots)


def _halfwidth(ctx: Context, span: Span) -> None:
    spots = halfwidth_spots(span.text)
    if not spots:
        return
    marks = "".join(dict.fromkeys(span.text[i] for i in spots))
    ctx.report("punct-halfwidth", "中文中使用了半角标点%s，应为全角%s（共%d处）"
               % ("".join("“%s”" % c for c in marks),
                  "".join("“%s”" % HALF_TO_FULL_PUNCT[c] for c in marks), len(spots)),
               span, spots[0], edits=[(i, span.text[i], HALF_TO_FULL_PUNCT[span.text[i]]) for i in spots])


def _double(ctx: Context, span: Span) -> None:
    for m in _DOUBLE.finditer(fold_punct(span.text)):
        ctx.report("punct-double", "标点重复“%s”" % span.text[m.start():m.end()], span, m.start())


def pairing(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(closers without an opener, openers left open) — half-width brackets count as their
    full-width forms, so `（…)` pairs (and is reported as half-width instead)."""
    closers: list[tuple[int, str]] = []
    opened: list[tuple[int, str]] = []
    stack: list[tuple[int, str]] = []
    for i, ch in enumerate(fold_punct(text)):
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _CLOSERS:
            want = _CLOSERS[ch]
            if any(c == want for _, c in stack):
                while stack[-1][1] != want:  # the ones in between were never closed
                    opened.append(stack.pop())
                stack.pop()
            else:
                closers.append((i, ch))
    return closers, sorted(opened + stack)


def _unbalanced(ctx: Context, spans: list[Span]) -> None:
    found = [pairing(s.text) for s in spans]
    joined: set[int] = set()
    for k, (span, (closers, opened)) in enumerate(zip(spans, found)):
        nxt = found[k + 1] if k + 1 < len(spans) else None
        if (not ctx.is_yaml and opened and nxt and not nxt[1] and len(nxt[0]) == len(opened)
                and all(_PAIRS[o] == c for (_, o), (_, c) in zip(reversed(opened), nxt[0]))):
            marks = "".join(c for _, c in opened)
            ctx.report("punct-unbalanced", "“%s”在段末未闭合，下一段的“%s”与之配对：段落中间可能多了一个换行"
                       % (marks, "".join(c for _, c in nxt[0])), span, opened[0][0])
            joined.add(k + 1)
            continue
        if k in joined:
            continue
        for i, c in closers:
            ctx.report("punct-unbalanced", "“%s”没有对应的“%s”" % (c, _CLOSERS[c]), span, i)
        for i, c in opened:
            ctx.report("punct-unbalanced", "“%s”没有对应的“%s”" % (c, _PAIRS[c]), span, i)
