"""`drafter import`: last year's .docx/.doc/text → plan YAML, with a summary of what was found
and a warning for everything that had to be guessed."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Output YAML (default: plans/<stem>.yaml).")
@click.option("--encoding", default=None, help="Text encoding of SOURCE (default: detected; e.g. gb18030, utf-16).")
@click.option("--part", type=click.Choice(["plan", "review"]), default="plan", show_default=True,
              help="For a speech: the deployment part (plan) or last year's review.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("-q", "--quiet", is_flag=True, help="Print warnings only, no summary.")
def command(source, output, encoding, part, force, quiet):
    """Import SOURCE (.txt in any encoding, .docx, .pdf with a text layer, or .doc/.wps/.odt via
    LibreOffice) as plan YAML.

    Exit 0 when written (warnings are printed), 2 when SOURCE cannot be read."""
    from ..fileio import check_output
    from ..ids import assign_ids
    from ..readers import kind_of, read
    from ..writers.yaml import dump
    from ..yamlio import write_checked

    if kind_of(source) == "yaml":
        raise click.UsageError("%s is already a plan; `drafter check` validates it" % source)
    out = Path(output or Path("plans") / (Path(source).stem + ".yaml"))
    check_output(out, force=force, inputs=(source,))
    loaded = read(source, encoding=encoding, part=part)
    plan = loaded.plan
    assign_ids(plan)
    header = "Imported from %s by `drafter import`%s.\nCheck the warnings it printed, then edit freely." % (
        Path(source).name, " --part %s" % part if part != "plan" else "")
    write_checked(out, dump(plan, header=header), "the imported plan", expect=plan)  # reads back as written
    if not quiet:
        _summary(plan, out)
    for f in loaded.findings:
        if f.level != "info" or not quiet:
            click.echo(str(f), err=True)


def _summary(plan, out) -> None:
    sections = len(plan.sections)
    items = sum(1 for _ in plan.walk()) - sections
    click.echo("wrote %s" % out)
    click.echo("  title:    %s%s" % (plan.title or "(none found)", "  [征求意见稿]" if plan.status == "draft" else ""))
    click.echo("  year:     %s" % (plan.year or "(none found)"))
    click.echo("  issuer:   %s" % (plan.issuer or "(none found)"))
    click.echo("  sections: %d, items: %d (levels %s)" % (sections, items, " ".join(plan.numbering.levels)))
    with_offices = sum(1 for node, _ in plan.walk() if node.lead)
    if with_offices:
        click.echo("  offices:  %d items name their 牵头 offices" % with_offices)
    n = plan.notice
    if n is not None:
        fields = [k for k in ("title", "doc_number", "recipients", "body", "issuer", "date", "disclosure",
                              "printed_by", "printed_on", "deadline", "contact", "phone", "email", "attachments")
                  if getattr(n, k)]
        click.echo("  notice:   %s — %s" % (n.kind, ", ".join(fields) if fields else "no fields"))
    if plan.meta:
        click.echo("  meta:     %s" % ", ".join(plan.meta))
