"""Targets: a rate (…率) above 100% is a typo, and a `〔待定〕` placeholder left by rollover
means a target nobody filled in."""
from __future__ import annotations

import re

from .base import Context, rule

rule("target-rate", "warning", "“率”的目标值超过100%")
rule("target-placeholder", "error", "留有〔待定〕等占位符")

_RATE = re.compile(r"率[^，。；,;、]{0,8}?(\d+(?:\.\d+)?)\s*[%％]")
_GROWTH = ("增长", "增幅", "提高", "提升", "增加", "上升", "下降", "降低", "减少")
PLACEHOLDER = re.compile(r"[〔【\[［(（]\s*(?:待定|待填|待补充?|待核实?|TBD|XX|××)\s*[〕】\]］)）]")


def check(ctx: Context) -> None:
    for span in ctx.texts():
        for m in PLACEHOLDER.finditer(span.text):
            ctx.report("target-placeholder", "“%s”占位符尚未填写" % m.group(0), span, m.start())
        for m in _RATE.finditer(span.text):
            phrase = span.text[max(0, m.start() - 6):m.end()]
            if float(m.group(1)) > 100 and not any(w in phrase for w in _GROWTH):
                ctx.report("target-rate", "“%s”：比率不会超过100%%" % phrase.lstrip("，。；"), span,
                           m.start(1))
