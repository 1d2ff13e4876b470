"""`drafter diff` end to end: exit codes, the three formats, bad input."""
from __future__ import annotations

import copy
import json

import pytest

from helpers.diff_plans import seed_plan
from drafter.model import Item
from drafter.writers.yaml import dump


@pytest.fixture
def pair(tmp_path):
    a = seed_plan("000")
    a.title = "2017年全市卫生计生工作要点"
    b = copy.deepcopy(a)
    b.title = "2018年全市卫生计生工作要点"
    b.sections[0].items[1].text = b.sections[0].items[1].text.replace("覆盖率达30%", "覆盖率达40%")
    b.sections[0].items.pop(2)
    b.sections[1].items.insert(0, Item(title="开展健康扶贫工程", text="县域内住院实际报销比例达到90%以上。"))
    pa, pb = tmp_path / "a.yaml", tmp_path / "b.yaml"
    pa.write_text(dump(a), encoding="utf-8")
    pb.write_text(dump(b), encoding="utf-8")
    return pa, pb, a, b


def test_text_summary_and_exit_codes(cli, pair):
    pa, pb, a, b = pair
    r = cli("diff", pa, pb, "--no-color")
    assert r.code == 1, r.err
    assert "1 added, 1 removed, 1 modified, 0 moved" in r.out
    assert "家庭医生签约服务覆盖率: 30% → 40%" in r.out
    assert "[-30%-]{+40%+}" in r.out
    assert "- （三） %s" % a.sections[0].items[2].title in r.out
    assert "+ （三） 开展健康扶贫工程" not in r.out and "开展健康扶贫工程" in r.out
    same = cli("diff", pa, pa)
    assert same.code == 0 and "no differences" in same.out


def test_json_format_is_the_contract(cli, pair):
    pa, pb, a, b = pair
    r = cli("diff", pa, pb, "--format", "json")
    js = json.loads(r.out)
    assert js["old"]["file"] == str(pa) and js["new"]["title"] == b.title
    assert js["summary"]["removed"] == 1 and js["summary"]["added"] == 1
    assert len([c for c in js["changes"] if c["old"]]) == len(a.items())
    assert len([c for c in js["changes"] if c["new"]]) == len(b.items())
    removed = next(c for c in js["changes"] if c["status"] == "removed")
    assert removed["new"] is None and removed["old"]["path"] == [0, 2] and removed["old"]["number"] == "（三）"
    t = next(c for c in js["changes"] if c["targets"])
    assert t["targets"] == [{"label": "家庭医生签约服务覆盖率", "old": "30%", "new": "40%"}]


def test_outputs_are_not_overwritten_without_force(cli, pair, tmp_path):
    pa, pb, _, _ = pair
    out = tmp_path / "r.json"
    out.write_text("keep", encoding="utf-8")
    r = cli("diff", pa, pb, "--format", "json", "-o", out)
    assert r.code == 2 and "already exists" in r.err and out.read_text() == "keep"
    r = cli("diff", pa, pb, "--format", "json", "-o", out, "--force")
    assert r.code == 1 and json.loads(out.read_text())["summary"]["added"] == 1
    r = cli("diff", pa, pb, "--format", "html")
    assert r.code == 2 and "-o" in r.err


def test_bad_input_is_a_clear_error(cli, tmp_path, pair):
    pa, _, _, _ = pair
    junk = tmp_path / "junk.yaml"
    junk.write_text("just: [a, list\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for bad in (junk, empty, tmp_path / "missing.yaml", binary):
        r = cli("diff", pa, bad)
        assert r.code == 2, (bad, r.out, r.err)
        assert "drafter: error" in r.err or str(bad) in r.err
        assert "Traceback" not in r.err


def test_empty_plan_against_a_plan(cli, tmp_path, pair):
    pa, _, a, _ = pair
    empty = tmp_path / "empty-plan.yaml"
    empty.write_text("title: 空计划\nsections: []\n", encoding="utf-8")
    r = cli("diff", empty, pa, "--format", "json")
    assert r.code == 1
    assert json.loads(r.out)["summary"]["added"] == len(a.items())
