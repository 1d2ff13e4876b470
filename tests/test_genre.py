"""The importer on documents of the genre in other offices' shapes (tests/data/genre/, scored by
tests/genre_eval.py; the survey behind them is docs/genre.md).

Two lists below were computed from the importer before the reader work of issue 15 (baseline
in docs/genre.md); they hold field *names*, never values:
- STAY_RIGHT: the fields each fixture's import gets right today (or rightly leaves empty).
  A regression fails.
- WRONG_TODAY: the fields where today's import gives a wrong value although it could have said
  "not found".  Each is a strict xfail: when the reader is fixed, the xpass fails until the
  field is taken off the list.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import genre_eval as ge
from drafter.text.script import holds_traditional

STAY_RIGHT: dict[str, set[str]] = {
    "01_portal_meta_before": {"date", "first_section", "item_count", "plan_title", "section_count", "year"},
    "02_portal_meta_after": {"date", "doc_number", "first_section", "item_count", "plan_title", "recipients",
                             "section_count", "year"},
    "03_meta_table_docnum_only": {"date", "first_section", "item_count", "plan_title", "recipients",
                                  "section_count", "year"},
    "04_meta_empty_docnum_consult": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                     "section_count", "year"},
    "05_title_docnum_in_brackets": {"date", "first_section", "item_count", "plan_title", "recipients",
                                    "section_count", "year"},
    "06_title_broken_right_signature": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                        "recipients", "section_count", "year"},
    "07_plan_only_gongzuojihua": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                  "recipients", "section_count", "title", "year"},
    "08_fangan_no_guanyu": {"date", "doc_number", "first_section", "item_count", "recipients", "section_count"},
    "09_space_runs_headings": {"date", "doc_number", "first_section", "item_count", "plan_title", "recipients",
                               "section_count", "title", "year"},
    "10_parts_diyibufen": {"date", "doc_number", "plan_title", "recipients", "section_count", "title", "year"},
    "11_review_and_plan": {"date", "doc_number", "recipients"},
    "12_yishi_ershi_bodies": {"date", "doc_number", "first_section", "item_count", "plan_title", "recipients",
                              "section_count", "year"},
    "13_web_timestamp_near_date": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                   "recipients", "section_count", "year"},
    "14_mojibake_qq": set(),
    "15_traditional_converter": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                 "recipients", "section_count", "year"},
    "16_notice_plain_body_banji": {"first_section"},
    "17_notice_attachment_list": {"first_section"},
    "18_circled_paren_numbers": {"date", "doc_number", "first_section", "plan_title", "recipients",
                                 "section_count", "title", "year"},
    "19_qianfa_line": {"date", "doc_number", "first_section", "item_count", "plan_title", "section_count", "year"},
    "20_bianhao_docnum_sections": {"first_section", "item_count", "recipients", "section_count"},
    "21_zi_docnum_tongzhishu": {"first_section", "year"},
    "22_clean_gb18030": {"date", "doc_number", "first_section", "item_count", "plan_title", "recipients",
                         "section_count", "year"},
    "23_joint_issuers": {"date", "doc_number", "first_section", "item_count", "recipients", "section_count",
                         "title", "year"},
    "24_date_only_signature_yaodian": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                       "recipients", "section_count", "year"},
    "25_shishi_fangan_plan_only": {"date", "doc_number", "first_section", "item_count", "recipients",
                                   "section_count"},
    "26_issuer_line_recipients_no_colon": {"date", "doc_number", "first_section", "item_count", "plan_title",
                                           "section_count", "title", "year"},
    "27_forward_notice_glued_signature": {"doc_number", "first_section", "title", "year"},
}

WRONG_TODAY: dict[str, set[str]] = {
    "01_portal_meta_before": {"doc_number", "recipients"},  # the metadata row glued in; a metadata line as 主送
    "04_meta_empty_docnum_consult": {"recipients"},  # the `名称: … 文号:` row taken as the 主送
    "10_parts_diyibufen": {"first_section", "item_count"},  # 第一部分 is not a level
    "11_review_and_plan": {"first_section", "item_count", "plan_title", "section_count"},  # 总结 part read
    "18_circled_paren_numbers": {"item_count"},  # ⑴ is not a level
    "19_qianfa_line": {"recipients"},  # the `签发：` line taken as the 主送
}

SURVEY = ge.ROOT / "docs" / "genre.md"
NAMES = [p.stem for p in ge.fixture_paths()]


@pytest.fixture(scope="module")
def verdicts() -> dict[str, dict[str, ge.Outcome]]:
    return ge.evaluate().by_fixture()


# The measurement itself ---------------------------------------------------------------------------

def test_judge_tells_right_miss_wrong_and_absent():
    assert ge.judge("doc_number", "青卫发〔2023〕7号", "青卫发[2023]7号") == ge.RIGHT
    assert ge.judge("doc_number", "青卫发〔2023〕7号", "") == ge.MISS
    assert ge.judge("doc_number", "青卫发〔2023〕7号", "发布机构:市卫健委文号:青卫发〔2023〕7号") == ge.WRONG
    assert ge.judge("doc_number", None, "青卫发〔2023〕7号") == ge.WRONG  # invented where there is none
    assert ge.judge("doc_number", None, None) == ge.ABSENT
    assert ge.judge("year", 2023, 2022) == ge.WRONG
    assert ge.judge("section_count", 0, 0) == ge.RIGHT
    assert ge.judge("section_count", 0, None) == ge.MISS  # refused: nothing was read


def test_judge_ignores_script_width_spacing_and_list_splitting():
    assert ge.judge("title", "關於印發2020年工作要點的通知", "关于印发 2020年工作要点的通知") == ge.RIGHT
    assert ge.judge("recipients", ["各镇（街道）社区卫生服务中心、卫生院"],
                    ["各镇(街道)社区卫生服务中心", "卫生院"]) == ge.RIGHT
    assert ge.judge("recipients", ["委机关各科室"], ["签发"]) == ge.WRONG
    assert ge.judge("first_section", "总体要求", "总体要求。") == ge.RIGHT


def test_judge_takes_the_other_readings_a_sidecar_accepts():
    also = ["关于印发《某方案》的通知"]
    assert ge.judge("title", "某办公室关于印发《某方案》的通知", "关于印发《某方案》的通知", also) == ge.RIGHT
    assert ge.judge("title", "某办公室关于印发《某方案》的通知", "某方案", also) == ge.WRONG


def test_plan_title_is_not_judged_where_the_document_has_no_plan():
    assert ge.judge("plan_title", None, "关于做好春季爱国卫生运动的通知") is None
    assert ge.judge("plan_title", "2023年工作要点", None) == ge.MISS


def test_summary_counts_a_wrong_value_against_precision_and_a_miss_against_recall_only():
    outcomes = [ge.Outcome("a", "date", "2023-01-02", "2023-01-02", ge.RIGHT),
                ge.Outcome("b", "date", "2023-01-02", None, ge.MISS),
                ge.Outcome("c", "date", "2023-01-02", "2023-01-03", ge.WRONG),
                ge.Outcome("d", "date", None, "2023-01-03", ge.WRONG),
                ge.Outcome("e", "date", None, None, ge.ABSENT)]
    s = ge.summary(outcomes, ("date",))["date"]
    assert (s["expected"], s["given"]) == (3, 3)
    assert s["recall"] == pytest.approx(1 / 3)
    assert s["precision"] == pytest.approx(1 / 3)
    assert ge.summary(outcomes[:2], ("date",))["date"]["precision"] == 1.0


def test_the_harness_runs_from_the_shell(capsys):
    assert ge.main([]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^header\s+\d+\.\d%", out, re.M)
    assert "01_portal_meta_before" in out


# The fixtures and the survey ----------------------------------------------------------------------

def test_fixtures_are_many_and_complete():
    assert len(NAMES) >= 20
    assert set(NAMES) == set(STAY_RIGHT)
    for path in ge.fixture_paths():
        expected = ge.expected_of(path)
        assert set(ge.FIELDS) <= set(expected), path.name
        assert expected["variants"], path.name


def test_fixtures_are_in_the_encodings_they_declare():
    encodings = {p.stem: ge.expected_of(p).get("encoding", "utf-8") for p in ge.fixture_paths()}
    assert sum(1 for e in encodings.values() if e == "gb18030") >= 3
    for path in ge.fixture_paths():
        data = path.read_bytes()
        if encodings[path.stem] == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        data.decode(encodings[path.stem])
    assert any(holds_traditional(p.read_text(encoding="utf-8")) for p in ge.fixture_paths()
               if encodings[p.stem] == "utf-8")


def test_survey_lists_forty_sources_and_every_fixture_variant():
    text = SURVEY.read_text(encoding="utf-8")
    sources = re.findall(r"^(\d+)\. .*https?://\S+", text, re.M)
    assert len(sources) >= 40
    tags = {t for p in ge.fixture_paths() for t in ge.expected_of(p)["variants"]}
    missing = sorted(t for t in tags if "`%s`" % t not in text)
    assert not missing, "fixture variants not catalogued in docs/genre.md: %s" % missing
    catalogued = {tag for row in re.findall(r"^\|.*\|(.*)\|[ \t]*$", text, re.M)
                  for tag in re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", row)}
    assert len(catalogued) >= 40
    no_fixture = sorted(catalogued - tags)
    assert not no_fixture, "catalogued variants without a fixture: %s" % no_fixture


# The reader on them -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_fields_right_today_stay_right(verdicts, name):
    cells = verdicts[name]
    lost = sorted(f for f in STAY_RIGHT[name] if cells[f].verdict not in (ge.RIGHT, ge.ABSENT))
    assert not lost, ["%s: expected %r, got %r" % (f, cells[f].expected, cells[f].actual) for f in lost]


def _no_wrong_cases():
    for name in NAMES:
        for f in ge.FIELDS:
            marks = [pytest.mark.xfail(strict=True, reason="wrong before the reader work (issue 15)")] \
                if f in WRONG_TODAY.get(name, ()) else []
            yield pytest.param(name, f, marks=marks, id="%s-%s" % (name, f))


@pytest.mark.parametrize("name,field_name", list(_no_wrong_cases()))
def test_never_a_wrong_value(verdicts, name, field_name):
    cell = verdicts[name].get(field_name)
    if cell is None:
        return  # not judged for this fixture
    assert cell.verdict != ge.WRONG, "expected %r, got %r" % (cell.expected, cell.actual)


@pytest.mark.xfail(strict=True, reason="issue 15's target: ≥ 90% of the header fields")
def test_header_recall_reaches_ninety_percent(verdicts):
    outcomes = [o for cells in verdicts.values() for o in cells.values()]
    assert ge.summary(outcomes)["header"]["recall"] >= 0.9


def test_expected_files_are_valid_json():
    for path in Path(ge.FIXTURES).glob("*.expected.json"):
        json.loads(path.read_text(encoding="utf-8"))
        assert path.with_name(path.name.replace(".expected.json", ".txt")).exists(), path.name
