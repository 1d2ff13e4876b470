"""Plan → YAML (format 1), in the one canonical style that the reader reads back unchanged.

`dump(load(x)) == x` holds for canonical text: keys in the order of the schema table
(`drafter.schema`), defaults left out, multi-line or long text as `|-` blocks, short office
lists in flow style `[a, b]`.  The table is the one the reader validates against.
"""
from __future__ import annotations

from typing import Any

from .. import schema
from ..model import FORMAT_VERSION, Item, Notice, Numbering, Plan
from ..yamlio import dump_tree, flow_list, line_scalar, text_scalar


def _mapping(obj: Any, table: dict[str, schema.Field]):
    """`obj` as a CommentedMap: each field of `table` that is set, written as the table says."""
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for f in table.values():
        value = getattr(obj, f.attr) if f.attr else FORMAT_VERSION
        if f.always or value != f.default:
            m[f.name] = _WRITE[f.write](value)
    return m


def _items(items: list[Item]):
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq([item_to_yaml(c) for c in items])


def _meta(meta: dict[str, Any]):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for k, v in meta.items():
        m[k] = line_scalar(v) if isinstance(v, str) else v
    return m


_WRITE = {
    "line": lambda v: line_scalar(str(v)),
    "text": text_scalar,
    "flow": lambda v: flow_list(list(v)),
    "raw": lambda v: v,
    "numbering": lambda v: _mapping(v, schema.NUMBERING),
    "items": _items,
    "notice": lambda v: notice_to_yaml(v),
    "mapping": _meta,
}


def item_to_yaml(item: Item):
    return _mapping(item, schema.ITEM)


def notice_to_yaml(n: Notice):
    return _mapping(n, schema.NOTICE)


def numbering_to_yaml(n: Numbering):
    return _mapping(n, schema.NUMBERING)


def plan_to_yaml(plan: Plan):
    return _mapping(plan, schema.PLAN)


def dump(plan: Plan, header: str | None = None) -> str:
    """The plan as canonical YAML text; `header` becomes a leading comment line."""
    text = dump_tree(plan_to_yaml(plan))
    if header:
        text = "".join("# %s\n" % line if line else "#\n" for line in header.split("\n")) + text
    return text
