"""`drafter rollover`: the year rules, the seeds, the laws, and comment-keeping edits.

Laws tested here (stated precisely):
- Chain law: for a plan P of year Y and Y < N1 < N2, if rolling P to N1 reports no ambiguous
  year (`Report.ambiguous`: a kept year that the rules would move when the result is rolled
  again), then roll(roll(P, N1), N2) and roll(P, N2) give equal plans (model equality, IDs
  included) and equal YAML text once the `# rollover` review comments are stripped
  (`strip_review_comments`).  Conversely, an ambiguous year makes the two differ there.
- Rolling changes only digits of years: same length, every other character unchanged, every
  changed year reported as moved by delta, every considered year reported once.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import PLANS, seed_path
from drafter import lint
from drafter.diff import compare
from drafter.readers import read
from drafter.readers.yaml import load, loads
from drafter.rollover import (PLACEHOLDER, RULES, ambiguous, decide, default_output, roll,
                              roll_text, strip_review_comments, year_tokens)

DATA = Path(__file__).parent / "data" / "rollover"
HAND = DATA / "hand-commented.yaml"
SEED_PLANS = sorted(PLANS.glob("*.yaml"))
P000 = PLANS / "2017-衡阳市-工作要点.yaml"
P002 = PLANS / "2019-钦州市-工作要点.yaml"
P003_REVIEW = PLANS / "2017-襄垣县-工作回顾.yaml"
P003_DEPLOY = PLANS / "2018-襄垣县-工作部署.yaml"
P004 = PLANS / "2012-平湖市-工作要点-征求意见稿.yaml"


def rolled(path, year=None, **kw):
    return roll(load(path), year, **kw)


def contexts(text: str, year: str, width: int = 8) -> list[str]:
    """Every occurrence of `year` in `text` with a little context, review comments excluded."""
    text = strip_review_comments(text)
    return [text[max(0, m.start() - width):m.end() + width] for m in re.finditer(year, text)]


# -- the rule table ----------------------------------------------------------------------------

# (text, plan year, the year token in it, expected rule): the examples the issue names and a
# few more.  Written by hand; the rules must reproduce them.
EXAMPLES = [
    ("2017年全市卫生计生工作要点", 2017, "2017", "plan-year"),
    ("力争2017年医疗机构全部达到规定比例", 2017, "2017", "plan-year"),
    ("2017年底前完成", 2017, "2017", "plan-year"),
    ("2017年6月底前完成", 2017, "2017", "plan-year"),
    ("于2012年6月前启动公立医院改革", 2012, "2012", "plan-year"),
    ("2017年度考核", 2017, "2017", "plan-year"),
    ("力争县域内就诊率在2016年的基础上提高10个百分点", 2017, "2016", "previous-year"),
    ("就诊人次比2016年增长5%", 2017, "2016", "previous-year"),
    ("发布2014年度人口发展报告", 2015, "2014", "previous-year"),
    ("回顾总结2017年工作", 2018, "2017", "previous-year"),
    ("安排部署2018年工作", 2017, "2018", "next-year"),
    ("在襄垣县2018年度卫生计生工作会议上的讲话", 2017, "2018", "next-year"),
    ("《法治政府建设实施纲要（2015-2020年）》", 2017, "2015", "book-title"),
    ("《法治政府建设实施纲要（2015-2020年）》", 2017, "2020", "book-title"),
    ("《2017年卫生统计年鉴》", 2017, "2017", "book-title"),
    ("启动“2018-2020年改善医疗服务行动计划”", 2018, "2018", "quoted"),
    ("开展“2017年健康促进年”活动", 2017, "2017", "quoted"),
    ("实施2016—2020年规划", 2017, "2016", "range"),
    ("2017年至2020年", 2017, "2017", "range"),
    ("襄计生组发〔2018〕1号", 2018, "2018", "doc-number"),
    ("2016年10月召开的全省医改工作会议", 2017, "2016", "fixed-date"),
    ("2017年12月，妇幼保健工作被评为", 2017, "2017", "fixed-date"),
    ("2016年3月9日", 2017, "2016", "fixed-date"),
    ("发布时间:2015-04-30 15:36", 2015, "2015", "fixed-date"),
    ("到2020年，建成", 2017, "2020", "other-year"),
    ("2016年以来", 2017, "2016", "other-year"),
    ("在2015年的基础上", 2017, "2015", "other-year"),  # two years back: not the baseline rule
    # traditional script, full-width and Chinese digits read the same way
    ("在2018年的基礎上", 2019, "2018", "previous-year"),
    ("到2019年底,城鄉居民健康素養水平達到14%", 2019, "2019", "plan-year"),
    ("《地方病防治專項三年攻堅行動方案(2018-2020)》", 2019, "2018", "book-title"),
    ("２０１７年全市工作要点", 2017, "２０１７", "plan-year"),
    ("二〇一七年全市工作要点", 2017, "二〇一七", "plan-year"),
    ("（二〇一一年十二月）", 2012, "二〇一一", "fixed-date"),
]


@pytest.mark.parametrize("text,year,token,rule", EXAMPLES)
def test_rule_examples(text, year, token, rule):
    found = [t for t in year_tokens(text, year) if text[t.start:t.end] == token]
    assert found, "no year token %r found in %r" % (token, text)
    assert decide(found[0]).code == rule


def test_every_rule_has_an_example_and_a_reason():
    used = {rule for *_, rule in EXAMPLES}
    for r in RULES:
        assert r.code in used, r.code
        assert r.why and r.label, r.code


def test_own_title_in_book_marks_moves():
    """The notice quotes the plan's own title in 《》: that year is the plan year."""
    text = "关于印发《2017年全市卫生计生工作要点》的通知"
    new, ds = roll_text(text, 2017, 2018, own_titles=("2017年全市卫生计生工作要点",))
    assert new == "关于印发《2018年全市卫生计生工作要点》的通知"
    new, ds = roll_text(text, 2017, 2018)  # someone else's document: a fixed name
    assert new == text and ds[0].rule == "book-title"


