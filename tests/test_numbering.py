"""Chinese numerals, numbering styles, and the labels of a whole tree (continuity, scopes)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.text.dates import format_date, parse_date
from drafter.text.numerals import from_chinese, to_chinese
from drafter.model import Item, Numbering, Plan
from drafter.numbering import label_tree, numbered
from drafter.text.labels import parse_style

# As numbers are written in real plans (seed 000 runs to 二十五, seed 002 to 三十六).
WRITTEN = {1: "一", 2: "二", 9: "九", 10: "十", 11: "十一", 15: "十五", 19: "十九", 20: "二十",
           21: "二十一", 25: "二十五", 30: "三十", 36: "三十六", 40: "四十", 99: "九十九",
           100: "一百", 101: "一百零一", 110: "一百一十", 115: "一百一十五", 120: "一百二十", 999: "九百九十九"}


@pytest.mark.parametrize("n,text", sorted(WRITTEN.items()))
def test_chinese_numerals_as_written(n, text):
    assert to_chinese(n) == text
    assert from_chinese(text) == n


def test_every_numeral_to_99_is_distinct_and_reads_back():
    texts = [to_chinese(n) for n in range(1, 100)]
    assert len(set(texts)) == 99
    assert all(from_chinese(t) == n for n, t in enumerate(texts, 1))
    assert all(len(t) <= 3 for t in texts)


@given(st.integers(0, 9999))
def test_numeral_round_trip(n):
    assert from_chinese(to_chinese(n)) == n


def test_year_digits_and_dates_in_chinese():
    assert from_chinese("二○一一") == 2011 and from_chinese("二〇一九") == 2019
    assert parse_date("二○一一年十二月十九日") == dt.date(2011, 12, 19)
    assert parse_date("印发日期：2019年05月10日") == dt.date(2019, 5, 10)
    assert parse_date("2019年2月30日") is None  # not a real day
    assert format_date(dt.date(2019, 5, 10)) == "2019年5月10日"


@pytest.mark.parametrize("style,n,label", [
    ("一、", 21, "二十一、"), ("（一）", 36, "（三十六）"), ("(一)", 12, "(十二)"),
    ("1.", 45, "45."), ("1、", 7, "7、"), ("1．", 27, "27．"), ("（1）", 3, "（3）"), ("第一，", 2, "第二，"),
])
def test_styles_format_every_kind(style, n, label):
    assert parse_style(style).format(n) == label


def test_a_style_needs_exactly_one_numeral():
    for bad in ("、", "（）", "1一"):
        with pytest.raises(ValueError):
            parse_style(bad)


def _plan(numbering: Numbering, shape: list[int]) -> Plan:
    """Sections with the given numbers of items, each item with two sub-items."""
    return Plan(title="t", numbering=numbering, sections=[
        Item(title="s%d" % i, items=[Item(title="i%d.%d" % (i, j),
                                          items=[Item(title="x"), Item(title="y")])
                                     for j in range(k)])
        for i, k in enumerate(shape)])


def test_level_two_runs_on_across_sections_and_level_three_restarts():
    plan = _plan(Numbering(["一、", "（一）", "1.", "（1）"], [False, True, False, False]), [2, 3, 1])
    labels = [label for _, depth, label in numbered(plan) if depth < 2]
    assert labels == ["一、", "（一）", "（二）", "二、", "（三）", "（四）", "（五）", "三、", "（六）"]
    third = [label for _, depth, label in numbered(plan) if depth == 2]
    assert third == ["1.", "2."] * 6  # restarts under every item


def test_level_two_restarts_when_not_continuous():
    plan = _plan(Numbering(["一、", "（一）"], [False, False]), [2, 2])
    assert [label for _, d, label in numbered(plan) if d == 1] == ["（一）", "（二）", "（一）", "（二）"]


def test_continuous_level_three_runs_on_across_groups_and_sections():
    plan = _plan(Numbering(["一、", "（一）", "1、"], [False, False, True]), [2, 1])
    assert [label for _, d, label in numbered(plan) if d == 2] == ["%d、" % n for n in range(1, 7)]


def test_a_node_numbering_opens_its_own_scope():
    """Seed 004: 主要任务 numbers its tasks 1、…10、 directly; 重点工作 uses （一） groups with 1、…
    running on; the two 1、 series do not share a counter."""
    plan = Plan(title="t", numbering=Numbering(["一、", "（一）", "1、"], [False, False, True]), sections=[
        Item(title="主要任务", numbering=Numbering(["1、"], [False]),
             items=[Item(title="task%d" % n) for n in range(10)]),
        Item(title="重点工作", items=[Item(title="g1", items=[Item(title="a"), Item(title="b")]),
                                   Item(title="g2", items=[Item(title="c")])]),
    ])
    labels = [(node.title, label) for node, _, label in numbered(plan)]
    assert labels[:2] == [("主要任务", "一、"), ("task0", "1、")]
    assert labels[10] == ("task9", "10、")
    assert labels[11:] == [("重点工作", "二、"), ("g1", "（一）"), ("a", "1、"), ("b", "2、"),
                           ("g2", "（二）"), ("c", "3、")]


def test_deeper_than_listed_repeats_the_last_style_and_labels_cover_every_node():
    plan = Plan(title="t", numbering=Numbering(["一、"], [False]),
                sections=[Item(title="a", items=[Item(title="b", items=[Item(title="c")])])])
    labels = label_tree(plan)
    assert sorted(labels.values()) == ["一、", "一、", "一、"]
    assert len(labels) == len(plan.items())


def test_numbering_to_ninety_nine_items():
    plan = Plan(title="t", numbering=Numbering(["一、", "（一）"], [False, True]),
                sections=[Item(title="s%d" % s, items=[Item(title="i") for _ in range(33)]) for s in range(3)])
    items = [label for _, d, label in numbered(plan) if d == 1]
    assert items[-1] == "（九十九）" and items[35] == "（三十六）" and len(set(items)) == 99
