"""`drafter rollover`: next year's first draft from last year's plan (the rules and the
in-place YAML editing live in `drafter.rollover`)."""
from __future__ import annotations

import json

import click


@click.command("rollover")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="The new plan year (default: the plan's year + 1).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Output YAML (default: plans/<new year>-<name>.yaml).")
@click.option("--targets", type=click.Choice(["carry", "blank"]), default="carry", show_default=True,
              help="carry: keep last year's quantities (listed for review); blank: replace them by 〔待定〕.")
@click.option("--keep-done", is_flag=True, help="Keep items marked `status: done` (dropped by default).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Summary format.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
def command(plan, year, output, targets, keep_done, force, fmt, encoding):
    """Roll PLAN (YAML, or any document `drafter import` reads) forward to next year.

    Years that mean the plan year move, every other year stays; the notice's number and dates
    are cleared with a TODO; IDs, order and comments are kept.  Each change is marked with a
    `# rollover` comment in the YAML and listed in the summary with its reason."""
    from pathlib import Path

    from ..fileio import atomic_write, check_output
    from ..rollover import default_output, load_any, plan_year_of, roll

    doc, imported = load_any(plan, encoding)
    if output is None:
        old = plan_year_of(doc.plan, plan)
        output = str(default_output(plan, old, year if year is not None else old + 1))
    out = check_output(output, force=force, inputs=(plan,))
    result = roll(doc, year, targets=targets, keep_done=keep_done, imported=imported, output=str(out))
    if Path(out).exists() and Path(out).resolve() == Path(plan).resolve():
        from ..fileio import backup

        backup(out)
    atomic_write(out, result.text)
    if fmt == "json":
        click.echo(json.dumps(result.report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.report.lines():
            click.echo(line)
    click.echo("wrote %s" % out, err=fmt == "json")
