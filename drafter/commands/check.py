"""`drafter check`: validate a plan (and, with the linter, check drafting conventions)."""
from __future__ import annotations

import json
from collections import Counter

import click

from ..errors import Finding, InputError

LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


@click.command("check")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--fix", is_flag=True, help="Rewrite the YAML in place for fixable findings (assigns missing IDs); keeps a .bak.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rule", "rules", multiple=True, metavar="CODE", help="Only these rules.")
@click.option("--ignore", "ignores", multiple=True, metavar="CODE", help="Skip these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this level remains.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
def command(plan, fix, fmt, rules, ignores, fail_on, encoding):
    """Validate PLAN (YAML, or any document `drafter import` reads) and report findings.

    Exit 0 clean, 1 findings at or above --fail-on, 2 unusable input."""
    from .. import readers

    try:
        loaded = readers.read(plan, encoding=encoding)
    except InputError as e:
        if fmt == "json" and e.findings:
            click.echo(json.dumps([f.as_dict() for f in e.findings], ensure_ascii=False, indent=2))
            raise SystemExit(2)
        raise
    findings: list[Finding] = list(loaded.findings)
    fixed: list[str] = []
    try:
        from .. import lint  # the drafting-convention rules (issue 8)
    except ImportError:
        lint = None
    if lint is not None:
        findings.extend(lint.run(loaded, plan))
    else:
        findings.extend(_missing_id_findings(loaded, plan))
    if rules:
        findings = [f for f in findings if f.code in rules]
    if ignores:
        findings = [f for f in findings if f.code not in ignores]
    if fix:
        fixed = _apply_fixes(loaded, plan, findings)
        if fixed:
            fixed_codes = {"missing-id"} if any("ID" in s for s in fixed) else set()
            findings = [f for f in findings if f.code not in fixed_codes or f.fix is None]
    findings.sort(key=lambda f: (LEVEL_ORDER.get(f.level, 9), f.line or 0, f.paragraph or 0))
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, default=str))
    else:
        _print_text(findings, fixed, plan)
    threshold = LEVEL_ORDER[fail_on]
    raise SystemExit(1 if any(LEVEL_ORDER.get(f.level, 9) <= threshold for f in findings) else 0)


def _missing_id_findings(loaded, path) -> list[Finding]:
    from ..ids import missing_ids

    if loaded.kind != "yaml":
        return []
    out = []
    for node, p in missing_ids(loaded.plan):
        src = node.source
        out.append(Finding("info", "missing-id", "item %r has no ID yet; `drafter check --fix` assigns one"
                           % node.title[:20], str(path), src.line if src else None,
                           src.column if src else None, _ypath(p), fix="assign-id"))
    return out


def _ypath(p) -> str:
    parts = ["sections[%d]" % p[0]] + ["items[%d]" % i for i in p[1:]]
    return ".".join(parts)


def _apply_fixes(loaded, path, findings) -> list[str]:
    """Apply what --fix can do; return one line per change.  Only YAML files are rewritten."""
    from ..fileio import atomic_write, backup
    from ..ids import assign_ids, insert_ids_in_text

    if loaded.kind != "yaml":
        raise InputError("%s: --fix rewrites plan YAML only; import the document first" % path)
    doc = loaded.document
    text = doc.text
    changes = []
    fixers = []
    try:
        from .. import lint
        fixers = [lint.apply_fixes]
    except ImportError:
        pass
    for fixer in fixers:
        text, lines = fixer(doc, text, findings)
        changes.extend(lines)
    if any(f.code == "missing-id" for f in findings) or not fixers:
        if text != doc.text:  # positions moved: reload before inserting IDs
            from ..readers.yaml import loads
            doc = loads(text, str(path))
        nodes = assign_ids(doc.plan)
        if nodes:
            text = insert_ids_in_text(text, nodes)
            changes.extend("assigned ID %s to %r" % (n.id, n.title[:30]) for n in nodes)
    if changes and text != loaded.document.text:
        backup(path)
        atomic_write(path, text)
    return changes


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
