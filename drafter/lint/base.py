"""What every lint rule works on: spans of text that know where they are, and a context that
turns a rule's hit into a located `Finding` (with a byte-exact YAML edit when one is safe).

A span is one value of a plan YAML (a title, a text block, an office name) or one paragraph
of a document.  Rules see the same spans either way; only the location differs: YAML
line/column plus path, or paragraph number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import Finding


@dataclass(frozen=True)
class Rule:
    code: str
    level: str  # error | warning | info
    summary: str  # Chinese, one line, for --list-rules
    fixable: bool = False


RULES: dict[str, Rule] = {}


def rule(code: str, level: str, summary: str, fixable: bool = False) -> Rule:
    """Register a rule code (called at import time by each rule module)."""
    r = Rule(code, level, summary, fixable)
    RULES[code] = r
    return r


# Where in the file a character of a span is: (line, column, file offset or None when the
# offset could not be verified and so must not be edited).
Locator = Callable[[int, str], "tuple[int | None, int | None, int | None]"]


@dataclass
class Span:
    """One piece of text a rule reads.  `role` says what it is: title, text, preamble,
    closing, notice-title, doc-number, body, office, date, tag, deadline, paragraph."""

    text: str
    role: str
    path: str | None = None  # YAML path, e.g. sections[2].items[4].title
    paragraph: int | None = None  # 1-based, documents only
    offset: int = 0  # where the span starts inside its paragraph (a title after its number)
    locate: Locator | None = None  # YAML only


@dataclass
class Heading:
    """A numbered node as a rule sees it: its title span and how it is printed."""

    title: Span
    depth: int  # 0 = section (一、)
    heading: bool  # printed on a line of its own (sections, heading items, bare headings)
    has_text: bool  # something follows the title (text, or more of the paragraph)
    label: str = ""  # as printed in a document: "（三十六）"


@dataclass
class Context:
    """Everything the rules need, for YAML or a document alike."""

    file: str
    kind: str  # "yaml" or a document kind ("text", "docx", …)
    spans: list[Span]
    headings: list[Heading]
    year: int | None = None
    issue_date: Any = None  # the 成文日期 (datetime.date), when known
    issue_date_span: Span | None = None
    printed_on: Any = None
    offices: list[str] = field(default_factory=list)
    plan: Any = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_yaml(self) -> bool:
        return self.kind == "yaml"

    def texts(self) -> list[Span]:
        """The spans that hold running text (everything but numbering styles)."""
        return [s for s in self.spans if s.role != "numbering-style"]

    def by_role(self, *roles: str) -> list[Span]:
        return [s for s in self.spans if s.role in roles]

    def report(self, code: str, message: str, span: Span | None, start: int = 0,
               edits: list[tuple[int, str, str]] | None = None, level: str | None = None) -> Finding:
        """Record a finding at `start` in `span`; `edits` are (offset in span, old, new) and
        become a fix only when every one of them is verified at a YAML position."""
        level = level or RULES[code].level
        f = Finding(level, code, message, self.file)
        if span is not None:
            f.path = span.path
            if span.locate is not None:
                needle = span.text[start:start + 1]
                f.line, f.column, _ = span.locate(start, needle)
            elif span.paragraph is not None:
                f.paragraph = span.paragraph
                f.column = span.offset + start + 1
        if edits and span is not None and span.locate is not None:
            placed = []
            for offset, old, new in edits:
                _, _, pos = span.locate(offset, old)
                if pos is None:
                    placed = None
                    break
                placed.append({"offset": pos, "old": old, "new": new})
            if placed:
                f.fix = {"edits": placed, "description": _describe(edits)}
        self.findings.append(f)
        return f


def _describe(edits: list[tuple[int, str, str]]) -> str:
    seen: dict[tuple[str, str], int] = {}
    for _, old, new in edits:
        seen[(old, new)] = seen.get((old, new), 0) + 1
    parts = []
    for (old, new), n in seen.items():
        parts.append("“%s”→“%s”%s" % (old, new, " ×%d" % n if n > 1 else "") if new else
                     "删去“%s”%s" % (old, " ×%d" % n if n > 1 else ""))
    return "，".join(parts)


def quote(s: str, limit: int = 24) -> str:
    """A short excerpt for a message."""
    return s if len(s) <= limit else s[:limit] + "…"
