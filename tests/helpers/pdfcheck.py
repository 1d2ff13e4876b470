"""Measuring PDFs made by LibreOffice: lines of text with their position, size, font and colour,
and the rules drawn on each page.  The GB/T 9704 acceptance tests assert on these numbers.

`convert_many` runs one LibreOffice for a batch of .docx files (each start costs seconds).
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PT_MM = 25.4 / 72
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
# A line may not start with these, nor end with the openers: LibreOffice then moves a character
# to the next line (禁则), and the line holds one character fewer.
NO_START = set("，。、；：？！）》」』”’…—·%,.;:)!?")
NO_END = set("（《「『“‘(")


def convert_many(docx_files: list[Path], outdir: Path, fmt: str = "pdf") -> list[Path]:
    """Convert .docx files to PDF (or `fmt`: "docx", "odt") with one LibreOffice run and
    drafter's font aliases."""
    from drafter.office import office_env, soffice

    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-test-lo-") as profile:
        cmd = [soffice(), "-env:UserInstallation=" + Path(profile).as_uri(), "--headless",
               "--invisible", "--nologo", "--norestore", "--nodefault", "--convert-to", fmt,
               "--outdir", str(outdir)] + [str(Path(f).resolve()) for f in docx_files]
        subprocess.run(cmd, capture_output=True, timeout=600, env=office_env(), check=False)
    out = [outdir / (Path(f).stem + "." + fmt.split(":")[0]) for f in docx_files]
    missing = [str(p) for p in out if not p.exists()]
    assert not missing, "LibreOffice made no PDF for %s" % missing
    return out


@dataclass
class Line:
    chars: list[dict]
    page: int

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def squeezed(self) -> str:
        return re.sub(r"\s+", "", self.text)

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars if c["text"].strip()) * PT_MM

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars if c["text"].strip()) * PT_MM

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars) * PT_MM

    @property
    def baseline(self) -> float:
        return max(c["bottom"] for c in self.chars) * PT_MM

    @property
    def size(self) -> float:
        return Counter(round(c["size"], 1) for c in self.chars if c["text"].strip()).most_common(1)[0][0]

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in self.chars if c["text"].strip()}

    def colours(self) -> set[tuple]:
        return {tuple(round(v, 2) for v in (c.get("non_stroking_color") or (0,)))
                for c in self.chars if c["text"].strip()}


@dataclass
class Page:
    number: int
    width: float  # mm
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)  # x0, x1, top (mm), colour, width (pt)

    @property
    def body_lines(self) -> list[Line]:
        """Lines of text, without the page number."""
        return [ln for ln in self.lines if not PAGE_NUMBER.match(ln.squeezed)]

    @property
    def page_number(self) -> Line | None:
        nums = [ln for ln in self.lines if PAGE_NUMBER.match(ln.squeezed)]
        return nums[0] if nums else None


def read_pdf(path: Path) -> list[Page]:
    import pdfplumber

    from drafter.lint.pages import char_rows

    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for i, p in enumerate(pdf.pages, 1):
            page = Page(i, float(p.width) * PT_MM, float(p.height) * PT_MM)
            for chars in char_rows(p):
                if any(c["text"].strip() for c in chars):
                    page.lines.append(Line(chars, i))
            for obj in list(p.lines) + list(p.rects):
                w, h = abs(obj["x1"] - obj["x0"]), abs(obj["bottom"] - obj["top"])
                if w > 50 and h < 4:
                    colour = obj.get("stroking_color") if obj in p.lines else \
                        (obj.get("non_stroking_color") if obj.get("fill") else obj.get("stroking_color"))
                    page.rules.append({"x0": obj["x0"] * PT_MM, "x1": obj["x1"] * PT_MM,
                                       "top": obj["top"] * PT_MM,
                                       "colour": tuple(round(v, 2) for v in (colour or (0,))),
                                       "width": max(h, obj.get("linewidth") or 0)})
            pages.append(page)
    return pages


def is_red(colour: tuple) -> bool:
    return len(colour) == 3 and colour[0] > 0.8 and colour[1] < 0.2 and colour[2] < 0.2 or \
        len(colour) == 4 and colour[1] > 0.8 and colour[2] > 0.8 and colour[3] < 0.2


def full_width_only(text: str) -> bool:
    """True when every character is a full-width one (CJK or full-width punctuation)."""
    return bool(text) and all(ord(ch) >= 0x2E80 for ch in text)


def pdf_text(pages: list[Page]) -> str:
    """All text in reading order, page numbers dropped, whitespace removed."""
    return "".join(ln.squeezed for p in pages for ln in p.body_lines)
