"""GB/T 9704's page rules, read off a laid-out document (a PDF LibreOffice made of it).

Some rules only show once a document is laid out: page 1 shows body text (§7.3.2), the 署名 and
成文日期 stand on a page with body text (§7.3.5), the 版记 is on the last face, an even page
(§7.4.1), a blank page and a 版记 page after it carry no page number (§7.5), each attachment
starts a new page (§7.3.7), and a heading never ends a page.  `page_findings` reports each
broken rule as a `Finding` with its page; `render_pages` makes the PDF when LibreOffice is
installed.  The text is read with pdfplumber: lines by baseline, with size and position.
"""
from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding
from .base import rule

PT_MM = 25.4 / 72
PAGE_NUMBER = re.compile(r"^[—–-]+\s*\d+\s*[—–-]+$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\))")
ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*$")
IMPRINT = re.compile(r"^(抄送|主送)[：:]|印发$|印發$")
BODY_PT = 16.0  # 3号
IMPRINT_PT = 14.0  # 4号

# (code, summary) of each page rule: the summary is what `check` reports
RULES = {
    "page-first-no-body": "首页无正文（GB/T 9704 7.3.2）",
    "page-signature-no-body": "署名页无正文（GB/T 9704 7.3.5）",
    "page-imprint-not-last-even": "版记不在最后一面（偶数页）（GB/T 9704 7.4.1）",
    "page-blank-numbered": "空白页或其后的版记页编排了页码（GB/T 9704 7.5）",
    "page-heading-at-foot": "标题孤悬页末（应与下文同页）",
    "page-attachment-not-new-page": "附件未另起一页（GB/T 9704 7.3.7）",
}


for _code, _summary in RULES.items():  # known to --rule, --ignore and --list-rules
    rule(_code, "warning" if _code == "page-heading-at-foot" else "error", _summary)


@dataclass
class Line:
    text: str
    size: float
    x0: float  # mm
    x1: float
    top: float
    bottom: float
    gap: float = 0.0  # the widest space between two of its characters (mm): tabbed columns


@dataclass
class Page:
    number: int
    width: float  # mm
    height: float
    lines: list[Line] = field(default_factory=list)  # without the page number
    page_number: str | None = None

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def char_rows(page) -> list[list[dict]]:
    """A pdfplumber page's characters as lines: grouped by baseline (0.5 pt buckets, 1.5 pt
    apart at most), top to bottom, each left to right."""
    rows: dict[int, list[dict]] = {}
    for c in sorted(page.chars, key=lambda c: (round(c["bottom"]), c["x0"])):
        key = round(c["bottom"] * 2)
        near = [k for k in rows if abs(k - key) <= 3]
        rows.setdefault(near[0] if near else key, []).append(c)
    return [sorted(rows[key], key=lambda c: c["x0"]) for key in sorted(rows)]


def read_pages(pdf: str | Path) -> list[Page]:
    """The PDF's pages: lines of text grouped by baseline (page numbers `— N —` apart)."""
    from ..safeopen import open_pdf, read_input

    pages = []
    with open_pdf(read_input(pdf), str(pdf)) as doc:
        for i, p in enumerate(doc.pages, 1):
            page = Page(i, float(p.width) * PT_MM, float(p.height) * PT_MM)
            turned = "".join(c["text"] for c in sorted((c for c in p.chars if not c.get("upright", True)),
                                                       key=lambda c: c["top"])).strip()
            if PAGE_NUMBER.match(turned):  # a landscape page's number, turned with the page (§8)
                page.page_number = turned
            for row in char_rows(p):
                chars = [c for c in row if c["text"].strip() and c.get("upright", True)]
                if not chars:
                    continue
                text = "".join(c["text"] for c in chars)
                size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
                gap = max((b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])), default=0.0)
                line = Line(text, size, chars[0]["x0"] * PT_MM, chars[-1]["x1"] * PT_MM,
                            min(c["top"] for c in chars) * PT_MM, max(c["bottom"] for c in chars) * PT_MM,
                            max(0.0, gap) * PT_MM)
                if PAGE_NUMBER.match(text) and line.top > page.height * 0.8:
                    page.page_number = text
                else:
                    page.lines.append(line)
            pages.append(page)
    return pages


def _body_size(line: Line) -> bool:
    return abs(line.size - BODY_PT) < 0.6


def _is_imprint(line: Line) -> bool:
    return abs(line.size - IMPRINT_PT) < 0.6 and bool(IMPRINT.search(line.text))


def imprint_pages(pages: list[Page]) -> list[int]:
    """Numbers of the pages that hold 版记 lines (抄送：…, 主送：…, …印发)."""
    return [p.number for p in pages if any(_is_imprint(ln) for ln in p.lines)]