def test_numbers_that_are_not_years_are_not_considered():
    text = "全县听力筛查2071人，发放助学金2000元，2029人次"
    assert list(year_tokens(text, 2017)) == []
    assert roll_text(text, 2017, 2018) == (text, [])


def test_digits_keep_their_script():
    assert roll_text("二〇一九年", 2019, 2020)[0] == "二〇二〇年"
    assert roll_text("二零一九年", 2019, 2020)[0] == "二零二零年"
    assert roll_text("２０１９年底前", 2019, 2021)[0] == "２０２１年底前"


# -- the law, on generated text ----------------------------------------------------------------

# Phrases around a year (offset from the plan year), mixing every rule, with fillers.
_PHRASES = ["力争{}年底前完成", "在{}年的基础上提高", "比{}年", "{}年度工作会议", "安排部署{}年工作",
            "回顾总结{}年工作", "《某规划（{}-2025年）》", "“{}年健康年”", "〔{}〕3号", "{}年10月召开的",
            "{}年3月9日", "到{}年", "{}年以来", "{}年", "筛查{}人", "{}-2030年"]
_FILLER = st.sampled_from(["，", "。", "全市", "卫生", "、", "；", " ", "\n"])


@st.composite
def year_texts(draw):
    year = draw(st.integers(2000, 2090))
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        phrase = draw(st.sampled_from(_PHRASES))
        parts.append(phrase.format(year + draw(st.integers(-3, 4))))
        parts.append(draw(_FILLER))
    return year, "".join(parts)


@given(year_texts(), st.integers(1, 3), st.integers(1, 3))
def test_chain_law_iff_no_ambiguity(case, d1, d2):
    year, text = case
    n1, n2 = year + d1, year + d1 + d2
    once, ds1 = roll_text(text, year, n1)
    twice, _ = roll_text(once, n1, n2)
    direct, _ = roll_text(text, year, n2)
    if not ambiguous(once, ds1, n1):
        assert twice == direct
    else:
        assert twice != direct


