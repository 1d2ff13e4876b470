"""The plan's tasks as collect ties returned text to them: each task's printed label and
rendered paragraphs (`Tasks`), a 条目 a unit wrote resolved to its task (title, label, or a
near title), and each paragraph of a returned copy tied to its task — by the writer's
`drafter_<id>` bookmark, else by the text it had when sent (exact, then fuzzy).
"""
from __future__ import annotations

from ..text.labels import same_number, strip_labels
from .wordml import Body

FUZZY_CUTOFF = 85  # rapidfuzz ratio a paragraph must reach to be tied to a rendered one


class Tasks:
    """The plan's items, their printed labels, and their rendered paragraphs by text."""

    def __init__(self, plan, template_dir: str | None = None):
        from ..numbering import label_tree
        from ..writers.docx import layout

        self.plan = plan
        self.template_dir = template_dir
        labels = label_tree(plan)
        self.items = {node.id: node for node, _ in plan.walk() if node.id}
        self.order = {node.id: i for i, (node, _) in enumerate(plan.walk()) if node.id}
        self.labels = {node.id: labels[id(node)] for node, _ in plan.walk() if node.id}
        self.paras: list[tuple[str, str | None]] = []  # (key, node id) in document order
        self.by_key: dict[str, list[int]] = {}
        for p in layout(plan, "plan"):
            key = text_key(p.text)
            if key:
                self.by_key.setdefault(key, []).append(len(self.paras))
                self.paras.append((key, p.node_id))

    def entry(self, node_id: str) -> str:
        """条目 as printed in the tables: label and title."""
        return self.labels.get(node_id, "") + self.items[node_id].title

    def fields(self, node_id: str) -> list[tuple[str, int, str]]:
        """(field, paragraph index, text): the title (index -1), then each text paragraph."""
        node = self.items[node_id]
        return [("title", -1, node.title)] + [("text", i, t) for i, t in enumerate(node.paragraphs())]

    def resolve(self, text: str) -> str | None:
        """The task a unit meant by what it wrote as 条目: a title (whole or begun), or a label
        that only one task carries, or a near title."""
        key = text_key(text).rstrip("…").rstrip(".")
        if not key:
            return None
        bare = strip_labels(key) or key
        best, best_len = None, 0
        for nid, node in self.items.items():
            title = text_key(node.title)
            if not title:
                continue
            if (title in key or (len(bare) >= 4 and title.startswith(bare))) and len(title) > best_len:
                best, best_len = nid, len(title)
        if best:
            return best
        same_label = [nid for nid, label in self.labels.items()
                      if text_key(label) == key or same_number(label, text)]
        if len(same_label) == 1:
            return same_label[0]
        from rapidfuzz import fuzz, process

        titles = {nid: text_key(node.title) for nid, node in self.items.items()}
        hit = process.extractOne(bare, titles, scorer=fuzz.partial_ratio, score_cutoff=90)
        return hit[2] if hit and len(bare) >= 4 else None


def text_key(text: str) -> str:
    """Text for matching: full-width punctuation, no spaces."""
    from ..text.punct import fold_punct, squeeze_spaces

    return squeeze_spaces(fold_punct(text or "")).strip()


def simple_key(text: str) -> str:
    """`text_key` in simplified script, for finding the form's own words (seed 002's forms are
    printed in traditional script)."""
    from ..text.script import to_simplified

    return to_simplified(text_key(text))


def tie_paragraphs(body: Body, tasks: Tasks) -> dict[int, str | None]:
    """Paragraph index → task id: by bookmark; else by the text it had when sent (exact, in
    document order, then fuzzy); a paragraph the unit added belongs to the task before it."""
    from rapidfuzz import fuzz, process

    ties: dict[int, str | None] = {}
    last = -1
    item_keys = {i: key for i, (key, nid) in enumerate(tasks.paras) if nid}
    prev: str | None = None
    for p in body.paras:
        marked = [b for b in p.bookmarks if b in tasks.items]
        key = text_key(p.before)
        nid = None
        if marked:
            nid = marked[-1]
        elif p.inserted:
            nid = prev
        elif key and key in tasks.by_key:
            spots = tasks.by_key[key]
            spot = next((s for s in spots if s > last), spots[0])
            last, nid = spot, tasks.paras[spot][1]
        elif len(key) >= 6 and not p.in_table:
            hit = process.extractOne(key, item_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit:
                last, nid = hit[2], tasks.paras[hit[2]][1]
        ties[p.index] = nid
        if key or p.inserted:
            prev = nid
    return ties


def recognised(body: Body, tasks: Tasks) -> bool:
    """Some paragraph reads as one of the plan's rendered paragraphs: a copy of this draft."""
    return any(text_key(p.before) in tasks.by_key for p in body.paras if p.before.strip())
