"""Copies of the draft a unit sent back (or of the notice with the draft attached): its Word
comments and its tracked changes as opinions, each on the task its paragraph is tied to, a
tracked change quoted with the smallest clause or sentence its task holds once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import Opinion
from .forms import read_proposal
from .tasks import Tasks
from .wordml import Body, DocPara

# Clause and sentence ends: a tracked change is quoted with the clause around it, widened to
# the sentence, then the whole paragraph, until the quote is found once only in its task.
CLAUSE_ENDS = "，。；！？：,;!?"
SENTENCE_ENDS = "。；！？;!?"
GENERIC_AUTHORS = {"", "administrator", "admin", "user", "unknown author", "author", "作者",
                   "未知作者", "微软用户", "microsoft office 用户", "microsoft office user",
                   "python-docx", "drafter"}


def comment_opinions(doc, body: Body, ties, tasks: Tasks, path: Path) -> list[Opinion]:
    """One opinion a Word comment, on the task its anchor's paragraph is tied to, quoting the
    text it marks."""
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
        read_proposal(op)
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


def change_opinions(body: Body, ties, tasks: Tasks, path: Path, *,
                   skip_tables: bool = False) -> list[Opinion]:
    """The tracked changes as opinions: edits quoted within their task's fields, a run of new
    paragraphs as one opinion; with `skip_tables`, changes in table cells (a form's answers)
    are left out."""
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
        if quote and occurrences(tasks, nid, quote) == 1:
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
        for quote, proposed, group in quoted_edits(text, [(c.a - start, c.b - start, c.new) for c in chs],
                                             lambda q: occurrences(tasks, nid, q)):
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


def quoted_edits(text: str, changes: list[tuple[int, int, str]], count):
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


def occurrences(tasks: Tasks, nid: str, quote: str) -> int:
    return sum(text.count(quote) for _, _, text in tasks.fields(nid))