@given(year_texts(), st.integers(1, 5))
def test_rolling_changes_only_the_moved_years(case, delta):
    year, text = case
    new, decisions = roll_text(text, year, year + delta)
    assert len(new) == len(text)
    moved = [d for d in decisions if d.moved]
    changed = {i for i, (a, b) in enumerate(zip(text, new)) if a != b}
    assert changed <= {i for d in moved for i in range(d.offset, d.offset + len(d.old))}
    for d in moved:
        assert int(d.new) == int(d.old) + delta
        assert new[d.offset:d.offset + len(d.new)] == d.new
    assert len({d.offset for d in decisions}) == len(decisions) == len(list(year_tokens(text, year)))


# -- seed 000 ----------------------------------------------------------------------------------

def test_seed_000_every_remaining_2017_should_stay():
    old = load(P000)
    r = roll(old, 2018)
    text = strip_review_comments(r.text)
    # The only 2017 left is last year's baseline, moved from 2016 (在2016年的基础上).
    assert contexts(r.text, "2017") == ["争县域内就诊率在2017年的基础上提高1"]
    assert contexts(r.text, "2016") == []
    # The law's name keeps its period.
    assert "《法治政府建设实施纲要（2015-2020年）》" in text
    assert "title: 2018年全市卫生计生工作要点" in text
    assert "力争2018年医疗机构全部达到规定比例" in text
    assert "迎接2018年全国城乡环境卫生整洁行动中期评估" in text
    assert "关于印发《2018年全市卫生计生工作要点》的通知" in text
    assert "“十三五”建设项目库" in text
    kept = {(d.old, d.rule) for d in r.report.kept}
    assert kept == {("2015", "book-title"), ("2020", "book-title")}
    assert r.report.ambiguous == []
    # each decision points at its line in the new file, with its context
    lines = r.text.split("\n")
    for d in r.report.decisions:
        line = lines[d.line - 1]
        assert (d.new or d.old) in line
        def mask(s):
            return re.sub(r"\d{4}", "####", s)
        assert mask(d.context.strip("…")) in mask(line)  # the context is the old text's


def test_seed_000_notice_reset_and_status():
    r = rolled(P000, 2018)
    plan = r.document.plan
    assert plan.year == 2018 and plan.status == "draft"
    assert plan.notice.doc_number == "" and plan.notice.date is None
    assert plan.notice.recipients == load(P000).plan.notice.recipients
    lines = r.text.split("\n")
    for key in ("doc_number", "date"):
        line = next(x for x in lines if x.startswith("  %s:" % key))
        assert "# rollover TODO" in line
    assert dict(r.report.notice) == {"doc_number": "", "date": "2017-03-09"}


def test_seed_000_ids_kept_and_diff_shows_only_year_edits():
    old = load(P000)
    new = roll(old, 2018).document
    assert [i.id for i in new.plan.items()] == [i.id for i in old.plan.items()]
    d = compare(old.plan, new.plan)
    s = d.summary()
    assert (s["added"], s["removed"], s["moved"], s["renumbered"]) == (0, 0, 0, 0)
    modified = [c for c in d.changes if c.modified]
    assert sorted(c.new.title for c in modified) == sorted(
        ["推进分级诊疗体系建设", "健全药品供应保障机制", "深入开展爱国卫生工作和健康促进"])
    for c in modified:
        assert not c.fields and not c.targets
        edits = [op for op in c.ops if op[0] != "equal"]
        assert edits and all(op[0] == "replace" and int(op[2]) == int(op[1]) + 1 for op in edits)
    assert {f.field for f in d.fields} == {"title", "preamble", "year"}


# -- the chain law and the other seeds ---------------------------------------------------------

