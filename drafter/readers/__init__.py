"""Readers: every input format becomes one `Plan`.

`read(path)` picks the reader by file type, as pandoc does by extension: YAML plans, plain
text (any encoding), .docx, and .doc/.wps/.odt through LibreOffice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding, InputError
from ..model import Plan

YAML_SUFFIXES = {".yaml", ".yml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
OFFICE_SUFFIXES = {".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot"}


@dataclass
class Loaded:
    """What a reader gives back: the plan, warnings about what it had to guess, and (for YAML)
    the editable document."""

    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    document: object | None = None  # readers.yaml.Document for YAML input
    kind: str = "yaml"


def kind_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in OFFICE_SUFFIXES:
        return "office"
    if suffix == ".pdf":
        return "pdf"
    return "text"


def read(path: str | Path, *, encoding: str | None = None, part: str = "plan") -> Loaded:
    """Read any supported input into a plan."""
    kind = kind_of(path)
    if kind == "yaml":
        from . import yaml as yaml_reader

        doc = yaml_reader.load(path, encoding)
        return Loaded(doc.plan, doc.findings, doc, "yaml")
    if kind == "pdf":
        raise InputError("%s: PDF is not read; import the .docx or the text instead" % path)
    try:
        from . import document
    except ImportError:  # the importer lands with its issue
        raise InputError("%s: importing %s files is not available yet" % (path, kind)) from None
    return document.read(path, encoding=encoding, part=part)
