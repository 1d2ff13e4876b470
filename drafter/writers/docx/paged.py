"""The 版记 on the last even page, measured rather than estimated: lay the document out once
with LibreOffice, see where the body ends and the 版记 falls, and place it for good.

`build` estimates the page count on the grid (`fit.imprint_place`); over a long plan that
estimate can be a page off, so a render that can reach LibreOffice (`write(measure=True)`,
`render --pdf`, the tests) asks it instead.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from ... import cache
from .fit import IMPRINT_ROLES, place_for


def ends_with_imprint(paras: list) -> bool:
    return bool(paras) and paras[-1].role in IMPRINT_ROLES


def measured_place(docx: str | Path) -> str:
    """same, next or blank for a document laid out with its 版记 simply following the body."""
    from ...lint.pages import render_pages

    return place_from_pages(render_pages(docx))


def place_from_pages(pages: list) -> str:
    """same, next or blank, from the pages (`lint.pages.read_pages`) of a document laid out
    with its 版记 simply following the body."""
    from ...lint.pages import imprint_pages

    where = imprint_pages(pages)
    if not where:
        return "same"
    at = where[-1]
    return place_for(at - 1 if _alone(pages[at - 1]) else at, at)


def _alone(page) -> bool:
    """The 版记 page holds nothing but the 版记 (it was pushed off the body's last page)."""
    from ...lint.pages import IMPRINT_PT

    return all(abs(ln.size - IMPRINT_PT) < 0.6 for ln in page.lines)


def settled(paras: list, assemble_kw: dict):
    """The package of `paras` with its 版记 placed by a LibreOffice layout."""
    from .build import assemble

    if not ends_with_imprint(paras):
        return assemble(paras, **assemble_kw)
    first = assemble(paras, imprint="same", **assemble_kw)

    def measure() -> str:
        with tempfile.TemporaryDirectory(prefix="drafter-settle-") as tmp:
            probe = Path(tmp) / "probe.docx"
            first.save(probe)
            return measured_place(probe)

    place = cache.json_entry("paged", _layout_source(first), measure)
    return first if place == "same" else assemble(paras, imprint=place, **assemble_kw)


def _layout_source(package) -> bytes:
    """What a LibreOffice layout of `package` depends on: every part but the document
    properties (their timestamps change on every run), so the same notice is laid out once."""
    import hashlib

    digest = hashlib.sha256()
    for name in sorted(package.parts):
        if not name.startswith("docProps/"):
            digest.update(name.encode("utf-8") + b"\0" + package.parts[name] + b"\0")
    return digest.digest()
