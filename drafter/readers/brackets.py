"""Bracket-aware scanning: a title's end (the first `。` outside brackets), names split on
`、` outside brackets, the `（…）` group that ends a paragraph.  Reader logic (how an item's
title, offices and tag are cut out of its paragraph), not a writing convention, so it stays
with the readers; item numbers are parsed by `drafter.text.labels`.
"""
from __future__ import annotations

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
