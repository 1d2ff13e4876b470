"""What units send back, read into `Opinion`s tied to task IDs.

Three shapes, told apart by content, not by name: a filled-in 意见反馈表 (a table with
修改意见 and 原文/条目 columns), and copies of the draft (or of the notice with the draft
attached) carrying Word comments and/or tracked changes.  A paragraph of a copy belongs to the
task whose `drafter_<id>` bookmark covers it; when the unit's tool dropped the bookmarks, to
the task whose rendered paragraph has the same (or nearly the same) text.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..text.labels import same_number, strip_labels
from . import Opinion
from .wordml import Body, DocPara, read_body

# Clause and sentence ends: a tracked change is quoted with the clause around it, widened to
# the sentence, then the whole paragraph, until the quote is found once only in its task.
CLAUSE_ENDS = "，。；！？：,;!?"
SENTENCE_ENDS = "。；！？;!?"
GENERIC_AUTHORS = {"", "administrator", "admin", "user", "unknown author", "author", "作者",
                   "未知作者", "微软用户", "microsoft office 用户", "microsoft office user",
                   "python-docx", "drafter"}
FUZZY_CUTOFF = 85
_PROPOSE = re.compile(r"^(?:建议)?(?:将.{0,40}?)?(?:修改为|修改成|改为|改成|调整为|表述为|修改為|改為|調整為)"
                      r"\s*[：:]?\s*(.*)$", re.S)
_DELETE = re.compile(r"^(?:建议)?(?:删除|刪除|删去|刪去)(?:此句|该句|本句|此段|该段|这句|此处)?[。.；;]?$")


@dataclass
class Returned:
    """One returned file: its opinions, or why it was skipped."""

    path: Path
    kind: str = ""  # form | copy | skipped
    unit: str = ""
    opinions: list[Opinion] = field(default_factory=list)
    problem: str = ""  # why it was skipped


# Tasks of the plan, for tying text to them --------------------------------------------------

class Tasks:
    """The plan's items, their printed labels, and their rendered paragraphs by text."""

    def __init__(self, plan, template_dir: str | None = None):
        from ..numbering import label_tree
        from ..writers.docx import layout

        self.plan = plan
        self.template_dir = template_dir
        labels = label_tree(plan)
        self.items = {node.id: node for node, _ in plan.walk() if node.id}
        self.order = {node.id: i for i, (node, _) in enumerate(plan.walk()) if node.id}
        self.labels = {node.id: labels[id(node)] for node, _ in plan.walk() if node.id}
        self.paras: list[tuple[str, str | None]] = []  # (key, node id) in document order
        self.by_key: dict[str, list[int]] = {}
        for p in layout(plan, "plan"):
            key = text_key(p.text)
            if key:
                self.by_key.setdefault(key, []).append(len(self.paras))
                self.paras.append((key, p.node_id))

    def entry(self, node_id: str) -> str:
        """条目 as printed in the tables: label and title."""
        return self.labels.get(node_id, "") + self.items[node_id].title

    def fields(self, node_id: str) -> list[tuple[str, int, str]]:
        """(field, paragraph index, text): the title (index -1), then each text paragraph."""
        node = self.items[node_id]
        return [("title", -1, node.title)] + [("text", i, t) for i, t in enumerate(node.paragraphs())]

    def resolve(self, text: str) -> str | None:
        """The task a unit meant by what it wrote as 条目: a title (whole or begun), or a label
        that only one task carries, or a near title."""
        key = text_key(text).rstrip("…").rstrip(".")
        if not key:
            return None
        bare = strip_labels(key) or key
        best, best_len = None, 0
        for nid, node in self.items.items():
            title = text_key(node.title)
            if not title:
                continue
            if (title in key or (len(bare) >= 4 and title.startswith(bare))) and len(title) > best_len:
                best, best_len = nid, len(title)
        if best:
            return best
        same_label = [nid for nid, label in self.labels.items()
                      if text_key(label) == key or same_number(label, text)]
        if len(same_label) == 1:
            return same_label[0]
        from rapidfuzz import fuzz, process

        titles = {nid: text_key(node.title) for nid, node in self.items.items()}
        hit = process.extractOne(bare, titles, scorer=fuzz.partial_ratio, score_cutoff=90)
        return hit[2] if hit and len(bare) >= 4 else None


def text_key(text: str) -> str:
    """Text for matching: full-width punctuation, no spaces."""
    from ..text.punct import fold_punct, squeeze_spaces

    return squeeze_spaces(fold_punct(text or "")).strip()


