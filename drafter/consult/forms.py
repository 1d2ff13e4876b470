"""The filled-in 意见反馈表: the tables whose head names 修改意见 and 原文 or 条目, one
opinion a row, tied to its task by 编号 or by what the unit wrote as 条目; and `修改为：…`
(or `删除`) read as a text edit, in a form's cell or a Word comment alike.
"""
from __future__ import annotations

import re

from . import Opinion
from .tasks import Tasks, simple_key

FORM_COLUMNS = {"entry": "条目", "quote": "原文", "said": "修改意见", "reason": "理由", "id": "编号"}


def form_tables(doc) -> list[tuple[object, dict[str, int]]]:
    """The 意见反馈表 tables of a document, each with its columns by name; a 意见汇总表 (with
    处理意见) is the office's own and not a form."""
    out = []
    for table in doc.tables:
        if not table.rows:
            continue
        head = [simple_key(c.text) for c in table.rows[0].cells]
        cols = {}
        for name, word in FORM_COLUMNS.items():
            for i, h in enumerate(head):
                if word in h and name not in cols:
                    cols[name] = i
        if "said" in cols and ("quote" in cols or "entry" in cols) and "处理意见" not in "".join(head):
            out.append((table, cols))
    return out


def form_unit(doc) -> str:
    """What the form names as 反馈单位, or ''."""
    from ..text.script import to_simplified

    text = to_simplified("\n".join(p.text for p in doc.paragraphs))
    m = re.search(r"反馈单位\s*[：:]?(.*?)(?=联系人|联系电话|电话|\n|$)", text)
    return _clean_field(m.group(1)) if m else ""


def _clean_field(value: str) -> str:
    return re.sub(r"[\s_＿\u3000:：]+", "", value or "")


def form_rows(table, cols: dict[str, int], tasks: Tasks, unit: str, name: str) -> list[Opinion]:
    """One opinion a filled-in row, tied by 编号, else by its 条目 or 原文."""
    out = []
    for n, row in enumerate(table.rows[1:], 2):
        cells = [c.text.strip() for c in row.cells]

        def cell(key: str) -> str:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        quote, said, reason = cell("quote"), cell("said"), cell("reason")
        if not (quote or said or reason):
            continue
        entry = cell("entry")
        nid = cell("id").strip()
        if nid not in tasks.items:
            nid = tasks.resolve(entry) or (tasks.resolve(quote) if quote else None)
        op = Opinion(unit, nid, said, quote=quote, reason=reason, kind="form",
                     source="%s 第%d行" % (name, n), entry=entry)
        read_proposal(op)
        out.append(op)
    return out


# `修改为：…` in a form's 修改意见 or a comment (traditional spellings too), or a plain 删除.
_PROPOSE = re.compile(r"^(?:建议)?(?:将.{0,40}?)?(?:修改为|修改成|改为|改成|调整为|表述为|修改為|改為|調整為)"
                      r"\s*[：:]?\s*(.*)$", re.S)
_DELETE = re.compile(r"^(?:建议)?(?:删除|刪除|删去|刪去)(?:此句|该句|本句|此段|该段|这句|此处)?[。.；;]?$")


def read_proposal(op: Opinion) -> None:
    """`修改为：…` (or `删除`) with a quoted 原文 makes an opinion a text edit."""
    if not op.quote:
        return
    said = op.said.strip()
    m = _PROPOSE.match(said)
    if m and m.group(1).strip():
        op.proposed, op.edit = _unquote(m.group(1)), True
    elif _DELETE.match(said):
        op.proposed, op.edit = "", True


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "“\"'「‘" and text[-1] in "”\"'」’":
        text = text[1:-1]
    return text.strip()
