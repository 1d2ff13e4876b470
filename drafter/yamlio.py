"""Plan YAML on ruamel.yaml's round-trip tree, in one place: the YAML instance, the loaded
`Document` (tree + plan + the map between them), positions, edits that keep the drafter's
comments and scalar styles, review comments, and "dump, re-load, then write".

The model never holds ruamel objects: which tree node an item came from is kept here, in
`Document`, so an edit reaches the node through the document it was loaded with.  ruamel is
imported lazily (keeps `drafter --help` fast).

Layer: beside `readers` and `writers`, which both build on it (the field table they share is
`drafter.schema`); only `reload` reaches up, lazily, to the YAML reader it checks text with.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import DrafterError, Finding, InputError
from .text.xmlchars import NEEDS_ESCAPE_RX

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


def dump_tree(tree: Any) -> str:
    buf = io.StringIO()
    make_yaml().dump(tree, buf)
    return buf.getvalue()


# -- the loaded document ------------------------------------------------------------------------

@dataclass
class Document:
    """A loaded plan file: the model, the editable ruamel tree (None on the fast path), the
    original text, and which tree node each model object (plan, notice, item) came from."""

    plan: Any
    tree: Any
    text: str
    path: str
    findings: list[Finding] = field(default_factory=list)
    nodes: dict[int, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def bind(self, obj: Any, node: Any) -> None:
        """Remember that model object `obj` was read from tree node `node`."""
        self.nodes[id(obj)] = (obj, node)  # obj kept alive, so its id is never reused

    def node_of(self, obj: Any) -> Any:
        """The tree node `obj` (an object of this document's plan) was read from, or None."""
        entry = self.nodes.get(id(obj))
        return entry[1] if entry is not None and entry[0] is obj else None


# -- positions (0-based line, column; None where ruamel keeps none) ------------------------------

def _lc(get: Callable[[], Any]) -> tuple[int, int] | None:
    try:
        pos = get()
        return (pos[0], pos[1]) if pos is not None and pos[0] is not None else None
    except Exception:  # ruamel keeps no position for some nodes (e.g. merged keys)
        return None


def key_position(mapping: Any, key: Any) -> tuple[int, int] | None:
    return _lc(lambda: mapping.lc.key(key))


def value_position(container: Any, key: Any) -> tuple[int, int] | None:
    """Where the value at `key` of a mapping, or at index `key` of a sequence, starts."""
    if isinstance(container, dict):
        return _lc(lambda: container.lc.value(key))
    return _lc(lambda: container.lc.item(key))


def node_position(node: Any) -> tuple[int, int] | None:
    return _lc(lambda: (node.lc.line, node.lc.col))


def is_flow(node: Any) -> bool:
    return bool(node.fa.flow_style())


# -- how values are written ---------------------------------------------------------------------

# Characters YAML holds only as escapes in double quotes: not "printable", or read as line breaks.
_UNPRINTABLE = NEEDS_ESCAPE_RX

# Plain scalars that a YAML resolver would read as a number, date or time, not as text.
# `2017年工作要点` stays plain; `2017`, `1.5`, `2017-03-09`, `12:30`, `0x1f` need quotes.
_RESOLVES_AS_NON_STRING = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.\d+|\.inf|\.nan)"
    r"|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?|\d+(?::\d+)+(?:\.\d*)?)$",
    re.IGNORECASE)


def needs_quotes(value: str) -> bool:
    """Plain scalars that YAML would read back as something else, or that cannot be plain."""
    if value != value.strip() or not value or _UNPRINTABLE.search(value):
        return True
    if value[0] in "!&*-?:,[]{}#|>@`\"'%" or ": " in value or " #" in value:
        return True
    low = value.lower()
    if low in ("true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"):
        return True
    return bool(_RESOLVES_AS_NON_STRING.match(value))


def text_scalar(value: str) -> Any:
    """Text (paragraphs): a `|-` block when long or multi-line, plain when short and safe."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if _UNPRINTABLE.search(value):  # only a double-quoted scalar can hold these (as escapes)
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    if "\n" in value or len(value) > BLOCK_THRESHOLD or needs_quotes(value):
        return LiteralScalarString(value)
    return value


def line_scalar(value: str) -> Any:
    """A short single-line string: plain when safe, else double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if "\n" in value:
        return text_scalar(value)
    return DoubleQuotedScalarString(value) if needs_quotes(value) else value


