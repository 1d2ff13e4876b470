"""Redline .docx judged by LibreOffice: accept all = NEW as rendered, reject all = OLD as
rendered, paragraph by paragraph, list labels included.  With derived labels (the default) and
with Word list numbering renumbering costs nothing; with derived labels reject all keeps the new
number of every item kept in place (documented), with literal ones every numeral is a change."""
from __future__ import annotations

import copy
import functools
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diff_plans import seed_plan
from drafter.text.numerals import NUMERAL_CHARS
from drafter.diff import compare
from drafter.model import Item
from drafter.numbering import label_tree
from drafter.writers.docx import layout, write
from drafter.writers.redline import redline_kind, redline_paras, write_redline

ORACLE = Path(__file__).with_name("lo_oracle.py")


def _with_items(plan, n=4):
    """The sections that hold at least `n` tasks (seed 004 opens with a section of prose)."""
    return [s for s in plan.sections if len(s.items) >= n]


def _scripted(plan):
    new = copy.deepcopy(plan)
    s0, s1, s2 = _with_items(new)[:3]
    s0.items[0].title = s0.items[0].title + "和现代医院管理"
    first = s0.items[1]
    first.text = re.sub(r"\d+%", "45%", first.text, count=1) + "年底前完成评估。"
    s0.items.pop(2)
    s1.items.insert(0, Item(title="开展健康扶贫工程", text="对农村贫困人口实行先诊疗后付费。"))
    _with_items(new, 1)[-1].items.append(s0.items.pop(2))
    s2.items[0].lead = ["疾控科"]
    new.preamble = (new.preamble + "新增一句总体要求。") if new.preamble else "新增一句总体要求。"
    return new


def _quirk(plan):
    """A paragraph that ends with an insertion, followed by a wholly inserted item."""
    new = copy.deepcopy(plan)
    items = _with_items(new)[0].items
    items[0].text = items[0].text + "同步推进信息公开。"
    items.insert(1, Item(title="新增一项任务", text="全年完成100家机构评估。"))
    items.insert(2, Item(title="再增一项任务", text="覆盖率达到50%。"))
    return new


def _quirk_no_slide(plan):
    """The same, where the insertion cannot slide (it does not end with the old last character)."""
    new = copy.deepcopy(plan)
    items = _with_items(new)[1].items
    items[0].text = items[0].text + "（医政科牵头）"
    items.insert(1, Item(title="新增一项任务", text="全年完成评估"))
    return new


def _delete_early(plan):
    new = copy.deepcopy(plan)
    _with_items(new)[0].items.pop(1)
    return new


def _swap_sections(plan):
    new = copy.deepcopy(plan)
    new.sections[1], new.sections[2] = new.sections[2], new.sections[1]
    new.sections[0].items[0].text = ""
    return new


def _next_year_draft(plan):
    """What `rollover` makes: years moved, a draft (（征求意见稿） line), notice date cleared."""
    new = copy.deepcopy(plan)
    new.title = new.title.replace("2017", "2018")
    new.preamble = new.preamble.replace("2017", "2018", 1)
    new.status = "draft"
    if new.notice:
        new.notice.date = None
    return new


CASES = {
    "000-next-year-draft": ("000", _next_year_draft),
    "000-scripted": ("000", _scripted),
    "000-quirk": ("000", _quirk),
    "001-quirk-no-slide": ("001", _quirk_no_slide),
    "000-delete": ("000", _delete_early),
    "000-sections": ("000", _swap_sections),
    "002-scripted": ("002", _scripted),
    "003-scripted": ("003", _scripted),
    "004-quirk": ("004", _quirk),
}


TEXT_CASES = ("000-scripted", "000-delete")  # also redlined with literal labels
MODES = ([(name, "derived") for name in CASES] + [(name, "word") for name in CASES]
         + [(name, "text") for name in TEXT_CASES])


def _rendered(mode: str) -> str:
    """The rendering a redline mode is judged against: derived labels are literal ones."""
    return "text" if mode == "derived" else mode


@pytest.fixture(scope="module")
def judged(uno_python, tmp_path_factory, artifacts):
    """Every case rendered (old, new: Word-numbered and literal) and redlined (derived labels,
    Word-numbered; some literal too), all judged by one LibreOffice run."""
    out = tmp_path_factory.mktemp("redline")
    files, plans = [], {}
    for name, (seed, edit) in CASES.items():
        old = seed_plan(seed)
        new = edit(old)
        plans[name] = (old, new)
        kind = redline_kind(old, new, None)  # the notice for seeds that have one
        for tag, plan in (("old", old), ("new", new)):
            for mode in ("word", "text"):
                f = out / ("%s.%s.%s.docx" % (name, tag, mode))
                write(plan, f, kind, numbering=mode)
                files.append(f)
    for name, mode in MODES:
        old, new = plans[name]
        red = out / ("%s.redline.%s.docx" % (name, mode))
        write_redline(compare(old, new), red, author="审稿人", date="2018-03-01T00:00:00Z",
                      numbering=mode)
        files.append(red)
    proc = subprocess.run([uno_python, str(ORACLE), *map(str, files)], capture_output=True, text=True,
                          timeout=600)
    results = {}
    for line in proc.stdout.splitlines():
        r = json.loads(line)
        r["path"] = Path(r["file"])
        results[r["path"].name] = r
    (artifacts / "redline-oracle.json").write_text(proc.stdout, encoding="utf-8")
    for name, mode in MODES:
        f = "%s.redline.%s.docx" % (name, mode)
        (artifacts / f).write_bytes((out / f).read_bytes())
    return results, plans


