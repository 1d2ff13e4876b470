"""Comparing two plans: the diff report, the Word redline, the 新旧对照表."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def compare_files(old: str, new: str, encoding: str | None = None) -> Any:
    """The PlanDiff of two plans (YAML, or documents the importer reads)."""
    from ..diff import compare
    from .plans import load_pair

    a, b = load_pair(old, new, encoding)
    return compare(a, b, old_name=old, new_name=new)


@dataclass
class Report:
    diff: Any  # diff.PlanDiff
    text: str  # the report as asked for (terminal summary, JSON, HTML)


def diff_report(old: str, new: str, fmt: str = "text", *, output: str | None = None,
                force: bool = False, encoding: str | None = None, colour: bool = False,
                show_all: bool = False) -> Report:
    """What changed from `old` to `new` as text, JSON (the stable contract) or HTML; written
    to `output` when given (HTML needs one)."""
    import json

    from ..errors import OutputError
    from ..fileio import atomic_write, check_output

    if fmt == "html" and not output:
        raise OutputError("--format html needs -o report.html")
    if output:
        check_output(output, force=force, inputs=(old, new))
    d = compare_files(old, new, encoding)
    if fmt == "json":
        text = json.dumps(d.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"
    elif fmt == "html":
        from ..writers.html import diff_report as html_report

        text = html_report(d)
    else:
        from ..diff.terminal import summary_text

        text = summary_text(d, colour=colour, show_all=show_all)
    if output:
        atomic_write(output, text)
    return Report(d, text)


def redline(old: str, new: str, output: str, *, author: str = "drafter", when: str | None = None,
            kind: str | None = None, template_dir: str | None = None, numbering: str = "derived",
            force: bool = False, encoding: str | None = None) -> tuple[Any, list]:
    """Write `new` as .docx with every difference from `old` as a Word tracked change by
    `author` at `when` (ISO; default now); return the diff and the writer's findings."""
    import datetime as dt

    from ..errors import InputError
    from ..fileio import check_output
    from ..writers.redline import write_redline

    check_output(output, force=force, inputs=(old, new))
    stamp = None
    if when:
        try:
            stamp = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            raise InputError("--date %r: give an ISO date such as 2018-03-01 or 2018-03-01T09:00" % when) from None
        stamp = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    d = compare_files(old, new, encoding)
    findings: list = []
    write_redline(d, output, kind=kind, author=author, date=stamp, template_dir=template_dir,
                  findings=findings, numbering=numbering)
    return d, findings


def compare_table(old: str, new: str, output: str, *, template_dir: str | None = None,
                  force: bool = False, encoding: str | None = None) -> Any:
    """Write the 新旧对照表 of `old` and `new` as .docx; return the diff."""
    from ..fileio import check_output
    from ..writers.compare_table import write_compare_table

    check_output(output, force=force, inputs=(old, new))
    d = compare_files(old, new, encoding)
    write_compare_table(d, output, template_dir)
    return d
