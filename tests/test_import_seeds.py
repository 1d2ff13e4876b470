"""`drafter import` on the five real seeds: structure, titles, offices, notice fields.

Expected titles are cut out of the seed text by a plain regular expression in this file (an
oracle independent of the importer's outline logic); counts and office lists come from the
seeds' README and the issue.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import SEED_FILES, seed_path
from drafter.text.numerals import from_chinese
from drafter.model import strip_ids
from drafter.numbering import numbered
from drafter.readers import paragraphs, read


def load(key: str, part: str = "plan"):
    return read(seed_path(key), part=part)


def raw(key: str) -> str:
    return seed_path(key).read_text(encoding="utf-8")


def items_at(plan, depth: int):
    return [node for node, d in plan.walk() if d == depth]


def leaves(plan):
    return [node for node, _ in plan.walk() if not node.items]


def source_titles(key: str, rx: str) -> list[str]:
    """Titles as the seed writes them: the words after the number, up to the first 。."""
    return [m.group(1) for m in re.finditer(rx, raw(key), re.M)]


def test_000_structure_and_notice():
    loaded = load("000")
    plan = loaded.plan
    assert len(plan.sections) == 6
    items = items_at(plan, 1)
    assert len(items) == 25
    assert [n.source.label for n in items] == ["（%s）" % c for c in
                                               "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 "
                                               "十九 二十 二十一 二十二 二十三 二十四 二十五".split()]
    assert [n.title for n in items] == source_titles("000", r"^\s*（[一二三四五六七八九十]+）(.*?)。")
    assert plan.numbering.levels == ["一、", "（一）"]
    assert plan.numbering.continuous == [False, True]
    # the year range that starts a line continues item (十八); it is not an item
    eighteen = items[17]
    assert "实施纲要（2015-2020年）》和《党政主要负责人" in eighteen.text
    assert plan.title == "2017年全市卫生计生工作要点" and plan.year == 2017
    assert plan.preamble.startswith("2017年全市卫生计生工作总体要求是：")
    n = plan.notice
    assert n.kind == "issue"
    assert n.title == "关于印发《2017年全市卫生计生工作要点》的通知"
    assert n.recipients == ["各县市区卫生计生局", "计生协会", "市直及驻衡省属医疗卫生单位", "委机关各科室"]
    assert n.issuer == plan.issuer == "衡阳市卫生和计划生育委员会"
    assert n.date == dt.date(2017, 3, 9)
    assert n.body.startswith("现将《2017年全市卫生计生工作要点》印发给你们")
    assert any(f.code == "joined-lines" and f.paragraph == 33 for f in loaded.findings)


def test_001_web_page_with_mixed_numbers():
    loaded = load("001")
    plan = loaded.plan
    assert len(plan.sections) == 11
    items = items_at(plan, 1)
    assert len(items) == 45
    assert [n.title for n in items] == source_titles("001", r"^\s*\d+[、.](.*?)。")
    assert plan.numbering.levels == ["一、", "1、"] and plan.numbering.continuous == [False, True]
    assert items[44].source.label == "45."
    mixed = [f for f in loaded.findings if f.code == "mixed-numbering"]
    assert len(mixed) == 1 and mixed[0].paragraph == 118
    assert "卫生监督机构标准化建设" in items[39].text  # a word broken over a blank line
    assert plan.meta["来源"] == "南通市卫计委" and plan.meta["发布时间"].startswith("2015-04-30")
    assert plan.notice is None
    assert "来源" not in plan.preamble and plan.preamble.startswith("2015年全市卫生计生工作总体要求是")


EXPECTED_002 = {  # item number → (lead, support), as written (traditional stays traditional)
    1: (["機關黨委"], ["各相關科室"]),
    4: (["機關黨委"], ["法規監督科", "醫政醫管科"]),
    5: (["規劃發展與信息化科"], ["辦公室協調", "各相關科室"]),
    6: (["醫政醫管科", "基層衛生健康科", "中醫藥管理科"],
        ["體制改革科(市屬公立醫院管理委員會辦公室)", "婦幼健康科等"]),
    11: (["辦公室", "基層衛生健康科", "醫政醫管科"],
         ["機關黨委", "規劃發展與信息化科", "財務科", "疾病防控科", "婦幼健康科"]),
    19: (["規劃發展與信息化科", "醫政醫管科", "基層衛生健康科"], ["疾病防控科", "婦幼健康科", "法規監督科等"]),
    31: (["人事科", "醫政醫管科", "中醫藥管理科"], ["基層衛生健康科", "婦幼健康科"]),
    36: (["辦公室"], ["各相關科室"]),
}


def test_002_traditional_with_offices():
    loaded = load("002")
    plan = loaded.plan
    assert len(plan.sections) == 10
    items = items_at(plan, 1)
    assert len(items) == 36
    assert plan.numbering.levels == ["一、", "(一)"]
    assert [from_chinese(n.source.label.strip("()")) for n in items] == list(range(1, 37))
    assert [n.title for n in items] == source_titles("002", r"^\([一二三四五六七八九十]+\)(.*?)。")
    for number, (lead, support) in EXPECTED_002.items():
        node = items[number - 1]
        assert (node.lead, node.support) == (lead, support), number
    text = raw("002")
    for node in items:  # every item names its offices, and they are taken off the text
        assert node.lead, node.title
        assert "牽頭" not in node.text and "參與落實" not in node.text
        for name in node.lead + node.support:
            assert name in text
    n = plan.notice
    assert n.doc_number == "欽衛發〔2019〕14號"
    assert n.disclosure == "主動公開"
    assert n.date == dt.date(2019, 5, 10) and n.issuer == "欽州市衛生健康委員會"
    assert n.printed_by == "欽州市衛生健康委員會辦公室" and n.printed_on == dt.date(2019, 5, 10)
    assert n.recipients[0] == "各縣(區)衛生健康局" and len(n.recipients) == 5
    assert plan.title == "2019年欽州市衛生健康工作要點"
    assert not plan.closing and "辦公室" not in items[-1].text  # the 版记 is not item 36's text


def test_003_speech_deployment_part():
    plan = load("003").plan
    assert len(plan.sections) == 7
    items = items_at(plan, 1)
    assert len(items) == 27
    assert [n.source.label for n in items] == ["%d．" % i for i in range(1, 28)]
    assert plan.numbering.levels == ["（一）", "1．"] and plan.numbering.continuous == [False, True]
    first = items[0]
    assert first.heading and first.title == "乡村卫生院所规范化建设" and first.tag == "（2018年重点项目 第83项）"
    assert first.text.startswith("一是继续加强村卫生室")
    assert items[1].tag == "（2018年重点项目 82项）"
    assert [n.heading for n in items[:10]] == [True] * 10 and not any(n.heading for n in items[10:])
    assert len(items[3].paragraphs()) == 2 and items[3].paragraphs()[1].startswith("“栽下梧桐树")
    group = plan.sections[0]
    assert group.heading and group.text.startswith("2018年，我们将县乡医院信息化建设")
    assert plan.year == 2018 and "2018年" in plan.title
    assert plan.preamble.startswith("2018年是全面贯彻党的十九大精神的开局之年")
    assert plan.closing.startswith("同志们，幸福都是奋斗出来的")
    assert plan.meta["speech_title"].startswith("大干苦干")
    assert plan.meta["subtitle"].startswith("——在襄垣县2018年度卫生计生工作会议上的讲话")
    assert "bookmark" not in items[7].text


def test_003_speech_review_part():
    plan = load("003", part="review").plan
    assert len(plan.sections) == 5
    items = items_at(plan, 1)
    assert len(items) == 10
    assert [n.title for n in items] == source_titles("003", r"^(?:[1-9]|10)．(.*?)。")[:10]
    assert plan.year == 2017
    assert plan.closing.startswith("过去的一年") and "在看到成绩的同时" in plan.closing
    assert "过去的一年" not in items[-1].text


def test_004_consult_notice_and_draft():
    loaded = load("004")
    plan = loaded.plan
    assert plan.status == "draft" and plan.year == 2012
    assert [s.title for s in plan.sections] == ["指导思想", "主要任务", "重点工作"]
    guide, tasks, key = plan.sections
    assert guide.heading and not guide.items and guide.text.startswith("2012年是卫生改革发展的关键一年")
    assert len(tasks.items) == 10 and all(not t.text for t in tasks.items)
    assert tasks.numbering is not None and tasks.numbering.levels == ["1、"]
    assert len(key.items) == 9 and key.numbering is None
    assert plan.numbering.levels == ["一、", "（一）", "1、"]
    assert plan.numbering.continuous[2] is True
    work = [n for g in key.items for n in g.items]
    assert len(work) == 36
    assert [n.title.rstrip("。") for n in work] == source_titles("004", r"^\s*(?:[1-9]|[12][0-9]|3[0-6])、(.*?)。")[10:]
    # a number line that is one whole sentence with its body in paragraphs below stays a
    # line of its own (printed as written, 。 included), so re-rendering keeps the break
    assert [i + 1 for i, n in enumerate(work) if n.heading] == [1, 3]
    assert all(n.title.endswith("。") for n in work if n.heading)
    assert work[0].text.startswith("加强对药品“零差率”改革的管理")  # continuation paragraph
    assert len(work[21].paragraphs()) == 2 and work[21].paragraphs()[1].startswith("完善激励机制")
    assert work[27].text.endswith("树立卫生行业新形象")
    repeated = [f for f in loaded.findings if f.code == "repeated-number"]
    assert len(repeated) == 1 and repeated[0].paragraph == 24
    labels = {id(node): label for node, _, label in numbered(plan)}
    assert labels[id(tasks.items[9])] == "10、" and labels[id(work[35])] == "36、"
    n = plan.notice
    assert n.kind == "consult"
    assert n.date == dt.date(2011, 12, 19) and n.deadline == dt.date(2011, 12, 23)
    assert n.contact.startswith("沈羽、赵勤仙") and n.phone == "85267557"
    assert n.email == "zhaoqinxian@126.com"
    assert n.issuer == "平湖市卫生局" and plan.issuer == "平湖市卫生局"
    assert n.plan_as == "attachment"
    assert plan.meta["byline"] == "（二〇一一年十二月）"


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_sources_point_at_the_heading_paragraph(key):
    plan = load(key).plan
    lines = paragraphs(seed_path(key))
    for node, _ in plan.walk():
        assert node.source.paragraph and node.source.label
        assert lines[node.source.paragraph - 1].strip().startswith(node.source.label)


@pytest.mark.parametrize("key", sorted(SEED_FILES))
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le"])
def test_other_encodings_import_identically(key, encoding, tmp_path):
    src = seed_path(key)
    copy = tmp_path / src.name
    copy.write_bytes(src.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    assert strip_ids(read(copy).plan) == strip_ids(read(src).plan)


def test_explicit_encoding(tmp_path):
    src = seed_path("000")
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    assert strip_ids(read(copy, encoding="gb18030").plan) == strip_ids(read(src).plan)
