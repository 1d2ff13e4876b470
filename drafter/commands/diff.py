"""`drafter diff OLD NEW`: what changed between two plans (YAML or any imported document)."""
from __future__ import annotations

import click


def load_pair(old: str, new: str, encoding: str | None):
    """Both plans through the one reader entry point; a file that is no plan is a located
    error, never a traceback."""
    from .. import readers
    from ..errors import InputError

    plans = []
    for path in (old, new):
        loaded = readers.read(path, encoding=encoding, editable=False)
        if not any(True for _ in loaded.plan.walk()) and not loaded.plan.title:
            raise InputError("%s: holds no plan (no title, no numbered items)" % path)
        plans.append(loaded.plan)
    return plans


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Terminal summary, the JSON contract, or an HTML report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of standard output (required for html).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--all", "show_all", is_flag=True, help="Also list items that were only renumbered.")
@click.option("--color/--no-color", default=None, help="Colour the terminal summary (default: when a terminal).")
@click.option("--encoding", default=None, help="Input encoding for text files (default: detected).")
def command(old, new, fmt, output, force, show_all, color, encoding):
    """Compare OLD and NEW item by item: added, removed, moved, reworded, renumbered, and the
    targets (30% → 40%) and offices that changed.

    Exit 0 when the plans say the same, 1 when they differ, 2 on unusable input."""
    import json
    import sys

    from ..diff import compare
    from ..errors import OutputError
    from ..fileio import atomic_write, check_output

    if fmt == "html" and not output:
        raise OutputError("--format html needs -o report.html")
    if output:
        check_output(output, force=force, inputs=(old, new))
    a, b = load_pair(old, new, encoding)
    d = compare(a, b, old_name=old, new_name=new)
    if fmt == "json":
        text = json.dumps(d.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"
    elif fmt == "html":
        from ..writers.html import diff_report

        text = diff_report(d)
    else:
        from ..diff.terminal import summary_text

        use_colour = color if color is not None else (output is None and sys.stdout.isatty())
        text = summary_text(d, colour=use_colour, show_all=show_all)
    if output:
        atomic_write(output, text)
        click.echo("wrote %s" % output, err=True)
    else:
        click.echo(text, nl=False)
    raise SystemExit(0 if d.empty else 1)
