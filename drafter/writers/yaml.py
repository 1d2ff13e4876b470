"""Plan → YAML (format 1), in the one canonical style that the reader reads back unchanged.

`dump(load(x)) == x` holds for canonical text: keys in a fixed order, defaults left out,
multi-line or long text as `|-` blocks, short office lists in flow style `[a, b]`.
"""
from __future__ import annotations

import io
import re
from typing import Any

from ..model import FORMAT_VERSION, Item, Notice, Numbering, Plan
from ..text.xmlchars import NEEDS_ESCAPE_RX

BLOCK_THRESHOLD = 40  # characters; longer single-line text goes into a |- block for editing


def make_yaml():
    """The ruamel.yaml round-trip instance used for every read and write of plan files."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.allow_duplicate_keys = False
    y.preserve_quotes = True
    y.width = 100000  # never fold: a folded Chinese line gains a space when read back
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.constructor.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    return y


def _lenient_timestamp(constructor, node):
    """A date YAML cannot build (2017-13-45) stays text, so the validator can say where it is."""
    from ruamel.yaml.constructor import RoundTripConstructor

    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


def yaml_text(value: str) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if _UNPRINTABLE.search(value):  # only a double-quoted scalar can hold these (as escapes)
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    if "\n" in value or len(value) > BLOCK_THRESHOLD or _needs_quotes(value):
        return LiteralScalarString(value)
    return value


def _needs_quotes(value: str) -> bool:
    """Plain scalars that YAML would read back as something else, or that cannot be plain."""
    if value != value.strip() or not value or _UNPRINTABLE.search(value):
        return True
    if value[0] in "!&*-?:,[]{}#|>@`\"'%" or ": " in value or " #" in value:
        return True
    low = value.lower()
    if low in ("true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"):
        return True
    return bool(_RESOLVES_AS_NON_STRING.match(value))


# Characters YAML holds only as escapes in double quotes: not "printable", or read as line breaks.
_UNPRINTABLE = NEEDS_ESCAPE_RX

# Plain scalars that a YAML resolver would read as a number, date or time, not as text.
# `2017年工作要点` stays plain; `2017`, `1.5`, `2017-03-09`, `12:30`, `0x1f` need quotes.
_RESOLVES_AS_NON_STRING = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.\d+|\.inf|\.nan)"
    r"|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?|\d+(?::\d+)+(?:\.\d*)?)$",
    re.IGNORECASE)


def yaml_scalar(value: str) -> Any:
    """A short single-line string: plain when safe, else double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if "\n" in value:
        return yaml_text(value)
    return DoubleQuotedScalarString(value) if _needs_quotes(value) else value


def _flow_list(values: list[Any]):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([yaml_scalar(v) if isinstance(v, str) else v for v in values])
    seq.fa.set_flow_style()
    return seq


def _numbering(n: Numbering):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    m["levels"] = _flow_list(list(n.levels))
    m["continuous"] = _flow_list(list(n.continuous))
    return m


def item_to_yaml(item: Item):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    m = CommentedMap()
    if item.id is not None:
        m["id"] = yaml_scalar(str(item.id))
    m["title"] = yaml_scalar(item.title)
    if item.tag:
        m["tag"] = yaml_scalar(item.tag)
    if item.heading:
        m["heading"] = True
    if item.text:
        m["text"] = yaml_text(item.text)
    if item.lead:
        m["lead"] = _flow_list(item.lead)
    if item.support:
        m["support"] = _flow_list(item.support)
    if item.deadline:
        m["deadline"] = yaml_scalar(item.deadline)
    if item.status:
        m["status"] = item.status
    if item.numbering is not None:
        m["numbering"] = _numbering(item.numbering)
    if item.items:
        m["items"] = CommentedSeq([item_to_yaml(c) for c in item.items])
    return m


def notice_to_yaml(n: Notice):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    m["kind"] = n.kind
    for key in ("title", "doc_number"):
        if getattr(n, key):
            m[key] = yaml_scalar(getattr(n, key))
    if n.recipients:
        m["recipients"] = _flow_list(n.recipients)
    if n.body:
        m["body"] = yaml_text(n.body)
    if n.issuer:
        m["issuer"] = yaml_scalar(n.issuer)
    if n.date:
        m["date"] = n.date
    m["plan_as"] = n.plan_as
    if n.disclosure:
        m["disclosure"] = yaml_scalar(n.disclosure)
    if n.cc:
        m["cc"] = _flow_list(n.cc)
    if n.printed_by:
        m["printed_by"] = yaml_scalar(n.printed_by)
    if n.printed_on:
        m["printed_on"] = n.printed_on
    if n.deadline:
        m["deadline"] = n.deadline
    for key in ("contact", "phone", "email"):
        if getattr(n, key):
            m[key] = yaml_scalar(getattr(n, key))
    if n.attachments:
        m["attachments"] = _flow_list(n.attachments)
    return m


def plan_to_yaml(plan: Plan):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    m = CommentedMap()
    m["format"] = FORMAT_VERSION
    m["title"] = yaml_scalar(plan.title)
    if plan.year is not None:
        m["year"] = plan.year
    if plan.issuer:
        m["issuer"] = yaml_scalar(plan.issuer)
    m["status"] = plan.status
    if plan.preamble:
        m["preamble"] = yaml_text(plan.preamble)
    if plan.numbering != Numbering():
        m["numbering"] = _numbering(plan.numbering)
    if plan.offices:
        m["offices"] = _flow_list(plan.offices)
    m["sections"] = CommentedSeq([item_to_yaml(s) for s in plan.sections])
    if plan.closing:
        m["closing"] = yaml_text(plan.closing)
    if plan.notice is not None:
        m["notice"] = notice_to_yaml(plan.notice)
    if plan.meta:
        meta = CommentedMap()
        for k, v in plan.meta.items():
            meta[k] = yaml_scalar(v) if isinstance(v, str) else v
        m["meta"] = meta
    return m


def dump_tree(tree: Any) -> str:
    buf = io.StringIO()
    make_yaml().dump(tree, buf)
    return buf.getvalue()


def dump(plan: Plan, header: str | None = None) -> str:
    """The plan as canonical YAML text; `header` becomes a leading comment line."""
    tree = plan_to_yaml(plan)
    text = dump_tree(tree)
    if header:
        text = "".join("# %s\n" % line if line else "#\n" for line in header.split("\n")) + text
    return text

