"""The redline as a reviewer reads it: LibreOffice's PDF export with the changes shown (its
default view), read back item by item.  Every item kept in place must show its NEW number and
nothing else; inserted, deleted and moved items may show old numbers (issue 17)."""
from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.diff_plans import seed_plan
from helpers import ROOT
from drafter.diff import compare
from drafter.model import Item
from drafter.numbering import label_tree
from drafter.writers.redline import redline_kind, write_redline
from test_redline import CASES, LABELISH, TRACKED, W, _squeeze, _with_items, kept_in_place

sys.path.insert(0, str(ROOT / "bench"))
import workloads  # noqa: E402

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

def _insert(where):
    def edit(plan):
        new = copy.deepcopy(plan)
        items = _with_items(new)[1].items
        at = {"start": 0, "middle": len(items) // 2, "end": len(items)}[where]
        items.insert(at, Item(title="新增一项任务", text="全年完成100家机构评估。"))
        return new
    return edit


def _delete(where):
    def edit(plan):
        new = copy.deepcopy(plan)
        items = _with_items(new)[1].items
        items.pop({"start": 0, "middle": len(items) // 2, "end": -1}[where])
        return new
    return edit


def _move_within(plan):
    """The last task of a section moved to its front, its first task reworded."""
    new = copy.deepcopy(plan)
    items = _with_items(new)[0].items
    items.insert(0, items.pop())
    items[1].text = items[1].text + "年底前完成评估。"
    return new


def _bench(plan):
    return workloads.next_year_000(plan)


VIEW_CASES = dict(CASES)
VIEW_CASES.update({
    "000-insert-start": ("000", _insert("start")),
    "000-insert-middle": ("000", _insert("middle")),
    "000-insert-end": ("000", _insert("end")),
    "002-delete-start": ("002", _delete("start")),
    "000-delete-middle": ("000", _delete("middle")),
    "004-delete-end": ("004", _delete("end")),
    "000-move-within": ("000", _move_within),
    "bench": ("bench", _bench),
})


def _plan(seed):
    return workloads.load(workloads.SEED_000_PLAN) if seed == "bench" else seed_plan(seed)


def kept_items(old, new, kind, docx: Path) -> list[tuple[str, str]]:
    """(new label, shared start) of every item the redline keeps in place."""
    labels = label_tree(new)
    label_of = {path: labels[id(node)] for node, path in new.walk_paths()}
    return [(label_of[pn], start) for _, pn, start in kept_in_place(old, new, kind, docx)]


def shown_labels(pdf_text: str, fp: str) -> list[str]:
    """What precedes `fp` on its line, wherever that is a label (or nothing): the number(s)
    LibreOffice prints for the paragraph that starts with `fp`."""
    lines = "\n".join(_squeeze(line) for line in pdf_text.splitlines())
    pattern = re.compile("\n?".join(map(re.escape, fp)))
    out = []
    for m in pattern.finditer(lines):
        head = lines[lines.rfind("\n", 0, m.start()) + 1:m.start()]
        if LABELISH.fullmatch(head):
            out.append(head)
    return out


def wrong_numbers(pdf: Path, docx: Path, old, new, kind) -> tuple[list, int]:
    """Items kept in place whose shown number is not exactly their new one, and how many
    items were checked."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    kept = kept_items(old, new, kind, docx)
    wrong = []
    for label, fp in kept:
        shown = shown_labels(text, fp)
        if shown != [label]:
            wrong.append((label, shown, fp))
    return wrong, len(kept)


@pytest.fixture(scope="module")
def views(soffice, tmp_path_factory, artifacts):
    """Every case redlined (the default numbering; the bench pair also with Word numbering)
    and exported to PDF by one LibreOffice run, changes shown as LibreOffice opens them."""
    from helpers.pdfcheck import convert_many

    out = tmp_path_factory.mktemp("view")
    made = {}
    for name, (seed, edit) in VIEW_CASES.items():
        old = _plan(seed)
        new = edit(old)
        kind = redline_kind(old, new, None)
        for mode in ("derived", "word") if name == "bench" else ("derived",):
            f = out / ("%s.%s.docx" % (name, mode))
            write_redline(compare(old, new), f, author="审稿人", date="2018-03-01T00:00:00Z",
                          numbering=mode)
            made[name, mode] = (f, old, new, kind)
    pdfs = convert_many([f for f, *_ in made.values()], out / "pdf")
    for pdf in pdfs:
        (artifacts / ("redline-view-" + pdf.name)).write_bytes(pdf.read_bytes())
    return {key: (pdf,) + rest for (key, rest), pdf in zip(made.items(), pdfs)}


@pytest.mark.parametrize("name", list(VIEW_CASES))
def test_changes_shown_every_kept_item_shows_its_new_number(views, name):
    pdf, docx, old, new, kind = views[name, "derived"]
    wrong, checked = wrong_numbers(pdf, docx, old, new, kind)
    assert not wrong, wrong[:5]
    matched = len(compare(old, new).alignment.pairs)
    assert checked >= 0.8 * matched, (checked, matched)


def test_the_reader_sees_word_list_numbers_go_wrong(views):
    """The reason the default is not Word list numbering: LibreOffice 7.4, changes shown,
    leaves a list paragraph holding a tracked deletion out of the count (`[（一）]`) and counts
    the later items without it (`（一）[（三）]`).  The reader above catches exactly that."""
    pdf, docx, old, new, kind = views["bench", "word"]
    wrong, _ = wrong_numbers(pdf, docx, old, new, kind)
    assert wrong
    assert any(shown and shown[0].startswith("[") for _, shown, _ in wrong)


def _redline_labels(docx: Path) -> list[tuple[str, str | None, bool]]:
    """(label, the tracked change its first character sits in or None, whether any of its text
    is tracked) of every body paragraph that starts with a label, in document order.  A
    tracked paragraph mark alone is not counted: it is where the removal of the next
    paragraph is recorded (writers/redline.py: _keep_neighbours_props)."""
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        chars = []
        for t in p.iter(W + "t", W + "delText"):
            where = next((a.tag[len(W):] for a in t.iterancestors() if a.tag in TRACKED), None)
            chars.extend((c, where) for c in t.text or "")
        label = LABELISH.match("".join(c for c, _ in chars)).group()
        if label:
            out.append((label, chars[0][1], any(where for _, where in chars)))
    return out


def test_redline_report_and_compare_table_agree(views, tmp_path):
    """The three views of one edit (the bench pair) show the same numbers and the same list of
    changes: the HTML report, the 新旧对照表 and the redline (its numbers as LibreOffice shows
    them checked above).  Compared on tasks, the 新旧对照表's rows."""
    from docx import Document
    from lxml import html as lhtml

    from drafter.writers.compare_table import write_compare_table
    from drafter.writers.html import diff_report

    pdf, docx, old, new, kind = views["bench", "derived"]
    d = compare(old, new)
    tasks = {side: {labels[id(node)] for node, depth in plan.walk() if depth or not node.items}
             for side, plan, labels in (("old", old, label_tree(old)), ("new", new, label_tree(new)))}

    page = lhtml.fromstring(diff_report(d).encode("utf-8"))
    report_new, report_changed, report_moved = [], set(), set()
    for row in page.xpath('//table[@class="sbs"]//tr[@id]'):
        num = {side: "".join(row.xpath('td[@class="%s"]/span[@class="num"]/text()' % side))
               for side in ("old", "new")}
        tag = row.xpath('td[contains(@class, "tag")]/@class')[0].split("tag-")[1]
        if num["new"] in tasks["new"]:
            report_new.append(num["new"])
        if tag in ("added", "modified", "moved") and num["new"] in tasks["new"]:
            report_changed.add(("new", num["new"]))
        if tag == "removed" and num["old"] in tasks["old"]:
            report_changed.add(("old", num["old"]))
        if tag == "moved":
            report_moved.add(num["old"])

    table = tmp_path / "对照表.docx"
    write_compare_table(d, table)
    rows = [[c.text for c in r.cells] for r in Document(str(table)).tables[0].rows[1:]]
    table_new = [LABELISH.match(new_cell).group() for _, _, new_cell, _ in rows if new_cell]
    table_changed = {("new", LABELISH.match(new_cell).group()) if new_cell
                     else ("old", LABELISH.match(old_cell).group())
                     for _, old_cell, new_cell, status in rows if status != "延续"}

    red = [(label, where, changed) for label, where, changed in _redline_labels(docx)
           if label in tasks["new"] | tasks["old"]]
    red_new = [label for label, where, _ in red if where not in ("del", "moveFrom")]
    red_changed = {("new", label) for label, where, changed in red
                   if changed and where not in ("del", "moveFrom")}
    red_changed |= {("old", label) for label, where, _ in red if where == "del"}
    red_moved = {label for label, where, _ in red if where == "moveFrom"}

    assert report_new == table_new == red_new == [x for x in (label_tree(new)[id(n)] for n, _ in new.walk())
                                                  if x in tasks["new"]]
    assert report_changed == table_changed == red_changed
    assert report_moved == red_moved and report_moved
    assert any(side == "old" for side, _ in red_changed) and len(red_changed) >= 4
    wrong, _ = wrong_numbers(pdf, docx, old, new, kind)
    assert not wrong
