"""新旧对照表: the old/new comparison table offices circulate with a revised plan, one row
per task: 原文 / 修改后 / 变化 (新增、删除、调整、延续), laid out by the .docx writer's look.

Wording (title, column heads, the 变化 words) comes from templates; the columns are the
look's `compare_table`.
"""
from __future__ import annotations


def row_status(c) -> str:
    """added | removed | changed (reworded, moved, offices) | continued (same, maybe renumbered)."""
    if c.status != "matched":
        return c.status
    return "changed" if (c.modified or c.moved) else "continued"


def _is_task(c, d) -> bool:
    ref = c.new or c.old
    plan = d.new if c.new else d.old
    node = plan.node_at(ref.path)
    return len(ref.path) > 1 or not node.items


def compare_table_paras(d, template_dir: str | None = None) -> list:
    from ..diff.match import item_text
    from ..templating import render
    from .docx import Para, Run, load_look

    table = load_look(str(template_dir) if template_dir else None).table("compare")

    def words(name, **ctx) -> str:
        return render(name, template_dir, plan_title=d.new.title or d.old.title, **ctx).strip()

    paras = [Para("table_title", [Run(words("compare_table_title.j2"), "title")]), Para("blank")]
    head = [line.strip() for line in words("compare_table_header.j2").split("\n") if line.strip()]
    paras.append(Para("table_head", cells=[[Run(h)] for h in head], table=table))
    n = 0
    for c in d.changes:
        if not _is_task(c, d):
            continue
        n += 1
        old = "%s%s" % (c.old.number, item_text(d.old.node_at(c.old.path))) if c.old else ""
        new = "%s%s" % (c.new.number, item_text(d.new.node_at(c.new.path))) if c.new else ""
        status = words("compare_table_status.j2", status=row_status(c))
        paras.append(Para("table_row", cells=[[Run(str(n))], [Run(old)], [Run(new)], [Run(status)]],
                          node_path=(c.new or c.old).path, table=table))
    return paras


def write_compare_table(d, path, template_dir: str | None = None):
    from .docx import assemble

    return assemble(compare_table_paras(d, template_dir), template_dir=template_dir).save(path)
