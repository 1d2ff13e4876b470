"""Readers: every input format becomes one `Plan`.

`read(path)` picks the reader by file type, as pandoc does by extension (and by the file's
first bytes, since offices rename files freely): YAML plans; plain text in any encoding;
.docx; .doc/.wps/.odt/.rtf through LibreOffice; PDF from its text layer (`readers.pdf`).  Text
and documents all become a list of
paragraphs first (`paragraphs(path)`), which the genre reader (`readers.text`) turns into a plan.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding, InputError
from ..model import Plan

YAML_SUFFIXES = {".yaml", ".yml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
OFFICE_SUFFIXES = {".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot"}

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls: old binary Office files
RTF_MAGIC = b"{\\rtf"
PDF_MAGIC = b"%PDF-"


@dataclass
class Loaded:
    """What a reader gives back: the plan, warnings about what it had to guess, and (for YAML)
    the editable document."""

    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    document: object | None = None  # readers.yaml.Document for YAML input
    kind: str = "yaml"
    fields: list = field(default_factory=list)  # readers.front.Decided: how each header field was read


def kind_of(path: str | Path) -> str:
    """yaml, text, docx, office or pdf: by suffix, corrected by the first bytes of the file."""
    suffix = Path(path).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".pdf":
        return "pdf"
    head = b""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        pass  # reported properly when the file is read
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE_MAGIC) or head.startswith(RTF_MAGIC):
        return "office"
    if head.startswith(ZIP_MAGIC):
        return "office" if suffix in OFFICE_SUFFIXES else "docx"
    if suffix in DOCX_SUFFIXES:
        return "docx"  # not a zip: the docx reader says so clearly
    if suffix in OFFICE_SUFFIXES:
        return "office"
    return "text"


def paragraphs(path: str | Path, encoding: str | None = None) -> list[str]:
    """The document's paragraphs as text, blank ones included (for a text file paragraph N is
    line N), after decoding or .docx extraction; Word's automatic numbers are included."""
    kind = kind_of(path)
    if kind == "yaml":
        raise InputError("%s: a YAML plan has no paragraphs; read it with readers.read" % path)
    if kind == "text":
        return _text_paragraphs(path, encoding)
    from ..fileio import read_bytes

    if kind == "pdf":
        from .pdf import pdf_paragraphs

        return pdf_paragraphs(read_bytes(path), str(path))
    from .docx import docx_paragraphs

    if kind == "docx":
        return docx_paragraphs(read_bytes(path), str(path))
    with tempfile.TemporaryDirectory(prefix="drafter-import-") as tmp:
        from ..office import convert

        from ..safeopen import check_zip

        # a clear error for a missing or unreadable file, and an .odt zip checked, before LibreOffice starts
        check_zip(read_bytes(path), str(path))
        converted = convert(path, "docx", tmp)
        return docx_paragraphs(read_bytes(converted), str(path))


def _text_paragraphs(path: str | Path, encoding: str | None) -> list[str]:
    """Lines of a text file; a binary file (an executable, an image, a renamed archive) is
    refused with a plain message rather than decoded into noise."""
    import unicodedata

    from ..fileio import decode, read_bytes

    def plausible(text: str) -> bool:
        sample = text[:20000]
        odd = sum(1 for ch in sample
                  if ch not in "\t\n\r\x0c" and unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"))
        return odd <= len(sample) // 100 and "\ufffd" not in sample

    data = read_bytes(path)
    binary = InputError("%s: looks like a binary file, not text; import a .txt, .docx or .doc file" % path)
    try:
        text = decode(data, encoding, str(path))
    except InputError:
        if encoding is not None or b"\x00" not in data[:4096]:
            raise
        # UTF-16 without a BOM: Chinese text has NUL bytes only in its few ASCII characters
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if plausible(text):
                return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        raise binary from None
    if encoding is None and not plausible(text):
        raise binary
    return text.split("\n")


def read(path: str | Path, *, encoding: str | None = None, part: str = "plan",
         editable: bool = True) -> Loaded:
    """Read any supported input into a plan.  `editable=False`: the caller only reads the
    plan (render, diff), so YAML may take the fast path without a ruamel tree."""
    kind = kind_of(path)
    if kind == "yaml":
        from . import yaml as yaml_reader

        doc = yaml_reader.load(path, encoding, editable=editable)
        return Loaded(doc.plan, doc.findings, doc, "yaml")
    plan, findings, fields = _imported(path, kind, encoding, part)
    return Loaded(plan, findings, None, kind, list(fields))


def _imported(path: str | Path, kind: str, encoding: str | None, part: str) -> tuple[Plan, list[Finding], list]:
    """The genre reader's plan and findings for a document; kept in drafter's cache, keyed by
    the file's bytes, its name (findings name it), the options and drafter's code, so reading
    last year's notice again (every diff and redline against it) costs a hash, not an import."""
    from .. import cache
    from ..fileio import read_bytes

    def make() -> tuple[Plan, list[Finding], list]:
        from .text import parse

        paras = paragraphs(path, encoding)
        fields: list = []
        plan, findings = parse(paras, file=str(path), part=part, lines=kind == "text", report=fields)
        return plan, getattr(paras, "findings", []) + findings, fields

    try:
        data = read_bytes(path)
    except InputError:
        return make()  # which reports it
    return cache.pickled("import", (data, str(path), kind, encoding or "", part), make)