def body_end_page(pages: list[Page]) -> int:
    """The last page with text other than the 版记."""
    return max((p.number for p in pages if any(abs(ln.size - IMPRINT_PT) >= 0.6 for ln in p.lines)), default=0)


def page_findings(pages: list[Page], source: str | None = None) -> list[Finding]:
    """Every page rule the laid-out document breaks, each with the page it is on."""
    out: list[Finding] = []

    def finding(code: str, page: int, detail: str = "") -> None:
        out.append(Finding("error" if code != "page-heading-at-foot" else "warning", code,
                           RULES[code] + (": " + detail if detail else ""), source, page=page))

    if not pages:
        return out
    _first_page(pages[0], finding)
    _signature_page(pages, finding)
    _imprint(pages, finding)
    for page in pages:
        if not page.lines and page.page_number:
            finding("page-blank-numbered", page.number, "空白页显示页码 %s" % page.page_number)
    for page, nxt in zip(pages, pages[1:]):
        body = [ln for ln in page.lines if _body_size(ln)]
        if body and nxt.lines and HEADING.match(body[-1].text) and "。" not in body[-1].text \
                and body[-1] is page.lines[-1]:
            finding("page-heading-at-foot", page.number, body[-1].text[:20])
    for page in pages:
        for i, ln in enumerate(page.lines):
            if ATTACHMENT_LABEL.match(ln.text.replace(" ", "")) and i > 0:
                finding("page-attachment-not-new-page", page.number, ln.text)
    return out


def _first_page(page: Page, finding) -> None:
    """Body text on page 1: a 3号 line after the 主送 line (which ends with ：), or, without
    one, after the title."""
    lines = page.lines
    ends = [i for i, ln in enumerate(lines) if _body_size(ln) and ln.text.endswith(("：", ":"))]
    titles = [i for i, ln in enumerate(lines) if ln.size > BODY_PT + 3]
    start = ends[0] + 1 if ends else (titles[-1] + 1 if titles else 0)
    if not any(_body_size(ln) for ln in lines[start:]):
        finding("page-first-no-body", 1)


def _signature_lines(page: Page, date_at: int) -> int:
    """Index of the first of the 署名 lines right above the date at `date_at`: one a line to
    the right (a joint issue's under each other), or columns set apart by wide gaps (a joint
    issue's under the seals); never fewer than one."""
    body = [ln for ln in page.lines if _body_size(ln)]
    left = min((ln.x0 for ln in body), default=0.0)
    i = date_at - 1
    while i > 0:
        ln = page.lines[i - 1]
        char = ln.size * PT_MM
        signs = _body_size(ln) and len(ln.text) <= 40 and not re.search(r"[。；，：、]", ln.text) \
            and (ln.x0 - left >= 3 * char or ln.gap >= 2 * char)
        if not signs:
            break
        i -= 1
    return i


def _signature_page(pages: list[Page], finding) -> None:
    """The 成文日期 (the first date line standing alone) and the 署名s above it: some body text
    stands above them on the same page."""
    for page in pages:
        for i, ln in enumerate(page.lines):
            if _body_size(ln) and DATE.match(ln.text.replace(" ", "")):
                above = [x for x in page.lines[:max(0, _signature_lines(page, i))] if _body_size(x)
                         and not x.text.startswith("附件") and not re.match(r"^\d+[.．]", x.text)]
                if page.number == 1:
                    above = above[1:] if above else above  # the 发文字号 is not body text
                if not above:
                    finding("page-signature-no-body", page.number)
                return


def _imprint(pages: list[Page], finding) -> None:
    where = imprint_pages(pages)
    if not where:
        return
    last = pages[-1].number
    if where[-1] != last or last % 2:
        finding("page-imprint-not-last-even", where[-1],
                "版记在第%d页，共%d页" % (where[-1], last))
    page = pages[where[-1] - 1]
    if page.page_number and where[-1] >= 2 and not pages[where[-1] - 2].lines:
        finding("page-blank-numbered", page.number, "空白页后的版记页显示页码 %s" % page.page_number)


def render_pages(docx: str | Path) -> list[Page]:
    """Lay `docx` out with LibreOffice and read its pages (raises OfficeError without it)."""
    from ..office import convert

    with tempfile.TemporaryDirectory(prefix="drafter-pages-") as tmp:
        return read_pages(convert(docx, "pdf", tmp))


def libreoffice_available() -> bool:
    from ..office import OfficeMissing, soffice

    try:
        return bool(soffice())
    except OfficeMissing:
        return False
