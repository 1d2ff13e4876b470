"""`drafter collect`: returned comments → 意见汇总表; the filled-in 汇总表 → the final plan."""
from __future__ import annotations

import click

from .options import force_option, output_option, template_dir_option


@click.command("collect")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, type=click.Path())
@output_option("The 意见汇总表 (.docx, or .xlsx), or with --apply the new plan YAML.", required=True)
@click.option("--xlsx", is_flag=True, help="Also write the 意见汇总表 as a workbook beside the .docx.")
@click.option("--decisions", type=click.Path(dir_okay=False), default=None,
              help="The 意见汇总表 (.docx or .xlsx) with 处理意见 filled in.")
@click.option("--apply", "apply_", is_flag=True, help="Apply the accepted edits in --decisions to PLAN.")
@template_dir_option()
@force_option("Replace an existing output.")
def command(plan, files, output, xlsx, decisions, apply_, template_dir, force):
    """Collect the returned FILES (filled-in 意见反馈表, copies of the draft with Word comments
    or tracked changes; .docx, .doc, .wps, .odt) into one 意见汇总表, one row per opinion,
    grouped by task in plan order; opinions tied to no task go to 未对应条目.

    With --decisions FILE --apply, apply the rows marked 采纳 (and 部分采纳 with text in
    建议修改为) to PLAN and write the result to -o.

    \b
    Exit 0: all read (or all decided rows applied); 1: some files were skipped, or some
    accepted rows could not be applied or conflict (listed); 2: unusable input."""
    if decisions or apply_:
        if not (decisions and apply_):
            raise click.UsageError("--decisions and --apply go together")
        if files:
            raise click.UsageError("with --apply, give only PLAN and --decisions (not the returned files)")
        raise SystemExit(_apply(plan, decisions, output, force))
    if not files:
        raise click.UsageError("give the returned files to collect (or --decisions … --apply)")
    raise SystemExit(_collect(plan, files, output, xlsx, template_dir, force))


def _collect(plan, files, output, xlsx, template_dir, force) -> int:
    from ..app.consult import collect

    def heard(f, r) -> None:
        if r.kind == "skipped":
            click.echo("%s: skipped: %s" % (f, r.problem), err=True)
            return
        untied = sum(op.item_id is None for op in r.opinions)
        click.echo("%s: %s, %d opinion%s%s" % (f, "意见反馈表" if r.kind == "form" else "copy",
                                              len(r.opinions), "" if len(r.opinions) == 1 else "s",
                                              ", %d not tied to a task" % untied if untied else ""), err=True)

    result = collect(plan, files, output, xlsx=xlsx, template_dir=template_dir, force=force, on_file=heard)
    for t in result.written:
        click.echo(str(t))
    return 1 if result.skipped else 0


def _apply(plan, decisions, output, force) -> int:
    from ..app.consult import apply_decisions

    out = apply_decisions(plan, decisions, output, force=force)
    for label, items in (("applied", out.applied), ("skipped", out.skipped), ("conflict", out.conflicts)):
        for row, why in items:
            click.echo("%s: row %d (%s): %s: %s" % (decisions, row.n, row.unit or "?", label, why), err=True)
    click.echo("%s: %d applied, %d skipped, %d in conflict" % (output, len(out.applied),
                                                                len(out.skipped), len(out.conflicts)), err=True)
    return 1 if out.skipped or out.conflicts else 0
