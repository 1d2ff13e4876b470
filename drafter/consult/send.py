"""`drafter consult`: the package a drafting office sends out for comment.

Three .docx files, all laid out by the .docx writer and its look: the 征求意见 notice (the
draft as 附件1, the 意见反馈表 as 附件2), the draft on its own (marked （征求意见稿）, each task
inside its `drafter_<id>` bookmark), and the 意见反馈表 alone for units that answer in a form.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Finding
from ..model import Notice, Plan

# The form's columns (widths, alignment, cell size) are the look's `feedback_table`.
FORM_BLANK_ROWS = 5
COLUMNS = ("序号", "条目", "原文", "修改意见", "理由", "编号")  # what the reader looks for


@dataclass
class Package:
    notice: Path
    draft: Path
    form: Path


def consult_plan(plan: Plan, *, deadline: _dt.date | None = None, contact: str | None = None,
                 phone: str | None = None, email: str | None = None, date: _dt.date | None = None,
                 recipients: list[str] | None = None, findings: list[Finding] | None = None) -> Plan:
    """The plan as a draft with a 征求意见 notice: the plan's own consult notice, or one made
    from its 印发 notice (recipients, issuer kept; title and body worded by the templates).
    Values given here override the plan's."""
    old = plan.notice
    if old is not None and old.kind == "consult":
        n = replace(old, attachments=list(old.attachments))
    else:
        n = Notice(kind="consult", recipients=list(old.recipients) if old else [],
                   issuer=old.issuer if old else "", cc=list(old.cc) if old else [],
                   printed_by=old.printed_by if old else "")
    n.plan_as = "attachment"
    for key, value in (("deadline", deadline), ("contact", contact), ("phone", phone),
                       ("email", email), ("date", date), ("recipients", recipients)):
        if value:
            setattr(n, key, value)
    if not n.date:
        n.date = _dt.date.today()
    if n.body and deadline and findings is not None:
        findings.append(Finding("warning", "consult-body",
                                "notice.body is the plan's own wording and is printed as it "
                                "stands; check that it gives the new deadline %s" % deadline,
                                plan.source.file if plan.source else None))
    return replace(plan, status="draft", notice=n)


def form_title(plan: Plan, template_dir: str | None = None) -> str:
    return _words(plan, template_dir)("feedback_title.j2")


def form_paras(plan: Plan, template_dir: str | None = None, *, title: bool = True) -> list:
    """The 意见反馈表: title, the 反馈单位/联系人/电话 lines, one row per item (label and title,
    ID in the narrow 编号 column) plus blank rows, then how to fill it in; the table laid out
    as the look's `feedback_table`."""
    from ..numbering import label_tree
    from ..writers.docx import Para, Run, load_look

    words = _words(plan, template_dir)
    table = load_look(str(template_dir) if template_dir else None).table("feedback")
    out = []
    if title:
        out += [Para("table_title", [Run(words("feedback_title.j2"), "title")]), Para("blank")]
    out += [Para("recipients", [Run(line)]) for line in words.lines("feedback_fields.j2")]
    out.append(Para("table_head", cells=[[Run(h)] for h in words.lines("feedback_header.j2")], table=table))
    labels = label_tree(plan)
    n = 0
    for node, path in plan.walk_paths():
        n += 1
        out.append(Para("table_row", cells=[[Run(str(n))], [Run(labels[id(node)] + node.title)],
                                            [], [], [], [Run(node.id or "")]],
                        node_path=path, node_id=node.id, table=table))
    for _ in range(FORM_BLANK_ROWS):
        n += 1
        out.append(Para("table_row", cells=[[Run(str(n))], [], [], [], [], []], table=table))
    out += [Para("note", [Run(line)]) for line in words.lines("feedback_note.j2")]
    return out


def file_names(plan: Plan, template_dir: str | None = None) -> tuple[str, str, str]:
    """File names of the notice, the draft and the form, from the plan's title."""
    title = _safe(plan.title or "工作要点")
    words = _words(plan, template_dir)
    notice = plan.notice.title if plan.notice and plan.notice.title else words("notice_title_consult.j2")
    return (_safe(notice) + ".docx",
            title + _safe(words("draft_mark.j2")) + ".docx",
            _safe(words("feedback_title.j2")) + ".docx")


def write_package(plan: Plan, outdir: str | Path, *, template_dir: str | None = None,
                  force: bool = False, findings: list[Finding] | None = None) -> Package:
    """Write the notice, the draft and the form into `outdir`; nothing is written when one of
    them exists already and `force` is off."""
    from ..fileio import check_output
    from ..writers.docx import assemble, layout

    folder = Path(outdir)
    names = file_names(plan, template_dir)
    paths = [folder / name for name in names]
    for p in paths:
        check_output(p, force=force)
    words = _words(plan, template_dir)
    form_name = words("feedback_title.j2")
    notice_plan = replace(plan, notice=replace(plan.notice, attachments=list(plan.notice.attachments)
                                               + [form_name]))
    # The notice: layout's consult notice, with the form as 附件2 before the 版记.
    paras = layout(notice_plan, "consult", template_dir, findings=findings)
    cut = len(paras)
    while cut and paras[cut - 1].role in ("cc", "imprint"):
        cut -= 1
    count = 1 + len(notice_plan.notice.attachments)
    label = words("attachment_label.j2", number=count, count=count)
    from ..writers.docx import Para, Run

    extra = [Para("attachment_label", [Run(label, "mark")], page_break=True), Para("blank")]
    paras = paras[:cut] + extra + form_paras(plan, template_dir) + paras[cut:]
    docs = [assemble(paras, template_dir=template_dir),
            assemble(layout(plan, "plan", template_dir, findings=findings), template_dir=template_dir),
            assemble(form_paras(plan, template_dir), template_dir=template_dir)]
    folder.mkdir(parents=True, exist_ok=True)
    for doc, path in zip(docs, paths):
        doc.save(path)
    return Package(*paths)


def _words(plan: Plan, template_dir: str | None):
    """Wording templates rendered in the plan's script, as the writer renders its own."""
    from ..writers.docx.layout import Wording

    return Wording(plan, template_dir)


def _safe(name: str) -> str:
    """A file name every office PC accepts: no path or reserved characters, no line breaks."""
    return re.sub(r'[\\/:*?"<>|\s]+', "", name)[:80] or "drafter"
