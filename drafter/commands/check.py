"""`drafter check`: validate a plan or document and lint it for GB/T 9704 and drafting conventions
(the rules live in `drafter.lint`); `--fix` edits the YAML in place, comments kept."""
from __future__ import annotations

import json
from collections import Counter

import click

from ..errors import Finding, InputError

LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


@click.command("check")
@click.argument("plan", type=click.Path(dir_okay=False), required=False)
@click.option("--fix", is_flag=True, help="Rewrite the YAML in place for fixable findings (assigns missing IDs); keeps a .bak.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rule", "rules", multiple=True, metavar="CODE",
              help="Only these rules (a code, or a family such as punct; repeat or separate by commas).")
@click.option("--ignore", "ignores", multiple=True, metavar="CODE", help="Skip these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this level remains.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--list-rules", is_flag=True, help="List the rule codes with their level and meaning, and exit.")
def command(plan, fix, fmt, rules, ignores, fail_on, encoding, list_rules):
    """Validate and lint PLAN (YAML, or any document `drafter import` reads) against GB/T 9704
    and drafting conventions.

    Exit 0 clean, 1 findings at or above --fail-on, 2 unusable input."""
    from .. import lint

    if list_rules:
        _list_rules(lint)
        return
    if plan is None:
        raise click.UsageError("Missing argument 'PLAN'.")
    rules, ignores = _codes(lint, rules, "--rule"), _codes(lint, ignores, "--ignore")
    loaded = _load(lint, plan, encoding, fmt)
    if fix and loaded.kind != "yaml":
        raise InputError("%s: --fix rewrites plan YAML only; import the document first" % plan)
    findings = lint.select(lint.merge(loaded.findings, lint.run(loaded, plan, encoding)), rules, ignores)
    fixed: list[str] = []
    if fix:
        fixed = _apply_fixes(lint, loaded, plan, findings)
        if fixed:  # report what is left, at its new position
            loaded = _load(lint, plan, encoding, fmt)
            findings = lint.select(lint.merge(loaded.findings, lint.run(loaded, plan, encoding)), rules, ignores)
    findings.sort(key=lambda f: (LEVEL_ORDER.get(f.level, 9), f.line or 0, f.paragraph or 0))
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, default=str))
    else:
        _print_text(findings, fixed, plan)
    threshold = LEVEL_ORDER[fail_on]
    raise SystemExit(1 if any(LEVEL_ORDER.get(f.level, 9) <= threshold for f in findings) else 0)


def _load(lint, path, encoding, fmt):
    try:
        return lint.load(path, encoding)
    except InputError as e:
        if fmt == "json" and e.findings:
            click.echo(json.dumps([f.as_dict() for f in e.findings], ensure_ascii=False, indent=2))
            raise SystemExit(2)
        raise


def _codes(lint, given: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Split comma lists and refuse unknown codes (a typo would silently check nothing)."""
    codes = tuple(c.strip() for g in given for c in g.split(",") if c.strip())
    known = lint.known_codes()
    for c in codes:
        if not any(k == c or k.startswith(c + "-") for k in known):
            raise click.UsageError("%s %s: no such rule; `drafter check --list-rules` lists them"
                                   % (option, c))
    return codes


def _list_rules(lint) -> None:
    codes = lint.known_codes()
    for code in codes:
        r = lint.RULES[code]
        click.echo("%-20s %-8s %s%s" % (code, r.level, r.summary, " [fixable]" if r.fixable else ""))


def _apply_fixes(lint, loaded, path, findings) -> list[str]:
    """Apply what --fix can do; return one line per change.  The file is rewritten (after a
    .bak copy) only when something changed."""
    from ..fileio import atomic_write, backup
    from ..ids import assign_ids, insert_ids
    from ..readers.yaml import loads

    doc = loaded.document
    text, changes = lint.apply_fixes(doc, doc.text, findings)
    if any(f.code == "missing-id" for f in findings):
        if text != doc.text:  # positions moved: reload before inserting IDs
            doc = loads(text, str(path))
        nodes = assign_ids(doc.plan)
        if nodes:
            text = insert_ids(doc, nodes)
            changes.extend("assigned ID %s to %r" % (n.id, n.title[:30]) for n in nodes)
    if changes and text != loaded.document.text:
        backup(path)
        atomic_write(path, _as_before(path, text, changes))
    return changes


def _as_before(path, text: str, changes: list[str]) -> bytes:
    """The new text in the file's own encoding and line endings (GBK stays GBK, CRLF stays
    CRLF), so the only bytes that change are the fixed ones."""
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


def _print_text(findings: list[Finding], fixed: list[str], path) -> None:
    for line in fixed:
        click.echo("fixed: %s" % line)
    if not findings:
        click.echo("%s: ok, no findings" % path)
        return
    counts = Counter(f.level for f in findings)
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    for level in ("error", "warning", "info"):
        group = [f for f in findings if f.level == level]
        if not group:
            continue
        click.secho("%s (%d)" % ({"error": "错误 errors", "warning": "警告 warnings",
                                   "info": "提示 info"}[level], len(group)),
                    fg=colour[level], bold=True)
        for f in group:
            fixable = " [fixable]" if f.fix is not None else ""
            click.echo("  %s: %s%s %s%s" % (f.location(), f.code,
                                            " (%s)" % f.path if f.path else "", f.message, fixable))
    click.echo("%s: %s" % (path, ", ".join("%d %s" % (counts[k], k) for k in ("error", "warning", "info") if counts[k])))