@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
@pytest.mark.parametrize("targets", ["carry", "blank"])
def test_chain_law_on_every_seed_plan(path, targets):
    old = load(path)
    y = old.plan.year
    once = roll(old, y + 1, targets=targets)
    assert once.report.ambiguous == []
    twice = roll(once.document, y + 2, targets=targets)
    direct = roll(old, y + 2, targets=targets)
    assert twice.document.plan == direct.document.plan
    assert strip_review_comments(twice.text) == strip_review_comments(direct.text)


def test_chain_law_fails_exactly_where_reported():
    """A 2017 plan that says 到2018年 (a fixed target year): kept, but after rolling to 2018 it
    reads as the plan year, so the report names it and a second rollover would move it."""
    text = HAND.read_text(encoding="utf-8").replace("巩固提升“十三五”开局成效。", "到2018年建成。")
    doc = loads(text, "x.yaml")
    once = roll(doc, 2018)
    assert [(d.path, d.old) for d in once.report.ambiguous] == [("preamble", "2018")]
    twice = roll(once.document, 2019)
    direct = roll(doc, 2019)
    assert "到2019年建成" in twice.document.plan.preamble
    assert "到2018年建成" in direct.document.plan.preamble


def test_rolling_a_rolled_plan_replaces_the_review_comments():
    once = rolled(HAND, 2018)
    twice = roll(once.document, 2019)
    n_once = once.text.count("# rollover")
    assert twice.text.count("# rollover") <= n_once
    assert "2017→2018 (计划年度)" not in twice.text and "2018→2019 (计划年度)" in twice.text


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_every_seed_plan_rolls_and_checks_no_worse(path, tmp_path):
    before = _codes(path)
    old = load(path)
    r = roll(old)
    out = tmp_path / "carry.yaml"
    out.write_text(r.text, encoding="utf-8")
    assert r.document.plan.year == old.plan.year + 1
    assert [i.id for i in r.document.plan.items()] == [i.id for i in old.plan.items()]
    after = _codes(out)
    assert all(after.count(c) <= before.count(c) for c in set(after)), (before, after)
    # --targets blank: the placeholders are reported, one per blanked quantity, and nothing else
    b = roll(old, targets="blank")
    assert b.report.blanked > 0
    out = tmp_path / "blank.yaml"
    out.write_text(b.text, encoding="utf-8")
    blank = _codes(out)
    assert blank.count("target-placeholder") == b.report.blanked
    rest = [c for c in blank if c != "target-placeholder"]
    assert all(rest.count(c) <= before.count(c) for c in set(rest)), (before, rest)


def _codes(path) -> list[str]:
    return sorted(f.code for f in lint.run(read(path), path))


def test_seed_002_traditional():
    r = rolled(P002)
    text = strip_review_comments(r.text)
    assert r.document.plan.title == "2020年欽州市衛生健康工作要點"
    assert text.count("到2020年底") == 2
    assert "力爭2020年創建健康社區" in text
    assert "現將《2020年欽州市衛生健康工作要點》印發給你們" in text
    assert "《地方病防治專項三年攻堅行動方案(2018-2020)》" in text
    assert "“健康欽州2030”" in text
    n = r.document.plan.notice
    assert (n.doc_number, n.date, n.printed_on) == ("", None, None)
    assert n.printed_by == "欽州市衛生健康委員會辦公室"
    assert contexts(r.text, "2019") == []


def test_seed_003_speech_review():
    r = rolled(P003_REVIEW)
    plan = r.document.plan
    assert plan.title == "2018年工作回顾"
    # the conference where the review is given is the year after: it moves too
    assert plan.meta["subtitle"] == "——在襄垣县2019年度卫生计生工作会议上的讲话"
    assert "回顾总结2018年工作，安排部署2019年工作" in plan.meta["opening"]
    # awards on fixed dates stay, and are listed as passed
    for date in ("2017年12月", "2017年10月", "2017年11月"):
        assert date in plan.preamble
        assert any(d == date for _, d, _ in r.report.past)
    assert plan.meta["date"] == "2018年4月11日"  # the speech's day: a fixed date, kept