def _paras(texts):
    return [re.sub(r"\s+", " ", t.replace("\u00a0", " ")).strip() for t in texts if t.strip()]


def _labelled(result, mode):
    """The paragraphs as printed: list label (LibreOffice keeps it out of the text) + text."""
    return _paras([label + text for label, text in zip(result[mode + "_labels"], result[mode])])


def _labels(plan) -> list[str]:
    labels = label_tree(plan)
    return [labels[id(node)] for node, _ in plan.walk()]


@pytest.mark.parametrize("name,mode", MODES)
def test_accept_all_is_new_and_reject_all_is_old(judged, name, mode):
    """Derived labels: reject all is OLD but for the label of every item kept in place, which
    is its new one (README, Known limitations); the other paragraphs are OLD exactly."""
    results, plans = judged
    red = results["%s.redline.%s.docx" % (name, mode)]
    assert "error" not in red, red
    assert red["redlines"] > 0
    assert red["accept_redlines_left"] == 0 and red["reject_redlines_left"] == 0
    assert _paras(red["accept"]) == _paras(results["%s.new.%s.docx" % (name, _rendered(mode))]["asis"])
    old_paras = _paras(results["%s.old.%s.docx" % (name, _rendered(mode))]["asis"])
    if mode == "derived":
        old, new = plans[name]
        old_paras = _with_new_labels(old_paras, old, new, redline_kind(old, new, None), red["path"])
    assert _paras(red["reject"]) == old_paras


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def first_paragraphs(plan, kind) -> dict[tuple, tuple[str, str]]:
    """Node path → (label, rest) of its first paragraph as printed with literal labels."""
    out: dict[tuple, tuple[str, str]] = {}
    for p in layout(plan, kind, numbering="text"):
        if p.node_path is not None and tuple(p.node_path) not in out:
            label = p.runs[0].text if p.runs and p.runs[0].role == "label" else ""
            out[tuple(p.node_path)] = (label, "".join(r.text for r in p.runs)[len(label):])
    return out


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRACKED = {W + t for t in ("ins", "del", "moveFrom", "moveTo")}
# What a printed label is made of (（十一）, (二), 3、, 一、) and LibreOffice's [old number]
LABELISH = re.compile(r"[\[\]（）()一二三四五六七八九十百零〇0-9、.．]*")


