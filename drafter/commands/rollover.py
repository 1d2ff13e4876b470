"""`drafter rollover`: next year's first draft from last year's plan (the rules and the
in-place YAML editing live in `drafter.rollover`, the steps in `drafter.app.documents`)."""
from __future__ import annotations

import json

import click

from .options import encoding_option, force_option, output_option


@click.command("rollover")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="The new plan year (default: the plan's year + 1).")
@output_option("Output YAML (default: plans/<new year>-<name>.yaml).")
@click.option("--targets", type=click.Choice(["carry", "blank"]), default="carry", show_default=True,
              help="carry: keep last year's quantities (listed for review); blank: replace them by 〔待定〕.")
@click.option("--keep-done", is_flag=True, help="Keep items marked `status: done` (dropped by default).")
@force_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Summary format.")
@encoding_option("Input encoding (default: detected).")
def command(plan, year, output, targets, keep_done, force, fmt, encoding):
    """Roll PLAN (YAML, or any document `drafter import` reads) forward to next year.

    Years that mean the plan year move, every other year stays; the notice's number and dates
    are cleared with a TODO; IDs, order and comments are kept.  Each change is marked with a
    `# rollover` comment in the YAML and listed in the summary with its reason."""
    from ..app.documents import rollover

    out, report = rollover(plan, year, output, targets=targets, keep_done=keep_done, force=force,
                           encoding=encoding)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            click.echo(line)
    click.echo("wrote %s" % out, err=fmt == "json")
