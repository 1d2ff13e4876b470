"""Rollover's edits of the plan YAML, in place on its ruamel round-trip tree (through
`drafter.yamlio`), so the drafter's comments, quoting and layout survive except where a value
changed; each changed value carries a `# rollover` comment.  What to change is decided by
`rules`, and every decision goes into the `Report`."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import DrafterError
from .report import REVIEW, Report
from .rules import (RULE_BY_CODE, Decision, ambiguous, blank_quantities, own_titles_of, past_dates,
                    plan_year_of, roll_text)

# -- review comments ---------------------------------------------------------------------------

def strip_review_comments(text: str) -> str:
    """`text` without the comments rollover writes: lines holding only one go, a trailing one
    is cut from its line.  (The YAML text law compares rolled files through this.)"""
    from ..yamlio import strip_comments

    return strip_comments(text, REVIEW)


def _without_old_review(doc):
    """The input without an earlier rollover's comments, if that changes nothing the plan says
    (a `# rollover` line inside a text block must stay); else None."""
    from ..readers.yaml import loads

    cleaned = strip_review_comments(doc.text)
    if cleaned == doc.text:
        return None
    try:
        again = loads(cleaned, doc.path)
    except DrafterError:
        return None
    return again if again.plan == doc.plan else None


# -- editing the tree --------------------------------------------------------------------------

SKIP_KEYS = {"id", "format", "kind", "status", "plan_as", "numbering", "heading", "year"}
NOTICE_RESET = ("doc_number", "date", "printed_on", "deadline")
NOTICE_TODO = {
    "doc_number": "TODO 新的发文字号，如 X卫发〔%d〕N号",
    "date": "TODO 成文日期，如 %d-03-01",
    "printed_on": "TODO 印发日期",
    "deadline": "TODO 反馈截止日期",
}


def _marks():
    """Review notes, written as `# rollover…` comments once all edits are done."""
    from ..yamlio import ReviewNotes

    return ReviewNotes(REVIEW)


def _lines(container, key) -> int | None:
    from ..yamlio import value_position

    pos = value_position(container, key)
    return pos[0] + 1 if pos else None


def _strings(node, path: str) -> Iterator[tuple[Any, Any, Any, str]]:
    """(container, key, comment-at, path) for every string value under `node`, skipping keys
    whose values are codes rather than text.  `comment-at` is (container, key) where a note
    can go: a flow list's note goes on the key that holds it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        for key in list(node):
            if key in SKIP_KEYS:
                continue
            sub = "%s.%s" % (path, key) if path else str(key)
            v = node[key]
            if isinstance(v, str):
                yield node, key, (node, key), sub
            elif isinstance(v, CommentedSeq) and v.fa.flow_style():
                for i, x in enumerate(v):
                    if isinstance(x, str):
                        yield v, i, (node, key), "%s[%d]" % (sub, i)
            else:
                yield from _strings(v, sub)
    elif isinstance(node, CommentedSeq):
        for i, v in enumerate(node):
            sub = "%s[%d]" % (path, i)
            if isinstance(v, str):
                yield node, i, (node, i), sub
            else:
                yield from _strings(v, sub)


@dataclass
class Result:
    text: str
    document: Any  # yamlio.Document of the rolled text
    report: Report


def roll(doc, year: int | None = None, *, targets: str = "carry", keep_done: bool = False,
         imported: bool = False, output: str | None = None) -> Result:
    """Roll a loaded plan (`yamlio.Document`) to `year` (default: its year + 1)."""
    from ..ids import assign_ids, insert_ids
    from ..readers.yaml import loads
    from ..yamlio import dump_tree, reload

    if targets not in ("carry", "blank"):
        raise ValueError("targets must be carry or blank")
    doc = _without_old_review(doc) or loads(doc.text, doc.path)  # never edit the caller's tree
    nodes = assign_ids(doc.plan)
    if nodes:
        doc = loads(insert_ids(doc, nodes), doc.path)
    old = plan_year_of(doc.plan, doc.path)
    new = year if year is not None else old + 1
    if new <= old:
        raise DrafterError("%s: the plan is for %d; rollover makes a later year's plan (got --year %d)"
                           % (doc.path, old, new))
    report = Report(doc.path, output, old, new, ids_assigned=len(nodes), imported=imported)
    doc = _drop_done(doc, keep_done, report)
    plan, tree = doc.plan, doc.tree
    report.reformatted = dump_tree(tree) != doc.text
    marks = _marks()
    own = own_titles_of(plan.title)
    _roll_years(tree, old, new, own, marks, report)
    _set_plan_fields(tree, plan, old, new, marks, report)
    _reset_notice(tree, new, marks, report)
    _targets(tree, plan, targets, marks, report)
    marks.write()
    text = dump_tree(tree)
    rolled = reload(text, output or doc.path, "the rolled plan")
    _past_dates(rolled.tree, new, report)
    report.ambiguous = _ambiguous(rolled.tree, new, own, report)
    _locate(rolled, report.decisions + report.ambiguous)
    return Result(text, rolled, report)


