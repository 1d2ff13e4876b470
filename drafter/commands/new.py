"""`drafter new`: a commented starter plan, worded by templates/new_plan.yaml.j2."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click


@click.command("new")
@click.option("--year", type=int, default=None, help="Plan year (default: next year).")
@click.option("--issuer", required=True, help="Issuing organ, e.g. 衡阳市卫生健康委员会.")
@click.option("--title", default=None, help="Plan title (default: {year}年全市卫生健康工作要点).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Output YAML (default: plans/<year>-plan.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.option("--template-dir", type=click.Path(file_okay=False, exists=True), default=None)
def command(year, issuer, title, output, force, template_dir):
    """Write a commented starter plan for YEAR and ISSUER."""
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
    click.echo("wrote %s" % out)
