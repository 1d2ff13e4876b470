"""Aligning the items of two plan trees: which old item became which new one.

Passes, cheapest first, each only over what is still unmatched:
1. stable IDs, where both sides have one;
2. identical text (after normalising script, punctuation width and spaces);
3. similar text: rapidfuzz's Indel ratio on characters (Chinese has no word spaces), with the
   title as a second opinion and position as a tie-breaker, solved as an optimal one-to-one
   assignment (`assign.py`); below `THRESHOLD` an item is removed + added.  Candidate pairs are
   blocked (position window, shared rare title bigrams) once the plans are large, so the cost
   grows with the number of items, not its square;
4. sections (depth 0) by title and by where their children went.
Then moves (a changed parent, or out of order among siblings) and splits/merges (an added item
whose text sits inside a neighbouring old one).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Item, Plan
from ..numbering import label_tree
from .normalize import match_key

THRESHOLD = 0.5  # Indel similarity below which two items are different tasks
FULL_PAIRS = 40_000  # compare every pair below this many; block candidates above
WINDOW = 25  # position neighbours considered per item when blocking
RARE_BIGRAM = 12  # a title bigram shared by at most this many items marks a candidate
SPLIT_SCORE = 85  # partial_ratio of an added item inside an old one for a split/merge
SPLIT_MIN_CHARS = 8


@dataclass
class Node:
    item: Item
    path: tuple[int, ...]
    depth: int
    index: int
    label: str
    parent: int | None
    key: str = ""
    title_key: str = ""
    children: list[int] = field(default_factory=list)

    @property
    def section(self) -> bool:
        return self.depth == 0


def item_text(item: Item) -> str:
    """An item's words as one string, title first, as a reader sees them (without number)."""
    paras = item.paragraphs()
    if not paras:
        return item.title
    sep = "" if not item.title or item.title[-1] in "。！？!?：:；;" else "。"
    return item.title + sep + "\n".join(paras)


def nodes_of(plan: Plan) -> list[Node]:
    labels = label_tree(plan)
    out: list[Node] = []
    stack: list[int] = []
    for item, path in plan.walk_paths():
        depth = len(path) - 1
        del stack[depth:]
        parent = stack[-1] if stack else None
        node = Node(item, path, depth, len(out), labels.get(id(item), ""), parent,
                    match_key(item_text(item)), match_key(item.title))
        if parent is not None:
            out[parent].children.append(node.index)
        out.append(node)
        stack.append(node.index)
    return out


@dataclass
class Alignment:
    old: list[Node]
    new: list[Node]
    pairs: dict[int, int]  # old index -> new index
    similarity: dict[int, float]  # old index -> similarity of its pair
    moved: set[int] = field(default_factory=set)  # old indexes
    splits: dict[int, int] = field(default_factory=dict)  # added new index -> old index it came from
    merges: dict[int, int] = field(default_factory=dict)  # removed old index -> new index it went into

    def inverted(self) -> "Alignment":
        back = {b: a for a, b in self.pairs.items()}
        return Alignment(self.new, self.old, back, {self.pairs[a]: s for a, s in self.similarity.items()},
                         {self.pairs[a] for a in self.moved}, dict(self.merges), dict(self.splits))


def align(old: Plan, new: Plan) -> Alignment:
    """Align two plans.  Runs in one canonical orientation, so aligning (b, a) is exactly the
    mirror of aligning (a, b) even where equal scores leave a choice."""
    a, b = nodes_of(old), nodes_of(new)
    if _fingerprint(a) > _fingerprint(b):
        return _align(b, a).inverted()
    return _align(a, b)


def _fingerprint(nodes: list[Node]) -> tuple:
    return (len(nodes), [n.key for n in nodes], [item_text(n.item) for n in nodes],
            [n.item.id or "" for n in nodes])


