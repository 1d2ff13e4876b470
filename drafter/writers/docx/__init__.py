"""The .docx writer: plans as GB/T 9704-2012 notices, plans, consult notices and task tables.

Two steps, usable apart (the redline writer composes a diff between them):

``layout(plan, kind="plan"|"notice"|"consult"|"tasks", template_dir=None, *, findings=None)
-> list[Para]``
    What is printed, in order.  ``Para(role, runs, node_path=None, node_id=None, change=None,
    level=None, page_break=False, cells=None)``; ``Run(text, role="text", change=None,
    move=None)``.  Each paragraph of a plan item carries the item's path (as
    ``Plan.walk_paths`` gives it) and id.  Roles are the keys of ``roles:`` in look.yaml
    (title, draft_mark, body, item, h1–h4, issuer_mark, doc_number, recipients, signature,
    date, note, attachment_note, attachment_label, blank, cc, imprint, table_title,
    table_head, table_row; copy_number, secrecy, urgency, joint_mark, letter_head,
    letter_number, letter_cc, recipients_imprint); run roles: label, title, tag, text, lead,
    mark.  All wording comes
    from templates; characters XML cannot hold are dropped with a warning in ``findings``.

``assemble(paras, look=None, *, author="drafter", date=None, template_dir=None) -> Package``
    Lays the paragraphs out by the look, as WordprocessingML text spliced into the look's
    parts (made once per look): no python-docx, no XML tree.  ``Package.save(path)`` writes
    atomically; ``build(...)`` is the same as a python-docx Document, for code that reads or
    edits it.  ``Run.change`` in None, "ins", "del", "moveFrom",
    "moveTo" becomes ``w:ins`` / ``w:del`` (with ``w:delText``) / move ranges named by
    ``Run.move`` (paired by order when None); ``Para.change`` "ins"/"del" also marks the
    paragraph mark (``w:pPr/w:rPr/w:ins|w:del``) and every run without its own change.

Task anchors: every paragraph run of one plan item (``Para.node_id``, first paragraph through
last; in a task table, the row's task cell) is wrapped in a hidden bookmark
``drafter_<item id>`` (``bookmark_name(id)``; ``item_id_of(name)`` reads it back, None for
other bookmarks).  Items without an id get none.  LibreOffice and Word keep bookmarks through
editing, so a returned copy of the document can be mapped back to the plan by id.

The 版记 (cc/imprint paragraphs) at the end of a document goes into a DrawingML text box
anchored in the last paragraph and aligned to the bottom of the 版心 (wrap top-and-bottom), so
its last rule sits on the bottom edge of the last page's 版心 in Word and LibreOffice alike.
That page is the last face, an even one (``assemble(imprint=...)``: under the body, on the
next page, or after a blank page without page number); ``write(measure=True)`` (``render
--pdf``) places it by a LibreOffice layout (``paged``), otherwise the grid estimate of ``fit``
decides.  ``fit`` also keeps page 1 and the 署名 page with body text (see docs/layout.md).
Landscape tables (§8) get sections of their own with turned page numbers.

Item labels: ``layout(..., numbering="text")`` prints them as runs (role label);
``numbering="word"`` sets ``Para.num`` (a ``NumRef``: list key, level, style) instead and
``build`` writes ``word/numbering.xml`` (chineseCounting or decimal, the style's own prefix
and suffix, no tab, the label in its level's font), so Word and LibreOffice renumber by
themselves.  A continuous depth starts a list of its own (LibreOffice 7.4 ignores
``w:lvlRestart w:val="0"``); a node's own numbering gets its own lists.

``save(doc_or_package, path)`` writes atomically.  ``render(plan, kind, template_dir)`` =
layout + build (a python-docx Document); ``write(plan, path, kind, template_dir, findings)``
= layout + assemble + save.  ``load_look(template_dir)``
gives the look (``templates/look.yaml``, overridable per office).
"""
from __future__ import annotations

from pathlib import Path

from ...anchors import bookmark_name, item_id_of
from .build import assemble, build, save, style_id, style_name
from .layout import (KINDS, NUMBERINGS, MissingField, NumRef, Para, Run, check_notice, default_kind,
                     layout, task_rows)
from .look import Look, load_look

__all__ = ["KINDS", "NUMBERINGS", "Look", "MissingField", "NumRef", "Para", "Run", "assemble", "bookmark_name", "build", "check_notice",
           "default_kind", "item_id_of", "layout", "load_look", "render", "save", "style_id", "style_name", "task_rows", "write"]


def render(plan, kind: str | None = None, template_dir: str | None = None, *, findings=None,
           numbering: str = "text"):
    """The plan as a python-docx Document of `kind` (default: notice if it has one, else plan);
    item labels as literal text or, numbering="word", as Word list numbering."""
    kind = kind or default_kind(plan)
    return build(layout(plan, kind, template_dir, findings=findings, numbering=numbering),
                 template_dir=template_dir)


def write(plan, path: str | Path, kind: str | None = None, template_dir: str | None = None, *,
          findings=None, numbering: str = "text", measure: bool = False, unit_link: str = "") -> Path:
    """layout + assemble + save; `measure` places the 版记 by a LibreOffice layout (when
    LibreOffice is installed) instead of the writer's estimate."""
    kind = kind or default_kind(plan)
    paras = layout(plan, kind, template_dir, findings=findings, numbering=numbering, unit_link=unit_link)
    if measure:
        from ...lint.pages import libreoffice_available
        from .paged import settled

        if libreoffice_available():
            return settled(paras, {"template_dir": template_dir}).save(path)
    return assemble(paras, template_dir=template_dir).save(path)
