"""`drafter new`: a commented starter plan, worded by templates/new_plan.yaml.j2."""
from __future__ import annotations

import click

from .options import force_option, output_option, template_dir_option


@click.command("new")
@click.option("--year", type=int, default=None, help="Plan year (default: next year).")
@click.option("--issuer", required=True, help="Issuing organ, e.g. 衡阳市卫生健康委员会.")
@click.option("--title", default=None, help="Plan title (default: {year}年全市卫生健康工作要点).")
@output_option("Output YAML (default: plans/<year>-plan.yaml).")
@force_option("Replace an existing file.")
@template_dir_option()
def command(year, issuer, title, output, force, template_dir):
    """Write a commented starter plan for YEAR and ISSUER."""
    from ..app.documents import new_plan

    out = new_plan(issuer, year, title, output, force=force, template_dir=template_dir)
    click.echo("wrote %s" % out)
