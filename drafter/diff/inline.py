"""The inline diff inside one matched item, marked the way a careful editor would.

Chinese has no spaces, so the diff is by character; but numbers, percentages, ranges and dates
are single tokens (`6-8个`→`8-10个` is one replacement of `6-8` by `8-10`, not `6-` deleted
and `-10` inserted), and one- or two-character islands of sameness between edits are folded
into the edit (`加强`→`强化` is one replacement, not 加 struck, 强 kept, 化 added).
"""
from __future__ import annotations

import re

# Whole tokens: dates, numbers with ranges and rate units, Latin words.  Everything else is
# one token per character.
_TOKEN = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日"
    r"|\d+(?:\.\d+)?(?:[-－~～—–至到]\d+(?:\.\d+)?)?(?:%|％|‰|/(?:10|十|1|一)?万|/千)?"
    r"|[A-Za-z]+|.", re.S)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[-－~～—–至到]\d+(?:\.\d+)?)?(?:%|％|‰|/(?:10|十|1|一)?万|/千)?")
CLAUSE_PUNCT = set("，。；：、！？,;:!?\n")
ISLAND = 2  # equal runs this short between two edits are folded into them


Op = tuple[str, str, str]  # (equal|replace|insert|delete, old text, new text)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def inline_ops(old: str, new: str) -> list[Op]:
    """Ops that turn `old` into `new`; the old texts joined give `old`, the new texts `new`.

    Computed in one canonical orientation, so `inline_ops(b, a)` is exactly the mirror of
    `inline_ops(a, b)` (inserts and deletes swapped)."""
    if old == new:
        return [("equal", old, new)] if old else []
    if (len(old), old) > (len(new), new):
        return invert_ops(_ops(new, old))
    return _ops(old, new)


def invert_ops(ops: list[Op]) -> list[Op]:
    flip = {"insert": "delete", "delete": "insert"}
    return [(flip.get(tag, tag), b, a) for tag, a, b in ops]


def _ops(old: str, new: str) -> list[Op]:
    from rapidfuzz.distance import Indel

    ta, tb = tokens(old), tokens(new)
    # Longest common subsequence of tokens: equal runs, and edit runs between them.
    spans: list[list] = []
    for op in Indel.opcodes(ta, tb):
        kind = "equal" if op.tag == "equal" else "edit"
        if spans and spans[-1][0] == kind == "edit":
            spans[-1][2], spans[-1][4] = op.src_end, op.dest_end
        else:
            spans.append([kind, op.src_start, op.src_end, op.dest_start, op.dest_end])
    spans = [piece for span in spans for piece in _split_numbers(span, ta, tb)]
    spans = _fold_islands(spans, ta, tb)
    out: list[Op] = []
    for kind, a0, a1, b0, b1 in spans:
        a, b = "".join(ta[a0:a1]), "".join(tb[b0:b1])
        if kind != "equal":
            kind = "replace" if a and b else ("delete" if a else "insert")
        if a or b:
            out.append((kind, a, b))
    return out


def _is_number(tok: str) -> bool:
    return tok[:1].isdigit()


def _split_numbers(span: list, ta: list[str], tb: list[str]) -> list[list]:
    """In an edit where both sides start (or end) with a number, that number pair is an edit
    of its own: `60%。` → `70%，贫困人口全覆盖。` reads 60%→70%, then the added clause."""
    kind, a0, a1, b0, b1 = span
    if kind == "equal":
        return [span]
    head: list[list] = []
    tail: list[list] = []
    while a0 < a1 and b0 < b1 and _is_number(ta[a0]) and _is_number(tb[b0]) and (a1 - a0 > 1 or b1 - b0 > 1):
        head.append(["edit", a0, a0 + 1, b0, b0 + 1])
        a0, b0 = a0 + 1, b0 + 1
    while a0 < a1 and b0 < b1 and _is_number(ta[a1 - 1]) and _is_number(tb[b1 - 1]) and (a1 - a0 > 1 or b1 - b0 > 1):
        tail.insert(0, ["edit", a1 - 1, a1, b1 - 1, b1])
        a1, b1 = a1 - 1, b1 - 1
    middle = [["edit", a0, a1, b0, b1]] if (a0 < a1 or b0 < b1) else []
    return head + middle + tail


def _fold_islands(spans: list[list], ta: list[str], tb: list[str]) -> list[list]:
    """Merge edit, short equal island, edit into one edit, unless the island is clause
    punctuation (a reader wants the comma kept as a landmark) or an edge of a number edit."""

    def size(sp) -> int:
        return max(sum(map(len, ta[sp[1]:sp[2]])), sum(map(len, tb[sp[3]:sp[4]])))

    def numeric(sp) -> bool:
        return any(_is_number(t) for t in ta[sp[1]:sp[2]] + tb[sp[3]:sp[4]])

    out: list[list] = []
    for span in spans:
        if span[0] != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-2][0] != "equal":
            prev, mid = out[-2], out[-1]
            island = "".join(ta[mid[1]:mid[2]])
            if (len(island) <= min(ISLAND, size(prev), size(span)) and not CLAUSE_PUNCT.intersection(island)
                    and not numeric(prev) and not numeric(span)):
                out[-2:] = [["edit", prev[1], span[2], prev[3], span[4]]]
                continue
        out.append(list(span))
    return out


def changed(ops: list[Op]) -> bool:
    return any(tag != "equal" for tag, _, _ in ops)
