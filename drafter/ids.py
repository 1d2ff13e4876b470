"""Short stable item IDs, and writing them into a hand-edited YAML file without touching
anything else in it.

IDs are inserted as text at the exact position of each item's first key, so every other byte
of the file (comments, quoting, indentation) stays as the drafter wrote it.
"""
from __future__ import annotations

import hashlib
from typing import Any

from .model import Item, Plan

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l/o/0/1: IDs get read aloud and retyped


def make_id(seed: str, taken: set[str]) -> str:
    """A 4-character ID derived from `seed`, starting with a letter (so YAML keeps it a string),
    lengthened on collision."""
    digest = hashlib.blake2b(seed.encode("utf-8"), digest_size=16).digest()
    n = int.from_bytes(digest, "big")
    for length in range(4, 12):
        chars = [_ALPHABET[n % 24]]  # first: a letter
        m = n // 24
        for _ in range(length - 1):
            chars.append(_ALPHABET[m % len(_ALPHABET)])
            m //= len(_ALPHABET)
        candidate = "".join(chars)
        if candidate not in taken:
            taken.add(candidate)
            return candidate
        n = n * 7919 + length
    raise RuntimeError("no free ID")  # pragma: no cover - 32**11 IDs


def missing_ids(plan: Plan) -> list[tuple[Item, tuple[int, ...]]]:
    return [(node, path) for node, path in plan.walk_paths() if not node.id]


def assign_ids(plan: Plan) -> list[Item]:
    """Give every node without an ID one (in the model only); returns the nodes changed."""
    taken = {node.id for node, _ in plan.walk() if node.id}
    changed = []
    for node, path in missing_ids(plan):
        node.id = make_id("%s|%s" % (node.title, ".".join(map(str, path))), taken)
        changed.append(node)
    return changed


def insert_ids(document: Any, nodes: list[Item]) -> str:
    """`document.text` (a `yamlio.Document`) with `id: …` written in for `nodes` (items of its
    plan), touching nothing else.  Each ID goes just before the item's first key, on its own
    line at the same indent."""
    from .yamlio import is_flow, key_position

    text = document.text
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    inserts: list[tuple[int, str]] = []
    for node in nodes:
        ynode = document.node_of(node)
        where = key_position(ynode, next(iter(ynode))) if ynode else None
        if where is None:
            raise ValueError("item %r has no position in the file" % node.title)
        line, col = where
        pos = offsets[line] + col
        if is_flow(ynode):
            inserts.append((pos, "id: %s, " % node.id))
        else:
            inserts.append((pos, "id: %s\n%s" % (node.id, " " * col)))
    for pos, s in sorted(inserts, reverse=True):
        text = text[:pos] + s + text[pos:]
    return text
