"""`drafter import`: last year's .docx/.doc/text → plan YAML, with a summary of what was found
and a warning for everything that had to be guessed."""
from __future__ import annotations

import click

from .options import encoding_option, force_option, output_option


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@output_option("Output YAML (default: plans/<stem>.yaml).")
@encoding_option("Text encoding of SOURCE (default: detected; e.g. gb18030, utf-16).")
@click.option("--part", type=click.Choice(["plan", "review"]), default="plan", show_default=True,
              help="For a speech: the deployment part (plan) or last year's review.")
@force_option()
@click.option("-q", "--quiet", is_flag=True, help="Print warnings only, no summary.")
@click.option("--report", "report", type=click.Choice(["json"]), default=None,
              help="Print each header field (文号, 主送, 成文日期, year, title, first section) with its value, "
                   "source line and confidence as JSON, then the findings; nothing else on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Also show which rule decided each header field.")
def command(source, output, encoding, part, force, quiet, report, verbose):
    """Import SOURCE (.txt in any encoding, .docx, .pdf with a text layer, or .doc/.wps/.odt via
    LibreOffice) as plan YAML.

    Exit 0 when written (warnings are printed), 2 when SOURCE cannot be read."""
    from ..app.documents import AlreadyAPlan, import_document

    try:
        imported = import_document(source, output, encoding=encoding, part=part, force=force)
    except AlreadyAPlan as e:
        raise click.UsageError(e.message) from None
    if report == "json":
        import json

        click.echo(json.dumps(imported.report(), ensure_ascii=False, indent=2, default=str))
        return
    if not quiet:
        _summary(imported.plan, imported.output)
    if verbose:
        _decisions(imported.fields)
    for f in imported.findings:
        if f.level != "info" or not quiet:
            click.echo(str(f), err=True)


def _decisions(fields) -> None:
    """`--verbose`: per header field, the rule that decided it, its confidence and the line."""
    click.echo("  how each field was read:")
    for d in fields:
        where = ("line %d" % d.line if d.line else "¶%d" % d.paragraph if d.paragraph else "-")
        value = "、".join(d.value) if isinstance(d.value, list) else d.value
        click.echo("    %-13s %-28s %-6s %-8s %s" % (d.field, d.rule, d.confidence, where,
                                                     "(not found)" if value is None else value))


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
