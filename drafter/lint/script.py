"""Traditional and simplified characters mixed in one document (a converter site's leftovers,
a paragraph pasted from elsewhere).

Only characters that belong to one script alone count: OpenCC's character tables say that 干
is also a traditional character (幹 乾 干) and 范 is one too, so seed 002 (traditional, with 干部
and 規范) is not "mixed", while a 册 in it is.  The tables are read once; each document costs
one dictionary look-up per distinct character, not an OpenCC conversion of the whole text.
"""
from __future__ import annotations

from ..text.punct import is_cjk
from ..text.script import one_script_chars
from .base import Context, rule

rule("script-mixed", "warning", "繁体字与简体字混用")


def check(ctx: Context) -> None:
    simp_only, trad_only = one_script_chars()
    spans = ctx.texts()
    per_span = []
    simp = trad = 0
    for span in spans:
        chars = {c for c in span.text if is_cjk(c)}
        s, t = chars & simp_only, chars & trad_only
        per_span.append((span, s, t))
        simp += sum(span.text.count(c) for c in s)
        trad += sum(span.text.count(c) for c in t)
    if not simp or not trad:
        return
    main, minority = ("繁体", 1) if trad > simp else ("简体", 2)
    other = "简体" if minority == 1 else "繁体"
    for span, s, t in per_span:
        odd = s if minority == 1 else t
        if odd:
            first = min(span.text.index(c) for c in odd)
            ctx.report("script-mixed", "全文以%s为主，此处有%s字“%s”" % (main, other, "".join(sorted(odd))),
                       span, first)
