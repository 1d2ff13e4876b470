"""Item numbers: styles such as `一、` `（一）` `1.` `（1）`, and the labels of a whole tree.

A style is written as its first label; the numeral in it (一 or 1) marks the counter's place
and kind.  Numbers are always computed here from the tree, never stored in a plan.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .chinese import NUMERAL_CHARS, from_chinese, to_chinese
from .model import Item, Numbering, Plan


@dataclass(frozen=True)
class Style:
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


def numeral_value(text: str) -> int:
    return int(text) if text.isdigit() else from_chinese(text)


def label_tree(plan: Plan) -> dict[int, str]:
    """Map id(node) → printed label for every node of the plan.

    Counters are kept per depth inside a numbering scope; a depth's counter restarts under a
    new parent unless that depth is `continuous`.  A node's own `numbering` opens a new scope
    for its descendants, with its own counters (seed 004's 主要任务 list)."""
    labels: dict[int, str] = {}

    def run(nodes: list[Item], numbering: Numbering, depth: int, counters: dict[int, int]) -> None:
        if not numbering.is_continuous(depth):
            counters[depth] = 0
        style = parse_style(numbering.style(depth))
        for node in nodes:
            counters[depth] = counters.get(depth, 0) + 1
            labels[id(node)] = style.format(counters[depth])
            if node.numbering is not None:
                run(node.items, node.numbering, 0, {})
            else:
                run(node.items, numbering, depth + 1, counters)

    run(plan.sections, plan.numbering, 0, {})
    return labels


def numbered(plan: Plan) -> list[tuple[Item, int, str]]:
    """(node, depth, label) for every node in document order."""
    labels = label_tree(plan)
    return [(node, depth, labels[id(node)]) for node, depth in plan.walk()]