def _align(a: list[Node], b: list[Node]) -> Alignment:
    pairs: dict[int, int] = {}
    _by_id(a, b, pairs)
    _by_key(a, b, pairs)
    sims: dict[int, float] = {}
    _fuzzy(a, b, pairs, sims)
    _sections(a, b, pairs, sims)
    al = Alignment(a, b, pairs, sims)
    for i, j in pairs.items():
        if i not in sims:
            sims[i] = _similarity(a[i], b[j])
    al.moved = _moves(a, b, pairs)
    _splits_merges(al)
    return al


def _by_id(a, b, pairs) -> None:
    ids = {n.item.id: n.index for n in b if n.item.id}
    for n in a:
        j = ids.get(n.item.id) if n.item.id else None
        if j is not None:
            pairs[n.index] = j


def _by_key(a, b, pairs) -> None:
    taken = set(pairs.values())
    free: dict[tuple[bool, str], list[int]] = {}
    for n in b:
        if n.index not in taken:
            free.setdefault((n.section, n.key), []).append(n.index)
    for n in a:
        if n.index in pairs:
            continue
        js = free.get((n.section, n.key))
        if js:
            pairs[n.index] = js.pop(0)


def _similarity(x: Node, y: Node) -> float:
    """Text similarity 0–1; a nearly identical title vouches for a reworded body."""
    from rapidfuzz import fuzz

    full = fuzz.ratio(x.key, y.key) / 100
    if x.title_key and y.title_key and len(x.title_key) >= 4 and x.key != x.title_key:
        title = fuzz.ratio(x.title_key, y.title_key) / 100
        if title >= 0.85:
            full = max(full, 0.75 * title)
    return full


def _fuzzy(a, b, pairs, sims) -> None:
    from rapidfuzz import fuzz, process

    from .assign import max_weight_matching

    taken = set(pairs.values())
    ua = [n for n in a if n.index not in pairs and not n.section]
    ub = [n for n in b if n.index not in taken and not n.section]
    if not ua or not ub:
        return
    rel_a = {n.index: n.index / max(len(a) - 1, 1) for n in ua}
    rel_b = {n.index: n.index / max(len(b) - 1, 1) for n in ub}
    keys_b = {n.index: n.key for n in ub}
    same_title: dict[str, list[int]] = {}
    for n in ub:
        if len(n.title_key) >= 4:
            same_title.setdefault(n.title_key, []).append(n.index)
    cutoff = THRESHOLD * 100 * 0.75  # the title rule can lift a pair this low over the threshold
    candidates = _candidates(ua, ub, rel_a, rel_b) if len(ua) * len(ub) > FULL_PAIRS else None
    edges: dict[tuple[int, int], float] = {}
    pair_sims: dict[tuple[int, int], float] = {}
    bn = {n.index: n for n in ub}
    for x in ua:
        if candidates is None:
            choices = keys_b
        else:
            choices = {j: keys_b[j] for j in candidates.get(x.index, ())}
        hits = {j for _, _, j in process.extract(x.key, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=None)} if choices else set()
        hits.update(same_title.get(x.title_key, ()))  # a body rewritten under the same title
        for j in sorted(hits):
            y = bn[j]
            s = _similarity(x, y)
            if s < THRESHOLD:
                continue
            weight = s + 0.01 * (1 - abs(rel_a[x.index] - rel_b[j]))
            if x.parent is not None and y.parent is not None and pairs.get(x.parent) == y.parent:
                weight += 0.005
            if x.depth != y.depth:
                weight -= 0.05
            edges[(x.index, j)] = weight
            pair_sims[(x.index, j)] = s
    for i, j in max_weight_matching(edges):
        pairs[i] = j
        sims[i] = pair_sims[(i, j)]


def _candidates(ua, ub, rel_a, rel_b) -> dict[int, set[int]]:
    """Blocking for large plans: each old item meets the new items near its relative position
    and those sharing a rare bigram of its title."""
    order = sorted(ub, key=lambda n: rel_b[n.index])
    positions = [rel_b[n.index] for n in order]
    index: dict[str, list[int]] = {}
    for n in ub:
        for g in {n.title_key[k:k + 2] for k in range(len(n.title_key) - 1)}:
            index.setdefault(g, []).append(n.index)
    out: dict[int, set[int]] = {}
    for x in ua:
        k = bisect.bisect_left(positions, rel_a[x.index])
        near = {n.index for n in order[max(0, k - WINDOW):k + WINDOW]}
        for g in {x.title_key[k:k + 2] for k in range(len(x.title_key) - 1)}:
            hits = index.get(g, ())
            if len(hits) <= RARE_BIGRAM:
                near.update(hits)
        out[x.index] = near
    return out