def simple_key(text: str) -> str:
    """`text_key` in simplified script, for finding the form's own words (seed 002's forms are
    printed in traditional script)."""
    from ..text.script import to_simplified

    return to_simplified(text_key(text))


# Reading one file ---------------------------------------------------------------------------

def read_returned(path: str | Path, tasks: Tasks) -> Returned:
    """Read one returned file; a broken or foreign file comes back as kind `skipped` with the
    reason, never as an exception."""
    from ..errors import DrafterError
    from ..readers import kind_of

    path = Path(path)
    out = Returned(path)
    kind = kind_of(path)
    try:
        if kind == "docx":
            doc = _open_docx(path)
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
    forms = _form_tables(doc)
    body = read_body(doc.element)
    ties = tie_paragraphs(body, tasks)
    if not forms and not any(ties.values()) and not _recognised(body, tasks):
        return _skip(out, "neither a copy of this plan's draft nor its 意见反馈表")
    out.kind = "form" if forms else "copy"
    out.unit = _form_unit(doc) or path.stem
    for table, cols in forms:
        out.opinions.extend(_form_rows(table, cols, tasks, out.unit, path.name))
    # Comments and tracked changes anywhere (a returned notice carries the draft and the
    # form); edits inside a form's cells are the form's own answers, read above.
    out.opinions += _comment_opinions(doc, body, ties, tasks, path)
    out.opinions += _change_opinions(body, ties, tasks, path, skip_tables=bool(forms))
    return out


def _skip(out: Returned, why: str) -> Returned:
    out.kind, out.problem = "skipped", why
    return out


def _open_docx(path: Path, name: str | None = None):
    """A returned .docx through the safe opener (size, bomb, path and DTD checks)."""
    from ..safeopen import open_docx

    return open_docx(path, name or str(path))


def _converted(path: Path):
    """.doc/.wps/.odt: converted by LibreOffice, which keeps comments and tracked changes."""
    from ..office import convert
    from ..safeopen import check_zip, read_input

    check_zip(read_input(path), str(path))  # an .odt is a zip: refused here, not in LibreOffice
    with tempfile.TemporaryDirectory(prefix="drafter-collect-") as tmp:
        return _open_docx(convert(path, "docx", tmp), str(path))


def _recognised(body: Body, tasks: Tasks) -> bool:
    return any(text_key(p.before) in tasks.by_key for p in body.paras if p.before.strip())


# Forms -------------------------------------------------------------------------------------

FORM_COLUMNS = {"entry": "条目", "quote": "原文", "said": "修改意见", "reason": "理由", "id": "编号"}


def _form_tables(doc) -> list[tuple[object, dict[str, int]]]:
    out = []
    for table in doc.tables:
        if not table.rows:
            continue
        head = [simple_key(c.text) for c in table.rows[0].cells]
        cols = {}
        for name, word in FORM_COLUMNS.items():
            for i, h in enumerate(head):
                if word in h and name not in cols:
                    cols[name] = i
        if "said" in cols and ("quote" in cols or "entry" in cols) and "处理意见" not in "".join(head):
            out.append((table, cols))
    return out


def _form_unit(doc) -> str:
    from ..text.script import to_simplified

    text = to_simplified("\n".join(p.text for p in doc.paragraphs))
    m = re.search(r"反馈单位\s*[：:]?(.*?)(?=联系人|联系电话|电话|\n|$)", text)
    return _clean_field(m.group(1)) if m else ""


def _clean_field(value: str) -> str:
    return re.sub(r"[\s_＿\u3000:：]+", "", value or "")


def _form_rows(table, cols: dict[str, int], tasks: Tasks, unit: str, name: str) -> list[Opinion]:
    out = []
    for n, row in enumerate(table.rows[1:], 2):
        cells = [c.text.strip() for c in row.cells]

        def cell(key: str) -> str:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        quote, said, reason = cell("quote"), cell("said"), cell("reason")
        if not (quote or said or reason):
            continue
        entry = cell("entry")
        nid = cell("id").strip()
        if nid not in tasks.items:
            nid = tasks.resolve(entry) or (tasks.resolve(quote) if quote else None)
        op = Opinion(unit, nid, said, quote=quote, reason=reason, kind="form",
                     source="%s 第%d行" % (name, n), entry=entry)
        _proposal(op)
        out.append(op)
    return out


def _proposal(op: Opinion) -> None:
    """`修改为：…` (or `删除`) with a quoted 原文 makes an opinion a text edit."""
    if not op.quote:
        return
    said = op.said.strip()
    m = _PROPOSE.match(said)
    if m and m.group(1).strip():
        op.proposed, op.edit = _unquote(m.group(1)), True
    elif _DELETE.match(said):
        op.proposed, op.edit = "", True


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "“\"'「‘" and text[-1] in "”\"'」’":
        text = text[1:-1]
    return text.strip()


