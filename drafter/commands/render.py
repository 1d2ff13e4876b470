"""`drafter render`: plans as GB/T 9704 notices, plans, consult notices and task tables."""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from .options import force_option, output_option, template_dir_option

KIND_CHOICES = ["notice", "plan", "consult", "tasks"]


@click.command("render")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@output_option("Output file (one PLAN) or folder (several, or a path ending in /). "
               "Default: outputs/<plan stem>.docx.", dir_okay=True)
@click.option("--as", "kind", type=click.Choice(KIND_CHOICES), default=None,
              help="What to render (default: notice when the plan has a notice:, else plan).")
@click.option("--xlsx", is_flag=True, help="The 任务分工表 as an Excel workbook (implies --as tasks).")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--format", "form", type=click.Choice(["file", "letter"]), default=None,
              help="文件格式 (red 版头 with 文件) or 信函格式 (GB/T 9704 §10.1: letters, most "
                   "征求意见函); default: the notice's own `letter:` field.")
@click.option("--link", "unit_link", default="", metavar="URL",
              help="With --as consult: one unit's private link of an online consultation, printed "
                   "in its notice (在线填写意见：URL).")
@template_dir_option()
@force_option("Replace existing outputs.")
@click.option("-j", "--jobs", type=int, default=0, help="Parallel processes for several PLANs (default: all cores).")
def command(plans, output, kind, xlsx, pdf, form, unit_link, template_dir, force, jobs):
    """Render each PLAN (YAML, or a document `drafter import` reads) to .docx.

    Exit 0 when every plan rendered, 2 when one could not be rendered."""
    from ..app.render import plan_jobs, run_jobs
    from ..cli import report_error
    from ..errors import DrafterError

    if xlsx:
        if kind not in (None, "tasks"):
            raise click.UsageError("--xlsx writes the task table; it cannot go with --as %s" % kind)
        kind = "tasks"
    if unit_link and kind != "consult":
        raise click.UsageError("--link prints a unit's link in the consult notice; use it with --as consult")
    if pdf and xlsx:
        raise click.UsageError("--pdf converts .docx; it cannot go with --xlsx")
    todo = plan_jobs(plans, output, kind, xlsx=xlsx, pdf=pdf, template_dir=template_dir, force=force,
                     letter=None if form is None else form == "letter", unit_link=unit_link)
    with _progress(len(todo)) as advance:
        outcomes = run_jobs(todo, jobs, on_done=advance)
    failures = []
    for o in outcomes:
        for line in o.warnings:
            click.echo(line, err=True)
        for path in o.written:
            click.echo("wrote %s" % path)
        if o.error:
            failures.append(o.exception())
            if len(todo) > 1:
                report_error(failures[-1])
    if failures:
        if len(todo) == 1:
            raise failures[0]
        raise DrafterError("%d of %d plans could not be rendered" % (len(failures), len(todo)))


@contextmanager
def _progress(total: int):
    """Yield the callback that advances a rich progress bar over several plans on a terminal
    (None elsewhere: nothing to draw)."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("rendering", total=total)
        yield lambda outcome: bar.advance(task)
