"""The 征求意见 cycle: send a draft out, collect what comes back, apply the decisions."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .plans import load_with_ids


def send_for_comment(plan: str, outdir: str, *, deadline: Any = None, contact: str | None = None,
                     phone: str | None = None, email: str | None = None, date: Any = None,
                     recipients: list[str] | None = None, template_dir: str | None = None,
                     force: bool = False, encoding: str | None = None) -> tuple[Any, list]:
    """Write the 征求意见 package for `plan` into `outdir` (the notice, the draft with a
    hidden anchor on every task, the 意见反馈表); the values given override the plan's
    `notice:`.  Return the package's paths and the findings met on the way."""
    from ..consult.send import consult_plan, write_package
    from ..readers import read
    from .plans import require_ids

    loaded = read(plan, encoding=encoding)
    findings = list(loaded.findings)
    p = consult_plan(loaded.plan, deadline=deadline, contact=contact, phone=phone, email=email,
                     date=date, recipients=recipients or [], findings=findings)
    require_ids(loaded, plan)
    pkg = write_package(p, outdir, template_dir=template_dir, force=force, findings=findings)
    return pkg, findings


@dataclass
class Collected:
    written: list[Path] = field(default_factory=list)  # the 意见汇总表 (.docx and/or .xlsx)
    skipped: list[str] = field(default_factory=list)  # "name: why" for each file that could not be read


def collect(plan: str, files: list[str], output: str, *, xlsx: bool = False,
            template_dir: str | None = None, force: bool = False,
            on_file: Callable[[str, Any], None] | None = None) -> Collected:
    """Read the returned `files` (filled-in forms, copies with comments or tracked changes)
    into one 意见汇总表 at `output` (and a workbook beside it with `xlsx`); `on_file(path,
    returned)` hears about each file as it is read.  Refused when no file could be read."""
    from ..consult.returned import Tasks, read_returned
    from ..consult.summary import rows_of, write_docx, write_xlsx
    from ..errors import DrafterError
    from ..fileio import check_output

    out = Path(output)
    targets = [out] if out.suffix.lower() == ".xlsx" else [out] + ([out.with_suffix(".xlsx")] if xlsx else [])
    for t in targets:
        check_output(t, force=force, inputs=(plan,) + tuple(files))
    tasks = Tasks(load_with_ids(plan).plan, template_dir)
    opinions, result = [], Collected()
    for f in files:
        r = read_returned(f, tasks)
        if on_file:
            on_file(f, r)
        if r.kind == "skipped":
            result.skipped.append("%s: %s" % (Path(f).name, r.problem))
            continue
        opinions.extend(r.opinions)
    if len(result.skipped) == len(files):
        raise DrafterError("none of the %d returned files could be read, nothing written: %s"
                           % (len(files), "; ".join(result.skipped)))
    rows = rows_of(opinions, tasks, template_dir)
    for t in targets:
        (write_xlsx if t.suffix.lower() == ".xlsx" else write_docx)(rows, tasks, t, template_dir)
        result.written.append(t)
    return result


def apply_decisions(plan: str, decisions: str, output: str, *, force: bool = False) -> Any:
    """Apply the rows of the filled-in 意见汇总表 `decisions` marked 采纳 (and 部分采纳 with
    text in 建议修改为) to `plan`, written to `output`; return the outcome: applied, skipped and
    conflicts, each a list of (row, why)."""
    from ..consult.apply import apply_rows
    from ..consult.returned import Tasks
    from ..consult.summary import read_decisions
    from ..fileio import atomic_write, check_output

    check_output(output, force=force, inputs=(plan, decisions))
    loaded = load_with_ids(plan)
    rows = read_decisions(decisions)
    text, outcome = apply_rows(loaded.document, rows, Tasks(loaded.plan))
    atomic_write(output, text)
    return outcome