# Copies: tying paragraphs to tasks ----------------------------------------------------------

def tie_paragraphs(body: Body, tasks: Tasks) -> dict[int, str | None]:
    """Paragraph index → task id: by bookmark; else by the text it had when sent (exact, in
    document order, then fuzzy); a paragraph the unit added belongs to the task before it."""
    from rapidfuzz import fuzz, process

    ties: dict[int, str | None] = {}
    last = -1
    item_keys = {i: key for i, (key, nid) in enumerate(tasks.paras) if nid}
    prev: str | None = None
    for p in body.paras:
        marked = [b for b in p.bookmarks if b in tasks.items]
        key = text_key(p.before)
        nid = None
        if marked:
            nid = marked[-1]
        elif p.inserted:
            nid = prev
        elif key and key in tasks.by_key:
            spots = tasks.by_key[key]
            spot = next((s for s in spots if s > last), spots[0])
            last, nid = spot, tasks.paras[spot][1]
        elif len(key) >= 6 and not p.in_table:
            hit = process.extractOne(key, item_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit:
                last, nid = hit[2], tasks.paras[hit[2]][1]
        ties[p.index] = nid
        if key or p.inserted:
            prev = nid
    return ties


# Copies: comments ---------------------------------------------------------------------------

def _comment_opinions(doc, body: Body, ties, tasks: Tasks, path: Path) -> list[Opinion]:
    try:
        comments = list(doc.comments)
    except Exception:  # no comments part, or one python-docx cannot read
        return []
    out = []
    for c in comments:
        cid = str(c.comment_id)
        start, end = body.comment_starts.get(cid), body.comment_ends.get(cid)
        nid, quote = None, ""
        if start is not None:
            nid = ties.get(start.para) or (ties.get(end.para) if end else None)
            quote = _between(body, start, end) if end else ""
        op = Opinion(_unit(c.author, path), nid, (c.text or "").strip(), quote=quote.strip(),
                     kind="comment", source="%s 批注%s" % (path.name, cid))
        _proposal(op)
        out.append(op)
    return out


def _between(body: Body, start, end) -> str:
    if start.para > len(body.paras) or end.para > len(body.paras):
        return ""
    if start.para == end.para:
        return body.para(start.para).before[start.offset:end.offset]
    parts = [body.para(start.para).before[start.offset:]]
    parts += [body.para(i).before for i in range(start.para + 1, end.para)]
    parts.append(body.para(end.para).before[:end.offset])
    return "\n".join(parts)


def _unit(author: str, path: Path) -> str:
    a = (author or "").strip()
    if a.lower() in GENERIC_AUTHORS or re.fullmatch(r"(?i)(user|admin|pc)[\w-]*", a):
        return path.stem
    return a


# Copies: tracked changes --------------------------------------------------------------------

@dataclass
class _Change:
    a: int  # span of the received text it replaces (a == b: an insertion at a)
    b: int
    new: str
    author: str = ""


def _changes(p: DocPara) -> list[_Change]:
    """The paragraph's tracked changes in received-text offsets, touching ones merged."""
    out: list[_Change] = []
    c = 0
    for s in p.segs:
        if s.kind == "=":
            c += len(s.text)
            continue
        ch = _Change(c, c + len(s.text), "", s.author) if s.kind == "del" else _Change(c, c, s.text, s.author)
        if s.kind == "del":
            c += len(s.text)
        if out and out[-1].b == ch.a:
            out[-1].b, out[-1].new = ch.b, out[-1].new + ch.new
        else:
            out.append(ch)
    return [ch for ch in out if ch.a != ch.b or ch.new]


def _change_opinions(body: Body, ties, tasks: Tasks, path: Path, *, skip_tables: bool = False) -> list[Opinion]:
    out: list[Opinion] = []
    paras = [p for p in body.paras if not (skip_tables and p.in_table)]
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.inserted:  # new paragraphs, one opinion for a run of them
            j = i
            while j + 1 < len(paras) and paras[j + 1].inserted:
                j += 1
            new = "\n".join(q.after.strip() for q in paras[i:j + 1] if q.after.strip())
            out.append(_new_paragraphs(ties.get(p.index), new, p, tasks, path))
            i = j + 1
            continue
        if p.changed:
            out.extend(_paragraph_edits(p, ties.get(p.index), tasks, path))
        i += 1
    return out


def _describe(changes: list[dict], tasks: Tasks) -> str:
    from ..templating import render

    return render("summary_change.j2", tasks.template_dir, changes=changes).strip()


def _new_paragraphs(nid, new: str, p: DocPara, tasks: Tasks, path: Path) -> Opinion:
    author = next((s.author for s in p.segs if s.author), p.mark_author)
    op = Opinion(_unit(author, path), nid, _describe([{"old": "", "new": new}], tasks), kind="change",
                 source="%s 第%d段" % (path.name, p.index))
    if nid:
        field_name, index, text = tasks.fields(nid)[-1]
        start = _window(text, max(0, len(text) - 1), len(text), SENTENCE_ENDS)[0]
        quote = text[start:]
        if quote and _count(tasks, nid, quote) == 1:
            op.quote, op.proposed, op.edit = quote, quote + "\n" + new, True
    return op


def _paragraph_edits(p: DocPara, nid, tasks: Tasks, path: Path) -> list[Opinion]:
    changes = _changes(p)
    before = p.before
    author = next((c.author for c in changes if c.author), "")
    unit = _unit(author, path)
    source = "%s 第%d段" % (path.name, p.index)
    spans = _field_spans(before, tasks.fields(nid)) if nid else []
    loose, per_field = [], {}
    for ch in changes:
        span = next((s for s in spans if s[1] <= ch.a and ch.b <= s[2]), None)
        if span is None:
            loose.append(ch)
        else:
            per_field.setdefault(span, []).append(ch)
    out = []
    for (text, start, end), chs in per_field.items():
        for quote, proposed, group in _edits(text, [(c.a - start, c.b - start, c.new) for c in chs],
                                             lambda q: _count(tasks, nid, q)):
            said = _describe([{"old": text[a:b], "new": new} for a, b, new in group], tasks)
            out.append(Opinion(unit, nid, said, quote=quote, proposed=proposed, kind="change",
                               source=source, edit=True))
    if loose:  # in a label, a lead/support line, or a paragraph not tied to a task
        said = _describe([{"old": before[c.a:c.b], "new": c.new} for c in loose], tasks)
        out.append(Opinion(unit, nid, said, quote=before.strip(), kind="change", source=source))
    return out


def _field_spans(before: str, fields) -> list[tuple[str, int, int]]:
    """Where the task's title and text paragraphs stand in a received paragraph; the title only
    right after the label, so a title word inside the text is not taken for it."""
    spans = []
    pos = 0
    for name, _, text in fields:
        if not text:
            continue
        k = before.find(text, pos)
        if k < 0 or (name == "title" and k > 12):
            continue
        spans.append((text, k, k + len(text)))
        pos = k + len(text)
    return spans


def _window(text: str, a: int, b: int, ends: str) -> tuple[int, int]:
    """The clause (or sentence) of `text` around [a, b): from just after the end mark before
    it through the next end mark at or after b."""
    s = a
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    return s, _end_after(text, b, ends)


def _end_after(text: str, b: int, ends: str) -> int:
    e = b
    while e < len(text):
        if text[e] in ends:
            return e + 1
        e += 1
    return len(text)


def _edits(text: str, changes: list[tuple[int, int, str]], count):
    """Group a field's changes into (quote, proposed, changes) edits: each change quoted with
    its clause, widened to the sentence and then the whole field until the quote occurs once
    in the task; overlapping windows merge."""
    levels = (CLAUSE_ENDS, SENTENCE_ENDS, "")
    level = {i: 0 for i in range(len(changes))}
    while True:
        windows = []
        for i, (a, b, _) in enumerate(changes):
            ends = levels[level[i]]
            s, e = _window(text, a, b, ends) if ends else (0, len(text))
            windows.append([s, e, [i]])
        windows.sort()
        merged = []
        for w in windows:
            if merged and w[0] < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], w[1])
                merged[-1][2] += w[2]
            else:
                merged.append(w)
        widen = [w for w in merged if count(text[w[0]:w[1]]) != 1 and any(level[i] < 2 for i in w[2])]
        if not widen:
            break
        for w in widen:
            for i in w[2]:
                level[i] = min(level[i] + 1, 2)
    out = []
    for s, e, idx in merged:
        group = sorted(changes[i] for i in idx)
        pieces, c = [], s
        for a, b, new in group:
            pieces.append(text[c:a] + new)
            c = b
        pieces.append(text[c:e])
        out.append((text[s:e], "".join(pieces), group))
    return out


def _count(tasks: Tasks, nid: str, quote: str) -> int:
    return sum(text.count(quote) for _, _, text in tasks.fields(nid))
