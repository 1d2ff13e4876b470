"""Findings and errors that reach the user: always located, never a traceback.

A `Finding` is one problem at one place (file, line, column, YAML path or paragraph).  Readers
collect every finding before giving up, so the user fixes a file in one pass; `InputError`
carries them to the CLI, which prints them and exits 2.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LEVELS = ("error", "warning", "info")


@dataclass
class Finding:
    level: str  # error | warning | info
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None  # YAML path such as sections[2].items[4].lead
    fix: Any = None  # what --fix would do, when it can
    paragraph: int | None = None
    page: int | None = None  # the page of a laid-out document (page rules)

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        elif self.paragraph is not None:
            parts[-1] += " ¶%d" % self.paragraph
        elif self.page is not None:
            parts[-1] += " 第%d页" % self.page
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        path = " (%s)" % self.path if self.path else ""
        return "%s: %s %s%s: %s" % (where, self.level, self.code, path, self.message)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("paragraph") if d.get("paragraph") is None else None
        d.pop("page") if d.get("page") is None else None
        return d


class DrafterError(Exception):
    """An error the user can act on; printed as `drafter: error: …`, exit 2."""

    exit_code = 2

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings: list[Finding] = findings or []

    def __str__(self) -> str:
        return self.message


class InputError(DrafterError):
    """Unusable input: bad YAML, a broken .docx, an undecodable file."""


class OutputError(DrafterError):
    """An output that may not or could not be written (exists without --force, …)."""


@dataclass
class Report:
    """Findings gathered along the way (warnings from an importer, say)."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, level: str, code: str, message: str, **where: Any) -> Finding:
        f = Finding(level, code, message, **where)
        self.findings.append(f)
        return f

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]
