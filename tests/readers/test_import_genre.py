"""The genre reader on other offices' shapes (issue 15): notices without sections, portal
metadata as evidence, scored titles and 主送, 文号 dresses, the 署名 after the last item, 版记
variants, `⑴` and `第一部分` levels, a review part beside the plan part, and the field report
of `drafter import --report json`.  The fixtures are tests/data/genre/ (invented content)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import DATA
from drafter.readers import read
from drafter.readers.front import doc_number_of
from drafter.text.labels import parse_label

GENRE = DATA / "genre"


def fixture(stem: str) -> Path:
    return next(GENRE.glob(stem + "_*.txt")) if not (GENRE / (stem + ".txt")).exists() else GENRE / (stem + ".txt")


def codes(loaded) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in loaded.findings:
        out.setdefault(f.code, []).append(f)
    return out


# A notice without numbered sections ----------------------------------------------------------------

def test_a_notice_without_sections_imports_as_a_notice_with_its_banji():
    loaded = read(fixture("16"))
    plan, n = loaded.plan, loaded.plan.notice
    assert plan.sections == [] and plan.year == 2022
    assert n.title == "青川市卫生健康委员会关于做好2022年春季爱国卫生运动的通知"
    assert n.doc_number == "青卫爱〔2022〕3号" and n.date == dt.date(2022, 3, 1)
    assert n.recipients == ["各县（市、区）卫生健康局", "市爱卫会各成员单位"]
    assert n.body.startswith("为巩固国家卫生城市创建成果") and n.body.endswith("检查结果在全市通报。")
    assert n.issuer == "青川市卫生健康委员会" and n.disclosure == "此件主动公开"
    assert n.cc == ["市人民政府办公室", "市委宣传部", "市文明办"]  # 抄报 and 分送
    assert n.printed_by == "青川市卫生健康委员会办公室" and n.printed_on == dt.date(2022, 3, 1)
    assert plan.meta["copies"] == "（共印2份）"
    assert n.kind == "issue" and n.deadline is None  # a report-by date makes no 征求意见 notice
    assert "notice-without-sections" in codes(loaded)


def test_a_notice_attachment_list_and_contact_are_not_body(tmp_path):
    n = read(fixture("17")).plan.notice
    assert n.attachments == ["2023年卫生健康重点工作进展情况表", "重点工作推进中存在问题清单"]
    assert n.contact == "王某某" and n.phone == "0830-7654321"
    assert "附件：" not in n.body and "联系人" not in n.body


def test_a_notice_round_trips_through_yaml_and_check_lints_it(cli, tmp_path):
    src = fixture("16")
    out = tmp_path / "n.yaml"
    result = cli("import", str(src), "-o", str(out))
    assert result.code == 0, result.err
    assert "sections: 0, items: 0" in result.out
    assert read(out).plan == read(src).plan  # load(dump(x)) == x
    for target in (src, out):
        checked = cli("check", str(target))
        assert checked.code in (0, 1), checked.err  # linted, not refused


def test_text_with_neither_sections_nor_a_notice_is_still_refused(cli, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("今年全市卫生健康工作稳中有进。\n各项任务基本完成。\n", encoding="utf-8")
    result = cli("import", str(src), "-o", str(tmp_path / "p.yaml"))
    assert result.code == 2 and "no numbered sections" in result.err


def test_forwarded_notice_with_glued_signature_and_file_name_attachments():
    n = read(fixture("27")).plan.notice
    assert n.title == "" and n.doc_number == ""  # not in the copy: left empty, never invented
    assert n.issuer == "青川市卫生和计划生育委员会" and n.date == dt.date(2016, 4, 20)
    assert n.attachments == ["青卫函〔2016〕94号.pdf", "省卫计通〔2016〕4号.pdf"]


# The 署名, 成文日期 and attachment list after the last item -------------------------------------------

def test_signature_after_the_last_section_is_the_notices_not_the_items():
    plan = read(fixture("20")).plan
    last = plan.sections[-1]
    assert "2025年3月3日" not in last.text and "疾病预防控制中心" not in last.text
    assert plan.notice.date == dt.date(2025, 3, 3) and plan.notice.issuer == "青川市疾病预防控制中心"
    assert plan.notice.doc_number == "青疾控站〔2025〕（通知）第10号"


def test_an_attachment_list_after_the_items_is_not_items(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("\n".join([
        "青川市卫生健康委员会关于做好2024年卫生应急工作的通知", "各县（市、区）卫生健康局：",
        "一、加强值守", "落实24小时值班制度。", "二、做好演练", "每半年演练一次。",
        "附件：1.卫生应急值班表", "2.应急演练计划", "青川市卫生健康委员会", "2024年4月1日"]) + "\n", encoding="utf-8")
    plan = read(src).plan
    assert [s.title for s in plan.sections] == ["加强值守", "做好演练"]
    assert all(not s.items for s in plan.sections) and "附件" not in plan.sections[-1].text
    assert plan.notice.attachments == ["卫生应急值班表", "应急演练计划"]
    assert plan.notice.date == dt.date(2024, 4, 1)


# Levels -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,family,value", [("⑴完成改造。", "ar()", 1), ("⒇x", "ar()", 20), ("⒈推进", "ar", 1),
                                               ("第一部分  总体要求", "part", 1), ("第十二部分：保障", "part", 12)])
def test_enclosed_numbers_and_parts_are_labels(text, family, value):
    lab = parse_label(text)
    assert (lab.family, lab.value) == (family, value)


def test_part_label_is_a_heading_not_a_sentence():
    assert parse_label("第一部分内容是总体要求，第二部分是重点任务。") is None
    assert parse_label("第一部分总体要求").words == 4  # a heading printed without a space


def test_circled_paren_numbers_are_a_level():
    plan = read(fixture("18")).plan
    first = plan.sections[0].items[0]
    assert first.title == "推进村卫生室标准化建设"
    assert [i.title for i in first.items] == ["完成12个村卫生室改造", "为村卫生室配齐基本诊疗设备", "落实村医养老保障政策"]
    assert [i.source.label for i in first.items] == ["⑴", "⑵", "⑶"]


def test_parts_are_the_top_level():
    plan = read(fixture("10")).plan
    assert [s.title for s in plan.sections] == ["总体要求", "重点任务", "保障措施"]
    assert [i.title for i in plan.sections[1].items] == ["巩固疫情防控成果", "推进健康青川建设"]
    assert plan.numbering.levels[0] == "第一部分"


def test_review_part_and_plan_part_each_on_request():
    plan = read(fixture("11")).plan
    assert plan.title == "2018年青川市卫生计生工作要点" and plan.year == 2018
    assert plan.sections[0].title == "持续深化医药卫生体制改革"
    assert "2017年青川市卫生计生工作总结" in plan.meta["review_part"]
    review = read(fixture("11"), part="review").plan
    assert review.title == "2017年青川市卫生计生工作总结"
    assert [s.title for s in review.sections] == ["医改工作取得新进展", "公共卫生服务持续加强", "计划生育服务不断优化"]


# The header ---------------------------------------------------------------------------------------

def test_portal_lines_are_set_aside_and_their_wenhao_used_with_a_warning():
    loaded = read(fixture("01"))
    n = loaded.plan.notice
    assert n.doc_number == "青卫发〔2023〕7号" and n.recipients == ["各县（市、区）卫生健康局", "委直属各单位"]
    (used,) = codes(loaded)["doc-number-from-portal"]
    assert used.line == 3 and "青卫发〔2023〕7号" in used.message
    assert "发布机构" in loaded.plan.meta["web"]


def test_a_date_after_the_page_was_published_is_flagged(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("发布日期：2023-03-01\n青川市卫生健康委员会关于开展义诊活动的通知\n各县（市、区）卫生健康局：\n"
                   "请组织开展义诊活动。\n青川市卫生健康委员会\n2023年3月9日\n", encoding="utf-8")
    loaded = read(src)
    assert loaded.plan.notice.date == dt.date(2023, 3, 9)  # kept as written, but questioned
    (flag,) = codes(loaded)["date-after-publication"]
    assert flag.line == 1


def test_the_title_nearest_the_recipients_wins_over_the_pages_heading():
    n = read(fixture("06")).plan.notice
    assert n.title == "青川市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知"  # not the portal's 委


def test_a_qianfa_line_is_never_the_recipients():
    n = read(fixture("19")).plan.notice
    assert n.recipients == ["各县（市、区）卫生健康局", "委直属各单位"]


def test_recipients_without_colon_are_taken_with_a_warning():
    loaded = read(fixture("26"))
    assert loaded.plan.notice.recipients == ["镇政府", "各街道办事处", "区政府各部门"]
    assert "recipients-without-colon" in codes(loaded)


def test_wenhao_in_brackets_after_the_title():
    n = read(fixture("05")).plan.notice
    assert n.title == "青川市卫生健康委员会关于印发2021年全市卫生健康工作要点的通知"
    assert n.doc_number == "青卫综〔2021〕21号"


def test_signer_beside_the_wenhao_goes_to_meta():
    plan = read(GENRE / "office" / "d06_notice_plain_body_docnum_cell.txt").plan
    assert plan.notice.doc_number == "青卫函〔2024〕11号" and plan.meta["signer"] == "张某某"


@pytest.mark.parametrize("line,number", [
    ("编号：青疾控站〔2025〕（通知）第10号", "青疾控站〔2025〕（通知）第10号"),
    ("青卫字[2017]第2号", "青卫字〔2017〕第2号"),
    ("青卫函〔2024〕11号          签发人：张某某", "青卫函〔2024〕11号"),
    ("欽衛發〔2019〕14號", "欽衛發〔2019〕14號"),
    ("文号：青卫发【2022】5号", "青卫发〔2022〕5号"),
])
def test_wenhao_dresses(line, number):
    assert doc_number_of(line) == number


@pytest.mark.parametrize("line", ["发布机构：市卫生健康委文号：青卫发〔2023〕7号", "现将青卫发〔2023〕7号文件转发给你们。",
                                  "2023年3月1日"])
def test_not_a_wenhao(line):
    assert doc_number_of(line) is None


@given(org=st.text(alphabet="青川市卫健委办发函综", min_size=2, max_size=6), year=st.integers(1990, 2040),
       num=st.integers(1, 9999), dress=st.sampled_from(["〔〕", "[]", "［］", "【】", "()"]),
       di=st.sampled_from(["", "第"]), gap=st.sampled_from(["", " ", "\u3000"]))
def test_any_dress_reads_as_the_same_number(org, year, num, dress, di, gap):
    line = "%s%s%s%d%s%s%s%d号" % (org, gap, dress[0], year, dress[1], gap, di, num)
    assert doc_number_of(line) == "%s〔%d〕%s%d号" % (org, year, di, num)


def test_question_mark_runs_from_lost_full_width_spaces_are_dropped():
    loaded = read(fixture("14"))
    n = loaded.plan.notice
    assert n.doc_number == "青卫发〔2018〕12号" and n.date == dt.date(2018, 5, 14)
    assert n.body.startswith("经委主任办公会议研究同意")
    assert "lost-spaces" in codes(loaded)


# The field report ---------------------------------------------------------------------------------

def test_report_json_lists_each_field_with_its_line_and_confidence(cli, tmp_path):
    result = cli("import", str(fixture("01")), "-o", str(tmp_path / "p.yaml"), "--report", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    fields = {f["field"]: f for f in report["fields"]}
    assert set(fields) == {"title", "doc_number", "recipients", "date", "issuer", "year", "plan_title",
                           "first_section"}
    assert fields["doc_number"] == {"field": "doc_number", "value": "青卫发〔2023〕7号", "line": 3, "paragraph": 3,
                                    "text": "发布机构: 市卫生健康委 文  号: 青卫发〔2023〕7号", "confidence": "medium",
                                    "rule": "doc-number-from-portal"}
    assert fields["date"]["value"] == "2023-03-18" and fields["date"]["line"] == 15
    assert fields["date"]["confidence"] == "high"
    assert fields["recipients"]["text"] == "各县（市、区）卫生健康局，委直属各单位："
    assert any(f["code"] == "doc-number-from-portal" for f in report["findings"])


def test_report_json_says_not_found_rather_than_invent(cli, tmp_path):
    result = cli("import", str(fixture("27")), "-o", str(tmp_path / "p.yaml"), "--report", "json")
    fields = {f["field"]: f for f in json.loads(result.out)["fields"]}
    for name in ("title", "doc_number", "year"):
        assert fields[name]["value"] is None and fields[name]["confidence"] == "none"
    assert fields["date"]["confidence"] == "medium"  # read off a glued 署名 line


def test_verbose_names_the_rule_for_each_field(cli, tmp_path):
    result = cli("import", str(fixture("26")), "-o", str(tmp_path / "p.yaml"), "--verbose")
    assert result.code == 0
    assert "recipients-without-colon" in result.out and "low" in result.out
    assert "doc-number-line" in result.out


# A 任务分工表 -------------------------------------------------------------------------------------

def test_a_task_division_table_fills_its_items_offices_and_deadlines():
    loaded = read(GENRE / "office" / "d05_task_division_table.txt")
    items = {i.title: i for i in loaded.plan.items()}
    assert (items["开展改善就医感受行动"].lead, items["开展改善就医感受行动"].support,
            items["开展改善就医感受行动"].deadline) == (["医政科"], ["各医疗机构", "规划科"], "2024年12月底前")
    assert items["开展爱国卫生运动"].deadline == "全年"
    last = loaded.plan.sections[-1].items[-1]
    assert "序号" not in last.text and "附件" not in last.text  # the table is not glued into the last item
    assert loaded.plan.meta["task_table"].startswith("附件")


def test_a_task_row_that_names_no_item_is_warned_not_guessed(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("\n".join(["2024年工作要点", "一、医疗服务", "（一）推进胸痛中心建设。",
                              "序号\t任务\t牵头单位\t完成时限", "1\t推进胸痛中心建设\t医政科\t6月底前",
                              "2\t建设卒中中心\t医政科\t年底前"]) + "\n", encoding="utf-8")
    loaded = read(src)
    (item,) = loaded.plan.sections[0].items
    assert item.lead == ["医政科"] and item.support == [] and item.deadline == "6月底前"
    (warned,) = codes(loaded)["task-row-unmatched"]
    assert warned.line == 6


def test_traditional_portal_copy_with_a_recipients_line_broken_in_two(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("\n".join([
        "首页 > 信息公开 > 通知公告", "發布時間：2022-05-10  來源：石橋區衛生健康局  瀏覽次數：88",
        "石橋區衛生健康局辦公室", "關於轉發《省衛生健康委關於做好夏季食品安全工作的通知》的通知", "石衛辦〔2022〕21號",
        "各鎮（街道）社區衛生服務中心，", "區直各醫療衛生單位：", "　　現將有關通知轉發給你們，請遵照執行。",
        "　　　　　　　　石橋區衛生健康局辦公室", "　　　　　　　　二〇二二年五月九日"]) + "\n", encoding="utf-8")
    loaded = read(src)
    n = loaded.plan.notice
    assert n.title == "石橋區衛生健康局辦公室關於轉發《省衛生健康委關於做好夏季食品安全工作的通知》的通知"
    assert n.recipients == ["各鎮（街道）社區衛生服務中心", "區直各醫療衛生單位"]
    assert n.body == "現將有關通知轉發給你們，請遵照執行。" and n.date == dt.date(2022, 5, 9)
    assert n.doc_number == "石衛辦〔2022〕21號" and loaded.plan.year is None  # no year in the title: none
    assert [f.line for f in codes(loaded)["web-leftover"]] == [1, 2]


_FURNITURE_TOP = ["当前位置：首页 > 政务公开 > 通知公告", "索 引 号: 11330000MB2C00000X/2023-00042 公开日期: 2023-03-18",
                  "发布机构: 市卫生健康委 文  号:", "发布日期: 2023-03-20 16:05 信息来源: 市卫生健康委 浏览次数:",
                  "扫描二维码 分享好友和朋友圈", "放大字体  缩小字体", "【字体：大 中 小】", "| 公开方式： | 主动公开 |",
                  "• 时间:2023-03-04 08:58:16", "2023-03-20"]
_FURNITURE_END = ["扫一扫在手机打开当前页", "【打印本页】【关闭窗口】", "上一篇：关于开展义诊活动的通知",
                  "下一篇：2022年工作总结", "主办单位：青川市人民政府办公室  备案号：青ICP备00000000号"]


@given(stem=st.sampled_from(["12", "16", "20", "24"]),
       top=st.lists(st.sampled_from(_FURNITURE_TOP), max_size=5, unique=True),
       end=st.lists(st.sampled_from(_FURNITURE_END), max_size=3, unique=True))
def test_page_furniture_around_a_document_changes_nothing_it_says(tmp_path_factory, stem, top, end):
    from dataclasses import replace

    from drafter.model import without_sources

    body = fixture(stem).read_text(encoding="utf-8").splitlines()
    folder = tmp_path_factory.mktemp("furniture")
    clean, framed = folder / "clean.txt", folder / "framed.txt"
    clean.write_text("\n".join(body) + "\n", encoding="utf-8")
    framed.write_text("\n".join(top + body + end) + "\n", encoding="utf-8")
    a, b = read(clean).plan, read(framed).plan
    if not a.issuer:  # the page's 信息来源 may stand in for an issuer the document lacks (warned)
        assert b.issuer in ("", "市卫生健康委")
        b = replace(b, issuer="")
    assert without_sources(replace(b, meta={})) == without_sources(replace(a, meta={}))


def test_wenhao_in_front_of_the_title_on_its_line_and_an_editor_line_set_aside(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("\n".join([
        "添加时间：2021-06-02 09:10:11  浏览量：326  责任编辑：王某",
        "石卫发〔2021〕6号 石桥区卫生健康局关于开展2021年基层卫生人才培训的通知", "各镇（街道）社区卫生服务中心：",
        "现将有关事项通知如下。", "一、培训对象", "全区基层医务人员。", "二、培训时间", "2021年6月至9月。",
        "石桥区卫生健康局", "2021年5月28日"]) + "\n", encoding="utf-8")
    loaded = read(src)
    n = loaded.plan.notice
    assert n.doc_number == "石卫发〔2021〕6号"
    assert n.title == "石桥区卫生健康局关于开展2021年基层卫生人才培训的通知"
    assert [s.title for s in loaded.plan.sections] == ["培训对象", "培训时间"]
    assert loaded.plan.sections[-1].text == "2021年6月至9月。"
    assert n.date == dt.date(2021, 5, 28) and n.issuer == "石桥区卫生健康局"


def test_a_title_that_does_not_end_as_a_title_is_kept_but_questioned(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text("关于进一步做好基层卫生人才培训工作\n各镇卫生院：\n请做好培训工作。\n石桥区卫生健康局\n2021年5月28日\n",
                   encoding="utf-8")
    loaded = read(src)
    assert loaded.plan.notice.title == "关于进一步做好基层卫生人才培训工作"
    (unsure,) = codes(loaded)["unsure-title"]
    assert unsure.line == 1
    assert {d.field: d.confidence for d in loaded.fields}["title"] == "low"


def test_a_number_with_no_words_is_no_task_and_the_plan_reads_back(tmp_path):
    """`一、。` (found by the fuzz test): left out with a warning, and what is written reloads."""
    from drafter.readers.yaml import loads
    from drafter.writers.yaml import dump

    src = tmp_path / "p.txt"
    src.write_text("一、。\n二、加强管理。做好工作。\n", encoding="utf-8")
    loaded = read(str(src))
    assert [s.title for s in loaded.plan.sections] == ["加强管理"]
    assert any(f.code == "empty-item" for f in loaded.findings)
    assert loads(dump(loaded.plan), "p.yaml").plan.sections[0].title == "加强管理"
