"""Text as the diff compares it: one script, one punctuation width, no stray spaces.

Traditional and simplified text of the same plan must compare equal, but running OpenCC over
every item of a 5,000-item plan costs seconds; so only text that holds a traditional character
goes through the phrase-aware conversion (`text.script.to_simplified`, cached).  Text is always *reported* as written; these forms are for matching.
"""
from __future__ import annotations

import functools
import re

from ..text.punct import FULLWIDTH_TO_ASCII, HALF_TO_FULL_PUNCT
from ..text.script import to_simplified

_SPACES = re.compile(r"[ \t\u3000\u00a0\n]+")


def simplify(text: str) -> str:
    """Traditional → simplified through OpenCC's phrase tables (`to_simplified` leaves text it
    cannot change alone without loading them)."""
    return to_simplified(text)


# Half-width punctuation to full-width, full-width digits and signs to ASCII, in one pass; the
# pass only runs when the text holds one of them (str.translate costs ~50 ns a character).
_KEY_TABLE = {**str.maketrans(HALF_TO_FULL_PUNCT), **FULLWIDTH_TO_ASCII}
_KEY_CHARS = re.compile("[%s]" % re.escape("".join(map(chr, _KEY_TABLE))))


@functools.lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """The form two texts are compared in: simplified, full-width punctuation, ASCII digits,
    no white space, no closing full stop.  (Character-by-character conversion is not enough:
    OpenCC's s2t turns some characters differently by phrase, and only its t2s undoes that.)
    Cached: the diff asks for the same item's key several times."""
    t = _SPACES.sub("", to_simplified(text))
    if _KEY_CHARS.search(t):
        t = t.translate(_KEY_TABLE)
    return t.rstrip("。.；;")
