"""The diff engine on the seeds: identity, scripted edits with exact change lists, the mirror
law, the JSON contract, and bad input."""
from __future__ import annotations

import copy
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diff_plans import seed_plan, tasks
from drafter.text.script import to_traditional
from drafter.diff import compare, invert
from drafter.diff.match import item_text
from drafter.model import Item, Plan

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def p000() -> Plan:
    return seed_plan("000")


def changed(d):
    return [c for c in d.changes if c.changed]


def key(c):
    return (c.status, c.old.title if c.old else None, c.new.title if c.new else None)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_plan_against_itself_is_empty(seed):
    plan = seed_plan(seed)
    d = compare(plan, copy.deepcopy(plan))
    s = d.summary()
    n = len(plan.items())
    assert n > 10
    assert s == {"added": 0, "removed": 0, "matched": n, "modified": 0, "moved": 0, "renumbered": 0}
    assert d.empty


@pytest.mark.parametrize("seed", SEEDS)
def test_traditional_and_simplified_match_as_unchanged(seed):
    plan = seed_plan(seed)
    trad = copy.deepcopy(plan)
    for node in trad.items():
        node.title = to_traditional(node.title)
        node.text = to_traditional(node.text)
    assert any(a.title != b.title for a, b in zip(plan.items(), trad.items()))
    d = compare(plan, trad)
    assert d.summary()["modified"] == 0 and d.summary()["matched"] == len(plan.items())
    # reported as written: the new side keeps its own script
    assert [c.new.title for c in d.changes] == [n.title for n in trad.items()]


def test_deleting_an_early_item_is_one_removal_and_renumbering(p000):
    new = copy.deepcopy(p000)
    gone = new.sections[0].items.pop(1)
    d = compare(p000, new)
    s = d.summary()
    later = len(tasks(p000)) - 2  # items numbered continuously after the deleted (二)
    assert s["removed"] == 1 and s["added"] == 0 and s["modified"] == 0 and s["moved"] == 0
    assert s["renumbered"] == later
    removed = [c for c in d.changes if c.status == "removed"]
    assert removed[0].old.title == gone.title and removed[0].old.number == "（二）"
    renum = [c for c in d.changes if c.renumbered]
    assert all(c.status == "matched" and not c.text_changed for c in renum)


def test_scripted_edits_give_the_exact_change_list(p000):
    new = copy.deepcopy(p000)
    s0, s1, s2 = new.sections[0], new.sections[1], new.sections[2]
    # 1. reword a title; 2. change targets; 3. delete; 4. insert; 5. move across sections;
    # 6. change the lead office
    s0.items[0].title = "深入推进公立医院综合改革"
    s0.items[1].text = s0.items[1].text.replace("覆盖率达30%", "覆盖率达40%").replace("6-8个", "8-10个")
    deleted = s0.items.pop(2)
    s1.items.insert(0, Item(title="开展健康扶贫工程", text="对农村贫困人口实行先诊疗后付费，县域内住院实际报销比例达到90%以上。"))
    moving = s0.items.pop(2)  # the old (四)
    s2.items.append(moving)
    s2.items[0].lead = ["疾控科"]
    d = compare(p000, new)
    got = sorted((key(c), c.moved, c.text_changed, tuple(f.field for f in c.fields)) for c in changed(d))
    old = p000.sections[0].items
    want = sorted([
        (("matched", old[0].title, "深入推进公立医院综合改革"), False, True, ()),
        (("matched", old[1].title, old[1].title), False, True, ()),
        (("removed", deleted.title, None), False, False, ()),
        (("added", None, "开展健康扶贫工程"), False, False, ()),
        (("matched", moving.title, moving.title), True, False, ()),
        (("matched", p000.sections[2].items[0].title, p000.sections[2].items[0].title), False, False, ("lead",)),
    ])
    assert got == want
    c = next(c for c in d.changes if c.old and c.old.title == old[1].title)
    assert {(t.label, t.old, t.new) for t in c.targets} == {
        ("家庭医生签约服务覆盖率", "30%", "40%"), ("组建医疗联合体", "6-8个", "8-10个")}
    assert ["replace", "6-8", "8-10"] in [list(op) for op in c.ops]
    assert d.summary() == {"added": 1, "removed": 1, "matched": len(p000.items()) - 1, "modified": 3,
                           "moved": 1, "renumbered": d.summary()["renumbered"]}


def test_a_section_renamed_keeps_its_children(p000):
    new = copy.deepcopy(p000)
    new.sections[1].title = "全面实施两孩政策"
    d = compare(p000, new)
    c = next(c for c in d.changes if c.old and c.old.path == (1,))
    assert c.status == "matched" and c.new.title == "全面实施两孩政策" and c.text_changed
    assert not any(c.moved for c in d.changes)


def test_moves_within_a_section_are_moves_not_rewrites(p000):
    new = copy.deepcopy(p000)
    items = new.sections[0].items
    items.insert(0, items.pop(3))
    d = compare(p000, new)
    moved = [c for c in d.changes if c.moved]
    assert [c.new.title for c in moved] == [items[0].title]
    assert d.summary()["modified"] == 0 and d.summary()["added"] == 0


