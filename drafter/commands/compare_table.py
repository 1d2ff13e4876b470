"""`drafter compare-table OLD NEW -o 新旧对照表.docx`: the old/new comparison table."""
from __future__ import annotations

import click


@click.command("compare-table")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .docx to write.")
@click.option("--template-dir", type=click.Path(file_okay=False), default=None, help="An office's own templates and look.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--encoding", default=None, help="Input encoding for text files (default: detected).")
def command(old, new, output, template_dir, force, encoding):
    """Write the 新旧对照表 of OLD and NEW: one row per task with 原文, 修改后 and 变化
    (新增、删除、调整、延续), in GB/T 9704 style."""
    from ..diff import compare
    from ..fileio import check_output
    from ..writers.compare_table import write_compare_table
    from .diff import load_pair

    check_output(output, force=force, inputs=(old, new))
    a, b = load_pair(old, new, encoding)
    d = compare(a, b, old_name=old, new_name=new)
    write_compare_table(d, output, template_dir)
    s = d.summary()
    click.echo("wrote %s: %d added, %d removed, %d modified" % (output, s["added"], s["removed"], s["modified"]),
               err=True)
