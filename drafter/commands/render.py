"""`drafter render`: plans as GB/T 9704 notices, plans, consult notices and task tables."""
from __future__ import annotations

import click

KIND_CHOICES = ["notice", "plan", "consult", "tasks"]


@click.command("render")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", default=None, type=click.Path(),
              help="Output file (one PLAN) or folder (several, or a path ending in /). "
                   "Default: outputs/<plan stem>.docx.")
@click.option("--as", "kind", type=click.Choice(KIND_CHOICES), default=None,
              help="What to render (default: notice when the plan has a notice:, else plan).")
@click.option("--xlsx", is_flag=True, help="The 任务分工表 as an Excel workbook (implies --as tasks).")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--template-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="An office's own templates and look.yaml, searched before the built-ins.")
@click.option("--force", is_flag=True, help="Replace existing outputs.")
@click.option("-j", "--jobs", type=int, default=0, help="Parallel processes for several PLANs (default: all cores).")
def command(plans, output, kind, xlsx, pdf, template_dir, force, jobs):
    """Render each PLAN (YAML, or a document `drafter import` reads) to .docx.

    Exit 0 when every plan rendered, 2 when one could not be rendered."""
    from pathlib import Path

    from ..errors import DrafterError, OutputError
    from ..writers.docx.batch import Job, run_jobs

    if xlsx:
        if kind not in (None, "tasks"):
            raise click.UsageError("--xlsx writes the task table; it cannot go with --as %s" % kind)
        kind = "tasks"
    if pdf and xlsx:
        raise click.UsageError("--pdf converts .docx; it cannot go with --xlsx")
    folder_out = len(plans) > 1 or (output is not None and (output.endswith(("/", "\\"))
                                                             or Path(output).is_dir()))
    jobs_list = []
    seen = {}
    for plan in plans:
        out = _output_path(plan, output, kind, xlsx, folder_out)
        if out in seen:
            raise OutputError("%s and %s would both be written to %s" % (seen[out], plan, out))
        seen[out] = plan
        jobs_list.append(Job(plan, str(out), kind, xlsx, pdf, template_dir, force))
    failures = run_jobs(jobs_list, jobs)
    if failures:
        if len(jobs_list) == 1:
            raise failures[0]
        raise DrafterError("%d of %d plans could not be rendered" % (len(failures), len(jobs_list)))


def _output_path(plan: str, output: str | None, kind: str | None, xlsx: bool, folder: bool):
    from pathlib import Path

    ext = ".xlsx" if xlsx else ".docx"
    stem = Path(plan).stem + ("-" + kind if kind in ("tasks", "consult") else "")
    if output is None:
        return Path("outputs") / (stem + ext)
    if folder:
        return Path(output) / (stem + ext)
    return Path(output)
