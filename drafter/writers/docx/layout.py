"""Plan → paragraphs with roles: what is printed, in which order, tied to plan nodes.

This is the writer's first half (the second, `build`, turns paragraphs into a .docx).  It knows
GB/T 9704's element order and takes every piece of wording from a template; it knows nothing
of fonts or twips (that is the look's business).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from ...errors import DrafterError, Finding
from ...model import Item, Plan
from .tables import Column, Table  # noqa: F401  (Column: part of the table description)
from ...text.xmlchars import XML_FORBIDDEN_RX

KINDS = ("notice", "plan", "consult", "tasks")
NUMBERINGS = ("text", "word")
MAX_LIST_DEPTH = 8  # Word lists have levels 0–8; deeper items keep literal labels
CHANGES = (None, "ins", "del", "moveFrom", "moveTo")

# XML 1.0 forbids these; python-docx would write them and Word would refuse the file.
_ILLEGAL_XML = XML_FORBIDDEN_RX
_END_PUNCT = tuple("。！？；：…")


@dataclass
class Run:
    """A stretch of text with one role (label, title, tag, text, lead) and one change mark.

    `change` in None, "ins", "del", "moveFrom", "moveTo" becomes a Word tracked change; `move`
    names the move a moveFrom/moveTo pair shares (pairs by order when left None)."""

    text: str
    role: str = "text"
    change: str | None = None
    move: str | None = None


@dataclass(frozen=True)
class NumRef:
    """An item label left to Word list numbering: which list, at which level, in which style.

    `key` names the list: (scope, start depth, styles), where scope is () for the plan's
    numbering or the path of the node that opens its own (seed 004).  Paragraphs of one list
    count on together; a level restarts only under a new paragraph of a higher level of the
    same list, so a depth that runs on across sections (`continuous`) starts a list of its own.
    `level` is the GB/T 9704 level (1 黑体, 2 楷体, 3–4 仿宋) whose font the label takes."""

    key: tuple
    ilvl: int
    style: str
    level: int


@dataclass
class Para:
    """One printed paragraph.

    role: a paragraph role of the look (title, body, h1…h4, item, signature, cc, …).
    level: for plan items, the numbering level 1–4 whose heading font label/title runs take.
    keep_next: keep on one page with the next paragraph (a multi-line paragraph may still split,
    so only its last lines move); the notice's closing block uses it.
    change: None, "ins" or "del" marks the whole paragraph, paragraph mark included.
    cells: for table rows (role table_head/table_row), the runs of each cell.
    table: for table rows, the table they belong to (its columns, cell size, header repeat);
    consecutive rows naming the same Table are one table.
    num: the item label as Word list numbering (numbering="word"); its text is then not a run.
    mark: "ins" or "del" tracks the paragraph mark alone (the runs keep their own changes).
    imprint_text: the 主送's wording in the 版记, where it goes when it is too long for page 1.
    """

    role: str
    runs: list[Run] = field(default_factory=list)
    node_path: tuple[int, ...] | None = None
    node_id: str | None = None
    change: str | None = None
    level: int | None = None
    page_break: bool = False
    cells: list[list[Run]] | None = None
    keep_next: bool = False
    num: NumRef | None = None
    mark: str | None = None
    table: Table | None = None
    imprint_text: str | None = None  # its wording should it move to the 版记 (the 主送)
    seal: bool = False  # 署名/成文日期 laid out for a seal (GB/T 9704 7.3.5.1)

    @property
    def text(self) -> str:
        if self.cells is not None:
            return "\t".join("".join(r.text for r in cell) for cell in self.cells)
        return "".join(r.text for r in self.runs)


class MissingField(DrafterError):
    """A notice field the chosen kind needs is empty."""


def clean_text(text: str) -> tuple[str, int]:
    """`text` without characters XML 1.0 forbids, and how many were dropped."""
    cleaned, n = _ILLEGAL_XML.subn("", text)
    return cleaned, n


def default_kind(plan: Plan) -> str:
    """notice (or consult, for a 征求意见 notice) when the plan has one, else plan."""
    if plan.notice is None:
        return "plan"
    return "consult" if plan.notice.kind == "consult" else "notice"


# Wording -----------------------------------------------------------------------------------

class Wording:
    """Renders wording templates in the plan's script (traditional for seed 002)."""

    def __init__(self, plan: Plan, template_dir: str | None):
        from ...text.script import script_of

        self.template_dir = template_dir
        self._cache: dict[tuple, str] = {}
        self.script = "traditional" if script_of(_sample(plan)) == "traditional" else None
        notice = plan.notice
        self.ctx = {
            "plan": plan, "notice": notice, "plan_title": plan.title,
            "issuer": (notice.issuer if notice and notice.issuer else plan.issuer),
        }

    def __call__(self, name: str, **extra) -> str:
        """The template's text; the same wording asked again (each item's lead/support line)
        is rendered once."""
        from ...templating import render

        key = (name,) + tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(extra.items()))
        try:
            return self._cache[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value: render every time
            key = None
        ctx = dict(self.ctx)
        ctx.update(extra)
        text = render(name, self.template_dir, script=self.script, **ctx).strip()
        if key is not None:
            self._cache[key] = text
        return text

    def lines(self, name: str, **extra) -> list[str]:
        return [line.strip() for line in self(name, **extra).split("\n") if line.strip()]


def _sample(plan: Plan, limit: int = 4000) -> str:
    parts = [plan.title, plan.preamble]
    for node, _ in plan.walk():
        parts.append(node.title)
        parts.append(node.text)
        if sum(map(len, parts)) > limit:
            break
    return "".join(parts)


# Notice fields each kind needs --------------------------------------------------------------

REQUIRED = {
    "notice": ("recipients", "date"),
    "consult": ("recipients", "date", "deadline", "contact", "phone"),
}


def missing_notice_fields(plan: Plan, kind: str) -> list[str]:
    """The notice fields `kind` needs that the plan lacks (all of them without a notice)."""
    if kind not in REQUIRED:
        return []
    if plan.notice is None:
        return list(REQUIRED[kind])
    missing = [f for f in REQUIRED[kind] if not getattr(plan.notice, f)]
    if not (plan.notice.issuer or plan.issuer):
        missing.insert(0, "issuer")
    return missing


def check_notice(plan: Plan, kind: str, where: str | None = None) -> None:
    """Raise MissingField naming each notice field `kind` needs and the plan lacks."""
    if kind not in REQUIRED:
        return
    src = where or (plan.source.file if plan.source else None) or "<plan>"
    if plan.notice is None:
        raise MissingField("%s: --as %s needs a `notice:` section in the plan (with %s)"
                           % (src, kind, ", ".join(REQUIRED[kind])))
    missing = missing_notice_fields(plan, kind)
    if missing:
        line = plan.notice.source.line if plan.notice.source and plan.notice.source.line else None
        findings = [Finding("error", "missing-field",
                            "notice.%s is needed to render --as %s" % (f, kind), src, line,
                            path="notice.%s" % f) for f in missing]
        raise MissingField("%s%s: --as %s needs %s" % (src, ":%d" % line if line else "", kind,
                                                        ", ".join("notice.%s" % f for f in missing)),
                           findings)


# Layout -------------------------------------------------------------------------------------

def layout(plan: Plan, kind: str = "plan", template_dir: str | None = None, *,
           findings: list[Finding] | None = None, numbering: str = "text", unit_link: str = "") -> list[Para]:
    """The paragraphs of `plan` printed as `kind` (notice, plan, consult or tasks); a consult
    notice for one unit of an online consultation prints that unit's private `unit_link`.

    numbering="text" prints item labels as literal runs; "word" leaves them to Word list
    numbering (`Para.num`), so Word and LibreOffice renumber by themselves after an edit.
    Warnings (characters dropped because XML cannot hold them) are appended to `findings`."""
    if kind not in KINDS:
        raise DrafterError("unknown kind %r; choose one of %s" % (kind, ", ".join(KINDS)))
    if numbering not in NUMBERINGS:
        raise DrafterError("unknown numbering %r; choose one of %s" % (numbering, ", ".join(NUMBERINGS)))
    check_notice(plan, kind)
    words = Wording(plan, template_dir)
    if kind == "plan":
        paras = plan_paras(plan, words, draft=plan.status == "draft", numbering=numbering)
    elif kind == "tasks":
        paras = task_paras(plan, words)
    else:
        paras = notice_paras(plan, words, consult=(kind == "consult"), numbering=numbering,
                             unit_link=unit_link)
    return _cleaned(paras, plan, findings)


def plan_paras(plan: Plan, words: Wording, *, draft: bool, title: bool = True,
               numbering: str = "text") -> list[Para]:
    """The plan itself: title, draft marker, preamble, numbered items, closing."""
    from ...numbering import label_tree
    from ...text.labels import parse_style

    out: list[Para] = []
    if title:
        out.append(Para("title", [Run(plan.title, "title")]))
    if draft:
        out.append(Para("draft_mark", [Run(words("draft_mark.j2"), "mark")]))
    if title or draft:
        out.append(Para("blank"))
    out.extend(Para("body", [Run(p)]) for p in _paragraphs(plan.preamble))
    labels = label_tree(plan)
    styles = _styles_of(plan)
    lists = word_lists(plan) if numbering == "word" else {}
    for node, path in plan.walk_paths():
        level = _level(parse_style(styles[id(node)]))
        out.extend(item_paras(node, path, labels[id(node)], level, words, lists.get(id(node))))
    out.extend(Para("body", [Run(p)]) for p in _paragraphs(plan.closing))
    return out


def item_paras(node: Item, path: tuple[int, ...], label: str, level: int, words: Wording,
               num: NumRef | None = None) -> list[Para]:
    """An item as printed: `label title。text` run on, or the title line alone then its text
    (heading items, and items that only group others).  Lead/support close the last paragraph.
    With `num` the label is Word's list numbering on the first paragraph, not a run."""
    texts = node.paragraphs()
    head = ([] if num else [Run(label, "label")]) + [Run(node.title, "title")]
    if node.tag:
        head.append(Run(node.tag, "tag"))
    alone = node.heading or (not texts and bool(node.items))
    paras: list[Para] = []
    if alone:
        paras.append(Para("h%d" % level, head, level=level))
        paras.extend(Para("body", [Run(t)]) for t in texts)
    else:
        if not node.title.endswith(_END_PUNCT) and (texts or level > 1):
            head.append(Run("。", "title"))
        first = Para("item", head, level=level)
        if texts:
            first.runs.append(Run(texts[0]))
        paras.append(first)
        paras.extend(Para("body", [Run(t)]) for t in texts[1:])
    if node.lead or node.support:
        paras[-1].runs.append(Run(words("lead_support.j2", lead=node.lead or [],
                                        support=node.support or []), "lead"))
    for p in paras:
        p.node_path, p.node_id = path, node.id
    paras[0].num = num
    return paras


def notice_paras(plan: Plan, words: Wording, *, consult: bool, numbering: str = "text",
                 unit_link: str = "") -> list[Para]:
    """The covering notice in GB/T 9704 order, then the plan, then the 版记."""
    from ...text.dates import format_date

    n = plan.notice
    assert n is not None
    issuer = words.ctx["issuer"]
    kind = "consult" if consult else "issue"
    if n.letter:  # 信函格式: the 标志 and its rules go to page 1's header, the 文号 flush right
        out = [Para("letter_head", [Run(issuer, "mark")])] + head_elements(n)  # the name, no 文件
        out += [Para("letter_number", [Run(n.doc_number, "text")] if n.doc_number else []), Para("blank")]
    else:
        out = head_elements(n)
        if n.co_issuers:  # 联合行文: the issuers one a line, lead first, 文件 to their right (7.2.4)
            names = [issuer] + list(n.co_issuers)
            mark = Para("joint_mark", [Run(name, "mark") for name in names] + [Run("文件", "mark")])
        else:
            mark = Para("issuer_mark", [Run(words("issuer_mark.j2"), "mark")])
        out += [mark,
                Para("blank"), Para("blank"),
                Para("doc_number", [Run(n.doc_number, "text")] if n.doc_number else []),
                Para("blank"), Para("blank")]
    out.append(Para("title", [Run(n.title or words("notice_title_%s.j2" % kind), "title")]))
    out.append(Para("blank"))
    out.append(Para("recipients", [Run(words("recipients.j2", recipients=n.recipients))],
                    imprint_text=words("recipients_imprint.j2", recipients=n.recipients)))
    body = _paragraphs(n.body) if n.body else words.lines("notice_body_%s.j2" % kind)
    if consult:  # contact lines, unless the body already names the phone; a unit's link always
        named = any(n.phone in p for p in body)
        body += words.lines("consult_contact.j2", unit_link=unit_link, contact_in_body=named)
    out.extend(Para("body", [Run(p)]) for p in body)
    as_attachment = consult or n.plan_as == "attachment"
    tasks_title = words("tasks_title.j2") if n.attach_tasks else None
    attachments = ([plan.title + (words("draft_mark.j2") if consult else "")] if as_attachment else []) \
        + list(n.attachments) + ([tasks_title] if tasks_title else [])
    closing = []
    if attachments:
        closing.append(Para("blank"))
        closing.extend(Para("attachment_note", [Run(line)])
                       for line in words.lines("attachment_note.j2", attachments=attachments))
    seal = n.seal if n.seal is not None else n.kind == "issue"
    names = [issuer] + list(n.co_issuers)  # one 署名 per issuer, lead first (7.3.5)
    if seal and n.co_issuers:
        # joint issue with seals: the 署名s in rows, a seal on each, the first row's seals'
        # tops within a line of the body (7.3.5.1); the builder lays the rows out
        closing.extend(Para("seal_space") for _ in range(2))
        closing.append(Para("seal_signatures", [Run(name) for name in names], seal=True))
    else:
        # with a seal one more blank line: the seal's top stays within a line of the body while
        # the 署名 and date sit in its lower half (7.3.5.1)
        closing.extend(Para("blank") for _ in range(2 if seal else 1))
        closing.extend(Para("signature", [Run(name)], seal=seal) for name in names)
    closing.append(Para("date", [Run(format_date(n.date))], seal=seal))
    if n.disclosure:
        closing.append(Para("note", [Run(words("disclosure.j2", disclosure=n.disclosure))]))
    out.extend(_kept_with_body(out[-1], closing))
    draft = consult or plan.status == "draft"
    if as_attachment:
        label = Para("attachment_label", [Run(words("attachment_label.j2", number=1,
                                                    count=len(attachments)), "mark")], page_break=True)
        out += [label, Para("blank")]
        out.extend(plan_paras(plan, words, draft=draft, numbering=numbering))
    else:
        plan_part = plan_paras(plan, words, draft=draft, numbering=numbering)
        plan_part[0] = replace(plan_part[0], page_break=True)
        out.extend(plan_part)
    if tasks_title:  # the 任务分工表 as the last 附件, on landscape pages
        label = words("attachment_label.j2", number=len(attachments), count=len(attachments))
        out += [Para("attachment_label", [Run(label, "mark")], page_break=True), Para("blank")]
        out.extend(task_paras(plan, words))
    out.extend(imprint_paras(plan, words))
    return out


def head_elements(n) -> list[Para]:
    """份号, 密级和保密期限, 紧急程度: top left of page 1, one a line, in that order (7.2.1–7.2.3);
    a 份号 has 6 digits."""
    out = []
    if n.copy_number:
        number = n.copy_number.strip()
        out.append(Para("copy_number", [Run(number.zfill(6) if number.isdigit() else number)]))
    if n.secrecy:
        out.append(Para("secrecy", [Run(n.secrecy.strip())]))
    if n.urgency:
        out.append(Para("urgency", [Run(n.urgency.strip())]))
    return out


def _kept_with_body(last_body: Para, closing: list[Para]) -> list[Para]:
    """GB/T 9704 7.3.5: the page with the 署名 and 成文日期 also carries body text.  The last body
    paragraph and everything up to the 附注 keep with the next paragraph, so a full page sends
    the body's last line over with them; the 附注 does not, so the chain stops before the
    plan's page break."""
    last_body.keep_next = True
    for para in closing[:-1]:
        para.keep_next = True
    return closing


def imprint_paras(plan: Plan, words: Wording) -> list[Para]:
    """版记: 抄送, then 印发机关 and 印发日期 (a letter: 抄送 alone, without rules); nothing when
    the notice names neither."""
    n = plan.notice
    if n is None:
        return []
    out = []
    if n.cc:
        out.append(Para("letter_cc" if n.letter else "cc", [Run(words("cc.j2", cc=n.cc))]))
    if n.printed_by and not n.letter:  # a letter's 版记 has no 印发 line (§10.1)
        printed_on = n.printed_on or n.date
        out.append(Para("imprint", [Run(words("imprint.j2", printed_by=n.printed_by,
                                              printed_on=printed_on))]))
    return out


def task_paras(plan: Plan, words: Wording) -> list[Para]:
    """任务分工表: title, then one row per task (the items nothing else hangs under), in the
    look's `table` columns."""
    from .look import load_look

    table = load_look(str(words.template_dir) if words.template_dir else None).table("tasks")
    out = [Para("table_title", [Run(words("tasks_title.j2"), "title")]), Para("blank")]
    out.append(Para("table_head", cells=[[Run(h)] for h in words.lines("tasks_header.j2")], table=table))
    for i, (node, path) in enumerate(_tasks(plan), 1):
        cells = [[Run(str(i))], [Run(node.title)], [Run("、".join(node.lead))],
                 [Run("、".join(node.support))], [Run(node.deadline)]]
        out.append(Para("table_row", cells=cells, node_path=path, node_id=node.id, table=table))
    return out


def task_rows(plan: Plan, template_dir: str | None = None) -> tuple[str, list[str], list[list[str]]]:
    """(title, header, rows) of the 任务分工表, for the workbook writer."""
    paras = layout(plan, "tasks", template_dir)
    title = paras[0].text
    rows = [["".join(r.text for r in cell) for cell in p.cells or []] for p in paras
            if p.role in ("table_head", "table_row")]
    return title, rows[0], rows[1:]


def _tasks(plan: Plan) -> Iterable[tuple[Item, tuple[int, ...]]]:
    for node, path in plan.walk_paths():
        if not node.items and (len(path) > 1 or node.lead or node.text):
            yield node, path


# Helpers -----------------------------------------------------------------------------------

def _paragraphs(text: str) -> list[str]:
    from ...model import split_paragraphs

    return split_paragraphs(text or "")


def _styles_of(plan: Plan) -> dict[int, str]:
    """id(node) → the numbering style its label is printed in (scopes as numbering does)."""
    from ...numbering import places

    return {id(p.node): p.style for p in places(plan)}


def word_lists(plan: Plan) -> dict[int, NumRef]:
    """id(node) → its place in Word list numbering, scoped as `numbering.label_tree` counts.

    A depth joins its parent's list (so it restarts under each new parent) unless it is
    continuous or the scope's top, where a list of its own starts: LibreOffice 7.4 ignores
    `w:lvlRestart w:val="0"`, so continuity is kept by nothing above it in the same list."""
    from ...numbering import places
    from ...text.labels import parse_style

    out: dict[int, NumRef] = {}
    cut: set[tuple[int, ...]] = set()
    for p in places(plan):
        if p.depth > MAX_LIST_DEPTH or p.path[:-1] in cut:
            cut.add(p.path)
            continue
        start = max(d for d in range(p.depth + 1) if d == 0 or p.numbering.is_continuous(d))
        key = (p.scope, start, tuple(p.numbering.levels))
        out[id(p.node)] = NumRef(key, p.depth, p.style, _level(parse_style(p.style)))
    return out


def _level(style) -> int:
    """GB/T 9704 level of a numbering style: 一、→1 (黑体), （一）→2 (楷体), 1.→3, （1）→4."""
    bracketed = style.prefix.strip() in ("（", "(")
    if style.kind == "chinese":
        return 2 if bracketed else 1
    return 4 if bracketed else 3


def _cleaned(paras: list[Para], plan: Plan, findings: list[Finding] | None) -> list[Para]:
    """Drop characters XML cannot hold, with a warning naming the node (or part) they were in."""
    for para in paras:
        runs = list(para.runs) + [r for cell in (para.cells or []) for r in cell]
        for run in runs:
            cleaned, n = clean_text(run.text)
            if not n:
                continue
            run.text = cleaned
            if findings is not None:
                findings.append(_illegal_finding(plan, para, n))
    return paras


def _illegal_finding(plan: Plan, para: Para, n: int) -> Finding:
    file = plan.source.file if plan.source else None
    line, ypath = None, None
    if para.node_path is not None:
        node = plan.node_at(para.node_path)
        line = node.source.line if node.source else None
        ypath = ".".join(["sections[%d]" % para.node_path[0]]
                         + ["items[%d]" % i for i in para.node_path[1:]])
    return Finding("warning", "illegal-char",
                   "dropped %d control character%s that a .docx cannot hold (in the %s paragraph "
                   "%r)" % (n, "s" if n > 1 else "", para.role, para.text[:20]),
                   file, line, path=ypath)
