"""Plans for the diff tests: the seeds through `drafter.readers.read`, and small edits of them.

Until the text importer lands (issue 3), `readers.read` refuses .txt; then the seeds are cut
into sections and items here with the numbering patterns the seed README documents, which is
enough to exercise matching (it is not an importer: no notice, no preamble)."""
from __future__ import annotations

import copy
import re

from drafter.errors import InputError
from drafter.model import Item, Numbering, Plan

from helpers import seed_path

_SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.*)")
_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)](.*)|^(\d+)[、.．](.*)")


def seed_plan(key: str) -> Plan:
    path = seed_path(key)
    from drafter import readers

    try:
        return readers.read(path).plan
    except InputError as e:
        if "not available yet" not in e.message:
            raise
    return _cut(path.read_text(encoding="utf-8"))


def _cut(text: str) -> Plan:
    sections: list[Item] = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        m = _SECTION.match(s)
        if m:
            sections.append(Item(title=m.group(2)))
            continue
        m = _ITEM.match(s)
        if m and sections:
            body = m.group(2) if m.group(2) is not None else m.group(4)
            title, _, rest = body.partition("。")
            sections[-1].items.append(Item(title=title, text=rest))
        elif sections and sections[-1].items:
            it = sections[-1].items[-1]
            it.text = (it.text + "\n\n" + s) if it.text else s
    return Plan(title="seed", sections=sections,
                numbering=Numbering(levels=["一、", "（一）", "1."], continuous=[False, True, True]))


def edited(plan: Plan) -> Plan:
    return copy.deepcopy(plan)


def tasks(plan: Plan) -> list[Item]:
    return [n for n, d in plan.walk() if d >= 1]
