"""Laws of the workspace's in-place editing (drafter.app.workspace): moves keep every task
and its comments, a move undone gives the text back, field keys map check paths to fields."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.app.workspace import edit_text, field_key
from drafter.readers.yaml import loads
from test_web_app import SMALL


def ids(text: str) -> list[str]:
    return sorted(node.id for node, _ in loads(text).plan.walk())


def paths(text: str) -> list[str]:
    return [".".join(map(str, p)) for _, p in loads(text).plan.walk_paths()]


@given(st.lists(st.tuples(st.sampled_from(["up", "down", "move"]), st.integers(0, 20), st.integers(0, 1)),
                max_size=8))
def test_moves_keep_every_task_and_comment(steps):
    text = SMALL
    for verb, pick, section in steps:
        candidates = [p for p in paths(text) if verb != "move" or "." in p]
        if not candidates:
            continue
        p = candidates[pick % len(candidates)]
        text = edit_text(text, {}, "%s:%s" % (verb, p) + (":%d" % section if verb == "move" else ""))
    assert ids(text) == ids(SMALL)
    assert "# 测试用计划（注释须保留）" in text and "# 第一项" in text


@given(st.integers(0, 20))
def test_down_then_up_gives_the_text_back(pick):
    candidates = paths(SMALL)
    p = candidates[pick % len(candidates)]
    *parent, last = p.split(".")
    moved = edit_text(SMALL, {}, "down:" + p)
    if moved == SMALL:  # the last of its siblings: nothing to move
        return
    back = edit_text(moved, {}, "up:" + ".".join(parent + [str(int(last) + 1)]))
    assert back == SMALL


def test_field_keys_of_check_paths():
    assert field_key("sections[2].items[4].lead") == "item.2.4.lead"
    assert field_key("sections[0].items[1].items[0].text") == "item.0.1.0.text"
    assert field_key("sections[3]") == "item.3"
    assert field_key("notice.doc_number") == "notice.doc_number"
    assert field_key("preamble") == "plan.preamble"
    assert field_key("numbering.levels[1]") == "plan.numbering"
    assert field_key(None) is None


BUNDLED = sorted((Path(__file__).resolve().parents[2] / "plans").glob("*.yaml"))


@pytest.mark.parametrize("path", [None] + BUNDLED, ids=lambda p: p.name if p else "small")
def test_a_field_submitted_as_shown_changes_no_byte(path):
    """A browser sends back every field; those the user did not touch must leave the YAML
    exactly as it was (quoting, block style, trailing blanks, dates, lists)."""
    from drafter.app.workspace import ITEM_FIELDS, NOTICE_FIELDS, outline, shown

    if path is None:
        text = SMALL.replace("完善管理制度。", "完善管理制度。  \n\n          第二段。 ")
    else:
        text = path.read_text("utf-8")
    plan = loads(text).plan
    from drafter.app.workspace import PLAN_FIELDS

    changes = {"plan.%s" % k: shown(getattr(plan, k), kind) for k, kind in PLAN_FIELDS.items()}
    if plan.notice:
        changes.update({"notice.%s" % k: shown(getattr(plan.notice, k), kind) for k, kind in NOTICE_FIELDS.items()})
    for row in outline(plan):
        changes.update({"%s.%s" % (row.key, k): shown(getattr(row.node, k), kind) for k, kind in ITEM_FIELDS.items()})
    assert edit_text(text, {k: v.replace("\n", "\r\n") for k, v in changes.items()}) == text
