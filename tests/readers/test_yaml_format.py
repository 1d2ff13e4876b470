"""YAML format 1: loading, located errors, encodings, ID assignment, dump/load round trip."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import InputError
from drafter.model import Item, Notice, Numbering, Plan
from drafter.readers.yaml import loads
from drafter.writers.yaml import dump

from helpers import PLANS, ROOT, run_cli

GOOD = textwrap.dedent("""\
    # 2017年全市卫生计生工作要点 (a drafter's comment)
    format: 1
    title: 2017年全市卫生计生工作要点
    year: 2017
    issuer: 衡阳市卫生和计划生育委员会
    status: final            # or draft
    preamble: |-
      2017年全市卫生计生工作总体要求是：……
    sections:
      - title: 持续深化医药卫生体制改革   # section comment
        items:
          - id: k3f9
            title: 深化公立医院综合改革
            text: |-
              巩固公立医院综合改革成效。

              加强党对公立医院的领导。
            lead: [医政医管科]            # 牵头
            support: [各相关科室]
          - title: 推进分级诊疗体系建设
            text: 推进家庭医生签约服务。
      - title: 不断完善计划生育服务管理
        items:
          - title: 深化计划生育服务管理改革
    notice:
      kind: issue
      doc_number: 衡卫发〔2017〕3号
      recipients: [各县市区卫生计生局, 计生协会]
      date: 2017-03-09
      plan_as: text
      disclosure: 主动公开
    """)


def errors_of(text: str) -> list:
    with pytest.raises(InputError) as ei:
        loads(text, "plan.yaml")
    assert ei.value.findings, "an InputError must carry located findings"
    return ei.value.findings


def test_good_plan_loads_with_structure_and_types():
    plan = loads(GOOD, "plan.yaml").plan
    assert plan.title == "2017年全市卫生计生工作要点" and plan.year == 2017
    assert [s.title for s in plan.sections] == ["持续深化医药卫生体制改革", "不断完善计划生育服务管理"]
    first = plan.sections[0].items[0]
    assert first.id == "k3f9" and first.lead == ["医政医管科"] and first.support == ["各相关科室"]
    assert first.paragraphs() == ["巩固公立医院综合改革成效。", "加强党对公立医院的领导。"]
    assert plan.notice.date == dt.date(2017, 3, 9)
    assert plan.notice.recipients == ["各县市区卫生计生局", "计生协会"]
    # positions are kept for messages (1-based)
    assert first.source.line == 12


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_plan_loads(path):
    from drafter.readers.yaml import load

    plan = load(path).plan
    assert plan.title and plan.sections
    assert all(node.title for node, _ in plan.walk())
    assert all(node.id for node, _ in plan.walk()), "example plans carry IDs"


def test_example_plans_hold_all_five_seeds():
    assert len(list(PLANS.glob("*.yaml"))) >= 5, "plans/ holds the five seeds, imported"


# Located errors ---------------------------------------------------------------------------

def test_tab_in_indentation_is_located():
    text = GOOD.replace("      - id: k3f9", "\t    - id: k3f9")
    assert text != GOOD
    (f,) = errors_of(text)
    assert (f.line, f.column) == (12, 1)
    assert "tab" in f.message and "spaces" in f.message


def test_missing_colon_is_located():
    text = GOOD.replace("issuer: 衡阳市", "issuer 衡阳市")
    (f,) = errors_of(text)
    assert f.code == "yaml-syntax" and f.line in (5, 6)
    assert "':'" in f.message


def test_wrong_type_unknown_key_bad_date_and_duplicate_id_all_reported_at_once():
    text = (GOOD.replace("year: 2017", "year: 二〇一七")
                .replace("lead: [医政医管科]", "lead: {a: 1}")
                .replace("  disclosure: 主动公开", "  disclosure: 主动公开\n  dat: 2017-03-10")
                .replace("  date: 2017-03-09", "  date: 2017-13-45")
                .replace("title: 推进分级诊疗体系建设", "id: k3f9\n        title: 推进分级诊疗体系建设"))
    found = {f.code: f for f in errors_of(text)}
    assert set(found) >= {"schema", "unknown-key", "bad-date", "duplicate-id"}
    year = next(f for f in errors_of(text) if f.path == "year")
    assert (year.line, year.column) == (4, 7) and "whole number" in year.message
    lead = next(f for f in errors_of(text) if f.path == "sections[0].items[0].lead")
    assert lead.line == 18 and "list of names" in lead.message
    assert found["unknown-key"].path == "notice.dat" and "did you mean 'date'" in found["unknown-key"].message
    assert found["bad-date"].path == "notice.date" and found["bad-date"].line == 30
    dup = found["duplicate-id"]
    assert dup.path == "sections[0].items[1].id" and dup.line == 20
    assert "sections[0].items[0]" in dup.message


def test_wrong_enum_and_missing_title():
    text = GOOD.replace("status: final ", "status: finale").replace(
        "      - title: 深化计划生育服务管理改革", "      - text: 没有标题")
    found = errors_of(text)
    status = next(f for f in found if f.path == "status")
    assert "did you mean 'final'" in status.message
    missing = next(f for f in found if f.code == "missing-key")
    assert missing.path == "sections[1].items[0]" and missing.line == 24


def test_duplicate_key_is_a_located_error():
    text = GOOD.replace("year: 2017\n", "year: 2017\nyear: 2018\n")
    (f,) = errors_of(text)
    assert f.line == 5 and "twice" in f.message


def test_billion_laughs_is_refused_not_expanded():
    lol = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lol.append("%s: &%s [%s]" % (cur, cur, ", ".join("*" + prev for _ in range(10))))
    text = "\n".join(lol) + "\ntitle: x\nsections: []\nmeta: {big: *i}\n"
    with pytest.raises(InputError):
        loads(text, "lol.yaml")


def test_cli_reports_errors_with_location_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("year: 2017", "year: [2017]"), encoding="utf-8")
    r = run_cli("check", bad)
    assert r.code == 2
    assert "bad.yaml:4:7" in r.err and "(year)" in r.err and "Traceback" not in r.err
    r = run_cli("check", "--format", "json", bad)
    assert r.code == 2
    (f,) = json.loads(r.out)
    assert {k: f[k] for k in ("level", "line", "column", "path")} == {
        "level": "error", "line": 4, "column": 7, "path": "year"}


# Encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-16-le"])
def test_encoded_copies_load_identically(tmp_path, encoding):
    from drafter.readers.yaml import load

    p = tmp_path / ("plan-%s.yaml" % encoding)
    p.write_bytes(GOOD.encode(encoding))
    assert load(p).plan == loads(GOOD).plan


def test_undecodable_file_names_the_encoding(tmp_path):
    from drafter.readers.yaml import load

    p = tmp_path / "p.yaml"
    p.write_bytes("title: 工作要点\n".encode("gb18030"))
    with pytest.raises(InputError, match="utf-8"):
        load(p, encoding="utf-8")


# IDs --------------------------------------------------------------------------------------

def test_check_fix_assigns_ids_and_keeps_every_other_byte(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_text(GOOD, encoding="utf-8")
    r = run_cli("check", "--fix", p)
    assert r.code == 0, r.err
    new = p.read_text(encoding="utf-8")
    # Undo exactly the ID insertions: `- id: x` + `  key…` becomes `- key…` again, and a
    # plain `id: x` line disappears.  What remains must be the original, byte for byte.
    lines, restored, inserted = new.split("\n"), [], 0
    i = 0
    while i < len(lines):
        m = re.fullmatch(r"(\s*)(- )?id: ([a-z2-9]{4})", lines[i])
        if m and m.group(3) != "k3f9":
            inserted += 1
            if m.group(2):
                nxt = lines[i + 1]
                assert nxt.startswith(m.group(1) + "  ")
                restored.append(m.group(1) + "- " + nxt[len(m.group(1)) + 2:])
                i += 2
                continue
        else:
            restored.append(lines[i])
        i += 1
    assert inserted == 4
    assert "\n".join(restored) == GOOD
    assert (tmp_path / "plan.yaml.bak").read_text(encoding="utf-8") == GOOD
    plan = loads(new).plan
    ids = [n.id for n, _ in plan.walk()]
    assert all(ids) and len(set(ids)) == len(ids) and "k3f9" in ids
    # a second --fix changes nothing
    run_cli("check", "--fix", p)
    assert p.read_text(encoding="utf-8") == new


def test_ids_go_into_flow_style_items_too(tmp_path):
    text = "title: t\nsections:\n  - {title: 一节, items: [{title: 一项}]}\n"
    p = tmp_path / "flow.yaml"
    p.write_text(text, encoding="utf-8")
    assert run_cli("check", "--fix", p).code == 0
    plan = loads(p.read_text(encoding="utf-8")).plan
    assert plan.sections[0].id and plan.sections[0].items[0].id


# Round trip (property) ----------------------------------------------------------------------

cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
punct_text = st.lists(st.one_of(cjk, st.sampled_from(["，", "。", "；", "“", "”", "30%", "2017年",
                                                      "（一）", ":", "#", " - ", "6-8个"])),
                      min_size=1, max_size=8).map("".join).map(str.strip).filter(bool)
names = st.lists(cjk, max_size=3)
ids = st.from_regex(r"[a-z][a-z0-9]{3}", fullmatch=True)


@st.composite
def items(draw, depth=0):
    children = draw(st.lists(items(depth + 1), max_size=3)) if depth < 2 else []
    paras = draw(st.lists(punct_text, max_size=3))
    return Item(title=draw(punct_text), text="\n\n".join(paras), id=draw(st.one_of(st.none(), ids)),
                heading=draw(st.booleans()), tag=draw(st.sampled_from(["", "（2018年重点项目 第83项）"])),
                lead=draw(names), support=draw(names), status=draw(st.sampled_from(["", "done"])),
                items=children)


@st.composite
def plans(draw):
    sections = draw(st.lists(items(), min_size=1, max_size=4))
    seen: set[str] = set()
    for s in sections:  # IDs are unique in a valid plan
        for node, _ in s.walk():
            if node.id in seen:
                node.id = None
            elif node.id:
                seen.add(node.id)
    notice = draw(st.one_of(st.none(), st.builds(
        Notice, kind=st.sampled_from(["issue", "consult"]), doc_number=punct_text,
        recipients=names, date=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1))),
        plan_as=st.sampled_from(["text", "attachment"]))))
    numbering = draw(st.sampled_from([Numbering(), Numbering(["一、", "(一)"], [False, True]),
                                      Numbering(["（一）", "1．"], [False, True])]))
    return Plan(title=draw(punct_text), year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
                issuer=draw(st.one_of(st.just(""), cjk)), status=draw(st.sampled_from(["final", "draft"])),
                preamble=draw(st.one_of(st.just(""), punct_text)), numbering=numbering,
                sections=sections, notice=notice)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_dump_load_round_trip(plan):
    text = dump(plan)
    again = loads(text).plan
    assert again == plan
    assert dump(again) == text


# CLI basics ------------------------------------------------------------------------------

def test_new_writes_a_valid_commented_plan_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "p.yaml"
    r = run_cli("new", "--year", "2019", "--issuer", "钦州市卫生健康委员会", "-o", out)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    plan = loads(text).plan
    assert plan.year == 2019 and plan.issuer == "钦州市卫生健康委员会" and plan.status == "draft"
    assert text.count("#") >= 5
    r = run_cli("new", "--year", "2019", "--issuer", "x", "-o", out)
    assert r.code == 2 and "--force" in r.err
    assert out.read_text(encoding="utf-8") == text


def test_help_imports_nothing_heavy():
    code = ("import sys; from drafter.cli import run; run(['--help']); "
            "heavy = [m for m in ('docx', 'lxml', 'rapidfuzz', 'opencc', 'openpyxl', 'rich', "
            "'ruamel', 'jinja2', 'charset_normalizer') if m in sys.modules]; "
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out, out
    assert "Commands:" in out and "check" in out


def test_missing_file_and_folder_are_clean_errors(tmp_path):
    r = run_cli("check", tmp_path / "nope.yaml")
    assert r.code == 2 and "no such file" in r.err and "Traceback" not in r.err


# The fast read path (render, diff) -------------------------------------------------------

@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_fast_path_reads_the_same_plan(path):
    from drafter.readers.yaml import load

    fast = load(path, editable=False)
    assert fast.tree is None, "the C loader is installed (ruamel.yaml.clib), so the fast path runs"
    assert fast.plan == load(path).plan


def test_fast_path_errors_are_as_located_as_the_careful_ones():
    bad = GOOD.replace("year: 2017", "year: [2017]").replace("  date: 2017-03-09", "  date: 2017-13-45")
    with pytest.raises(InputError) as fast:
        loads(bad, "plan.yaml", editable=False)
    with pytest.raises(InputError) as careful:
        loads(bad, "plan.yaml")
    assert fast.value.findings == careful.value.findings
    assert {(f.path, f.line) for f in fast.value.findings} == {("year", 4), ("notice.date", 29)}


def test_render_names_the_line_of_a_missing_notice_field(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_text(GOOD.replace("  date: 2017-03-09\n", ""), encoding="utf-8")
    r = run_cli("render", p, "--as", "notice", "-o", tmp_path / "out.docx")
    assert r.code == 2 and "notice.date" in r.err
    assert re.search(r"plan\.yaml:2[5-9]", r.err), r.err  # the notice's line, found on the careful re-read
    assert not (tmp_path / "out.docx").exists()
