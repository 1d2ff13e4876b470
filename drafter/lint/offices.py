"""Lead and supporting offices: when the plan lists its `offices:`, every 牵头/参与 office must be
one of them (a typo splits one office's task list in two); suggest the closest name."""
from __future__ import annotations

from ..text.script import to_simplified
from .base import Context, rule

rule("office-unknown", "warning", "牵头或参与科室不在 offices: 名单中")


def check(ctx: Context) -> None:
    if not ctx.offices:
        return
    known = {to_simplified(o): o for o in ctx.offices}
    for span in ctx.by_role("office"):
        name = span.text.strip()
        plain = to_simplified(name)
        if plain in known or plain.startswith("各") or plain.rstrip("等") in known:
            continue
        hint = _closest(plain, known)
        ctx.report("office-unknown", "科室“%s”不在 offices: 名单中%s"
                   % (name, "；是否为“%s”？" % hint if hint else ""), span)


def _closest(name: str, known: dict[str, str]) -> str | None:
    from rapidfuzz import fuzz, process

    hit = process.extractOne(name, list(known), scorer=fuzz.ratio, score_cutoff=50)
    return known[hit[0]] if hit else None
