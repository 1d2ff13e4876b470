"""Item numbers of a plan: the one walk over its numbering scopes, and the labels it gives.

A style is written as its first label (`一、` `（一）` `1.` `（1）`, see `text.labels`).
Numbers are always computed here from the tree, never stored in a plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from .model import Item, Plan
from .text.labels import parse_style


@dataclass(frozen=True)
class Place:
    """Where a node sits in the numbering: the scope it is counted in (the path of the node
    whose `numbering` opened it; () for the plan's), its depth in that scope, that scope's
    `Numbering`, and the number it gets."""

    node: Item
    path: tuple[int, ...]  # indexes from the plan's sections down to the node
    scope: tuple[int, ...]
    depth: int
    numbering: Any  # model.Numbering
    number: int

    @property
    def style(self) -> str:
        return self.numbering.style(self.depth)

    @property
    def label(self) -> str:
        return parse_style(self.style).format(self.number)


def places(plan: Plan) -> Iterator[Place]:
    """Every node in document order with its place in the numbering.

    Counters are kept per depth inside a numbering scope; a depth's counter restarts under a
    new parent unless that depth is `continuous`.  A node's own `numbering` opens a new scope
    for its descendants, with its own counters (seed 004's 主要任务 list)."""

    def run(nodes: list[Item], numbering, depth: int, counters: dict[int, int],
            scope: tuple[int, ...], prefix: tuple[int, ...]) -> Iterator[Place]:
        if not numbering.is_continuous(depth):
            counters[depth] = 0
        for i, node in enumerate(nodes):
            counters[depth] = counters.get(depth, 0) + 1
            path = prefix + (i,)
            yield Place(node, path, scope, depth, numbering, counters[depth])
            if node.numbering is not None:
                yield from run(node.items, node.numbering, 0, {}, path, path)
            else:
                yield from run(node.items, numbering, depth + 1, counters, scope, path)

    yield from run(plan.sections, plan.numbering, 0, {}, (), ())


def label_tree(plan: Plan) -> dict[int, str]:
    """Map id(node) → printed label for every node of the plan."""
    return {id(p.node): p.label for p in places(plan)}


def numbered(plan: Plan) -> list[tuple[Item, int, str]]:
    """(node, depth, label) for every node in document order."""
    labels = label_tree(plan)
    return [(node, depth, labels[id(node)]) for node, depth in plan.walk()]