def test_seed_003_speech_deploy():
    r = rolled(P003_DEPLOY)
    text = strip_review_comments(r.text)
    assert "（2019年重点项目 第83项）" in text
    assert "“2018-2020年改善医疗服务行动计划”" in text
    assert "《长治市贯彻中医药发展战略规划纲要（2016-2030年）实施方案》" in text
    assert "（襄计生组发〔2018〕1号）" in text
    assert "回顾总结2018年工作，安排部署2019年工作" in text
    assert ("meta.date", "2018年4月11日", "before 2019") in r.report.past


def test_consult_notice_dates_and_byline():
    r = rolled(P004)
    n = r.document.plan.notice
    assert n.kind == "consult" and n.date is None and n.deadline is None
    assert n.title == "关于征求2013年卫生工作要点意见的通知"
    past = {d for _, d, _ in r.report.past}
    assert "二〇一一年十二月" in past  # the byline, kept as a fixed date
    assert "12月23日" in past  # the reply-by day in the body has no year: flagged


# -- the hand-commented plan: only changed values change ---------------------------------------

# Lines of the fixture that must change, and what they become (written by hand).
HAND_CHANGES = {
    "title: 2017年全县卫生健康工作要点   # 标题经局务会审定": "title: 2018年全县卫生健康工作要点   # 标题经局务会审定",
    "year: 2017": "year: 2018",
    "status: final   # 已印发": "status: draft   # 已印发",
    "  2017年全县卫生健康工作的总体要求是：深入贯彻落实党的十八届六中全会精神。":
        "  2018年全县卫生健康工作的总体要求是：深入贯彻落实党的十八届六中全会精神。",
    "  在2016年的基础上，巩固提升“十三五”开局成效。": "  在2017年的基础上，巩固提升“十三五”开局成效。",
    "          力争2017年底前，家庭医生签约服务覆盖率达30%以上，组建3个医疗联合体。":
        "          力争2018年底前，家庭医生签约服务覆盖率达30%以上，组建3个医疗联合体。",
    "        tag: \"（2017年重点项目）\"": "        tag: \"（2018年重点项目）\"",
    "        deadline: '2017年12月底前'": "        deadline: '2018年12月底前'",
    "  title: 关于印发《2017年全县卫生健康工作要点》的通知": "  title: 关于印发《2018年全县卫生健康工作要点》的通知",
    "  doc_number: 某卫发〔2017〕3号   # 办公室给号": "  doc_number: \"\"            # 办公室给号",
    "  date: 2017-03-09   # 成文日期": "  date:              # 成文日期",
    "  printed_on: 2017-03-10": "  printed_on:",
}
HAND_DROPPED = ["      - id: cccc", "        title: 完成县医院改扩建", "        status: done   # 2017年已完工",
                "        text: 2017年6月底前完成县医院改扩建。"]


def test_hand_commented_round_trip_changes_only_changed_lines():
    src = HAND.read_text(encoding="utf-8")
    r = roll(load(HAND), 2018)
    out = strip_review_comments(r.text).split("\n")
    ops = difflib.SequenceMatcher(None, src.split("\n"), out, autojunk=False).get_opcodes()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in ops:
        removed += src.split("\n")[i1:i2] if tag != "equal" else []
        added += out[j1:j2] if tag != "equal" else []
    new_id = [x for x in added if re.fullmatch(r"      - id: [a-z2-9]{4}", x)]
    assert len(new_id) == 1  # the item without an ID got one, in place
    assert sorted(removed) == sorted(list(HAND_CHANGES) + HAND_DROPPED + ["      - title: 巩固基本药物制度"])
    assert sorted(added) == sorted(list(HAND_CHANGES.values()) + new_id + ["        title: 巩固基本药物制度"])
    # every comment the drafter wrote is still there, in order, except the dropped item's own
    comments = [x.strip() for x in src.split("\n") if "#" in x and x not in HAND_DROPPED]
    for c in comments:
        part = c[c.index("#"):]
        assert part in r.text, part


