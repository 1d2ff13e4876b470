"""Punctuation and width: the half-width marks Chinese text should not hold, and the foldings
used for matching (never for what is reported: text is always reported as written)."""
from __future__ import annotations

import re

from .numerals import FULLWIDTH_DIGITS

HALF_TO_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_FOLD_TABLE = str.maketrans(HALF_TO_FULL_PUNCT)  # built once: the diff folds every item's text
# Full-width digits and signs as ASCII (`３０％` → `30%`), for str.translate.
FULLWIDTH_TO_ASCII = {**FULLWIDTH_DIGITS, 0xFF05: "%", 0xFF0E: ".", 0xFF0D: "-", 0xFF5E: "~", 0xFF0F: "/"}
SPACES = " \t\u3000\u00a0"  # the white space offices type inside a line
_SPACE_RUN = re.compile("[%s]+" % SPACES)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF
            or 0xF900 <= o <= 0xFAFF)


def fold_punct(text: str) -> str:
    """Half-width brackets, commas, colons… as their full-width forms, for matching only."""
    return text.translate(_FOLD_TABLE)


def squeeze_spaces(text: str) -> str:
    """Drop ASCII and ideographic spaces that sit between Chinese characters or punctuation."""
    return _SPACE_RUN.sub("", text)
