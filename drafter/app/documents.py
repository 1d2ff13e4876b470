"""Making plan YAML: a starter plan, an imported document, next year's first draft."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError


class AlreadyAPlan(InputError):
    """The file given to import is plan YAML already."""


@dataclass
class Imported:
    plan: Any  # model.Plan
    output: Path
    findings: list  # what the importer had to guess


def import_document(source: str, output: str | None = None, *, encoding: str | None = None,
                    part: str = "plan", force: bool = False) -> Imported:
    """Import `source` (.txt in any encoding, .docx, .pdf, .doc/.wps/.odt) as plan YAML with an
    ID on every task, written to `output` (default plans/<stem>.yaml)."""
    from ..fileio import check_output
    from ..ids import assign_ids
    from ..readers import kind_of, read
    from ..writers.yaml import dump
    from ..yamlio import write_checked

    if kind_of(source) == "yaml":
        raise AlreadyAPlan("%s is already a plan; `drafter check` validates it" % source)
    out = Path(output or Path("plans") / (Path(source).stem + ".yaml"))
    check_output(out, force=force, inputs=(source,))
    loaded = read(source, encoding=encoding, part=part)
    plan = loaded.plan
    assign_ids(plan)
    header = "Imported from %s by `drafter import`%s.\nCheck the warnings it printed, then edit freely." % (
        Path(source).name, " --part %s" % part if part != "plan" else "")
    write_checked(out, dump(plan, header=header), "the imported plan", expect=plan)  # reads back as written
    return Imported(plan, out, loaded.findings)


def new_plan(issuer: str, year: int | None = None, title: str | None = None, output: str | None = None,
             *, force: bool = False, template_dir: str | None = None) -> Path:
    """Write a commented starter plan for `year` (default next year) and `issuer`, worded by
    templates/new_plan.yaml.j2; return where it was written (default plans/<year>-plan.yaml)."""
    from ..fileio import check_output
    from ..templating import render
    from ..yamlio import write_checked

    year = year or _dt.date.today().year + 1
    title = title or "%d年全市卫生健康工作要点" % year
    out = Path(output or "plans/%d-plan.yaml" % year)
    check_output(out, force=force)
    text = render("new_plan.yaml.j2", template_dir, year=year, issuer=issuer, title=title,
                  today=_dt.date.today())
    write_checked(out, text, "the starter plan")  # the starter must itself be a valid plan
    return out


def rollover(plan: str, year: int | None = None, output: str | None = None, *, targets: str = "carry",
             keep_done: bool = False, force: bool = False, encoding: str | None = None) -> tuple[Path, Any]:
    """Roll `plan` forward to `year` (default the plan's year + 1) and write the draft to
    `output` (default plans/<new year>-<name>.yaml; the input is kept as .bak when it is
    replaced); return where it went and the rollover report."""
    from ..fileio import atomic_write, backup, check_output
    from ..rollover import default_output, load_any, plan_year_of, roll

    doc, imported = load_any(plan, encoding)
    if output is None:
        old = plan_year_of(doc.plan, plan)
        output = str(default_output(plan, old, year if year is not None else old + 1))
    out = check_output(output, force=force, inputs=(plan,))
    result = roll(doc, year, targets=targets, keep_done=keep_done, imported=imported, output=str(out))
    if Path(out).exists() and Path(out).resolve() == Path(plan).resolve():
        backup(out)
    atomic_write(out, result.text)
    return out, result.report
