"""`drafter check` rules: GB/T 9704 and drafting conventions, on a plan YAML or on a document.

One module per rule family, each with `check(ctx)`; their codes, levels and Chinese summaries
are registered in `RULES` when the module is imported.  `run` lints what a reader loaded;
`apply_fixes` edits the YAML text in place at the verified spots, so comments and every other
byte stay as the drafter wrote them.
"""
from __future__ import annotations

import bisect
import importlib
from pathlib import Path
from typing import Any

from ..errors import Finding, InputError
from .base import RULES, Context, Rule, rule  # noqa: F401  (re-exported)

FAMILIES = ("docnumber", "dates", "years", "numbering", "punctuation", "titles", "offices",
            "targets", "script")

rule("missing-id", "info", "条目还没有ID；check --fix 会分配", fixable=True)


def families() -> list[Any]:
    """The rule modules, imported once (which also fills `RULES`)."""
    return [importlib.import_module("%s.%s" % (__name__, name)) for name in FAMILIES]


def lint(ctx: Context) -> list[Finding]:
    for module in families():
        module.check(ctx)
    return ctx.findings


def run(loaded: Any, path: str | Path, encoding: str | None = None) -> list[Finding]:
    """Lint a plan YAML or a document as `drafter.readers.read` loaded it (documents are
    read again as paragraphs, in `encoding` when given)."""
    path = str(path)
    if loaded.kind == "yaml":
        from .sources import yaml_context

        return lint(yaml_context(loaded.document, path)) + missing_ids(loaded, path)
    return check_paragraphs(paragraphs(path, encoding), path, loaded.kind, loaded.plan)


def check_paragraphs(paras: list[str], path: str = "<input>", kind: str = "text",
                     plan: Any = None) -> list[Finding]:
    """Lint a document given as its paragraphs (1-based numbers are list positions)."""
    from .sources import document_context

    return lint(document_context(paras, path, kind, plan))


def paragraphs(path: str | Path, encoding: str | None = None) -> list[str]:
    """A document's paragraphs: the importer's `readers.paragraphs` when it is there, else the
    lines of a text file or the body paragraphs of a .docx."""
    from .. import readers

    reader = getattr(readers, "paragraphs", None)
    if reader is not None:
        try:
            return reader(path, encoding)
        except ImportError:  # a format the importer has not landed yet
            pass
    kind = readers.kind_of(path)
    if kind == "text":
        from ..fileio import read_text

        return read_text(path, encoding).split("\n")
    if kind == "docx":
        return _docx_paragraphs(path)
    raise InputError("%s: checking %s files needs the importer, which is not available yet" % (path, kind))


def _docx_paragraphs(path) -> list[str]:
    from ..safeopen import open_docx

    return [p.text for p in open_docx(path).paragraphs]


def load(path: str | Path, encoding: str | None = None):
    """`readers.read`, except that a document is still checked (by its paragraphs alone) with
    a checkout whose readers cannot import documents yet."""
    from .. import readers
    from ..model import Plan

    kind = readers.kind_of(path)
    try:
        return readers.read(path, encoding=encoding)
    except InputError:
        if kind not in ("text", "docx") or hasattr(readers, "paragraphs"):
            raise
    except ImportError:  # a format whose importer has not landed yet
        if kind not in ("text", "docx"):
            raise
    paragraphs(path, encoding)  # unreadable input fails here as the importer would
    return readers.Loaded(Plan(), [], None, kind)


# import notes that a lint rule reports better (with the expected number or form)
SUPERSEDED = {"repeated-number": "numbering-repeat", "skipped-number": "numbering-gap",
              "mixed-numbering": "numbering-style", "doc-number-brackets": "doc-number"}


def merge(reader_findings: list[Finding], lint_findings: list[Finding]) -> list[Finding]:
    """The reader's findings plus the linter's, without the reader's notes that a rule has
    reported at the same paragraph."""
    said = {(f.code, f.paragraph) for f in lint_findings}
    kept = [f for f in reader_findings
            if f.code not in SUPERSEDED or (SUPERSEDED[f.code], f.paragraph) not in said]
    return kept + lint_findings


def missing_ids(loaded: Any, path: str) -> list[Finding]:
    from ..ids import missing_ids as missing

    out = []
    for node, p in missing(loaded.plan):
        src = node.source
        out.append(Finding("info", "missing-id", "条目“%s”还没有ID；drafter check --fix 会分配"
                           % node.title[:20], path, src.line if src else None,
                           src.column if src else None, ypath(p), fix="assign-id"))
    return out


def ypath(p: tuple[int, ...]) -> str:
    return ".".join(["sections[%d]" % p[0]] + ["items[%d]" % i for i in p[1:]])


def apply_fixes(doc: Any, text: str, findings: list[Finding]) -> tuple[str, list[str]]:
    """Apply the located edits of fixable findings to the YAML `text` (as loaded in `doc`);
    return the new text and one line per change.  A finding's edits go in all together or not
    at all: not when one no longer matches the text or overlaps an edit already taken (lint
    again and apply again for those: `drafter.app.check.fix_plan` loops until nothing is
    left).  The result must still load as a plan."""
    from .sources import YamlText

    chosen, taken = [], []  # taken: sorted, disjoint (start, end) spans of chosen edits
    fixable = [f for f in findings if isinstance(f.fix, dict) and f.fix["edits"]]
    for f in sorted(fixable, key=lambda f: min(e["offset"] for e in f.fix["edits"])):
        edits = sorted(((e["offset"], e["old"], e["new"], f) for e in f.fix["edits"]), key=lambda e: e[0])
        spans = [(offset, offset + len(old)) for offset, old, _, _ in edits]
        if all(text[offset:offset + len(old)] == old for offset, old, _, _ in edits) \
                and not any(_overlaps(spans[:i], *span) or _overlaps(taken, *span)
                            for i, span in enumerate(spans)):
            chosen.extend(edits)
            for span in spans:
                bisect.insort(taken, span)
    chosen.sort(key=lambda e: e[0])
    yt = YamlText(text)
    changes, done = [], set()
    for offset, old, new, f in reversed(chosen):
        text = text[:offset] + new + text[offset + len(old):]
    for offset, old, new, f in chosen:
        if id(f) not in done:
            done.add(id(f))
            line, col = yt.line_col(offset)
            changes.append("%s:%d:%d %s: %s" % (f.file or doc.path, f.line or line + 1,
                                                f.column or col + 1, f.code, f.fix["description"]))
    if chosen:  # a bug in a rule's edit: never write a broken plan
        from ..yamlio import reload

        reload(text, doc.path, "the fixes", done="nothing was changed")
    return text, changes


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint `spans` (two insertions at
    one place overlap too: their order would be a guess)."""
    i = bisect.bisect_left(spans, (start, start))
    before = spans[i - 1] if i else None
    after = spans[i] if i < len(spans) else None
    return bool((before and (before[1] > start or before[0] == start))
                or (after and (after[0] < end or after[0] == start)))


def select(findings: list[Finding], rules: tuple[str, ...] = (), ignores: tuple[str, ...] = ()) -> list[Finding]:
    """Keep the findings whose code is in `rules` (all when empty) and not in `ignores`; a
    family prefix such as `punct` selects every `punct-…` code."""

    def hit(code: str, wanted: tuple[str, ...]) -> bool:
        return any(code == w or code.startswith(w + "-") for w in wanted)

    return [f for f in findings if (not rules or hit(f.code, rules)) and not hit(f.code, ignores)]


def known_codes() -> list[str]:
    families()
    return sorted(RULES)
