"""`check`: lint a plan or document, and with `fix` rewrite the YAML until no safe fix is left."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}
# Fixes of one round may uncover new ones (a comma next to a bracket that was just made
# full-width); a rule whose fixes undo each other must not loop for ever.
MAX_FIX_ROUNDS = 10


@dataclass
class CheckResult:
    findings: list  # errors.Finding, most severe first
    fixed: list[str] = field(default_factory=list)  # one line per change --fix made
    converged: bool = True  # False: fixable findings were still left after MAX_FIX_ROUNDS
    skipped: list[str] = field(default_factory=list)  # page rules not checked (no LibreOffice)

    def fails(self, fail_on: str) -> bool:
        """Whether a finding at or above `fail_on` is left."""
        threshold = LEVEL_ORDER[fail_on]
        return any(LEVEL_ORDER.get(f.level, 9) <= threshold for f in self.findings)


def split_codes(given: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Rule codes as given to --rule/--ignore: repeated, or separated by commas."""
    return tuple(c.strip() for g in given for c in g.split(",") if c.strip())


def _known_codes() -> list[str]:
    """Every rule code, the page rules (`lint.pages`) included."""
    from .. import lint
    from ..lint import pages  # noqa: F401  (registers the page rules)

    return lint.known_codes()


def unknown_codes(codes: tuple[str, ...]) -> list[str]:
    """The codes that name no rule and no family (a typo would silently check nothing)."""
    known = _known_codes()
    return [c for c in codes if not any(k == c or k.startswith(c + "-") for k in known)]


def rules() -> list[tuple[str, Any]]:
    """Every rule as (code, rule), sorted by code."""
    from .. import lint

    return [(code, lint.RULES[code]) for code in _known_codes()]


def check(path: str, *, encoding: str | None = None, rules: tuple[str, ...] = (),
          ignores: tuple[str, ...] = (), fix: bool = False, pages: bool = False,
          template_dir: str | None = None) -> CheckResult:
    """Lint `path` (a plan YAML or a document) with the rules selected by `rules`/`ignores`;
    with `fix`, first rewrite the YAML in place (a .bak kept) until no safe fix is left, and
    report what remains at its new position.  A .docx (and with `pages` a plan, rendered as
    `render` would) is also laid out by LibreOffice and checked against the page rules;
    without LibreOffice those are listed in `skipped`."""
    from .. import lint
    from ..errors import InputError

    loaded = lint.load(path, encoding)
    if fix and loaded.kind != "yaml":
        raise InputError("%s: --fix rewrites plan YAML only; import the document first" % path)
    findings = _findings(loaded, path, encoding, rules, ignores)
    result = CheckResult(findings)
    if fix:
        result.fixed, result.converged = fix_plan(loaded, path, findings, encoding, rules, ignores)
        if result.fixed:
            result.findings = _findings(lint.load(path, encoding), path, encoding, rules, ignores)
    if pages or loaded.kind == "docx":
        found, result.skipped = page_findings(path, loaded, template_dir)
        result.findings += lint.select(found, rules, ignores)
        result.skipped = [c for c in result.skipped if lint.select([_stub(c)], rules, ignores)]
    result.findings.sort(key=lambda f: (LEVEL_ORDER.get(f.level, 9), f.line or 0, f.paragraph or 0))
    return result


def page_findings(path: str, loaded: Any, template_dir: str | None = None) -> tuple[list, list[str]]:
    """(the page rules `path` breaks once laid out, the page rules skipped): a .docx is laid
    out as it is; a plan is rendered first (its default kind, the 版记 placed as `render --pdf`
    places it).  Without LibreOffice every page rule is skipped."""
    import tempfile
    from pathlib import Path

    from ..lint import pages

    if not pages.libreoffice_available():
        return [], list(pages.RULES)
    if loaded.kind == "docx":
        return pages.page_findings(pages.render_pages(path), path), []
    from ..writers.docx import write

    with tempfile.TemporaryDirectory(prefix="drafter-check-") as tmp:
        docx = write(loaded.plan, Path(tmp) / (Path(path).stem + ".docx"), template_dir=template_dir,
                     measure=True)
        found = pages.page_findings(pages.render_pages(docx), path)
    return found, []


def _stub(code: str):
    from ..errors import Finding

    return Finding("info", code, "")


def _findings(loaded, path, encoding, rules, ignores) -> list:
    from .. import lint

    return lint.select(lint.merge(loaded.findings, lint.run(loaded, path, encoding)), rules, ignores)


def fix_plan(loaded: Any, path: str, findings: list, encoding: str | None = None,
             rules: tuple[str, ...] = (), ignores: tuple[str, ...] = (),
             rounds: int | None = None) -> tuple[list[str], bool]:
    """Apply the safe fixes of `findings` to the plan YAML at `path`, lint again and repeat
    until a round changes nothing, then assign missing IDs; return one line per change and
    whether the fixes converged within `rounds`.  The file is rewritten (after a .bak copy)
    only when something changed, in its own encoding and line endings."""
    from .. import lint
    from ..fileio import atomic_write, backup
    from ..ids import assign_ids, insert_ids
    from ..readers import Loaded
    from ..readers.yaml import loads

    doc = loaded.document
    text, changes, converged = doc.text, [], False
    for _ in range(MAX_FIX_ROUNDS if rounds is None else rounds):
        new, done = lint.apply_fixes(doc, text, findings)
        if new == text:
            converged = True
            break
        text, changes = new, changes + done
        doc = loads(text, str(path))
        findings = _findings(Loaded(doc.plan, doc.findings, doc, "yaml"), str(path), encoding, rules, ignores)
    else:
        converged = lint.apply_fixes(doc, text, findings)[0] == text
    if any(f.code == "missing-id" for f in findings):
        nodes = assign_ids(doc.plan)
        if nodes:
            text = insert_ids(doc, nodes)  # doc.text == text: reloaded after every round
            changes.extend("assigned ID %s to %r" % (n.id, n.title[:30]) for n in nodes)
    if changes and text != loaded.document.text:
        backup(path)
        atomic_write(path, _as_before(path, text, changes))
    return changes, converged


def _as_before(path, text: str, changes: list[str]) -> bytes:
    """The new text in the file's own encoding and line endings (GBK stays GBK, CRLF stays
    CRLF), so the only bytes that change are the fixed ones."""
    from ..errors import InputError
    from ..fileio import detect_encoding, read_bytes

    raw = read_bytes(path)
    try:
        enc = detect_encoding(raw)
        if "\r\n" in raw.decode(enc):
            text = text.replace("\n", "\r\n")
        return text.encode(enc)
    except (UnicodeError, LookupError, InputError):
        changes.append("wrote the file as UTF-8 (its encoding cannot hold the fixed text)")
        return text.encode("utf-8")