def _locate(doc, decisions: list[Decision]) -> None:
    """Point each decision at its line in the new file (the one the reviewer opens)."""
    from ..lint.sources import YamlText
    from ..yamlio import value_position

    yt = YamlText(doc.text)
    where = {}
    for container, key, _, path in _strings(doc.tree, ""):
        pos = value_position(container, key)
        if pos is not None:
            where[path] = yt.locator(str(container[key]), pos)
    for d in decisions:
        if d.path in where:
            d.line = where[d.path](d.offset, d.new or d.old)[0]


def _drop_done(doc, keep_done: bool, report: Report):
    """Items the previous year finished (`status: done`) leave the new plan, unless kept.

    They are cut from the text, line by line, so nothing else moves: comment and blank lines
    after an item, at or left of its `-`, introduce what follows and stay."""
    from ..readers.yaml import loads

    done = [(item, path) for item, path in doc.plan.walk_paths() if item.status == "done"]
    done = [(item, path) for item, path in done  # a done item inside a done item goes with it
            if not any(p == path[:len(p)] and p != path for _, p in done)]
    if keep_done or not done:
        return doc
    lines = doc.text.split("\n")
    for item, _ in sorted(done, key=lambda d: -_item_start(doc, d[0])[0]):
        report.dropped.insert(0, (item.id, item.title))
        start, dash = _dash(lines, *_item_start(doc, item))
        end = start + 1
        while end < len(lines) and not _starts_next(lines[end], dash):
            end += 1
        while end > start + 1 and _belongs_after(lines[end - 1], dash):
            end -= 1
        if start > 0 and not lines[start - 1].strip() and end < len(lines) and not lines[end].strip():
            end += 1  # one blank line between neighbours, not two
        del lines[start:end]
    return loads("\n".join(lines), doc.path)


def _item_start(doc, item) -> tuple[int, int]:
    """(line, column), 0-based, of the item's mapping in the file."""
    from ..yamlio import node_position

    return node_position(doc.node_of(item))