def flow_list(values: list[Any]) -> Any:
    """`[a, b]` on one line, its strings written as `line_scalar`."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq([line_scalar(v) if isinstance(v, str) else v for v in values])
    seq.fa.set_flow_style()
    return seq


# -- edits that keep the drafter's file ---------------------------------------------------------

def scalar_like(old: Any, new: str) -> Any:
    """`new` in the scalar style of `old` (a |- block stays a block, quotes stay quotes)."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString):
        return type(old)(new)
    return new


def insert_after(mapping: Any, after: tuple[str, ...], key: str, value: Any) -> None:
    """Add `key` right after the last of the keys `after` that `mapping` has (first when none),
    leaving every other key, its comments and the order as they were."""
    keys = list(mapping)
    pos = max((keys.index(k) + 1 for k in after if k in keys), default=0)
    mapping.insert(pos, key, value)


# -- review comments ----------------------------------------------------------------------------

class ReviewNotes:
    """Review notes per (container, key), written as `# <tag>…` comments once all edits are
    done (ruamel moves comments when keys are inserted later)."""

    def __init__(self, tag: str):
        self.tag = tag
        self.notes: dict[tuple[int, Any], tuple[Any, Any, list[str]]] = {}

    def add(self, container, key, note: str) -> None:
        slot = self.notes.setdefault((id(container), key), (container, key, []))
        if note not in slot[2]:
            slot[2].append(note)

    def write(self) -> None:
        for container, key, notes in self.notes.values():
            review_comment(container, key, notes, self.tag)


def review_comment(container, key, notes: list[str], tag: str) -> None:
    """Attach `# <tag>…` notes: before the key for a block scalar (after the block it would
    read as the next key's comment), else at the end of the line, after any comment there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    value = container[key]
    block = isinstance(value, (LiteralScalarString, FoldedScalarString))
    text = "; ".join(notes)
    if block and isinstance(container, CommentedMap) and key != next(iter(container)):
        col = container.lc.col if container.lc.col is not None else 0
        lines = [n if n.startswith(tag) else "%s: %s" % (tag, n) for n in notes]
        container.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=col)
        return
    if block:  # first key of its mapping: the note follows the block, saying so
        text = "↑ %s" % text
    note = "# %s" % (text if text.startswith(tag) else "%s: %s" % (tag, text))
    slot = 0 if isinstance(container, CommentedSeq) else 2
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or block:
        container.yaml_add_eol_comment(note, key)
        return
    if token.value.startswith("#"):  # an eol comment already there: ours goes after it
        first, nl, rest = token.value.partition("\n")
        token.value = first + "  " + note + nl + rest
    else:  # only comment lines below: ours goes on the key's line
        token.value = " " + note + token.value


def strip_comments(text: str, tag: str) -> str:
    """`text` without `# <tag>…` comments: lines holding only one go, a trailing one is cut
    from its line."""
    whole = re.compile(r"(?m)^[ \t]*# " + re.escape(tag) + r"\b[^\n]*\n")
    tail = re.compile(r"(?m)[ \t]*# " + re.escape(tag) + r"\b[^\n]*$")
    return tail.sub("", whole.sub("", text))


# -- dump, re-load, then write ------------------------------------------------------------------

def reload(text: str, path: str, what: str = "the new text", *, expect: Any = None,
           done: str = "nothing was written") -> Document:
    """`text` loaded back as a plan, or DrafterError (`<path>: <what> would break the plan
    (…); <done>`) when it does not load, or loads as a plan other than `expect` (when given).
    Every writer of plan YAML goes through this: a file drafter writes always loads."""
    from .readers.yaml import loads

    try:
        doc = loads(text, path)
    except InputError as e:
        raise DrafterError("%s: %s would break the plan (%s); %s" % (path, what, e.message, done)) from None
    if expect is not None and doc.plan != expect:
        raise DrafterError("%s: %s would not read back as the same plan; %s" % (path, what, done))
    return doc


def write_checked(path: str | Path, text: str, what: str = "the new text", *, expect: Any = None) -> Document:
    """Write plan YAML `text` to `path` (atomically) only if it re-loads (as `expect`, when
    given); otherwise DrafterError and the file is left as it was."""
    from .fileio import atomic_write

    doc = reload(text, str(path), what, expect=expect)
    atomic_write(path, text)
    return doc
