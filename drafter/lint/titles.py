"""Item titles: a title longer than one printed line (28 characters, GB/T 9704) is hard to
read as a heading; a heading printed on its own line does not end with `。`."""
from __future__ import annotations

from .base import Context, quote, rule

LINE_CHARS = 28

rule("title-long", "warning", "标题超过一行（28字）")
rule("title-period", "info", "单独成行的标题不以“。”结尾", fixable=True)


def check(ctx: Context) -> None:
    for h in ctx.headings:
        title = h.title.text.rstrip()
        # only a title printed on a line of its own must fit one; a run-on item's title is
        # its first sentence, and a one-line task ("1、认真贯彻……改革。") or a number line
        # that is one whole sentence above its body (seed 004) is a sentence, not a title
        if _sentence(title):
            continue
        if h.heading and len(title) > LINE_CHARS:
            ctx.report("title-long", "标题“%s”有%d字，超过一行（%d字），宜精简"
                       % (quote(title), len(title.rstrip("。")), LINE_CHARS), h.title)
        if title.endswith("。") and _own_line(ctx, h):
            end = len(title) - 1
            ctx.report("title-period", "单独成行的标题“%s”不以“。”结尾" % quote(title), h.title, end,
                       edits=[(end, "。", "")])


def _sentence(title: str) -> bool:
    """A heading line that is a whole sentence (clauses, longer than a line, closing 。) is
    written that way on purpose: neither too long for a title nor a title with a stray 。."""
    return title.endswith("。") and (len(title) > LINE_CHARS or any(c in title for c in "，,；;"))


def _own_line(ctx, h) -> bool:
    """YAML: sections and `heading: true` items.  Documents: `一、` and `（一）` lines (a
    numbered one-line task ending in `。` is a sentence)."""
    return h.heading and (ctx.is_yaml or h.depth <= 1)
