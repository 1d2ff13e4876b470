"""`drafter check`: validate a plan or document and lint it for GB/T 9704 and drafting conventions
(the rules live in `drafter.lint`, the fix loop in `drafter.app.check`); `--fix` edits the YAML
in place, comments kept."""
from __future__ import annotations

import json
from collections import Counter

import click

from ..errors import Finding, InputError
from .options import encoding_option


@click.command("check")
@click.argument("plan", type=click.Path(dir_okay=False), required=False)
@click.option("--fix", is_flag=True, help="Rewrite the YAML in place for fixable findings (assigns missing IDs); keeps a .bak.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rule", "rules", multiple=True, metavar="CODE",
              help="Only these rules (a code, or a family such as punct; repeat or separate by commas).")
@click.option("--ignore", "ignores", multiple=True, metavar="CODE", help="Skip these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this level remains.")
@encoding_option("Input encoding (default: detected).")
@click.option("--pages", is_flag=True,
              help="Also render a plan and check the page rules on its layout (a .docx is always checked; needs LibreOffice).")
@click.option("--list-rules", is_flag=True, help="List the rule codes with their level and meaning, and exit.")
def command(plan, fix, fmt, rules, ignores, fail_on, encoding, pages, list_rules):
    """Validate and lint PLAN (YAML, or any document `drafter import` reads) against GB/T 9704
    and drafting conventions.

    Exit 0 clean, 1 findings at or above --fail-on, 2 unusable input."""
    from ..app import check as app

    if list_rules:
        for code, r in app.rules():
            click.echo("%-20s %-8s %s%s" % (code, r.level, r.summary, " [fixable]" if r.fixable else ""))
        return
    if plan is None:
        raise click.UsageError("Missing argument 'PLAN'.")
    rules, ignores = _codes(app, rules, "--rule"), _codes(app, ignores, "--ignore")
    try:
        result = app.check(plan, encoding=encoding, rules=rules, ignores=ignores, fix=fix, pages=pages)
    except InputError as e:
        if fmt == "json" and e.findings:
            click.echo(json.dumps([f.as_dict() for f in e.findings], ensure_ascii=False, indent=2))
            raise SystemExit(2) from None
        raise
    if not result.converged:
        rounds = app.MAX_FIX_ROUNDS
        click.echo("drafter: warning: --fix stopped after %d round%s with fixable findings left "
                   "(their fixes keep changing each other); they are listed below"
                   % (rounds, "" if rounds == 1 else "s"), err=True)
    if result.skipped:
        click.echo("drafter: note: LibreOffice is not installed, so the page rules were not checked: %s"
                   % ", ".join(result.skipped), err=True)
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False, indent=2, default=str))
    else:
        _print_text(result.findings, result.fixed, plan)
    raise SystemExit(1 if result.fails(fail_on) else 0)


def _codes(app, given: tuple[str, ...], option: str) -> tuple[str, ...]:
    codes = app.split_codes(given)
    unknown = app.unknown_codes(codes)
    if unknown:
        raise click.UsageError("%s %s: no such rule; `drafter check --list-rules` lists them"
                               % (option, unknown[0]))
    return codes


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