def test_split_and_merge_are_detected(p000):
    new = copy.deepcopy(p000)
    item = new.sections[0].items[0]
    paras = item.text.split("。")
    half = len(paras) // 2
    item.text = "。".join(paras[:half]) + "。"
    new.sections[0].items.insert(1, Item(title="健全现代医院管理制度", text="。".join(paras[half:])))
    d = compare(p000, new)
    added = [c for c in d.changes if c.status == "added"]
    assert len(added) == 1 and added[0].split_from is not None
    assert added[0].split_from.title == p000.sections[0].items[0].title
    back = compare(new, p000)
    removed = [c for c in back.changes if c.status == "removed"]
    assert removed[0].merged_into.title == p000.sections[0].items[0].title


def _json_invariants(d, old: Plan, new: Plan):
    js = json.loads(json.dumps(d.to_json(), ensure_ascii=False))
    assert set(js) >= {"old", "new", "summary", "changes"}
    assert set(js["summary"]) == {"added", "removed", "matched", "modified", "moved", "renumbered"}
    olds = [tuple(c["old"]["path"]) for c in js["changes"] if c["old"]]
    news = [tuple(c["new"]["path"]) for c in js["changes"] if c["new"]]
    assert sorted(olds) == sorted(p for _, p in old.walk_paths())
    assert sorted(news) == sorted(p for _, p in new.walk_paths())
    for c in js["changes"]:
        assert c["status"] in ("added", "removed", "matched")
        assert 0 <= c["similarity"] <= 1
        for side, plan in (("old", old), ("new", new)):
            if c[side]:
                node = plan.node_at(c[side]["path"])
                assert node.title == c[side]["title"] and node.id == c[side]["id"]
        if c["text_changed"] or c["status"] != "matched":
            assert "".join(op[1] for op in c["ops"]) == (item_text(old.node_at(c["old"]["path"])) if c["old"] else "")
            assert "".join(op[2] for op in c["ops"]) == (item_text(new.node_at(c["new"]["path"])) if c["new"] else "")
    return js


def test_json_contract_holds_for_edits(p000):
    new = copy.deepcopy(p000)
    new.sections[0].items.pop(0)
    new.sections[3].items.append(Item(title="新增任务", text="完成100张床位。"))
    new.sections[2].items[0].text += "年底前完成。"
    js = _json_invariants(compare(p000, new), p000, new)
    assert js["summary"]["removed"] == 1 and js["summary"]["added"] == 1


# The mirror law: diff(b, a) is diff(a, b) seen from the other side --------------------------

def _random_edit(plan: Plan, rnd: random.Random) -> Plan:
    new = copy.deepcopy(plan)
    for _ in range(rnd.randint(1, 6)):
        sec = rnd.choice(new.sections)
        kind = rnd.choice(["reword", "delete", "insert", "move", "target", "lead", "swap"])
        if not sec.items:
            continue
        k = rnd.randrange(len(sec.items))
        it = sec.items[k]
        if kind == "reword":
            it.title = it.title[:2] + "进一步" + it.title[2:]
        elif kind == "delete":
            sec.items.pop(k)
        elif kind == "insert":
            sec.items.insert(k, Item(title="新任务%d" % rnd.randrange(100), text="开展试点工作，覆盖率达%d%%。" % rnd.randrange(100)))
        elif kind == "move":
            rnd.choice(new.sections).items.insert(0, sec.items.pop(k))
        elif kind == "target":
            it.text = it.text.replace("%", "5%", 1) + "年底前完成。"
        elif kind == "lead":
            it.lead = ["医政科"]
        elif kind == "swap" and k + 1 < len(sec.items):
            sec.items[k], sec.items[k + 1] = sec.items[k + 1], sec.items[k]
    return new


def _canon(d):
    return sorted(json.dumps(c.as_dict(), ensure_ascii=False, sort_keys=True) for c in d.changes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10**6))
def test_diff_b_a_mirrors_diff_a_b(p000, seed):
    rnd = random.Random(seed)
    a = _random_edit(p000, rnd)
    b = _random_edit(a, rnd)
    ab, ba = compare(a, b), compare(b, a)
    assert _canon(invert(ab)) == _canon(ba)
    assert invert(ab).summary() == ba.summary()
    _json_invariants(ab, a, b)


# Bad and odd input -------------------------------------------------------------------------

def test_empty_plans_and_wildly_different_plans():
    assert compare(Plan(), Plan()).changes == []
    a = seed_plan("000")
    d = compare(Plan(), a)
    assert d.summary()["added"] == len(a.items()) and d.summary()["matched"] == 0
    other = seed_plan("002")
    d = compare(a, other)
    s = d.summary()
    assert s["added"] + s["matched"] == len(other.items())
    assert s["removed"] + s["matched"] == len(a.items())
    assert s["matched"] <= 5  # two cities share at most a few section titles


def test_ids_win_over_text(p000):
    a, b = copy.deepcopy(p000), copy.deepcopy(p000)
    x, y = a.sections[0].items[0], a.sections[0].items[1]
    x.id, y.id = "aaaa", "bbbb"
    b.sections[0].items[0].id, b.sections[0].items[1].id = "bbbb", "aaaa"  # IDs swapped
    d = compare(a, b)
    c = next(c for c in d.changes if c.old and c.old.id == "aaaa")
    assert c.new.path == (0, 1) and c.text_changed
