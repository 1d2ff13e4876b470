"""Responsible offices written at the end of an item: `(機關黨委牽頭,各相關科室參與落實)`,
`（医政科、财务科分别牵头，人事科等参与落实）`, `〔…〕`, `（牵头科室：…；配合科室：…）`.

Keywords are matched on an OpenCC-simplified copy of the text, character for character, so
牽頭 and 牵头 both work while the names are returned exactly as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.script import same_length_simplified
from .brackets import split_top_level, trailing_group

NAME_SEPARATORS = "、，,；;"

_SUPPORT_WORDS = r"(?:参与落实|配合落实|协助落实|参与|配合|协助|协办|落实)"
# `甲、乙分别牵头，丙、丁参与落实` and `甲牵头` (also 负责 for 牵头)
_LEAD_FORM = re.compile(r"^(?P<lead>.+?)(?:分别|共同)?(?P<kw>牵头|负责)(?:[，,；;、]?(?P<sup>.+?)%s)?$"
                        % _SUPPORT_WORDS)
# `牵头科室：甲；配合科室：乙`
_FIELD_FORM = re.compile(r"^(?:牵头|责任)(?:科室|单位|处室|部门)?[:：](?P<lead>.+?)"
                         r"(?:[；;，,。]\s*(?:参与|配合|协办|协助)(?:科室|单位|处室|部门)?[:：](?P<sup>.+?))?[。；;]?$")


@dataclass
class Offices:
    start: int  # where the group starts in the paragraph
    lead: list[str]
    support: list[str]
    keyword: str  # 牵头 or 负责, as matched (simplified)
    brackets: str  # the brackets as written, e.g. "()" or "〔〕"


def parse_group(content: str) -> tuple[list[str], list[str], str] | None:
    """(lead, support, keyword) of a group's content as written, or None if it names no lead."""
    if "。" in content or len(content) > 200:
        return None
    simple = same_length_simplified(content)
    m = _LEAD_FORM.match(simple) or _FIELD_FORM.match(simple)
    if not m:
        return None
    lead_text = content[m.start("lead"):m.end("lead")]
    lead = split_top_level(lead_text, NAME_SEPARATORS)
    support: list[str] = []
    if m.group("sup"):
        support = split_top_level(content[m.start("sup"):m.end("sup")], NAME_SEPARATORS)
    if not lead:
        return None
    keyword = m.groupdict().get("kw") or "牵头"
    return lead, support, keyword


def find_offices(paragraph: str) -> Offices | None:
    """The offices group ending `paragraph`, if there is one."""
    group = trailing_group(paragraph)
    if group is None:
        return None
    start, opener, content, closer = group
    parsed = parse_group(content.strip())
    if parsed is None:
        return None
    lead, support, keyword = parsed
    return Offices(start, lead, support, keyword, opener + closer)