def _untracked(docx: Path) -> list[str]:
    """Each body paragraph's text outside any tracked change, squeezed, its label left out."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        kept = [t.text or "" for t in p.iter(W + "t")
                if not any(a.tag in TRACKED for a in t.iterancestors())]
        out.append(LABELISH.sub("", _squeeze("".join(kept)), count=1))
    return out


def _shared_start(a: str, b: str) -> str:
    """The start two texts share, without a trailing digit (numbers change as whole tokens)."""
    k = 0
    while k < min(len(a), len(b), 16) and a[k] == b[k]:
        k += 1
    return a[:k].rstrip("0123456789.%")


def kept_in_place(old, new, kind, docx: Path) -> list[tuple[tuple, tuple, str]]:
    """(old path, new path, shared start) of every item the redline keeps in place: matched,
    and some paragraph starts with the start its old and new text share, outside any tracked
    change (inserted, deleted and moved paragraphs are wholly tracked)."""
    al = compare(old, new).alignment
    old_first, new_first = first_paragraphs(old, kind), first_paragraphs(new, kind)
    new_path = {n.index: tuple(n.path) for n in al.new}
    kept = _untracked(docx)
    out = []
    for n in al.old:
        j = al.pairs.get(n.index)
        if j is None:
            continue
        po, pn = tuple(n.path), new_path[j]
        start = _shared_start(_squeeze(old_first[po][1]), _squeeze(new_first[pn][1]))
        if len(start) >= 4 and any(t.startswith(start) for t in kept):
            out.append((po, pn, start))
    return out


def _with_new_labels(old_paras: list[str], old, new, kind, docx: Path) -> list[str]:
    """OLD as printed, each item kept in place carrying its NEW label: what reject all gives
    with derived labels (only labels differ, and only those)."""
    old_first, new_first = first_paragraphs(old, kind), first_paragraphs(new, kind)
    swap = {}
    for po, pn, _ in kept_in_place(old, new, kind, docx):
        label, rest = old_first[po]
        if label != new_first[pn][0]:
            swap[_paras([label + rest])[0]] = _paras([new_first[pn][0] + rest])[0]
    assert set(swap) <= set(old_paras), set(swap) - set(old_paras)
    return [swap.get(p, p) for p in old_paras]


# LibreOffice 7.4, removing whole paragraphs, gives the next paragraph the first removed one's
# list properties (Word keeps the next paragraph's own).  The writer places the tracked mark
# where both agree (writers/redline.py: _keep_neighbours_props); one case has no such place:
# in 003-scripted an item with a heading and two prose paragraphs moves to the end of the last
# list, before the closing prose, so on reject LibreOffice labels that closing paragraph.
LO_JOIN_QUIRK = pytest.mark.xfail(strict=True, reason="LibreOffice 7.4 paragraph join takes the "
                                  "removed paragraph's list properties")
LABEL_CASES = [pytest.param(n, marks=LO_JOIN_QUIRK)
               if n in ("003-scripted",) else n
               for n in CASES]


@pytest.mark.parametrize("name", LABEL_CASES)
def test_word_numbered_redline_prints_the_numbers_of_new_and_old(judged, name):
    """LibreOffice's own list labels after accept/reject are the labels numbering.label_tree
    gives NEW and OLD (continuity across sections, 十一 and 二十一, (一), seed 004's own
    scopes), and label + text is what the literal rendering prints."""
    results, plans = judged
    old, new = plans[name]
    red = results["%s.redline.word.docx" % name]
    for mode, plan, tag in (("accept", new, "new"), ("reject", old, "old")):
        assert [x for x in red[mode + "_labels"] if x] == _labels(plan), mode
        assert _labelled(red, mode) == _paras(results["%s.%s.text.docx" % (name, tag)]["asis"]), mode
        rendered = results["%s.%s.word.docx" % (name, tag)]
        assert [x for x in rendered["asis_labels"] if x] == _labels(plan)


def test_word_numbering_covers_what_the_cases_need(judged):
    """The cases above do exercise numbers past 十 and 二十, half-width brackets and a scope."""
    _, plans = judged
    labels = {x for old, new in plans.values() for p in (old, new) for x in _labels(p)}
    assert {"（十一）", "（二十一）", "(十一)", "二、", "1、"} <= labels
    assert any(node.numbering for node, _ in plans["004-quirk"][0].walk())


def _changed_paragraphs(path) -> list[str]:
    """w:p elements of the redline's body that carry any tracked change, as their text."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    marks = {w + t for t in ("ins", "del", "moveFrom", "moveTo")}
    out = []
    for p in root.iter(w + "p"):
        if any(el.tag in marks for el in p.iter()):
            out.append("".join(t.text or "" for t in p.iter(w + "t", w + "delText")))
    return out


def test_deleting_one_early_item_is_one_changed_paragraph_and_no_numeral(judged, tmp_path):
    """Issue 5: the only edit is deleting （二）.  The Word-numbered redline changes exactly
    that paragraph; LibreOffice renumbers the rest by itself (checked above), and the diff
    reports 1 removed, the later items renumbered, nothing modified."""
    results, plans = judged
    old, new = plans["000-delete"]
    d = compare(old, new)
    s = d.summary()
    assert (s["removed"], s["added"], s["modified"]) == (1, 0, 0)
    assert s["renumbered"] >= 20
    out = tmp_path / "r.docx"
    write_redline(d, out, numbering="word")
    removed = old.sections[0].items[1]
    changed = _changed_paragraphs(out)
    assert len(changed) == 1 and changed[0].startswith(removed.title)
    assert results["000-delete.redline.word.docx"]["redlines"] == 1
    text = tmp_path / "t.docx"
    write_redline(d, text, numbering="text")
    assert len(_changed_paragraphs(text)) == 1 + s["renumbered"]


def _changed(p) -> list[tuple[str, str]]:
    out = [(r.change, r.text) for r in p.runs if r.change]
    if p.change and not out:
        out.append((p.change, p.text))
    return out


def test_with_literal_labels_deleting_one_item_changes_one_paragraph_plus_numerals():
    old = seed_plan("000")
    new = _delete_early(old)
    d = compare(old, new)
    paras = redline_paras(d, "plan", numbering="text")
    changed = [p for p in paras if _changed(p)]
    whole = [p for p in changed if p.change == "del"]
    assert len(whole) == 1 and whole[0].text.startswith("（二）")
    numerals_only = set(NUMERAL_CHARS + "0123456789")
    for p in changed:
        if p is whole[0]:
            continue
        assert all(set(text) <= numerals_only for _, text in _changed(p)), p.text[:20]
    assert len(changed) - 1 == d.summary()["renumbered"]
    assert d.summary()["modified"] == 0


