"""What changed between two plans, item by item: the engine under `diff`, `redline` and
`compare-table`.

`compare(old, new)` aligns the two trees (`match.py`), then describes every item of both
plans exactly once: matched (perhaps moved, renumbered, reworded, with changed targets or
offices), added or removed.  `PlanDiff.to_json()` is the machine-readable contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Plan

FIELDS = ("lead", "support", "deadline", "tag", "status", "heading")
PLAN_FIELDS = ("title", "preamble", "closing", "issuer", "year")


@dataclass
class ItemRef:
    id: str | None
    path: tuple[int, ...]
    number: str
    title: str
    index: int  # document order (0-based, sections included)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": list(self.path), "number": self.number, "title": self.title}


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass
class Change:
    status: str  # added | removed | matched
    old: ItemRef | None
    new: ItemRef | None
    similarity: float = 0.0
    moved: bool = False
    renumbered: bool = False
    text_changed: bool = False
    ops: list[tuple[str, str, str]] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)  # targets.TargetChange
    fields: list[FieldChange] = field(default_factory=list)
    split_from: ItemRef | None = None  # added: the old item it was split off
    merged_into: ItemRef | None = None  # removed: the new item it was merged into

    @property
    def modified(self) -> bool:
        return self.status == "matched" and (self.text_changed or bool(self.fields))

    @property
    def changed(self) -> bool:
        return self.status != "matched" or self.modified or self.moved

    def as_dict(self) -> dict[str, Any]:
        d = {
            "status": self.status,
            "old": self.old.as_dict() if self.old else None,
            "new": self.new.as_dict() if self.new else None,
            "similarity": round(self.similarity, 3),
            "moved": self.moved,
            "renumbered": self.renumbered,
            "text_changed": self.text_changed,
            "ops": [list(op) for op in self.ops],
            "targets": [{"label": t.label, "old": t.old, "new": t.new} for t in self.targets],
            "fields": [f.as_dict() for f in self.fields],
        }
        if self.split_from:
            d["split_from"] = self.split_from.as_dict()
        if self.merged_into:
            d["merged_into"] = self.merged_into.as_dict()
        return d

    def inverted(self) -> "Change":
        from .inline import invert_ops
        from ..text.targets import TargetChange

        status = {"added": "removed", "removed": "added"}.get(self.status, self.status)
        return Change(status, self.new, self.old, self.similarity, self.moved, self.renumbered,
                      self.text_changed, invert_ops(self.ops),
                      [TargetChange(t.label, t.new, t.old) for t in self.targets],
                      [FieldChange(f.field, f.new, f.old) for f in self.fields],
                      split_from=self.merged_into, merged_into=self.split_from)


@dataclass
class PlanDiff:
    old: Plan
    new: Plan
    changes: list[Change]
    fields: list[FieldChange] = field(default_factory=list)  # plan-level: title, preamble…
    old_name: str | None = None
    new_name: str | None = None
    alignment: Any = None  # match.Alignment, for writers that walk the trees

    def summary(self) -> dict[str, int]:
        c = self.changes
        return {
            "added": sum(x.status == "added" for x in c),
            "removed": sum(x.status == "removed" for x in c),
            "matched": sum(x.status == "matched" for x in c),
            "modified": sum(x.modified for x in c),
            "moved": sum(x.moved for x in c),
            "renumbered": sum(x.renumbered for x in c),
        }

    @property
    def empty(self) -> bool:
        return not self.fields and not any(x.changed or x.renumbered for x in self.changes)

    def meta(self, plan: Plan, name: str | None) -> dict[str, Any]:
        return {"file": name, "title": plan.title, "year": plan.year, "issuer": plan.issuer,
                "items": sum(1 for _ in plan.walk())}

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.meta(self.old, self.old_name),
            "new": self.meta(self.new, self.new_name),
            "summary": self.summary(),
            "changes": [c.as_dict() for c in self.changes],
            "fields": [f.as_dict() for f in self.fields],
        }

    def target_changes(self) -> list[tuple[Change, Any]]:
        return [(c, t) for c in self.changes for t in c.targets]


def compare(old: Plan, new: Plan, *, old_name: str | None = None, new_name: str | None = None) -> PlanDiff:
    """Every item of both plans, described once, in the new plan's order (removed items
    where they stood)."""
    from .match import align

    al = align(old, new)
    changes = _changes(al)
    return PlanDiff(old, new, changes, _plan_fields(old, new), old_name, new_name, al)


def _ref(node) -> ItemRef:
    return ItemRef(node.item.id, node.path, node.label, node.item.title, node.index)


def _changes(al) -> list[Change]:
    from .match import item_text
    from .normalize import match_key, simplify
    from .inline import inline_ops
    from ..text.targets import compare_targets

    out: list[tuple[tuple, Change]] = []
    back = {j: i for i, j in al.pairs.items()}
    for i, j in al.pairs.items():
        x, y = al.old[i], al.new[j]
        tx, ty = item_text(x.item), item_text(y.item)
        c = Change("matched", _ref(x), _ref(y), al.similarity.get(i, 1.0), i in al.moved,
                   x.label != y.label, match_key(tx) != match_key(ty))
        if c.text_changed:
            c.ops = inline_ops(tx, ty)
            c.targets = compare_targets(tx, ty, normalise=simplify)
        else:
            c.similarity = 1.0
        c.fields = _field_changes(x.item, y.item)
        out.append(((j, 0, i), c))
    for y in al.new:
        if y.index not in back:
            c = Change("added", None, _ref(y), ops=[("insert", "", item_text(y.item))])
            if y.index in al.splits:
                c.split_from = _ref(al.old[al.splits[y.index]])
            out.append(((y.index, 0, -1), c))
    for x in al.old:
        if x.index not in al.pairs:
            anchor = _anchor(al, x.index)
            c = Change("removed", _ref(x), None, ops=[("delete", item_text(x.item), "")])
            if x.index in al.merges:
                c.merged_into = _ref(al.new[al.merges[x.index]])
            out.append(((anchor, 1, x.index), c))
    out.sort(key=lambda kc: kc[0])
    return [c for _, c in out]


def _anchor(al, i: int) -> int:
    """Where a removed item is listed: after the new partner of the nearest matched item
    before it (-1: at the top)."""
    for k in range(i - 1, -1, -1):
        if k in al.pairs:
            return al.pairs[k]
    return -1


def _norm_value(v):
    from .normalize import simplify

    if isinstance(v, list):
        return [simplify(x) for x in v]
    if isinstance(v, str):
        return simplify(v)
    return v


def _field_changes(a, b) -> list[FieldChange]:
    out = []
    for name in FIELDS:
        va, vb = getattr(a, name), getattr(b, name)
        if _norm_value(va) != _norm_value(vb):
            out.append(FieldChange(name, va, vb))
    return out


def _plan_fields(old: Plan, new: Plan) -> list[FieldChange]:
    from .normalize import match_key

    out = []
    for name in PLAN_FIELDS:
        va, vb = getattr(old, name), getattr(new, name)
        same = match_key(va) == match_key(vb) if isinstance(va, str) and isinstance(vb, str) else va == vb
        if not same:
            out.append(FieldChange(name, va, vb))
    return out


def invert(d: PlanDiff) -> PlanDiff:
    """The same comparison seen from the other side (for tests of the mirror law)."""
    return PlanDiff(d.new, d.old, [c.inverted() for c in d.changes],
                    [FieldChange(f.field, f.new, f.old) for f in d.fields], d.new_name, d.old_name)
