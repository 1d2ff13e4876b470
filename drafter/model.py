"""The plan model: the one tree every reader produces and every writer consumes.

Like pandoc's AST, it holds what a plan *says*, not how it is printed: numbers are never
stored (they are computed from `Numbering` and the position in the tree), and layout lives in
the writers.  Source positions are kept for error messages but never take part in equality,
so `import(render(plan)) == plan` compares content only.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterator

FORMAT_VERSION = 1

DEFAULT_LEVELS = ["一、", "（一）", "1.", "（1）"]
DEFAULT_CONTINUOUS = [False, True, True, False]


@dataclass
class Source:
    """Where a node came from: a YAML line/column or a document paragraph (1-based).  The
    YAML tree node itself stays in `yamlio.Document` (the model holds no ruamel objects)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    label: str | None = None  # the number as printed in an imported document, e.g. "(三十六)"
    raw: str | None = None  # the heading paragraph as it stood in an imported document


def _source() -> Source | None:
    return field(default=None, compare=False, repr=False)  # type: ignore[return-value]


@dataclass
class Numbering:
    """How each depth is printed (`一、`, `（一）`, `1.`, `（1）`) and whether it runs on
    across parents (seeds 000 and 002 number `（一）…（三十六）` straight through)."""

    levels: list[str] = field(default_factory=lambda: list(DEFAULT_LEVELS))
    continuous: list[bool] = field(default_factory=lambda: list(DEFAULT_CONTINUOUS))

    def style(self, depth: int) -> str:
        """Style for a 0-based depth; deeper than listed repeats the last style."""
        return self.levels[min(depth, len(self.levels) - 1)]

    def is_continuous(self, depth: int) -> bool:
        if depth < len(self.continuous):
            return bool(self.continuous[depth])
        return False


@dataclass
class Item:
    """A numbered node: a section (depth 0), a task, or a sub-task; all share one shape.

    `title` is the phrase before the first `。` (or the whole heading); `text` is the rest,
    paragraphs separated by a blank line.  `heading=True` prints the title on a line of its own
    with the text as following paragraphs (seed 003); otherwise title and text run on as
    `（一）title。text`.
    """

    title: str = ""
    text: str = ""
    id: str | None = None
    heading: bool = False
    tag: str = ""
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str = ""
    status: str = ""
    numbering: Numbering | None = None  # override for this node's descendants (seed 004)
    items: list["Item"] = field(default_factory=list)
    source: Source | None = _source()

    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.text)

    def walk(self, depth: int = 0) -> Iterator[tuple["Item", int]]:
        yield self, depth
        for child in self.items:
            yield from child.walk(depth + 1)


@dataclass
class Notice:
    """The covering 通知: `kind` issue (印发) or consult (征求意见)."""

    kind: str = "issue"
    title: str = ""  # empty: worded by the template
    doc_number: str = ""
    recipients: list[str] = field(default_factory=list)
    body: str = ""  # empty: worded by the template
    issuer: str = ""  # empty: the plan's issuer
    date: _dt.date | None = None
    plan_as: str = "text"
    disclosure: str = ""
    cc: list[str] = field(default_factory=list)
    printed_by: str = ""
    printed_on: _dt.date | None = None
    deadline: _dt.date | None = None
    contact: str = ""
    phone: str = ""
    email: str = ""
    attachments: list[str] = field(default_factory=list)
    seal: bool | None = None  # 印章 (GB/T 9704 7.3.5.1); None: yes for 印发 notices, no for 征求意见
    copy_number: str = ""  # 份号, 6 digits
    secrecy: str = ""  # 密级和保密期限: 机密★1年
    urgency: str = ""  # 紧急程度: 特急 | 加急
    attach_tasks: bool = False  # the 任务分工表 as the last 附件 (landscape)
    letter: bool = False  # 信函格式 (GB/T 9704 §10.1)
    co_issuers: list[str] = field(default_factory=list)  # 联合行文: the other issuers, in order
    source: Source | None = _source()


@dataclass
class Plan:
    """A yearly work plan (工作要点) with its optional covering notice."""

    title: str = ""
    year: int | None = None
    issuer: str = ""
    status: str = "final"
    preamble: str = ""
    numbering: Numbering = field(default_factory=Numbering)
    sections: list[Item] = field(default_factory=list)
    closing: str = ""
    offices: list[str] = field(default_factory=list)
    notice: Notice | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: Source | None = _source()

    def walk(self) -> Iterator[tuple[Item, int]]:
        """Every node, depth first, with its 0-based depth (sections are depth 0)."""
        for section in self.sections:
            yield from section.walk(0)

    def items(self) -> list[Item]:
        return [node for node, _ in self.walk()]

    def walk_paths(self) -> Iterator[tuple[Item, tuple[int, ...]]]:
        """Every node with its path of 0-based indexes from the root, e.g. (2, 0)."""

        def rec(nodes: list[Item], prefix: tuple[int, ...]):
            for i, node in enumerate(nodes):
                path = prefix + (i,)
                yield node, path
                yield from rec(node.items, path)

        yield from rec(self.sections, ())

    def node_at(self, path: tuple[int, ...] | list[int]) -> Item:
        nodes, node = self.sections, None
        for i in path:
            node = nodes[i]
            nodes = node.items
        if node is None:
            raise IndexError("empty path")
        return node


STATUSES = ("final", "draft")
NOTICE_KINDS = ("issue", "consult")
PLAN_AS = ("text", "attachment")
URGENCIES = ("特急", "加急")
ITEM_STATUSES = ("", "done")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text field: blank lines separate, single line breaks join without a
    space (Chinese has none between words), surrounding white space is dropped."""
    paras: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            paras.append("".join(current))
            current = []
    if current:
        paras.append("".join(current))
    return paras


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(p for p in paras if p)


def strip_ids(plan: Plan) -> Plan:
    """A copy without item IDs, for comparing plans whose IDs were assigned independently."""

    def strip(item: Item) -> Item:
        return replace(item, id=None, items=[strip(c) for c in item.items])

    return replace(plan, sections=[strip(s) for s in plan.sections])


def without_sources(obj: Any) -> Any:
    """Debug helper: a dataclass as a plain dict, sources dropped."""
    if isinstance(obj, list):
        return [without_sources(x) for x in obj]
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: without_sources(getattr(obj, f.name)) for f in fields(obj) if f.name != "source"}
    return obj
