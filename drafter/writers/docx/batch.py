"""Rendering many plans at once: one process pool over the cores, a progress bar on a tty.

A province renders 100+ plans; each job reads, lays out, builds and saves one plan and reports
back plain strings (exceptions with findings do not travel well between processes).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass
class Job:
    plan: str
    output: str
    kind: str | None = None
    xlsx: bool = False
    pdf: bool = False
    template_dir: str | None = None
    force: bool = False


@dataclass
class Outcome:
    plan: str
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_findings: list = field(default_factory=list)  # errors.Finding, picklable


def run_one(job: Job) -> Outcome:
    """Render one plan; every DrafterError becomes `Outcome.error` with its findings."""
    from ...errors import DrafterError

    out = Outcome(job.plan)
    try:
        _render(job, out)
    except DrafterError as e:
        out.error = e.message
        out.error_findings = [replace(f, fix=None) for f in e.findings]
    return out


def _render(job: Job, out: Outcome) -> None:
    from ... import readers
    from ...errors import DrafterError
    from ...fileio import check_output

    target = check_output(job.output, force=job.force, inputs=(job.plan,))
    # Read the plan the fast way (no positions); only when rendering has something to say
    # about a place in the plan, read it again with positions so the message says where.
    loaded = readers.read(job.plan, editable=False)
    fast = loaded.document is not None and getattr(loaded.document, "tree", True) is None
    try:
        findings = _write(job, loaded.plan, target)
    except DrafterError:
        if not fast:
            raise
        loaded = readers.read(job.plan)
        findings = _write(job, loaded.plan, target)
    if findings and fast:
        loaded = readers.read(job.plan)
        findings = _write(job, loaded.plan, target)
    out.warnings.extend(str(f) for f in loaded.findings if f.level != "info")
    out.warnings.extend(str(f) for f in findings)
    out.written.append(str(target))
    if job.pdf:
        out.written.append(str(to_pdf(target, force=job.force)))


def _write(job: Job, plan, target: Path) -> list:
    """Write one plan as the job asks; return the writer's findings (cleaned text, …)."""
    from . import default_kind, write

    findings: list = []
    if job.xlsx:
        from ..xlsx import write_tasks

        write_tasks(plan, target, job.template_dir, findings=findings)
    else:
        write(plan, target, job.kind or default_kind(plan), job.template_dir, findings=findings)
    return findings


def to_pdf(docx_path: Path, *, force: bool = False) -> Path:
    """docx → PDF beside it, through LibreOffice, moved into place atomically."""
    import shutil
    import tempfile

    from ...fileio import check_output, write_output
    from ...office import convert

    pdf = check_output(docx_path.with_suffix(".pdf"), force=force)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        made = convert(docx_path, "pdf", tmp)
        write_output(pdf, lambda t: shutil.copyfile(made, t))
    return pdf


def run_jobs(jobs: list[Job], workers: int = 0) -> list[Exception]:
    """Run `jobs`, printing what was written and warnings; return the failures as errors."""
    import click

    from ...errors import DrafterError

    workers = workers or os.cpu_count() or 1
    outcomes = []
    if len(jobs) == 1 or workers == 1:
        for job in _progress(jobs, map(run_one, jobs)):
            outcomes.append(job)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            for outcome in _progress(jobs, pool.map(run_one, jobs, chunksize=1)):
                outcomes.append(outcome)
    failures: list[Exception] = []
    for o in outcomes:
        for line in o.warnings:
            click.echo(line, err=True)
        for path in o.written:
            click.echo("wrote %s" % path)
        if o.error:
            error = DrafterError(o.error, o.error_findings)
            if len(jobs) > 1:
                from ...cli import report_error

                report_error(error)
            failures.append(error)
    return failures


def _progress(jobs, results):
    """Yield results; with several plans on a terminal, under a rich progress bar."""
    if len(jobs) < 2 or not sys.stderr.isatty():
        yield from results
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("rendering", total=len(jobs))
        for r in results:
            progress.advance(task)
            yield r
