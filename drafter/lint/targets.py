"""Targets: a rate (…率) above 100% is a typo, and a `〔待定〕` placeholder left by rollover
means a target nobody filled in.  Quantities are found by the diff's `extract_targets`, so
check and diff agree on what a target is and what it measures."""
from __future__ import annotations

import re

from ..text.targets import extract_targets
from .base import Context, rule

rule("target-rate", "warning", "“率”的目标值超过100%")
rule("target-placeholder", "error", "留有〔待定〕等占位符")

_GROWTH = ("增长", "增幅", "提高", "提升", "增加", "上升", "下降", "降低", "减少")
PLACEHOLDER = re.compile(r"[〔【\[［(（]\s*(?:待定|待填|待补充?|待核实?|TBD|XX|××)\s*[〕】\]］)）]")


def check(ctx: Context) -> None:
    for span in ctx.texts():
        for m in PLACEHOLDER.finditer(span.text):
            ctx.report("target-placeholder", "“%s”占位符尚未填写" % m.group(0), span, m.start())
        for t in extract_targets(span.text):
            if t.kind != "rate" or "率" not in t.label or not t.value.endswith(("%", "％")):
                continue
            if any(w in t.label for w in _GROWTH):
                continue
            if max(float(x) for x in re.findall(r"\d+(?:\.\d+)?", t.value)) > 100:
                ctx.report("target-rate", "“%s%s”：比率不会超过100%%" % (t.label, t.value), span, t.start)
