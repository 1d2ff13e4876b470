"""`drafter collect`: returned comments → 意见汇总表; the filled-in 汇总表 → the final plan."""
from __future__ import annotations

import click


@click.command("collect")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The 意见汇总表 (.docx, or .xlsx), or with --apply the new plan YAML.")
@click.option("--xlsx", is_flag=True, help="Also write the 意见汇总表 as a workbook beside the .docx.")
@click.option("--decisions", type=click.Path(dir_okay=False), default=None,
              help="The 意见汇总表 (.docx or .xlsx) with 处理意见 filled in.")
@click.option("--apply", "apply_", is_flag=True, help="Apply the accepted edits in --decisions to PLAN.")
@click.option("--template-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="An office's own templates and look.yaml, searched before the built-ins.")
@click.option("--force", is_flag=True, help="Replace an existing output.")
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
    from pathlib import Path

    from ..consult.returned import Tasks, read_returned
    from ..consult.summary import rows_of, write_docx, write_xlsx
    from ..errors import DrafterError
    from ..fileio import check_output

    out = Path(output)
    targets = [out] if out.suffix.lower() == ".xlsx" else [out] + ([out.with_suffix(".xlsx")] if xlsx else [])
    for t in targets:
        check_output(t, force=force, inputs=(plan,) + tuple(files))
    tasks = Tasks(_load(plan).plan, template_dir)
    opinions, skipped = [], []
    for f in files:
        r = read_returned(f, tasks)
        if r.kind == "skipped":
            skipped.append("%s: %s" % (Path(f).name, r.problem))
            click.echo("%s: skipped: %s" % (f, r.problem), err=True)
            continue
        untied = sum(op.item_id is None for op in r.opinions)
        click.echo("%s: %s, %d opinion%s%s" % (f, "意见反馈表" if r.kind == "form" else "copy",
                                              len(r.opinions), "" if len(r.opinions) == 1 else "s",
                                              ", %d not tied to a task" % untied if untied else ""), err=True)
        opinions.extend(r.opinions)
    if len(skipped) == len(files):
        raise DrafterError("none of the %d returned files could be read, nothing written: %s"
                           % (len(files), "; ".join(skipped)))
    rows = rows_of(opinions, tasks, template_dir)
    for t in targets:
        (write_xlsx if t.suffix.lower() == ".xlsx" else write_docx)(rows, tasks, t, template_dir)
        click.echo(str(t))
    return 1 if skipped else 0


def _apply(plan, decisions, output, force) -> int:
    from ..consult.apply import apply_rows
    from ..consult.returned import Tasks
    from ..consult.summary import read_decisions
    from ..fileio import atomic_write, check_output

    check_output(output, force=force, inputs=(plan, decisions))
    loaded = _load(plan)
    rows = read_decisions(decisions)
    text, out = apply_rows(loaded.document, rows, Tasks(loaded.plan))
    for label, items in (("applied", out.applied), ("skipped", out.skipped), ("conflict", out.conflicts)):
        for row, why in items:
            click.echo("%s: row %d (%s): %s: %s" % (decisions, row.n, row.unit or "?", label, why), err=True)
    atomic_write(output, text)
    click.echo("%s: %d applied, %d skipped, %d in conflict" % (output, len(out.applied),
                                                                len(out.skipped), len(out.conflicts)), err=True)
    return 1 if out.skipped or out.conflicts else 0


def _load(plan):
    from ..readers import read
    from .consult import require_ids

    loaded = read(plan)
    require_ids(loaded, plan)
    return loaded
