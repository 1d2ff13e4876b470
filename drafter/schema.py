"""The plan YAML schema (format 1) as one field table per mapping: what the YAML reader
validates and what the YAML writer writes, in the order it writes them.

Each `Field` says its key, its kind (what the reader accepts), whether the plan needs it, the
model's default (a value equal to it is left out when writing, unless `always`), and how the
writer spells it (`write`: line | text | flow | raw | numbering | items | notice | mapping).
A new key is one row here plus one attribute on the model.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, fields as dc_fields
from typing import Any

from .model import (FORMAT_VERSION, ITEM_STATUSES, NOTICE_KINDS, PLAN_AS, STATUSES, URGENCIES, Item,  # noqa: F401
                    Notice, Numbering, Plan)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # str text int bool strlist date id enum items notice numbering mapping stylelist boollist
    write: str  # line text flow raw numbering items notice mapping
    required: bool = False
    always: bool = False  # written even when equal to the default
    choices: tuple[str, ...] = ()  # for kind enum
    default: Any = None  # the model's default (filled in from the model class)
    attr: str | None = None  # the model attribute (None: not in the model, like `format`)


def _table(model: type | None, *rows: Field) -> dict[str, Field]:
    """Rows keyed by name, each with its model attribute and that attribute's default."""
    defaults = {}
    if model is not None:
        for f in dc_fields(model):
            defaults[f.name] = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
    out = {}
    for r in rows:
        attr = r.name if r.name in defaults else None
        out[r.name] = Field(r.name, r.kind, r.write, r.required, r.always, r.choices,
                            defaults.get(r.name), attr)
    return out


PLAN = _table(
    Plan,
    Field("format", "int", "raw", always=True),
    Field("title", "str", "line", required=True, always=True),
    Field("year", "int", "raw"),
    Field("issuer", "str", "line"),
    Field("status", "enum", "raw", always=True, choices=STATUSES),
    Field("preamble", "text", "text"),
    Field("numbering", "numbering", "numbering"),
    Field("offices", "strlist", "flow"),
    Field("sections", "items", "items", required=True, always=True),
    Field("closing", "text", "text"),
    Field("notice", "notice", "notice"),
    Field("meta", "mapping", "mapping"),
)

ITEM = _table(
    Item,
    Field("id", "id", "line"),
    Field("title", "str", "line", required=True, always=True),
    Field("tag", "str", "line"),
    Field("heading", "bool", "raw"),
    Field("text", "text", "text"),
    Field("lead", "strlist", "flow"),
    Field("support", "strlist", "flow"),
    Field("deadline", "str", "line"),
    Field("status", "enum", "raw", choices=tuple(s for s in ITEM_STATUSES if s)),
    Field("numbering", "numbering", "numbering"),
    Field("items", "items", "items"),
)

NOTICE = _table(
    Notice,
    Field("kind", "enum", "raw", always=True, choices=NOTICE_KINDS),
    Field("title", "str", "line"),
    Field("doc_number", "str", "line"),
    Field("recipients", "strlist", "flow"),
    Field("body", "text", "text"),
    Field("issuer", "str", "line"),
    Field("date", "date", "raw"),
    Field("plan_as", "enum", "raw", always=True, choices=PLAN_AS),
    Field("disclosure", "str", "line"),
    Field("cc", "strlist", "flow"),
    Field("printed_by", "str", "line"),
    Field("printed_on", "date", "raw"),
    Field("deadline", "date", "raw"),
    Field("contact", "str", "line"),
    Field("phone", "str", "line"),
    Field("email", "str", "line"),
    Field("attachments", "strlist", "flow"),
    Field("seal", "bool", "raw"),
    Field("copy_number", "str", "line"),
    Field("secrecy", "str", "line"),
    Field("urgency", "enum", "raw", choices=URGENCIES),
    Field("attach_tasks", "bool", "raw"),
    Field("letter", "bool", "raw"),
    Field("co_issuers", "strlist", "flow"),
)

NUMBERING = _table(
    Numbering,
    Field("levels", "stylelist", "flow", always=True),
    Field("continuous", "boollist", "flow", always=True),
)

TABLES = {"plan": PLAN, "item": ITEM, "notice": NOTICE, "numbering": NUMBERING}


def required(table: dict[str, Field]) -> tuple[str, ...]:
    return tuple(f.name for f in table.values() if f.required)