def test_unusual_layout_is_reported():
    """ruamel re-lays out what it does not keep (here: 4-space indentation); the summary says so
    rather than letting a reviewer find unexplained changed lines."""
    assert roll(load(HAND), 2018).report.reformatted is False
    odd = "format: 1\ntitle: 2017年全市卫生工作要点\nyear: 2017\nsections:\n    -   title: 甲\n"
    r = roll(loads(odd, "odd.yaml"), 2018)
    assert r.report.reformatted is True
    assert any("layout" in line for line in r.report.lines())


def test_hand_commented_marks_every_change():
    r = roll(load(HAND), 2018)
    lines = r.text.split("\n")
    for old_line, new_line in HAND_CHANGES.items():
        i = next(k for k, x in enumerate(lines) if strip_review_comments(x) == new_line)
        here = lines[i] + (lines[i - 1] if i else "") + (lines[i - 2] if i > 1 else "")
        if new_line.startswith("  ") and not new_line.lstrip().split(":")[0].isidentifier():
            # a line inside a |- block: the note sits on the lines just before the key
            block_start = max(k for k in range(i) if lines[k].rstrip().endswith("|-"))
            here = "\n".join(lines[block_start - 3:block_start + 1])
        assert "# rollover" in here, (new_line, here)
    assert "# rollover targets: " in r.text
    assert r.report.dropped == [("cccc", "完成县医院改扩建")]


def test_done_items_kept_on_request():
    r = roll(load(HAND), 2018, keep_done=True)
    item = next(i for i in r.document.plan.items() if i.id == "cccc")
    assert item.status == "done" and item.text == "2018年6月底前完成县医院改扩建。"
    assert r.report.dropped == []


def test_targets_listed_or_blanked():
    r = roll(load(HAND), 2018)
    listed = {(p, lab, val) for p, _, ts in r.report.targets for lab, val, _ in ts}
    assert ("sections[0].items[0]", "家庭医生签约服务覆盖率", "30%") in listed
    assert ("sections[1].items[0]", "孕产妇死亡率", "15/10万") in listed
    b = roll(load(HAND), 2018, targets="blank")
    texts = {i.id: i.text for i in b.document.plan.items()}
    assert "覆盖率达%s%%以上，组建%s个医疗联合体" % (PLACEHOLDER, PLACEHOLDER) in texts["bbbb"]
    assert "孕产妇死亡率控制在%s/10万以下" % PLACEHOLDER in texts["eeee"]
    assert "力争2018年底前" in texts["bbbb"]  # deadlines are listed, not blanked
    assert b.report.blanked == 3


# -- the command -------------------------------------------------------------------------------

def test_default_output_name():
    assert default_output("plans/2017-衡阳市-工作要点.yaml", 2017, 2018) == Path("plans/2018-衡阳市-工作要点.yaml")
    assert default_output("x/2017.yaml", 2017, 2018) == Path("plans/2018.yaml")
    assert default_output("a/衡阳.yaml", 2017, 2018) == Path("plans/2018-衡阳.yaml")
    assert default_output("a/20170.yaml", 2017, 2018) == Path("plans/2018-20170.yaml")


def test_cli_writes_default_output_and_never_overwrites(cli, tmp_path):
    src = tmp_path / "2017-衡阳市-工作要点.yaml"
    src.write_bytes(P000.read_bytes())
    res = cli("rollover", str(src), cwd=tmp_path)
    assert res.code == 0, res.err
    out = tmp_path / "plans" / "2018-衡阳市-工作要点.yaml"
    assert load(out).plan.year == 2018
    assert "Years moved (7)" in res.out and "Years kept (2)" in res.out
    assert src.read_bytes() == P000.read_bytes()
    first = out.read_bytes()
    out.write_text("# mine\n" + first.decode("utf-8"), encoding="utf-8")
    mine = out.read_bytes()
    res = cli("rollover", str(src), cwd=tmp_path)
    assert res.code == 2 and "already exists" in res.err and "Traceback" not in res.err
    assert out.read_bytes() == mine
    res = cli("rollover", str(src), "--force", cwd=tmp_path)
    assert res.code == 0 and out.read_bytes() == first


