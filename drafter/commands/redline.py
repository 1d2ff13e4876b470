"""`drafter redline OLD NEW -o OUT.docx`: the new plan with every change as a tracked change."""
from __future__ import annotations

import click


@click.command("redline")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .docx to write.")
@click.option("--author", default="drafter", show_default=True, help="Author stamped on every change.")
@click.option("--date", "when", default=None, metavar="ISO", help="Date of the changes, e.g. 2018-03-01 (default: now).")
@click.option("--as", "kind", type=click.Choice(["plan", "notice", "consult"]), default=None,
              help="Layout (default: notice when both plans have a complete notice, else plan).")
@click.option("--template-dir", type=click.Path(file_okay=False), default=None, help="An office's own templates and look.")
@click.option("--numbering", type=click.Choice(["derived", "word", "text"]), default="derived", show_default=True,
              help="Item numbers as literal text where renumbering is no change (each item kept in "
                   "place prints its new number), as Word list numbering, or as literal text with "
                   "every renumbered numeral a change.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--encoding", default=None, help="Input encoding for text files (default: detected).")
def command(old, new, output, author, when, kind, template_dir, numbering, force, encoding):
    """Write NEW in full GB/T 9704 layout with every difference from OLD as a Word tracked
    change (insertions, deletions, moves), for review in Word, WPS or LibreOffice."""
    import datetime as dt

    from ..diff import compare
    from ..errors import InputError
    from ..fileio import check_output
    from ..writers.redline import write_redline
    from .diff import load_pair

    check_output(output, force=force, inputs=(old, new))
    stamp = None
    if when:
        try:
            stamp = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            raise InputError("--date %r: give an ISO date such as 2018-03-01 or 2018-03-01T09:00" % when) from None
        stamp = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    a, b = load_pair(old, new, encoding)
    d = compare(a, b, old_name=old, new_name=new)
    findings = []
    write_redline(d, output, kind=kind, author=author, date=stamp, template_dir=template_dir,
                  findings=findings, numbering=numbering)
    for f in findings:
        click.echo(str(f), err=True)
    s = d.summary()
    click.echo("wrote %s: %d added, %d removed, %d modified, %d moved" % (
        output, s["added"], s["removed"], s["modified"], s["moved"]), err=True)
