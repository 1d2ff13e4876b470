"""Table descriptions: what the writer needs to lay out a table, as data.

A table is its columns (width, alignment of the cell text, vertical anchor), the size of its
cell text, whether its header row repeats on every page, and the column that carries a row's
item bookmark; its rows are the `Para`s (role table_head / table_row, `cells`) that name it in
`Para.table`.  Each table drafter writes has an entry in look.yaml (`TABLES`), so an office
changes a table's columns there; `table_of(look, name)` reads one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError

# Table name → its entry in look.yaml (`table` is the task table's key from before there were
# others; offices' own look.yaml files use it).
TABLES = {"tasks": "table", "feedback": "feedback_table", "compare": "compare_table",
          "summary": "summary_table"}
ALIGNS = ("left", "center", "right", "both")
VALIGNS = ("top", "center", "bottom")


@dataclass(frozen=True)
class Column:
    """One column: width in mm, horizontal alignment of its body cells' text (left, center,
    right, both) and where that text sits vertically (top, center, bottom)."""

    width_mm: float
    align: str = "left"
    valign: str = "center"
    hidden: bool = False  # for machines only: text hidden, no rules (a task ID on a form)


@dataclass(frozen=True)
class Table:
    """How one table is laid out.  `cell_pt`: size of every cell's text (None: the look's
    table_head / table_cell sizes); `repeat_head`: the first row is repeated at the top of
    each page; `head_align`: alignment of the header row's cells; `anchor`: the column whose
    cell holds a row's `drafter_<id>` bookmark (LibreOffice cannot keep one across cells);
    `landscape`: printed on landscape A4 pages (GB/T 9704 §8) in a section of their own."""

    columns: tuple[Column, ...]
    cell_pt: float | None = None
    repeat_head: bool = True
    head_align: str = "center"
    anchor: int | None = 1
    landscape: bool = False

    @property
    def widths_mm(self) -> list[float]:
        return [c.width_mm for c in self.columns]


def table_of(look, name: str) -> Table:
    """The table `name` (a key of TABLES) as the look describes it: `widths_mm`, `align` (one
    per column), `valign` (one for all or one per column; default center), `cell_pt`,
    `hidden` (indexes of columns only machines read), `landscape`."""
    key = TABLES[name]
    spec = look.data.get(key)
    where = "%s: %s" % (look.source, key)
    if not isinstance(spec, dict):
        raise InputError("%s: the look needs a %r mapping with widths_mm and align" % (look.source, key))
    widths = _numbers(spec.get("widths_mm"), where + ".widths_mm")
    aligns = _words(spec.get("align", ["left"] * len(widths)), len(widths), ALIGNS, where + ".align")
    valigns = _words(spec.get("valign", "center"), len(widths), VALIGNS, where + ".valign")
    cell_pt = spec.get("cell_pt")
    if cell_pt is not None:
        cell_pt = _numbers([cell_pt], where + ".cell_pt")[0]
    hidden = spec.get("hidden", [])
    if not isinstance(hidden, list) or any(not isinstance(i, int) or not 0 <= i < len(widths) for i in hidden):
        raise InputError("%s.hidden: expected a list of column indexes (0–%d), got %r"
                         % (where, len(widths) - 1, hidden))
    landscape = spec.get("landscape", False)
    if not isinstance(landscape, bool):
        raise InputError("%s.landscape: expected true or false, got %r" % (where, landscape))
    return Table(tuple(Column(w, a, v, i in hidden) for i, (w, a, v) in enumerate(zip(widths, aligns, valigns))),
                 cell_pt, landscape=landscape)


def _numbers(value, where: str) -> list[float]:
    if not isinstance(value, list) or not value or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in value):
        raise InputError("%s: expected a list of positive numbers, got %r" % (where, value))
    return list(value)


def _words(value, count: int, allowed: tuple[str, ...], where: str) -> list[str]:
    """One word per column (a single word stands for every column)."""
    values = [value] * count if isinstance(value, str) else value
    if not isinstance(values, list) or len(values) != count or any(v not in allowed for v in values):
        raise InputError("%s: expected %d of %s (one per column), got %r"
                         % (where, count, "|".join(allowed), value))
    return values