def test_cli_refuses_to_overwrite_its_input(cli, tmp_path):
    src = tmp_path / "p.yaml"
    src.write_bytes(P000.read_bytes())
    res = cli("rollover", str(src), "-o", str(src))
    assert res.code == 2 and "input" in res.err
    assert src.read_bytes() == P000.read_bytes()


def test_cli_json_summary_and_options(cli, tmp_path):
    import json

    out = tmp_path / "n.yaml"
    res = cli("rollover", str(HAND), "--year", "2019", "-o", str(out), "--format", "json",
              "--targets", "blank", "--keep-done")
    assert res.code == 0, res.err
    report = json.loads(res.out)
    assert report["new_year"] == 2019 and report["dropped"] == [] and report["blanked"] == 3
    assert {k["rule"] for k in report["kept"]} >= {"book-title", "quoted", "doc-number", "fixed-date"}
    assert all(m["why"] for m in report["moved"])
    assert load(out).plan.title == "2019年全县卫生健康工作要点"


def test_cli_errors_are_located_and_clean(cli, tmp_path):
    res = cli("rollover", str(P000), "--year", "2016", "-o", str(tmp_path / "x.yaml"))
    assert res.code == 2 and "2017" in res.err and "Traceback" not in res.err
    assert not (tmp_path / "x.yaml").exists()
    noyear = tmp_path / "noyear.yaml"
    noyear.write_text("format: 1\ntitle: 全市卫生工作要点\nsections:\n  - title: 甲\n", encoding="utf-8")
    res = cli("rollover", str(noyear), "-o", str(tmp_path / "y.yaml"))
    assert res.code == 2 and "no year" in res.err
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ntitle: [\n", encoding="utf-8")
    res = cli("rollover", str(bad), "-o", str(tmp_path / "z.yaml"))
    assert res.code == 2 and "bad.yaml:" in res.err


def test_year_from_title_when_missing(tmp_path):
    doc = loads("format: 1\ntitle: 2017年全市卫生工作要点\nsections:\n  - title: 2017年底前完成\n", "t.yaml")
    r = roll(doc)
    assert r.document.plan.year == 2018 and r.document.plan.status == "draft"
    assert r.document.plan.sections[0].title == "2018年底前完成"


def test_cli_imports_a_seed_text_first(cli, tmp_path):
    src = seed_path("000")
    out = tmp_path / "from-text.yaml"
    res = cli("rollover", str(src), "-o", str(out))
    assert res.code == 0, res.err
    got = load(out).plan
    want = roll(load(P000), 2018).document.plan
    assert got.title == want.title and got.year == 2018
    assert [i.title for i in got.items()] == [i.title for i in want.items()]
    assert [i.text for i in got.items()] == [i.text for i in want.items()]
    assert all(i.id for i in got.items())


def test_passed_dates_are_relative_to_the_new_year():
    from drafter.rollover import past_dates

    assert past_dates("2017年3月9日召开", 2018) == [("2017年3月9日", "before 2018")]
    assert past_dates("2018年3月9日召开", 2018) == []
    assert past_dates("2017年底前完成", 2018) == [("2017年底", "a period of 2017")]
    assert past_dates("6月底前完成", 2018) == []
    assert past_dates("请于12月23日前反馈", 2018, undated=True) == [("12月23日", "no year: check the day")]
    assert past_dates("2017-04-30", 2018)[0][0] == "2017-04-30"
    assert _dt.date(2017, 12, 31) < _dt.date(2018, 1, 1)
