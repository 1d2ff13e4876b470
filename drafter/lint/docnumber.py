"""发文字号: issuer abbreviation + 〔year〕 + number + 号 (GB/T 9704 7.2.3): `衡卫发〔2017〕3号`.
Square or round brackets, 【】, a leading zero and 第 are the classic send-back reasons; the
same check runs on document numbers cited in running text."""
from __future__ import annotations

import re

from .base import Context, Span, rule

rule("doc-number", "error", "发文字号格式：机关代字〔年份〕序号号，不用[]()【】，不加“第”，序号不编虚位", fixable=True)

# the bracketed year and number of a 发文字号, right after the last character of its 代字
CITED = re.compile(r"(?<=[\u4e00-\u9fff])(?P<all>[ \u3000]*(?P<open>[〔\[［【(（{｛])[ \u3000]*(?P<year>\d{4})"
                   r"[ \u3000]*(?P<close>[〕\]］】)）}｝])[ \u3000]*(?P<di>第)?[ \u3000]*(?P<num>\d+)[ \u3000]*)"
                   r"(?P<hao>[号號])")


def year_of(doc_number: str) -> int | None:
    m = CITED.search(doc_number)
    return int(m.group("year")) if m else None


def check(ctx: Context) -> None:
    for span in ctx.texts():
        if span.role == "doc-number":
            _whole(ctx, span)
        else:
            for m in CITED.finditer(span.text):
                _cited(ctx, span, m)


def _whole(ctx: Context, span: Span) -> None:
    text = span.text.strip()
    m = CITED.search(span.text)
    if m is not None:
        _cited(ctx, span, m)
    elif text:
        ctx.report("doc-number", "发文字号“%s”不合规范，应为“机关代字〔年份〕序号号”，如“衡卫发〔2017〕3号”"
                   % text, span, span.text.index(text[0]))


def _cited(ctx: Context, span: Span, m: re.Match) -> None:
    good = "〔%s〕%d" % (m.group("year"), int(m.group("num")))
    if m.group("all") == good:
        return
    problems = []
    if m.group("open") != "〔" or m.group("close") != "〕":
        problems.append("年份应用六角括号〔〕，不用“%s%s”" % (m.group("open"), m.group("close")))
    if m.group("di"):
        problems.append("序号前不加“第”")
    if m.group("num").startswith("0"):
        problems.append("序号不编虚位（不加前导0）")
    if not problems:
        problems.append("不应有空格")
    whole = span.text[max(0, m.start() - 6):m.end()]
    start = m.start("all")
    ctx.report("doc-number", "发文字号“…%s”：%s，应为“%s%s”" % (whole.lstrip(), "；".join(problems), good, m.group("hao")),
               span, start, edits=[(start, m.group("all"), good)])
