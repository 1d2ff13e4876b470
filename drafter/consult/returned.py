"""What units send back, read into `Opinion`s tied to task IDs: one file opened safely
(`read_returned`), then read by its shape.

Three shapes, told apart by content, not by name: a filled-in 意见反馈表 (a table with
修改意见 and 原文/条目 columns: `forms`), and copies of the draft (or of the notice with the
draft attached) carrying Word comments and/or tracked changes (`copies`).  A paragraph of a
copy belongs to the task whose `drafter_<id>` bookmark covers it; when the unit's tool dropped
the bookmarks, to the task whose rendered paragraph has the same (or nearly the same) text
(`tasks`).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import Opinion
from .copies import change_opinions, comment_opinions
from .forms import form_rows, form_tables, form_unit
from .tasks import Tasks, recognised, tie_paragraphs
from .wordml import read_body


@dataclass
class Returned:
    """One returned file: its opinions, or why it was skipped."""

    path: Path
    kind: str = ""  # form | copy | skipped
    unit: str = ""
    opinions: list[Opinion] = field(default_factory=list)
    problem: str = ""  # why it was skipped


def read_returned(path: str | Path, tasks: Tasks) -> Returned:
    """Read one returned file; a broken or foreign file comes back as kind `skipped` with the
    reason, never as an exception."""
    from ..errors import DrafterError
    from ..readers import kind_of
    from ..safeopen import open_docx

    path = Path(path)
    out = Returned(path)
    kind = kind_of(path)
    try:
        if kind == "docx":
            doc = open_docx(path)  # size, bomb, path and DTD checks
        elif kind == "office":
            doc = _converted(path)
        else:
            return _skip(out, "not a Word document (.docx, .doc, .wps or .odt)")
    except DrafterError as e:  # the reason, without the file name the caller prints anyway
        return _skip(out, getattr(e, "reason", None) or e.message.removeprefix("%s: " % path))
    try:
        return _read(doc, out, tasks)
    except Exception as e:  # a .docx shaped in a way nobody foresaw: skip it, keep the others
        return _skip(out, "could not be read (%s: %s)" % (type(e).__name__, e))


def _read(doc, out: Returned, tasks: Tasks) -> Returned:
    path = out.path
    forms = form_tables(doc)
    body = read_body(doc.element)
    ties = tie_paragraphs(body, tasks)
    if not forms and not any(ties.values()) and not recognised(body, tasks):
        return _skip(out, "neither a copy of this plan's draft nor its 意见反馈表")
    out.kind = "form" if forms else "copy"
    out.unit = form_unit(doc) or path.stem
    for table, cols in forms:
        out.opinions.extend(form_rows(table, cols, tasks, out.unit, path.name))
    # Comments and tracked changes anywhere (a returned notice carries the draft and the
    # form); edits inside a form's cells are the form's own answers, read above.
    out.opinions += comment_opinions(doc, body, ties, tasks, path)
    out.opinions += change_opinions(body, ties, tasks, path, skip_tables=bool(forms))
    return out


def _skip(out: Returned, why: str) -> Returned:
    out.kind, out.problem = "skipped", why
    return out


def _converted(path: Path):
    """.doc/.wps/.odt: converted by LibreOffice, which keeps comments and tracked changes."""
    from ..office import convert
    from ..safeopen import check_zip, open_docx, read_input

    check_zip(read_input(path), str(path))  # an .odt is a zip: refused here, not in LibreOffice
    with tempfile.TemporaryDirectory(prefix="drafter-collect-") as tmp:
        return open_docx(convert(path, "docx", tmp), str(path))
