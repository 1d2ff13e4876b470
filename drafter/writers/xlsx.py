"""The 任务分工表 as an Excel workbook: the same rows, and the same cell alignment, as the
.docx task table (one table description, the look's `table`)."""
from __future__ import annotations

from pathlib import Path

WIDTHS = [6, 60, 22, 22, 12]  # characters: 序号, 任务, 牵头, 参与, 完成时限
HORIZONTAL = {"both": "justify"}  # the .docx alignments Excel names otherwise


def workbook(plan, template_dir: str | None = None, *, findings=None):
    """An openpyxl Workbook with one sheet: title row, header, one row per task."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from .docx.layout import layout

    paras = layout(plan, "tasks", template_dir, findings=findings)
    title = paras[0].text
    table_rows = [p for p in paras if p.role in ("table_head", "table_row")]
    table = table_rows[0].table
    rows = [["".join(r.text for r in cell) for cell in p.cells or []] for p in table_rows]
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工表"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    ws["A1"].font = Font(name="方正小标宋简体", size=18)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=int(value) if r > 2 and c == 1 and value.isdigit() else value)
            cell.font = Font(name="黑体" if r == 2 else "仿宋_GB2312", size=12)
            column = table.columns[c - 1] if c <= len(table.columns) else table.columns[-1]
            align = table.head_align if r == 2 else column.align
            cell.alignment = Alignment(wrap_text=True, vertical=column.valign,
                                       horizontal=HORIZONTAL.get(align, align))
            cell.border = box
    for c, width in enumerate(WIDTHS[:len(rows[0])], 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    return wb


def write_tasks(plan, path: str | Path, template_dir: str | None = None, *, findings=None) -> Path:
    """Save the workbook atomically."""
    from ..fileio import write_output

    wb = workbook(plan, template_dir, findings=findings)
    return write_output(path, lambda tmp: wb.save(str(tmp)))
