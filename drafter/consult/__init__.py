"""The 征求意见 cycle: send a draft out for comment, collect what comes back, apply decisions.

`send` writes the consult package (notice with the draft and the 意见反馈表 attached, the draft
on its own, the form on its own) through the .docx writer.  `returned` reads what units send
back (filled forms, copies with Word comments, copies with tracked changes) into `Opinion`s
tied to task IDs, by the writer's `drafter_<id>` bookmarks or, when a unit's tool dropped
them, by the text of the rendered paragraphs.  `summary` writes the 意见汇总表 (.docx/.xlsx)
and reads the office's decisions back; `apply` makes the accepted edits in the plan YAML.

An opinion carries an edit when it names a passage of its task (`quote`, 原文) and the text
that should replace it (`proposed`, 建议修改为): tracked changes always do; forms and comments
do when they write `修改为：…`.  That pair is all `apply` needs, so the 汇总表 alone (with
the plan) is enough to finish the cycle, whoever filled it in.
"""
from __future__ import annotations

from dataclasses import dataclass

ACCEPT, PARTIAL, REJECT = "采纳", "部分采纳", "不采纳"
UNTIED = "未对应条目"


@dataclass
class Opinion:
    """One comment from one unit, as a row of the 意见汇总表."""

    unit: str
    item_id: str | None  # the task it is tied to; None: the 未对应条目 group
    said: str  # 意见内容: the comment, the form's 修改意见, or the tracked change described
    quote: str = ""  # 原文: the passage of the task it is about
    proposed: str = ""  # 建议修改为: the text that would replace `quote` ('' with a quote: delete)
    reason: str = ""  # the unit's 理由
    kind: str = "comment"  # form | comment | change
    source: str = ""  # file and place, for the office to look it up
    entry: str = ""  # what the unit wrote as 条目, kept for untied form rows
    edit: bool = False  # `quote` → `proposed` is a text edit apply can make


def decision_of(text: str) -> str:
    """采纳 / 部分采纳 / 不采纳 from what an office wrote in 处理意见 ('' when undecided)."""
    from .tasks import simple_key

    t = simple_key(text or "")
    if not t:
        return ""
    if "不采纳" in t or "未采纳" in t or "不予采纳" in t:
        return REJECT
    if "部分" in t:
        return PARTIAL
    if "采纳" in t:
        return ACCEPT
    return ""
