"""Lint rules, each shown firing and not firing on small plans (YAML, located by line/column)
and small documents (paragraphs, located by paragraph number)."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import lint
from drafter.readers import Loaded
from drafter.readers.yaml import loads

PLAN = textwrap.dedent("""\
    # a drafter's comment
    format: 1
    title: {title}
    year: 2019
    issuer: 钦州市卫生健康委员会
    preamble: |-
      {preamble}
    offices: [医政医管科, 基层卫生健康科, 办公室]
    sections:
      - id: s1
        title: {section}    # section comment
        items:
          - id: a1
            title: {item}
            text: |-
              {text}
            lead: [{lead}]
            support: [各相关科室]
          - id: a2
            title: 推进卫生健康法治建设
            heading: {heading}
    notice:
      kind: issue
      title: {notice_title}
      doc_number: {doc_number}
      date: {date}
      printed_on: {printed_on}
      plan_as: text
    """)
CLEAN = dict(title="2019年钦州市卫生健康工作要点", preamble="2019年全市卫生健康工作总体要求是：推进健康钦州建设。",
             section="坚持党的全面领导", item="加强公立医院党的建设工作",
             text="落实《实施办法》，严格实行党委领导下的院长负责制。签约率达到90%，年底前完成。",
             lead="医政医管科", heading="false", notice_title="关于印发《2019年钦州市卫生健康工作要点》的通知",
             doc_number="钦卫发〔2019〕14号", date="2019-05-10", printed_on="2019-05-10")


def plan_text(**changes) -> str:
    return PLAN.format(**{**CLEAN, **changes})


def lint_yaml(text: str, path: str = "plan.yaml"):
    doc = loads(text, path)
    return lint.run(Loaded(doc.plan, doc.findings, doc, "yaml"), path)


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def only(findings, code):
    got = [f for f in findings if f.code == code]
    assert got, "expected a %s finding, got %s" % (code, codes(findings))
    return got


def fixed(text: str, code: str | None = None) -> str:
    doc = loads(text, "plan.yaml")
    findings = lint.run(Loaded(doc.plan, doc.findings, doc, "yaml"), "plan.yaml")
    if code:
        findings = [f for f in findings if f.code == code]
    new, _ = lint.apply_fixes(doc, text, findings)
    return new


def test_clean_plan_has_no_findings():
    assert lint_yaml(plan_text()) == []


def test_every_rule_has_a_chinese_summary_and_a_level():
    for code in lint.known_codes():
        r = lint.RULES[code]
        assert r.level in ("error", "warning", "info")
        assert any("\u4e00" <= c <= "\u9fff" for c in r.summary), code


# -- 发文字号 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, good", [
    ("钦卫发[2019]14号", "钦卫发〔2019〕14号"),
    ("钦卫发(2019)14号", "钦卫发〔2019〕14号"),
    ("钦卫发【2019】14号", "钦卫发〔2019〕14号"),
    ("钦卫发〔2019〕第14号", "钦卫发〔2019〕14号"),
    ("钦卫发〔2019〕014号", "钦卫发〔2019〕14号"),
    ("钦卫发［2019］第014号", "钦卫发〔2019〕14号"),
])
def test_doc_number_form_is_an_error_and_fixable(bad, good):
    text = plan_text(doc_number=bad)
    f = only(lint_yaml(text), "doc-number")[0]
    assert f.level == "error" and f.path == "notice.doc_number"
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:].startswith(bad[3:4])  # the spot is the bracket
    assert "doc_number: %s\n" % good in fixed(text, "doc-number")


def test_doc_number_without_brackets_is_reported_without_a_guess():
    f = only(lint_yaml(plan_text(doc_number="钦卫发2019年14号")), "doc-number")[0]
    assert f.fix is None and "机关代字〔年份〕序号号" in f.message


def test_doc_number_cited_in_text_is_checked_too():
    text = plan_text(text="根据《通知》（桂卫发[2018]3号）要求，做好工作。")
    f = only(lint_yaml(text), "doc-number")[0]
    assert f.path == "sections[0].items[0].text"
    assert "桂卫发〔2018〕3号" in fixed(text, "doc-number")


def test_a_canonical_doc_number_in_traditional_script_passes():
    assert lint.check_paragraphs(["欽衛發〔2019〕14號", "2019年5月10日"]) == []


# -- dates ------------------------------------------------------------------------------------

def test_zero_padded_dates_are_fixed_in_place():
    text = plan_text(text="请于2019年05月10日前报送，2019年6月09日开会。")
    found = only(lint_yaml(text), "date-format")
    assert len(found) == 2 and all(f.level == "warning" for f in found)
    out = fixed(text, "date-format")
    assert "请于2019年5月10日前报送，2019年6月9日开会。" in out


def test_unpadded_dates_pass():
    assert "date-format" not in codes(lint_yaml(plan_text(text="请于2019年5月10日前报送，12月31日前完成。")))


def test_issue_date_in_chinese_numerals_is_flagged_in_documents():
    found = lint.check_paragraphs(["平湖市卫生局", "二○一一年十二月十九日", "2012年全市卫生工作要点"])
    f = only(found, "date-format")[0]
    assert f.paragraph == 2 and "2011年12月19日" in f.message


@pytest.mark.parametrize("date, fires", [("2018-09-30", True), ("2018-10-01", False), ("2019-12-31", False),
                                         ("2020-01-02", True)])
def test_issue_date_window(date, fires):
    found = lint_yaml(plan_text(date=date, printed_on=date))
    assert ("date-range" in codes(found)) is fires


def test_printed_before_issued_is_flagged():
    f = only(lint_yaml(plan_text(printed_on="2019-05-09")), "date-range")[0]
    assert "早于" in f.message


# -- years ------------------------------------------------------------------------------------

def test_title_and_preamble_year_must_match_plan_year():
    found = lint_yaml(plan_text(title="2018年钦州市卫生健康工作要点",
                                preamble="2018年全市卫生健康工作总体要求是：推进健康钦州建设。",
                                notice_title="关于印发《2018年钦州市卫生健康工作要点》的通知"))
    assert sorted(f.path for f in only(found, "year-mismatch")) == ["notice.title", "preamble", "title"]


def test_stale_deadline_is_reported_at_the_exact_spot():
    text = plan_text(text="在2018年的基础上提高，力争2018年底前全部完成。")
    f = only(lint_yaml(text), "year-stale")[0]
    assert text.split("\n")[f.line - 1][f.column - 1:].startswith("2018年底前")
    assert "year-stale" not in codes(lint_yaml(plan_text(text="在2018年的基础上提高，力争2019年底前完成。")))


def test_doc_number_year_follows_the_issue_date():
    found = lint_yaml(plan_text(doc_number="钦卫发〔2018〕14号"))
    assert "成文日期" in only(found, "year-mismatch")[0].message
    # a plan for 2012 issued in December 2011 carries a 2011 number
    ok = lint_yaml(plan_text(title="2020年钦州市卫生健康工作要点", preamble="2020年全市总体要求是：推进。",
                             notice_title="关于印发《2020年钦州市卫生健康工作要点》的通知",
                             doc_number="钦卫发〔2019〕30号", date="2019-12-19", printed_on="2019-12-20")
                   .replace("year: 2019", "year: 2020"))
    assert "year-mismatch" not in codes(ok)


# -- numbering --------------------------------------------------------------------------------

def test_repeated_number_in_a_document():
    found = lint.check_paragraphs(["一、指导思想", "正文。", "一、主要任务", "1、任务一。", "二、重点工作"])
    f = only(found, "numbering-repeat")[0]
    assert f.paragraph == 3 and f.level == "error" and "二、" in f.message
    assert codes(found) == ["numbering-repeat"]


def test_gap_and_backwards_numbers():
    found = lint.check_paragraphs(["一、甲", "（一）子", "（三）子", "（二）子"])
    assert [(f.code, f.paragraph) for f in found] == [("numbering-gap", 3), ("numbering-gap", 4)]


def test_continuous_and_restarting_numbers_both_pass():
    continuous = ["一、甲", "（一）子。正文。", "（二）子。正文。", "二、乙", "（三）子。正文。"]
    restarting = ["一、甲", "（一）子", "1．细", "2．细", "（二）子", "1．细", "二、乙", "（一）子"]
    assert lint.check_paragraphs(continuous) == []
    assert lint.check_paragraphs(restarting) == []


def test_style_mismatch_like_seed_001():
    paras = ["一、甲"] + ["%d、任务。正文。" % i for i in range(1, 5)] + ["5.任务。正文。"]
    f = only(lint.check_paragraphs(paras), "numbering-style")[0]
    assert f.paragraph == 6 and "5、" in f.message


def test_halfwidth_number_brackets_reported_once_per_level():
    paras = ["一、甲", "(一)子。正文。", "(二)子。正文。"]
    found = only(lint.check_paragraphs(paras), "numbering-halfwidth")
    assert len(found) == 1 and "（一）" in found[0].message and found[0].level == "warning"
    assert "numbering-style" not in codes(lint.check_paragraphs(paras))


def test_things_that_look_like_numbers_are_not():
    paras = ["一、甲", "一是加强建设。", "2017年，全县工作。", "1.5万人受益。", "（2015-2020年）》"]
    assert not [f for f in lint.check_paragraphs(paras) if f.code.startswith("numbering")]


def test_yaml_numbering_levels_halfwidth_and_duplicate():
    text = plan_text().replace("offices:", 'numbering:\n  levels: ["一、", "(一)", "（一）"]\noffices:')
    assert only(lint_yaml(text), "numbering-halfwidth")[0].path == "numbering.levels[1]"
    dup = only(lint_yaml(text), "numbering-style")[0]
    assert dup.path == "numbering.levels[2]" and dup.level == "warning"  # numbers themselves can't go wrong
    assert 'levels: ["一、", "（一）", "（一）"]' in fixed(text, "numbering-halfwidth")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6))
def test_correctly_numbered_documents_are_clean(sizes):
    """Law: numbers produced by drafter.numbering are never reported; repeating one always is."""
    from drafter.text.labels import parse_style

    top, sub = parse_style("一、"), parse_style("（一）")
    paras, n = [], 0
    for i, size in enumerate(sizes, 1):
        paras.append(top.format(i) + "部分")
        for _ in range(size):
            n += 1
            paras.append(sub.format(n) + "任务。正文。")
    assert lint.check_paragraphs(paras) == []
    dup = paras[:2] + [paras[1]] + paras[2:]
    assert "numbering-repeat" in codes(lint.check_paragraphs(dup))


# -- punctuation ------------------------------------------------------------------------------

def test_halfwidth_punctuation_between_chinese_is_fixed_in_place():
    text = plan_text(text="落实办法,严格实行;推进(试点)工作:好吗?")
    f = only(lint_yaml(text), "punct-halfwidth")[0]
    assert f.level == "warning" and "共6处" in f.message
    assert text.split("\n")[f.line - 1][f.column - 1] == ","
    out = fixed(text, "punct-halfwidth")
    assert "落实办法，严格实行；推进（试点）工作：好吗？" in out
    from drafter.text.punct import HALF_TO_FULL_PUNCT

    assert len(out) == len(text)  # nothing else moved: only half-width marks became full-width
    assert all(HALF_TO_FULL_PUNCT.get(a) == b for a, b in zip(text, out) if a != b)


def test_halfwidth_punctuation_in_latin_and_numbers_is_left_alone():
    assert lint.check_paragraphs(["开通12320热线（http://www.example.cn），时间8:30，共1,000人。"]) == []
    assert lint.check_paragraphs(["H7N9禽流感（2018-2020）监测，比例1:1。"]) == []


def test_unbalanced_quotes_and_brackets():
    for bad, mark in [("推进“三医联动改革。", "“"), ("落实办法》要求。", "》"), ("（一）子（试点。", "（")]:
        f = only(lint.check_paragraphs([bad]), "punct-unbalanced")[0]
        assert f.level == "error" and mark in f.message
    assert lint.check_paragraphs(["推进“三医联动”改革，落实《办法（试行）》。"]) == []


def test_a_title_broken_across_two_paragraphs_is_one_finding():
    found = lint.check_paragraphs(["落实《法治政府建设实施纲要", "（2015-2020年）》等要求。"])
    assert [(f.code, f.paragraph) for f in found] == [("punct-unbalanced", 1)]
    assert "换行" in found[0].message


def test_doubled_punctuation():
    for bad in ("完成。。", "完成，。", "甲、、乙", "完成,。"):
        assert "punct-double" in codes(lint.check_paragraphs([bad])), bad
    assert "punct-double" not in codes(lint.check_paragraphs(["完成。“两票制”……"]))


# -- titles -----------------------------------------------------------------------------------

def test_long_heading_title_warns_but_a_run_on_sentence_does_not():
    long = "推进卫生健康法治建设强化医院法治建设规范医院依法执业加大政务公开力度"
    found = lint_yaml(plan_text(section=long))
    assert only(found, "title-long")[0].path == "sections[0].title"
    assert "title-long" not in codes(lint_yaml(plan_text(item=long)))  # run-on: title。text
    assert "title-long" in codes(lint.check_paragraphs(["一、" + long]))
    assert "title-long" not in codes(lint.check_paragraphs(["1、" + long + "。"]))


def test_heading_title_ending_with_full_stop():
    text = plan_text(section="坚持党的全面领导。")
    f = only(lint_yaml(text), "title-period")[0]
    assert f.level == "info"
    assert "title: 坚持党的全面领导    # section comment" in fixed(text, "title-period")
    heading_item = plan_text().replace("title: 推进卫生健康法治建设", "title: 推进卫生健康法治建设。").replace(
        "heading: false", "heading: true")
    assert only(lint_yaml(heading_item), "title-period")[0].path == "sections[0].items[1].title"
    run_on = plan_text().replace("title: 推进卫生健康法治建设", "title: 推进卫生健康法治建设。")
    assert "title-period" not in codes(lint_yaml(run_on))
    # a number line that is one whole sentence above its body (seed 004 item 1) is left alone
    sentence = "继续稳步推进医药卫生体制各项改革，坚持保基本、强基层、建机制，把基本医疗卫生制度作为公共产品向全体居民提供。"
    as_heading = plan_text().replace("title: 推进卫生健康法治建设", "title: " + sentence).replace(
        "heading: false", "heading: true")
    assert not {"title-period", "title-long"} & set(codes(lint_yaml(as_heading)))
    assert "title-long" in codes(lint_yaml(as_heading.replace(sentence, sentence[:-1])))  # a title
    assert "title-period" in codes(lint_yaml(as_heading.replace(sentence, "继续稳步推进医药卫生体制各项改革。")))


# -- offices ----------------------------------------------------------------------------------

def test_unknown_office_with_did_you_mean():
    f = only(lint_yaml(plan_text(lead="医政医管课")), "office-unknown")[0]
    assert f.path == "sections[0].items[0].lead[0]" and "医政医管科" in f.message
    assert "office-unknown" not in codes(lint_yaml(plan_text(lead="医政医管科")))
    no_registry = plan_text(lead="医政医管课").replace("offices: [医政医管科, 基层卫生健康科, 办公室]\n", "")
    assert "office-unknown" not in codes(lint_yaml(no_registry))


def test_office_in_traditional_script_matches_the_registry():
    assert "office-unknown" not in codes(lint_yaml(plan_text(lead="醫政醫管科")))


# -- targets ----------------------------------------------------------------------------------

def test_rate_over_100_percent():
    f = only(lint_yaml(plan_text(text="家庭医生签约率达到120%。")), "target-rate")[0]
    assert "120" in f.message
    assert "target-rate" not in codes(lint_yaml(plan_text(text="签约率达到100%，诊疗量增长率达120%，床位增加150%。")))


def test_placeholder_left_from_rollover_is_an_error():
    f = only(lint_yaml(plan_text(text="覆盖率达到〔待定〕。")), "target-placeholder")[0]
    assert f.level == "error"
    assert "target-placeholder" not in codes(lint_yaml(plan_text(text="有关事项待定后另行通知。")))


# -- script -----------------------------------------------------------------------------------

def test_mixed_scripts_point_at_the_odd_paragraph():
    paras = ["一、堅持黨的全面領導", "（一）加強黨風廉政建設。落實監督執紀。", "（二）加强医院管理。落实制度。"]
    found = only(lint.check_paragraphs(paras), "script-mixed")
    assert [f.paragraph for f in found] == [3] and "简体" in found[0].message


def test_characters_shared_by_both_scripts_are_not_mixing():
    # 干 范 于 后 are also traditional characters: seed 002 writes 干部 and 規范
    assert lint.check_paragraphs(["加強干部隊伍建設，規范醫院管理，關于後續工作。"]) == []
    assert lint.check_paragraphs(["加强干部队伍建设，规范医院管理。"]) == []


# -- YAML locations and fixes -----------------------------------------------------------------

def test_fix_keeps_comments_and_every_other_byte():
    text = plan_text(text="落实办法,严格实行。", doc_number="钦卫发[2019]第014号")
    out = fixed(text)
    assert out.count("#") == text.count("#") and "# a drafter's comment" in out
    diff = [(a, b) for a, b in zip(text.split("\n"), out.split("\n")) if a != b]
    assert len(diff) == 2 and len(out.split("\n")) == len(text.split("\n"))
    assert lint_yaml(out) == []  # and the fixed plan is clean


def test_fix_in_quoted_and_flow_values():
    text = plan_text(text="正文。").replace('lead: [医政医管科]', 'lead: ["医政医管科", 基层卫生健康科]').replace(
        "title: 加强公立医院党的建设工作", 'title: "加强公立医院党的建设,工作"')
    out = fixed(text, "punct-halfwidth")
    assert 'title: "加强公立医院党的建设，工作"' in out


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(list("落实办法严格推进") + [",", ";", ":", "(", ")", "。", "2", "a"]),
                min_size=1, max_size=30))
def test_fix_is_idempotent_and_removes_what_it_fixes(chars):
    """Law: after --fix no fixable finding is left, and fixing again changes nothing."""
    body = "落实" + "".join(chars) + "完成。"
    text = plan_text(text=body)
    once = fixed(text)
    assert fixed(once) == once
    doc = loads(once, "plan.yaml")
    left = lint.run(Loaded(doc.plan, doc.findings, doc, "yaml"), "plan.yaml")
    assert not [f for f in left if isinstance(f.fix, dict)]


def test_edits_that_no_longer_match_are_skipped():
    text = plan_text(text="落实办法,严格实行。")
    doc = loads(text, "plan.yaml")
    findings = lint.run(Loaded(doc.plan, doc.findings, doc, "yaml"), "plan.yaml")
    changed = text.replace("落实办法,严格", "落实办法，严格")
    assert lint.apply_fixes(doc, changed, findings) == (changed, [])


def test_select_by_code_and_family():
    found = lint.check_paragraphs(["一、甲", "一、乙", "落实办法,严格实行。。"])
    assert codes(lint.select(found, ("punct",))) == ["punct-double", "punct-halfwidth"]
    assert codes(lint.select(found, (), ("punct",))) == ["numbering-repeat"]
    assert codes(lint.select(found, ("punct-double",), ())) == ["punct-double"]


# -- the same rules on documents (paragraph numbers) ------------------------------------------

NOTICE_DOC = ["衡卫发[2017]第03号", "关于印发《2017年全市卫生计生工作要点》的通知", "各县市区卫生计生局：",
              "现将《2017年全市卫生计生工作要点》印发给你们。", "衡阳市卫生和计划生育委员会", "2017年3月9日",
              "2017年全市卫生计生工作要点", "一、持续深化医药卫生体制改革",
              "（一）深化公立医院综合改革。力争2017年底前完成。"]


def test_document_front_matter_rules():
    found = lint.check_paragraphs(NOTICE_DOC)
    assert [(f.code, f.paragraph) for f in found] == [("doc-number", 1)]
    assert "衡卫发〔2017〕3号" not in found[0].message and "〔2017〕3号" in found[0].message
    assert found[0].fix is None  # documents are never rewritten


def test_document_years_and_dates():
    paras = list(NOTICE_DOC)
    paras[0] = "衡卫发〔2016〕3号"
    paras[5] = "2016年3月9日"
    paras[6] = "2018年全市卫生计生工作要点"
    paras[8] = "（一）深化公立医院综合改革。力争2016年底前完成。"
    found = {(f.code, f.paragraph) for f in lint.check_paragraphs(paras)}
    assert found == {("date-range", 6), ("year-mismatch", 7), ("year-stale", 9)}


def test_document_heading_with_full_stop():
    found = lint.check_paragraphs(["一、指导思想。", "正文。", "（一）加强建设。", "1、任务一。"])
    assert [(f.code, f.paragraph) for f in found] == [("title-period", 1), ("title-period", 3)]


_BALANCED = st.recursive(
    st.text(alphabet="推进改革，。", max_size=4),
    lambda inner: st.tuples(st.sampled_from(["“”", "（）", "《》", "〔〕", "()"]), inner, inner).map(
        lambda t: t[0][0] + t[1] + t[0][1] + t[2]),
    max_leaves=8)


@settings(max_examples=80, deadline=None)
@given(_BALANCED, st.data())
def test_pairing_law(text, data):
    """Law: properly nested quotes and brackets never pair wrongly; dropping any one of them
    always leaves something unpaired."""
    from drafter.lint.punctuation import pairing

    assert pairing(text) == ([], [])
    marks = [i for i, c in enumerate(text) if c in "“”（）《》〔〕()"]
    if marks:
        i = data.draw(st.sampled_from(marks))
        assert pairing(text[:i] + text[i + 1:]) != ([], [])


def test_a_fix_that_would_break_the_plan_writes_nothing():
    from drafter.errors import DrafterError, Finding

    text = plan_text()
    doc = loads(text, "plan.yaml")
    pos = text.index("加强公立医院")
    bad = Finding("warning", "punct-halfwidth", "x", "plan.yaml",
                  fix={"edits": [{"offset": pos, "old": "加", "new": "[加"}], "description": "x"})
    with pytest.raises(DrafterError, match="nothing was changed"):
        lint.apply_fixes(doc, text, [bad])