def test_changes_carry_author_and_date(tmp_path):
    old = seed_plan("000")
    out = tmp_path / "r.docx"
    write_redline(compare(old, _scripted(old)), out, author="审稿人", date="2018-03-01T00:00:00Z")
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    marks = re.findall(r"<w:(ins|del|moveFrom|moveTo) ([^>]*)>", xml)
    assert {"ins", "del", "moveFrom", "moveTo"} <= {m[0] for m in marks}
    assert all('w:author="审稿人"' in a and 'w:date="2018-03-01T00:00:00Z"' in a for _, a in marks)


def test_redline_of_last_years_plan_and_its_rollover_falls_back_to_the_plan_layout(cli, tmp_path):
    """The reviewer's first job in January: last year's plan against the draft `rollover`
    made, whose notice has its date and number cleared.  That draft has no complete notice,
    so the redline shows the plan; asking for the notice names the missing field."""
    from docx import Document

    from conftest import PLANS

    old = PLANS / "2017-衡阳市-工作要点.yaml"
    new = tmp_path / "2018.yaml"
    assert cli("rollover", old, "-o", new).code == 0
    out = tmp_path / "red.docx"
    r = cli("redline", old, new, "-o", out)
    assert r.code == 0, r.err
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert not any("印发" in t and "通知" in t for t in texts)  # no notice title: the plan layout
    assert any("全市卫生计生工作要点" in t for t in texts)
    r = cli("redline", old, new, "-o", tmp_path / "notice.docx", "--as", "notice")
    assert r.code == 2 and "notice.date" in r.err and not (tmp_path / "notice.docx").exists()


def test_a_draft_marker_line_does_not_turn_the_title_into_a_rewrite():
    """Last year's final plan against this year's draft: the draft gains a （征求意见稿） line
    under its title; the title itself still changes only in its year."""
    old = seed_plan("000")
    new = copy.deepcopy(old)
    new.title = new.title.replace("2017", "2018")
    new.status = "draft"
    paras = redline_paras(compare(old, new), "plan")
    title = next(p for p in paras if p.role == "title")
    assert title.change is None
    assert [(r.change, r.text) for r in title.runs if r.change] == [("del", "2017"), ("ins", "2018")]
    marker = [p for p in paras if p.change == "ins"]
    assert len(marker) == 1 and "征求意见稿" in "".join(r.text for r in marker[0].runs)


@functools.cache
def _seed_000():
    return seed_plan("000")


def _edited(plan, ops):
    """`plan` with tasks inserted, deleted, moved (within or across sections) and reworded,
    and sections swapped, as `ops` of (what, a, b) pick."""
    new = copy.deepcopy(plan)
    for what, a, b in ops:
        secs = [s for s in new.sections if s.items]
        s = secs[a % len(secs)]
        k = b % len(s.items)
        if what == "insert":
            s.items.insert(k, Item(title="新增任务%d" % a, text="全年完成%d家机构评估。" % b))
        elif what == "delete" and len(s.items) > 1:
            s.items.pop(k)
        elif what == "move" and len(s.items) > 1:
            to = secs[b % len(secs)]
            to.items.insert(a % (len(to.items) + 1), s.items.pop(k))
        elif what == "reword":
            text = s.items[k].text
            s.items[k].text = text[:len(text) // 2] + "并开展专项评估" + text[len(text) // 2 + 2:]
        elif what == "swap":
            i, j = a % len(new.sections), b % len(new.sections)
            new.sections[i], new.sections[j] = new.sections[j], new.sections[i]
    return new


EDITS = st.lists(st.tuples(st.sampled_from(["insert", "delete", "move", "reword", "swap"]),
                           st.integers(0, 999), st.integers(0, 999)), min_size=1, max_size=6)


@settings(max_examples=30)
@given(EDITS)
def test_derived_labels_are_the_new_numbers_and_no_renumbering_is_tracked(seeds_dir, ops):
    """Whatever the edit: the labels a reader of the new side sees (untracked, inserted, moved
    to) are the new plan's, in order, each printed whole; a tracked label only ever belongs to
    a wholly inserted, deleted or moved paragraph, never to a renumbered one."""
    old = _seed_000()
    new = _edited(old, ops)
    paras = redline_paras(compare(old, new), "plan")
    labelled = [p for p in paras if p.runs and p.runs[0].role == "label"]
    shown = [p.runs[0].text for p in labelled if p.runs[0].change not in ("del", "moveFrom")]
    assert shown == _labels(new)
    for p in labelled:
        if p.runs[0].change:
            assert {r.change for r in p.runs} == {p.runs[0].change}, p.text[:20]