def _sections(a, b, pairs, sims) -> None:
    """Unmatched sections: title similarity and the share of children that went across."""
    from rapidfuzz import fuzz

    from .assign import max_weight_matching

    taken = set(pairs.values())
    ua = [n for n in a if n.section and n.index not in pairs]
    ub = [n for n in b if n.section and n.index not in taken]
    edges = {}
    scores = {}
    for x in ua:
        for y in ub:
            title = fuzz.ratio(x.key, y.key) / 100
            moved = sum(1 for c in x.children if pairs.get(c) in set(y.children))
            total = len(x.children) + len(y.children)
            children = 2 * moved / total if total else 0.0
            s = 0.5 * title + 0.5 * children if total else title
            if s >= THRESHOLD:
                edges[(x.index, y.index)] = s + 0.01 * (1 - abs(x.path[0] / max(len(a), 1) - y.path[0] / max(len(b), 1)))
                scores[(x.index, y.index)] = title
    for i, j in max_weight_matching(edges):
        pairs[i] = j
        sims[i] = scores[(i, j)]


def _moves(a, b, pairs) -> set[int]:
    """Moved: the parent changed (across sections), or out of order among siblings that stayed
    together (outside a longest increasing run of old positions in new order)."""
    moved: set[int] = set()
    groups: dict[int | None, list[tuple[int, int]]] = {}
    for i, j in pairs.items():
        pa, pb = a[i].parent, b[j].parent
        same_parent = (pa is None and pb is None) or (pa is not None and pairs.get(pa) == pb)
        if not same_parent:
            moved.add(i)
        else:
            groups.setdefault(pb, []).append((j, i))
    for members in groups.values():
        members.sort()
        seq = [i for _, i in members]
        keep = set(_lis(seq))
        moved.update(i for i in seq if i not in keep)
    return moved


def _lis(seq: list[int]) -> list[int]:
    """A longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, x in enumerate(seq):
        p = bisect.bisect_left(tails, x)
        if p == len(tails):
            tails.append(x)
            tails_idx.append(k)
        else:
            tails[p] = x
            tails_idx[p] = k
        prev[k] = tails_idx[p - 1] if p else -1
    out = []
    k = tails_idx[-1] if tails_idx else -1
    while k != -1:
        out.append(seq[k])
        k = prev[k]
    return out[::-1]


def _splits_merges(al: Alignment) -> None:
    """An added item whose text sits inside the old item matched next to it was split off it;
    a removed item whose text sits inside a nearby new item was merged into it."""
    from rapidfuzz import fuzz

    back = {j: i for i, j in al.pairs.items()}
    for y in al.new:
        if y.index in back or y.section or len(y.key) < SPLIT_MIN_CHARS:
            continue
        for j in range(max(0, y.index - 3), min(len(al.new), y.index + 4)):
            i = back.get(j)
            if i is None or al.old[i].section:
                continue
            if fuzz.partial_ratio(y.key, al.old[i].key) >= SPLIT_SCORE and len(al.old[i].key) > len(y.key):
                al.splits[y.index] = i
                break
    for x in al.old:
        if x.index in al.pairs or x.section or len(x.key) < SPLIT_MIN_CHARS:
            continue
        for i in range(max(0, x.index - 3), min(len(al.old), x.index + 4)):
            j = al.pairs.get(i)
            if j is None or al.new[j].section:
                continue
            if fuzz.partial_ratio(x.key, al.new[j].key) >= SPLIT_SCORE and len(al.new[j].key) > len(x.key):
                al.merges[x.index] = j
                break
