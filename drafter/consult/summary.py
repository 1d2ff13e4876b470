"""The 意见汇总表: every opinion once, grouped by task in plan order, with empty 处理意见 and
理由 columns for the office; as .docx (landscape, the writer's look) or .xlsx; and the same
table read back once the office has filled in its decisions.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import UNTIED, Opinion, decision_of

# Column keys in table order; their heads come from templates/summary_header.j2, their
# widths, alignment and cell size from the look's `summary_table`.
KEYS = ("n", "entry", "unit", "said", "quote", "proposed", "decision", "why", "id")
SOURCE_WIDTH_MM = 30  # the workbook's extra 来源 column
DELETED = "（删除）"  # 建议修改为 of an edit that deletes its 原文
HEAD_WORDS = {"n": "序号", "entry": "条目", "unit": "单位", "said": "意见", "quote": "原文",
              "proposed": "建议", "decision": "处理", "why": "理由", "id": "编号", "source": "来源"}


@dataclass
class Row:
    n: int
    entry: str
    unit: str
    said: str
    quote: str
    proposed: str
    decision: str = ""
    why: str = ""
    id: str = ""
    source: str = ""
    line: int = 0  # where the row was read back from (table row or sheet row)

    def cells(self) -> list[str]:
        return [str(self.n) if self.n else "", self.entry, self.unit, self.said, self.quote,
                self.proposed, self.decision, self.why, self.id]


def rows_of(opinions: list[Opinion], tasks, template_dir: str | None = None) -> list[Row]:
    """One row per opinion: tasks in plan order, each task's opinions in the order they were
    read, then the 未对应条目 group."""
    from ..templating import render

    order = sorted(range(len(opinions)),
                   key=lambda i: (tasks.order.get(opinions[i].item_id, len(tasks.order)), i))
    out = []
    for n, i in enumerate(order, 1):
        op = opinions[i]
        tied = op.item_id in tasks.items
        entry = _short(tasks.entry(op.item_id)) if tied else UNTIED + ("：" + op.entry if op.entry else "")
        said = render("summary_said.j2", template_dir, said=op.said, reason=op.reason).strip()
        proposed = (op.proposed or DELETED) if op.edit else ""
        out.append(Row(n, entry, op.unit, said, op.quote, proposed, id=op.item_id if tied else "",
                       source=op.source))
    return out


def _short(entry: str, limit: int = 24) -> str:
    """条目 as label and the start of the title: the row is tied by 编号, the cell is for people."""
    return entry if len(entry) <= limit else entry[:limit] + "…"


def header(tasks, template_dir: str | None = None) -> list[str]:
    return _words(tasks, template_dir).lines("summary_header.j2")


def summary_table(template_dir: str | None = None):
    """The table's columns as the office's look describes them (`summary_table`)."""
    from ..writers.docx import load_look

    return load_look(str(template_dir) if template_dir else None).table("summary")


def summary_paras(rows: list[Row], tasks, template_dir: str | None = None) -> list:
    """Title, how many opinions from how many units, then the table (for a landscape page)."""
    from ..writers.docx import Para, Run

    words = _words(tasks, template_dir)
    table = summary_table(template_dir)
    units = len({r.unit for r in rows})
    out = [Para("table_title", [Run(words("summary_title.j2"), "title")]),
           Para("note", [Run(words("summary_note.j2", units=units, count=len(rows)))]),
           Para("table_head", cells=[[Run(h)] for h in header(tasks, template_dir)], table=table)]
    out += [Para("table_row", cells=[[Run(c)] if c else [] for c in r.cells()], table=table) for r in rows]
    return out


def write_docx(rows: list[Row], tasks, path: str | Path, template_dir: str | None = None) -> Path:
    from ..writers.docx import assemble

    return assemble(summary_paras(rows, tasks, template_dir), template_dir=template_dir,
                    landscape=True).save(path)


def write_xlsx(rows: list[Row], tasks, path: str | Path, template_dir: str | None = None) -> Path:
    """The same table as a workbook: frozen head, wrapped text, a 处理意见 drop-down, and a
    来源 column naming the file and place each opinion came from."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..fileio import write_output
    from . import ACCEPT, PARTIAL, REJECT

    words = _words(tasks, template_dir)
    wb = Workbook()
    ws = wb.active
    ws.title = "意见汇总"
    head = header(tasks, template_dir) + [words("summary_source.j2")]
    ws.append(head)
    for r in rows:
        ws.append(r.cells() + [r.source])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(summary_table(template_dir).widths_mm + [SOURCE_WIDTH_MM]):
        ws.column_dimensions[_col(i)].width = max(6, width * 0.6)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    dv = DataValidation(type="list", formula1='"%s,%s,%s"' % (ACCEPT, PARTIAL, REJECT), allow_blank=True)
    ws.add_data_validation(dv)
    if rows:
        dv.add("%s2:%s%d" % (_col(6), _col(6), len(rows) + 1))
    return write_output(path, lambda tmp: wb.save(str(tmp)))


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


# Reading decisions back ---------------------------------------------------------------------

def read_decisions(path: str | Path) -> list[Row]:
    """The rows of a filled-in 意见汇总表 (.docx or .xlsx), found by its 处理意见 column."""
    from ..errors import InputError
    from ..readers import kind_of

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = _xlsx_tables(path)
    elif kind_of(path) == "docx":
        from .returned import _open_docx

        doc = _open_docx(path)
        tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    else:
        raise InputError("%s: decisions are read from the 意见汇总表 as .docx or .xlsx" % path)
    for table in tables:
        for h, head in enumerate(table[:10]):
            cols = _columns(head)
            if "decision" in cols and ("quote" in cols or "said" in cols):
                return [_row(cells, cols, h + 1 + k + 1) for k, cells in enumerate(table[h + 1:])
                        if any((c or "").strip() for c in cells)]
    raise InputError("%s: no 意见汇总表 in it (a table with a 处理意见 column)" % path)


def _xlsx_tables(path: Path) -> list[list[list[str]]]:
    from ..safeopen import open_workbook

    wb = open_workbook(path)
    try:
        return [[["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets]
    finally:
        wb.close()


def _columns(head: list[str]) -> dict[str, int]:
    from .returned import simple_key

    cols: dict[str, int] = {}
    for key, word in HEAD_WORDS.items():
        for i, h in enumerate(head):
            if word in simple_key(h or "") and key not in cols and i not in cols.values():
                cols[key] = i
    return cols


def _row(cells: list[str], cols: dict[str, int], line: int) -> Row:
    def get(key: str) -> str:
        i = cols.get(key)
        return (cells[i] or "").strip() if i is not None and i < len(cells) else ""

    n = get("n")
    return Row(int(n) if n.isdigit() else 0, get("entry"), get("unit"), get("said"), get("quote"),
               get("proposed"), decision_of(get("decision")), get("why"), get("id"),
               get("source"), line)


def _words(tasks, template_dir):
    from .send import _words as words

    return words(tasks.plan, template_dir)
