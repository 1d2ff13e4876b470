"""新旧对照表 read back by LibreOffice: one row per task, the right 变化 word on each."""
from __future__ import annotations

import copy
import json
import subprocess

from helpers.diff_plans import seed_plan, tasks
from drafter.diff import compare
from drafter.model import Item
from drafter.writers.compare_table import write_compare_table
from helpers import LO_ORACLE

ORACLE = LO_ORACLE


def test_compare_table_rows_in_libreoffice(uno_python, tmp_path, artifacts, cli):
    old = seed_plan("000")
    new = copy.deepcopy(old)
    sec = [s for s in new.sections if len(s.items) >= 4][0]
    sec.items[0].text = sec.items[0].text.replace("10%", "8%")
    gone = sec.items.pop(1)
    sec.items.insert(2, Item(title="开展健康扶贫工程", text="县域内住院实际报销比例达到90%以上。"))
    out = tmp_path / "对照表.docx"
    write_compare_table(compare(old, new), out)
    (artifacts / "compare-table.docx").write_bytes(out.read_bytes())
    proc = subprocess.run([uno_python, str(ORACLE), str(out)], capture_output=True, text=True, timeout=300)
    cells = json.loads(proc.stdout.splitlines()[0])["asis"]
    start = cells.index("序号")
    assert cells[start:start + 4] == ["序号", "原文", "修改后", "变化"]
    rows = [cells[k:k + 4] for k in range(start + 4, len(cells) - 3, 4)]
    rows = [r for r in rows if r[0].isdigit()]
    assert [int(r[0]) for r in rows] == list(range(1, len(tasks(old)) + 2))  # + the added task
    status = {r[3] for r in rows}
    assert status == {"新增", "删除", "调整", "延续"}
    removed = next(r for r in rows if r[3] == "删除")
    assert gone.title in removed[1] and removed[2] == ""
    added = next(r for r in rows if r[3] == "新增")
    assert added[1] == "" and "开展健康扶贫工程" in added[2]
    changed = [r for r in rows if r[3] == "调整"]
    assert len(changed) == 1 and "8%" in changed[0][2] and "10%" in changed[0][1]
    # renumbered but otherwise the same: 延续
    assert sum(r[3] == "延续" for r in rows) == len(tasks(old)) - 2


def test_compare_table_command(cli, tmp_path):
    from drafter.writers.yaml import dump

    old = seed_plan("004")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(dump(old), encoding="utf-8")
    b.write_text(dump(old), encoding="utf-8")
    out = tmp_path / "t.docx"
    r = cli("compare-table", a, b, "-o", out)
    assert r.code == 0, r.err
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    rows = xml.count("<w:tr>") - 1  # less the header; the plan has no 版记 table here
    assert rows >= len(tasks(old)) and xml.count("延续") == rows  # the same plan: all 延续
    r = cli("compare-table", a, b, "-o", out)
    assert r.code == 2 and "already exists" in r.err
