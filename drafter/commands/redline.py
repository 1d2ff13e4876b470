"""`drafter redline OLD NEW -o OUT.docx`: the new plan with every change as a tracked change."""
from __future__ import annotations

import click

from .options import encoding_option, force_option, output_option, template_dir_option


@click.command("redline")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@output_option("The .docx to write.", required=True)
@click.option("--author", default="drafter", show_default=True, help="Author stamped on every change.")
@click.option("--date", "when", default=None, metavar="ISO", help="Date of the changes, e.g. 2018-03-01 (default: now).")
@click.option("--as", "kind", type=click.Choice(["plan", "notice", "consult"]), default=None,
              help="Layout (default: notice when both plans have a complete notice, else plan).")
@template_dir_option()
@click.option("--numbering", type=click.Choice(["derived", "word", "text"]), default="derived", show_default=True,
              help="Item numbers as literal text where renumbering is no change (each item kept in "
                   "place prints its new number), as Word list numbering, or as literal text with "
                   "every renumbered numeral a change.")
@force_option()
@encoding_option()
def command(old, new, output, author, when, kind, template_dir, numbering, force, encoding):
    """Write NEW in full GB/T 9704 layout with every difference from OLD as a Word tracked
    change (insertions, deletions, moves), for review in Word, WPS or LibreOffice."""
    from ..app.compare import redline

    d, findings = redline(old, new, output, author=author, when=when, kind=kind, template_dir=template_dir,
                          numbering=numbering, force=force, encoding=encoding)
    for f in findings:
        click.echo(str(f), err=True)
    s = d.summary()
    click.echo("wrote %s: %d added, %d removed, %d modified, %d moved" % (
        output, s["added"], s["removed"], s["modified"], s["moved"]), err=True)
