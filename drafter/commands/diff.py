"""`drafter diff OLD NEW`: what changed between two plans (YAML or any imported document)."""
from __future__ import annotations

import click

from .options import encoding_option, force_option, output_option


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Terminal summary, the JSON contract, or an HTML report.")
@output_option("Write here instead of standard output (required for html).")
@force_option()
@click.option("--all", "show_all", is_flag=True, help="Also list items that were only renumbered.")
@click.option("--color/--no-color", default=None, help="Colour the terminal summary (default: when a terminal).")
@encoding_option()
def command(old, new, fmt, output, force, show_all, color, encoding):
    """Compare OLD and NEW item by item: added, removed, moved, reworded, renumbered, and the
    targets (30% → 40%) and offices that changed.

    Exit 0 when the plans say the same, 1 when they differ, 2 on unusable input."""
    import sys

    from ..app.compare import diff_report

    use_colour = color if color is not None else (output is None and sys.stdout.isatty())
    report = diff_report(old, new, fmt, output=output, force=force, encoding=encoding,
                         colour=use_colour, show_all=show_all)
    if output:
        click.echo("wrote %s" % output, err=True)
    else:
        click.echo(report.text, nl=False)
    raise SystemExit(0 if report.diff.empty else 1)
