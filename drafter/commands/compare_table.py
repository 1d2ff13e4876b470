"""`drafter compare-table OLD NEW -o 新旧对照表.docx`: the old/new comparison table."""
from __future__ import annotations

import click

from .options import encoding_option, force_option, output_option, template_dir_option


@click.command("compare-table")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@output_option("The .docx to write.", required=True)
@template_dir_option()
@force_option()
@encoding_option()
def command(old, new, output, template_dir, force, encoding):
    """Write the 新旧对照表 of OLD and NEW: one row per task with 原文, 修改后 and 变化
    (新增、删除、调整、延续), in GB/T 9704 style."""
    from ..app.compare import compare_table

    d = compare_table(old, new, output, template_dir=template_dir, force=force, encoding=encoding)
    s = d.summary()
    click.echo("wrote %s: %d added, %d removed, %d modified" % (output, s["added"], s["removed"], s["modified"]),
               err=True)
