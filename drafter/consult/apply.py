"""Applying the office's decisions: each accepted edit replaces its 原文 in its task.

A row is applied when its 处理意见 is 采纳 (or 部分采纳, with the text left in 建议修改为) and its
原文 is found exactly once in its task's title or one text paragraph.  Two accepted edits whose
原文 overlap in the same text are a conflict: neither is applied, both are reported; the same
edit proposed by several units is made once.  The plan YAML is edited in place through
ruamel's round trip (`drafter.yamlio`), so the drafter's comments and layout stay.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import ACCEPT, PARTIAL
from .summary import DELETED, Row


@dataclass
class Edit:
    row: Row
    item_id: str
    field: str  # title | text
    index: int  # text paragraph (-1: title)
    start: int
    end: int
    new: str


@dataclass
class Outcome:
    applied: list[tuple[Row, str]] = field(default_factory=list)
    skipped: list[tuple[Row, str]] = field(default_factory=list)
    conflicts: list[tuple[Row, str]] = field(default_factory=list)


def plan_edits(rows: list[Row], tasks) -> tuple[list[Edit], Outcome]:
    """The edits the decided rows ask for, and the rows that cannot be applied (with why)."""
    out = Outcome()
    edits = []
    for row in rows:
        if row.decision not in (ACCEPT, PARTIAL):
            continue
        if not row.proposed:
            why = "部分采纳 without replacement text in 建议修改为" if row.decision == PARTIAL else \
                "no text in 建议修改为 (a comment): make the change by hand"
            out.skipped.append((row, why))
            continue
        nid = row.id if row.id in tasks.items else tasks.resolve(row.entry)
        if nid is None:
            out.skipped.append((row, "not tied to a task (编号 %r, 条目 %r)" % (row.id, row.entry)))
            continue
        if not row.quote:
            out.skipped.append((row, "no 原文 to replace"))
            continue
        spots = [(name, i, k) for name, i, text in tasks.fields(nid) for k in _find_all(text, row.quote)]
        if len(spots) != 1:
            why = "原文 not found in %s" if not spots else "原文 occurs %d times in %%s" % len(spots)
            out.skipped.append((row, why % tasks.entry(nid)))
            continue
        name, i, k = spots[0]
        new = "" if row.proposed == DELETED else row.proposed
        edits.append(Edit(row, nid, name, i, k, k + len(row.quote), new))
    return edits, out


def resolve_conflicts(edits: list[Edit], out: Outcome) -> list[Edit]:
    """Drop overlapping edits of one text (conflicts) and duplicates of the same edit."""
    keep: list[Edit] = []
    by_text: dict[tuple, list[Edit]] = {}
    for e in edits:
        by_text.setdefault((e.item_id, e.field, e.index), []).append(e)
    for group in by_text.values():
        group.sort(key=lambda e: (e.start, e.end))
        clusters: list[list[Edit]] = []
        for e in group:
            if clusters and e.start < max(x.end for x in clusters[-1]):
                clusters[-1].append(e)
            else:
                clusters.append([e])
        for c in clusters:
            if len({(e.start, e.end, e.new) for e in c}) == 1:
                keep.append(c[0])
                for dup in c[1:]:
                    out.applied.append((dup.row, "same edit as row %d" % c[0].row.n))
            else:
                rows = "、".join(str(e.row.n) for e in c)
                for e in c:
                    out.conflicts.append((e.row, "overlaps another accepted edit (rows %s)" % rows))
    return keep


def apply_rows(document, rows: list[Row], tasks) -> tuple[str, Outcome]:
    """The plan text with the accepted rows applied, and what happened to each decided row."""
    from ..errors import DrafterError
    from ..model import join_paragraphs
    from ..yamlio import dump_tree, insert_after, line_scalar, reload, text_scalar

    edits, out = plan_edits(rows, tasks)
    edits = resolve_conflicts(edits, out)
    per_item: dict[str, list[Edit]] = {}
    for e in edits:
        per_item.setdefault(e.item_id, []).append(e)
    for nid, item_edits in per_item.items():
        node = tasks.items[nid]
        title = node.title
        paras = node.paragraphs()
        for e in sorted(item_edits, key=lambda e: (e.field, e.index, -e.start)):
            if e.field == "title":
                title = title[:e.start] + e.new + title[e.end:]
            else:
                paras[e.index] = paras[e.index][:e.start] + e.new + paras[e.index][e.end:]
            out.applied.append((e.row, "%s: “%s” → “%s”" % (tasks.entry(nid), e.row.quote, e.new)))
        lines = title.split("\n")
        title = lines[0].strip()
        moved = [line.strip() for line in lines[1:] if line.strip()]
        text = join_paragraphs(moved + [p for para in paras for p in para.split("\n")])
        if not title:
            for e in item_edits:
                out.applied.remove(next(a for a in out.applied if a[0] is e.row))
                out.skipped.append((e.row, "would leave %s without a title" % tasks.entry(nid)))
            continue
        ynode = document.node_of(node)
        if ynode is None:
            raise DrafterError("%s has no place in the YAML to edit" % tasks.entry(nid))
        ynode["title"] = line_scalar(title)
        if text:
            if "text" in ynode:
                ynode["text"] = text_scalar(text)
            else:
                insert_after(ynode, ("title",), "text", text_scalar(text))
        elif "text" in ynode:
            del ynode["text"]
    result = dump_tree(document.tree)
    reload(result, document.path, "the accepted edits")  # never write a plan that does not load
    out.applied.sort(key=lambda a: a[0].n)
    return result, out


def _find_all(text: str, sub: str) -> list[int]:
    out, k = [], text.find(sub)
    while k >= 0:
        out.append(k)
        k = text.find(sub, k + 1)
    return out
