"""Synthetic PDF pages without LibreOffice: pdfplumber-like characters on a 27-character line,
for the PDF reader's line and paragraph rules (tests/readers/test_import_pdf.py and the
held-out office tests)."""
from __future__ import annotations

import re

EM = 16.0
LEFT, RIGHT = 80.0, 80.0 + 27 * EM
WIDTH = LEFT + RIGHT  # margins alike on both sides
FULL_WIDTH = re.compile(r"[\u2e80-\uffef]")


def glyphs(text: str, x: float, top: float, size: float = EM) -> list[dict]:
    """pdfplumber-like char dicts: Chinese characters one em wide, Latin ones half."""
    out = []
    for ch in text:
        w = size if FULL_WIDTH.match(ch) else (size / 4 if ch == " " else size / 2)
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size,
                    "upright": True})
        x += w
    return out


def width(text: str, size: float = EM) -> float:
    return sum(g["x1"] - g["x0"] for g in glyphs(text, 0, 0, size))
