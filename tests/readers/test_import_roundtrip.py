"""Round trips through drafter's own renderer: import → render --as plan → import gives the same
plan for every seed, and import(render(plan)) == plan for generated plans (hypothesis).  Also
the laws of the small parsers (labels, offices) over generated input."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SEED_FILES, seed_path
from drafter.text.script import to_traditional
from drafter.model import Item, Numbering, Plan, strip_ids
from drafter.text.labels import parse_style
from drafter.readers import read
from drafter.text.labels import parse_label
from drafter.readers.offices import find_offices


def printed_content(plan: Plan) -> Plan:
    """What `render --as plan` prints: no notice, no issuer line, no meta."""
    return replace(strip_ids(plan), notice=None, issuer="", meta={})


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_seed_render_import_round_trip(key, tmp_path):
    from drafter.writers.docx import write

    for part in (("plan", "review") if key == "003" else ("plan",)):
        first = read(seed_path(key), part=part).plan
        out = write(first, tmp_path / ("%s-%s.docx" % (key, part)), "plan")
        again = read(out).plan
        assert printed_content(again) == printed_content(first)


# Generated plans ----------------------------------------------------------------------------------

WORDS = "卫生健康医疗服务加强推进建设管理体系完善提升工作机制能力质量基层公共保障落实深化改革"
word = st.text(alphabet=WORDS, min_size=2, max_size=12)
sentence = st.builds(lambda a, b: a + "，" + b + "。", word, word)
paragraph = st.lists(sentence, min_size=1, max_size=3).map("".join)
office = st.text(alphabet=WORDS, min_size=1, max_size=5).map(lambda s: s + "科")

STYLES = {1: ["（一）", "(一)", "1、", "1．", "1."], 2: ["1、", "1.", "（1）", "(1)"]}


@st.composite
def items(draw, depth: int, max_depth: int):
    n = draw(st.integers(0 if depth else 1, 4 if depth < 2 else 3))
    out = []
    for _ in range(n):
        text = "\n\n".join(draw(st.lists(paragraph, max_size=2)))
        kids = draw(items(depth + 1, max_depth)) if depth < max_depth else []
        heading = draw(st.booleans()) and bool(text or (not kids and depth > 0))
        lead = draw(st.lists(office, max_size=3, unique=True))
        support = draw(st.lists(office, max_size=2, unique=True)) if lead else []
        if not text and not heading:
            lead, support = [], []  # offices sit at the end of the item's text
        tag = draw(st.sampled_from(["", "（重点项目第%d项）" % draw(st.integers(1, 99))]))
        out.append(Item(title=draw(word), text=text, heading=heading, lead=lead, support=support,
                        tag=tag, items=kids))
    return out


@st.composite
def plans(draw):
    max_depth = draw(st.integers(1, 2))
    sections = draw(items(0, max_depth))
    levels = ["一、"] + [draw(st.sampled_from(STYLES[d])) for d in range(1, max_depth + 1)]
    if max_depth == 2 and parse_style(levels[1]).kind == parse_style(levels[2]).kind and \
            ("(" in levels[1] or "（" in levels[1]) == ("(" in levels[2] or "（" in levels[2]):
        levels[2] = "（1）" if "、" in levels[1] or "." in levels[1] or "．" in levels[1] else "1、"
    continuous = [False]
    for d in range(1, max_depth + 1):
        groups = [n for n, depth in Plan(sections=sections).walk() if depth == d - 1 and n.items]
        continuous.append(draw(st.booleans()) if len(groups) >= 2 else False)
    depth = max(d for _, d in Plan(sections=sections).walk()) + 1
    levels, continuous = levels[:depth], continuous[:depth]  # deeper styles cannot be seen in print
    closing = draw(st.sampled_from(["", "同志们，" + draw(sentence)]))
    year = draw(st.integers(2000, 2030))
    return Plan(title="%d年%s工作要点" % (year, draw(word)), year=year, status=draw(st.sampled_from(["final", "draft"])),
                preamble=draw(paragraph), numbering=Numbering(levels=levels, continuous=continuous),
                sections=sections, closing=closing)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_import_of_rendered_plan_is_the_plan(tmp_path_factory, plan):
    from drafter.writers.docx import write

    out = write(plan, tmp_path_factory.mktemp("gen") / "plan.docx", "plan")
    assert printed_content(read(out).plan) == printed_content(plan)


# Labels and offices ------------------------------------------------------------------------------

@given(st.sampled_from(["一、", "（一）", "(一)", "1、", "1.", "1．", "（1）", "(1)"]), st.integers(1, 199), word)
def test_a_label_reads_back_its_number(style, n, title):
    s = parse_style(style)
    label = parse_label(s.format(n) + title + "。")
    assert label is not None and label.value == n and label.style == style
    assert label.printed == s.format(n)


@given(st.lists(office, min_size=1, max_size=4, unique=True), st.lists(office, max_size=4, unique=True),
       st.booleans(), st.booleans(), st.sampled_from(["（）", "()", "〔〕"]))
def test_offices_read_back_as_written(lead, support, traditional, half_width, brackets):
    words = "%s%s牵头" % ("、".join(lead), "分别" if len(lead) > 1 else "")
    if support:
        words += ("," if half_width else "，") + "、".join(support) + "参与落实"
    text = "加强工作。" + brackets[0] + words + brackets[1]
    if traditional:
        text = to_traditional(text)
    found = find_offices(text)
    assert found is not None and found.start == len("加强工作。")
    expect = (lead, support) if not traditional else ([to_traditional(x) for x in lead],
                                                       [to_traditional(x) for x in support])
    assert (found.lead, found.support) == expect


# 联合行文 ----------------------------------------------------------------------------------------

JOINT = ["某市卫生健康委员会", "某市财政局", "某市医疗保障局", "某市人力资源和社会保障局"]


@pytest.mark.parametrize("seal", [False, True], ids=["one-a-line", "seal-rows"])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_joint_notice_reads_back_its_issuers(n, seal, tmp_path):
    """A joint notice drafter printed, its 署名s one a line (no seals) or in rows under the seals,
    imports with the lead issuer as `issuer` and the others, in order, as `co_issuers`; no name
    is left in the body."""
    import datetime as dt

    from drafter.model import Notice
    from drafter.writers.docx import assemble, layout

    plan = Plan(title="2020年全市卫生健康工作要点", issuer=JOINT[0], year=2020,
                sections=[Item(title="深化改革", items=[Item(title="推进分级诊疗", text="建立医联体。")])],
                notice=Notice(recipients=["各县区卫生健康局"], date=dt.date(2020, 3, 9), doc_number="某卫发〔2020〕1号",
                              co_issuers=JOINT[1:n], seal=seal))
    path = assemble(layout(plan, "notice"), imprint="same").save(tmp_path / "joint.docx")
    notice = read(path).plan.notice
    assert (notice.issuer, notice.co_issuers, notice.date) == (JOINT[0], JOINT[1:n], dt.date(2020, 3, 9))
    assert not any(name in notice.body for name in JOINT)


def test_joint_signatures_in_two_columns_of_a_text_file():
    """Four issuers signing two a row with runs of spaces between them (GB18030 text): the lead
    first, the rest in reading order, the date under them."""
    from helpers import DATA

    notice = read(DATA / "genre" / "23_joint_issuers.txt").plan.notice
    assert notice.issuer == "青川市爱国卫生运动委员会"
    assert notice.co_issuers == ["青川市卫生健康委员会", "青川市生态环境局", "青川市住房和城乡建设局"]
