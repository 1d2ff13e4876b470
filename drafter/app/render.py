"""Rendering plans, one or many at once: one process pool over the cores.

A province renders 100+ plans; each job reads, lays out, builds and saves one plan and reports
back plain strings (exceptions with findings do not travel well between processes).  The
runner reports each finished job through a callback, so a front end can draw its own
progress (a terminal bar, a web page) while the runner stays free of any user interface.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
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
    letter: bool | None = None  # 信函格式 or 文件格式 for this render; None: as the plan says
    unit_link: str = ""  # a consult notice for one unit: its private link to comment online


@dataclass
class Outcome:
    plan: str
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_findings: list = field(default_factory=list)  # errors.Finding, picklable

    def exception(self):
        """The job's failure as the DrafterError it was, or None."""
        from ..errors import DrafterError

        return DrafterError(self.error, self.error_findings) if self.error else None


def plan_jobs(plans: Iterable[str], output: str | None = None, kind: str | None = None, *,
              xlsx: bool = False, pdf: bool = False, template_dir: str | None = None,
              force: bool = False, letter: bool | None = None, unit_link: str = "") -> list[Job]:
    """One job per plan, each with its output path: `output` is the file for one plan, or the
    folder for several (or for a path ending in / or naming a folder); by default
    outputs/<plan stem>.docx.  Two plans that would land on one file are refused."""
    from ..errors import OutputError

    plans = list(plans)
    folder = len(plans) > 1 or (output is not None and (output.endswith(("/", "\\"))
                                                        or Path(output).is_dir()))
    jobs, seen = [], {}
    for plan in plans:
        out = output_path(plan, output, kind, xlsx, folder)
        if out in seen:
            raise OutputError("%s and %s would both be written to %s" % (seen[out], plan, out))
        seen[out] = plan
        jobs.append(Job(plan, str(out), kind, xlsx, pdf, template_dir, force, letter, unit_link))
    return jobs


def output_path(plan: str, output: str | None, kind: str | None, xlsx: bool, folder: bool) -> Path:
    ext = ".xlsx" if xlsx else ".docx"
    stem = Path(plan).stem + ("-" + kind if kind in ("tasks", "consult") else "")
    if output is None:
        return Path("outputs") / (stem + ext)
    if folder:
        return Path(output) / (stem + ext)
    return Path(output)


def run_jobs(jobs: list[Job], workers: int = 0,
             on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Run `jobs` (in a process pool when there are several and `workers` is not 1); call
    `on_done` as each one finishes; return the outcomes in the order of `jobs`."""
    workers = workers or os.cpu_count() or 1
    if len(jobs) == 1 or workers == 1:
        return _gather(map(run_one, jobs), on_done)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        return _gather(pool.map(run_one, jobs, chunksize=1), on_done)


def _gather(results: Iterable[Outcome], on_done: Callable[[Outcome], None] | None) -> list[Outcome]:
    outcomes = []
    for outcome in results:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


def run_one(job: Job) -> Outcome:
    """Render one plan; every DrafterError becomes `Outcome.error` with its findings."""
    from ..errors import DrafterError

    out = Outcome(job.plan)
    try:
        _render(job, out)
    except DrafterError as e:
        out.error = e.message
        out.error_findings = [replace(f, fix=None) for f in e.findings]
    return out


def _render(job: Job, out: Outcome) -> None:
    from .. import readers
    from ..errors import DrafterError
    from ..fileio import check_output

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
    from ..writers.docx import default_kind, write

    findings: list = []
    if job.letter is not None and plan.notice is not None and plan.notice.letter != job.letter:
        plan = replace(plan, notice=replace(plan.notice, letter=job.letter))
    if job.xlsx:
        from ..writers.xlsx import write_tasks

        write_tasks(plan, target, job.template_dir, findings=findings)
    else:
        # where LibreOffice is installed it places a 版记 on the last even page (one layout of
        # the notices that have one); elsewhere the grid estimate does
        write(plan, target, job.kind or default_kind(plan), job.template_dir, findings=findings,
              measure=True, unit_link=job.unit_link)
    return findings


def to_pdf(docx_path: Path, *, force: bool = False) -> Path:
    """docx → PDF beside it, through LibreOffice, moved into place atomically."""
    import shutil
    import tempfile

    from ..fileio import check_output, write_output
    from ..office import convert

    pdf = check_output(docx_path.with_suffix(".pdf"), force=force)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        made = convert(docx_path, "pdf", tmp)
        write_output(pdf, lambda t: shutil.copyfile(made, t))
    return pdf