def _dash(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """(line, column) of the `-` that opens the sequence entry whose first key is at
    (line, col): on the same line (`- id: x`) or alone on the line above."""
    head = lines[line][:col].rstrip()
    if head.endswith("-"):
        return line, len(head) - 1
    above = lines[line - 1]
    return line - 1, len(above) - len(above.lstrip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _starts_next(line: str, dash: int) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#") and _indent(line) <= dash


def _belongs_after(line: str, dash: int) -> bool:
    s = line.strip()
    return not s or (s.startswith("#") and _indent(line) <= dash)


def _roll_years(tree, old: int, new: int, own: tuple[str, ...], marks, report: Report) -> None:
    from ..yamlio import scalar_like

    reset = {"notice." + k for k in NOTICE_RESET}  # cleared anyway: no decision to report
    for container, key, at, path in _strings(tree, ""):
        if path in reset:
            continue
        value = container[key]
        rolled, decisions = roll_text(str(value), old, new, own, path, _lines(container, key))
        report.decisions.extend(decisions)
        if rolled != value:
            container[key] = scalar_like(value, rolled)
            marks.add(*at, _year_note(decisions))


def _year_note(decisions: list[Decision]) -> str:
    groups: dict[tuple[str, str, str], int] = {}
    for d in decisions:
        if d.moved:
            k = (d.old, d.new, d.rule)
            groups[k] = groups.get(k, 0) + 1
    return "; ".join("%s→%s%s (%s)" % (o, n, " ×%d" % c if c > 1 else "", RULE_BY_CODE[r].label)
                     for (o, n, r), c in groups.items())


def _set_plan_fields(tree, plan, old: int, new: int, marks, report: Report) -> None:
    from ..yamlio import insert_after

    if "year" in tree:
        tree["year"] = new
    else:
        insert_after(tree, ("format", "title"), "year", new)
    marks.add(tree, "year", "%d→%d (计划年度)" % (old, new))
    was = tree.get("status", "final")
    if was != "draft":
        if "status" in tree:
            tree["status"] = "draft"
        else:
            insert_after(tree, ("format", "title", "year", "issuer"), "status", "draft")
        marks.add(tree, "status", "%s→draft (新一年的初稿)" % was)
        report.status = (str(was), "draft")


def _reset_notice(tree, new: int, marks, report: Report) -> None:
    """The new notice has no number, date or 印发 data yet: keys stay (or are added, for the
    number and date every notice needs), empty, with a TODO."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from ..yamlio import insert_after

    notice = tree.get("notice")
    if not isinstance(notice, dict):
        return
    for key in NOTICE_RESET:
        if key not in notice and key not in ("doc_number", "date"):
            continue
        old = notice.get(key)
        empty = DoubleQuotedScalarString("") if key == "doc_number" else None
        if key in notice:
            notice[key] = empty
        else:
            insert_after(notice, ("kind", "title") if key == "doc_number" else
                          ("kind", "title", "doc_number", "recipients", "body", "issuer"), key, empty)
        todo = NOTICE_TODO[key] % new if "%d" in NOTICE_TODO[key] else NOTICE_TODO[key]
        marks.add(notice, key, "%s %s" % (REVIEW, todo))
        report.notice.append((key, "" if old is None else str(old)))


def _targets(tree, plan, mode: str, marks, report: Report) -> None:
    """List each item's quantities next to it; with `blank`, replace each number by 〔待定〕
    (the unit stays, so `30%` reads `〔待定〕%`)."""
    from ..text.targets import extract_targets
    from ..yamlio import scalar_like

    def walk(seq, prefix):
        for i, ynode in enumerate(seq):
            path = "%s[%d]" % (prefix, i)
            if not isinstance(ynode, dict):
                continue
            found: list[tuple[str, str, str]] = []
            for key in ("title", "text"):
                value = ynode.get(key)
                if not isinstance(value, str):
                    continue
                ts = extract_targets(value)
                found += [(t.label, t.value, t.kind) for t in ts]
                if mode == "blank":
                    blanked, n = blank_quantities(value, ts)
                    if n:
                        report.blanked += n
                        ynode[key] = scalar_like(value, blanked)
            if found:
                title = str(ynode.get("title", ""))
                report.targets.append((path, title, found))
                at = "text" if "text" in ynode else "title"
                listed = "；".join("%s %s" % (lab, val) for lab, val, _ in found)
                verb = "blanked" if mode == "blank" else "targets"
                marks.add(ynode, at, "%s %s: %s" % (REVIEW, verb, listed))
            if isinstance(ynode.get("items"), list):
                walk(ynode["items"], path + ".items")

    if isinstance(tree.get("sections"), list):
        walk(tree["sections"], "sections")


def _past_dates(tree, new: int, report: Report) -> None:
    for container, key, _, path in _strings(tree, ""):
        for d, why in past_dates(str(container[key]), new, undated=path.startswith("notice.")):
            report.past.append((path, d, why))
    for container, key, path in _dates(tree, ""):
        v = container[key]
        if v < _dt.date(new, 1, 1):
            report.past.append((path, v.isoformat(), "before %d" % new))


def _dates(node, path) -> Iterator[tuple[Any, Any, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            sub = "%s.%s" % (path, k) if path else str(k)
            if isinstance(v, _dt.date):
                yield node, k, sub
            else:
                yield from _dates(v, sub)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, _dt.date):
                yield node, i, "%s[%d]" % (path, i)
            else:
                yield from _dates(v, "%s[%d]" % (path, i))


def _ambiguous(tree, new: int, own, report: Report) -> list[Decision]:
    by_path: dict[str, list[Decision]] = {}
    for d in report.decisions:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for container, key, _, path in _strings(tree, ""):
        if path in by_path:
            out += ambiguous(str(container[key]), by_path[path], new, own, _lines(container, key))
    return out


