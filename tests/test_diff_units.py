"""Inline ops, target extraction and the assignment solver, as laws and examples."""
from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.diff.assign import _hungarian, max_weight_matching
from drafter.diff.inline import inline_ops, invert_ops
from drafter.text.targets import compare_targets, extract_targets

TEXT = st.text(alphabet="加强医院管理服务覆盖率达到以上，。、0123456789%-个年月底前", max_size=40)


@given(TEXT, TEXT)
@settings(max_examples=300, deadline=None)
def test_ops_rebuild_both_texts_and_mirror(a, b):
    ops = inline_ops(a, b)
    assert "".join(o[1] for o in ops) == a
    assert "".join(o[2] for o in ops) == b
    assert invert_ops(inline_ops(b, a)) == ops
    for tag, x, y in ops:
        assert tag in ("equal", "replace", "insert", "delete")
        assert (tag == "equal") == (x == y)
        if tag == "insert":
            assert x == "" and y
        if tag == "delete":
            assert y == "" and x


def test_numbers_and_ranges_are_whole_tokens():
    assert inline_ops("组建6-8个医疗联合体", "组建8-10个医疗联合体") == [
        ("equal", "组建", "组建"), ("replace", "6-8", "8-10"), ("equal", "个医疗联合体", "个医疗联合体")]
    assert ("replace", "17/10万", "15/10万") in inline_ops("控制在17/10万以下", "控制在15/10万以下")
    assert ("replace", "2017年6月", "2018年3月") in inline_ops("于2017年6月完成", "于2018年3月完成")


def test_short_islands_fold_but_punctuation_stays():
    assert inline_ops("加强公立医院管理", "强化公立医院管理")[0] == ("replace", "加强", "强化")
    ops = inline_ops("覆盖率达60%。", "覆盖率达70%，贫困人口全覆盖。")
    assert ("replace", "60%", "70%") in ops and ("insert", "", "，贫困人口全覆盖") in ops


def test_targets_with_their_labels():
    text = ("公立医院医疗费用平均增长幅度控制在10%以下。推进家庭医生签约服务，家庭医生签约服务覆盖率达30%以上，"
            "重点人群覆盖率达60%。在全市组建6-8个医疗联合体。全市孕产妇死亡率控制在17/10万以下，"
            "5岁以下儿童死亡率控制在8‰以下。完成一期500张医疗养老床位建设。力争年底前，全部乡镇卫生院建立协作关系。"
            "6月底前完成《2015-2020年规划》评估。")
    got = [(t.label, t.value, t.kind) for t in extract_targets(text)]
    assert got == [
        ("公立医院医疗费用平均增长幅度", "10%", "rate"),
        ("家庭医生签约服务覆盖率", "30%", "rate"),
        ("重点人群覆盖率", "60%", "rate"),
        ("组建医疗联合体", "6-8个", "quantity"),
        ("孕产妇死亡率", "17/10万", "rate"),
        ("5岁以下儿童死亡率", "8‰", "rate"),
        ("医疗养老床位建设", "500张", "quantity"),
        ("全部乡镇卫生院建立协作关系", "年底前", "deadline"),
        ("完成《2015-2020年规划》评估", "6月底前", "deadline"),
    ]
    for t in extract_targets(text):
        assert text[t.start:t.end] == t.value


def test_targets_in_traditional_text_are_reported_as_written():
    got = [(t.label, t.value) for t in extract_targets("家庭醫生簽約服務覆蓋率達到40%以上")]
    assert got == [("家庭醫生簽約服務覆蓋率", "40%")]


def test_target_changes_pair_by_label():
    ch = compare_targets("家庭医生签约服务覆盖率达30%以上，重点人群覆盖率达60%。",
                         "家庭医生签约服务覆盖率达40%以上，重点人群覆盖率达60%。年底前完成。")
    assert [str(c) for c in ch] == ["家庭医生签约服务覆盖率: 30% → 40%", "完成: （无） → 年底前"]


def _brute(edges, n, m):
    best, best_pairs = -1.0, []
    for k in range(0, min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                pairs = list(zip(rows, cols))
                if all(p in edges for p in pairs):
                    w = sum(edges[p] for p in pairs)
                    if w > best + 1e-9:
                        best, best_pairs = w, pairs
    return best


@given(st.integers(1, 4), st.integers(1, 4), st.data())
@settings(max_examples=150, deadline=None)
def test_assignment_is_optimal(n, m, data):
    cells = [(i, j) for i in range(n) for j in range(m)]
    chosen = data.draw(st.lists(st.sampled_from(cells), unique=True, max_size=len(cells)))
    edges = {c: data.draw(st.floats(0.5, 1.0)) for c in chosen}
    pairs = max_weight_matching(edges)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(p in edges for p in pairs)
    assert abs(sum(edges[p] for p in pairs) - max(_brute(edges, n, m), 0)) < 1e-6


def test_hungarian_prefers_the_better_total_over_the_greedy_pick():
    edges = {(0, 0): 0.9, (0, 1): 0.85, (1, 0): 0.8}
    assert sorted(_hungarian([0, 1], [0, 1], edges)) == [(0, 1), (1, 0)]
