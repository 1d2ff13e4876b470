"""The importer, `check` and collect read every heading variant as the same item number.

A heading is generated with its level (一、 （一） 1. （1）), a number 1–99 and the ways offices
type it (half-width brackets, `、．.`, spaces or U+3000 inside, full-width digits); it is put
after its canonically numbered elder siblings (and ancestors) in a small plan document, so a
misread number shows as a gap, a skipped item or an unresolved label.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.text.labels import FAMILIES, parse_style
from drafter.text.numerals import to_chinese

CANONICAL = {"cn": "一、", "cn()": "（一）", "ar": "1.", "ar()": "（1）"}
ANCESTORS = ["一、总体要求", "（一）明确工作目标", "1.完善制度建设", "（1）建立会商机制"]
SPACE = st.sampled_from(["", "", " ", "\u3000", "  "])


@st.composite
def headings(draw) -> tuple[str, int, str, str]:
    """(family, value, label as printed, spaces after it)."""
    family = draw(st.sampled_from(FAMILIES))
    value = draw(st.integers(1, 99))
    if family.startswith("cn"):
        numeral = to_chinese(value)
    else:
        numeral = str(value)
        if draw(st.booleans()):
            numeral = numeral.translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    if family.endswith("()"):
        printed = (draw(st.sampled_from("（(")) + draw(SPACE) + numeral + draw(SPACE)
                   + draw(st.sampled_from("）)")))
    else:
        printed = numeral + draw(SPACE) + draw(st.sampled_from(["、", "．", "."]))
    return family, value, printed, draw(SPACE)


def _document(family: str, value: int, printed: str, trail: str) -> list[str]:
    rank = FAMILIES.index(family)
    style = parse_style(CANONICAL[family])
    paras = ["2026年卫生健康工作要点"] + ANCESTORS[:rank]
    paras += ["%s做好第%s项重点工作" % (style.format(n), to_chinese(n)) for n in range(1, value)]
    paras.append(printed + trail + "推进健康城市建设。按季度调度。")
    return paras


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headings())
def test_importer_check_and_collect_read_the_same_label(heading):
    from drafter import lint, readers
    from drafter.consult.returned import Tasks
    from drafter.ids import assign_ids
    from drafter.lint.sources import document_context

    family, value, printed, trail = heading
    rank = FAMILIES.index(family)
    paras = _document(*heading)

    # the importer, through its public entry on a generated .txt
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plan.txt"
        src.write_text("\n".join(paras) + "\n", encoding="utf-8")
        plan = readers.read(src).plan
    nodes = plan.sections
    for _ in range(rank):
        nodes = nodes[0].items
    assert len(nodes) == value, "the importer lost or added items at level %d" % rank
    node = nodes[-1]
    assert node.source.label == printed and node.title == "推进健康城市建设"
    assert parse_style(plan.numbering.style(rank)).family == family

    # check: the same level, and a number that follows its elder siblings
    headings_seen = document_context(paras, "plan.txt").headings
    assert (headings_seen[-1].depth, headings_seen[-1].label) == (rank, printed)
    found = lint.check_paragraphs(paras, "plan.txt")
    at_heading = {f.code for f in found if f.paragraph == len(paras)}
    assert not at_heading & {"numbering-gap", "numbering-repeat"}, found
    if printed != "".join(printed.split()):
        assert "numbering-spacing" in at_heading

    # collect: a unit that names the item by its number, however typed
    assign_ids(plan)
    assert Tasks(plan).resolve(printed) == node.id


def test_check_reports_the_variants_the_importer_accepts():
    from drafter import lint

    paras = ["一.总体要求", "二.主要任务", "（ 一 ）加强监管。", "（二）完善制度。"]
    found = {(f.code, f.paragraph): f.message for f in lint.check_paragraphs(paras)}
    assert "“一、”" in found[("numbering-punct", 1)] and "本级2个" in found[("numbering-punct", 1)]
    assert "“（一）”" in found[("numbering-spacing", 3)]
    assert not {code for code, _ in found} & {"numbering-gap", "numbering-repeat"}
