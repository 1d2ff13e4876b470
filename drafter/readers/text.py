"""The genre reader: the paragraphs of a 工作要点 (with its 通知, or a speech) → one `Plan`.

Works on paragraphs, not files: text files, .docx and LibreOffice conversions all arrive here
as a list of strings.  The outline is rebuilt from the item numbers alone, the way a reader
does it: a numbering family not seen above opens a deeper level, a family already open closes
the levels below it.  Whatever had to be guessed becomes a located `Finding`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, InputError
from ..model import Item, Notice, Numbering, Plan, Source, join_paragraphs
from ..text.dates import year_of
from ..text.labels import Label, parse_label
from .brackets import split_title, trailing_group
from .front import (Notes, Para, classify_head, clean, is_speech, parse_notice, parse_speech_front,
                    parse_web, plan_title, simple, split_imprint)
from .offices import find_offices

PARTS = ("plan", "review")
_REVIEW_WORDS = re.compile(r"(回顾|总结|成绩|进展|完成情况)")
_PLAN_WORDS = re.compile(r"(部署|安排|打算|计划|思路|任务|要点)")
_CLOSING = re.compile(r"^(同志们|过去的?一年|总之|总的来看|总而言之|回顾过去|展望|最后，|在看到成绩|这些成绩)")
_TAG_WORDS = re.compile(r"[0-9０-９]|项目|重点|工程|实事|任务")
# A paragraph that ends in a CJK ideograph, a letter, a digit or an opening mark stops mid-
# sentence.  (A test, not a regex: a character class over 27,000 ideographs costs 4 ms to
# compile at every start.)
_MID_SENTENCE_MARKS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz，、（(《“‘")


def _ends_mid(text: str) -> bool:
    return bool(text) and ("\u3400" <= text[-1] <= "\u9fff" or text[-1] in _MID_SENTENCE_MARKS)


@dataclass
class Node:
    """An item while the outline is being rebuilt."""

    label: Label | None
    para: Para | None
    depth: int = -1
    paras: list[Para] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def head(self) -> str:
        return self.para.text[self.label.words:].strip() if self.para and self.label else ""

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def parse(raw: list[str], *, file: str | None = None, part: str = "plan",
          lines: bool = False) -> tuple[Plan, list[Finding]]:
    """Read the document's paragraphs (`raw`, in order, blank ones included so that positions
    match) into a plan.  `lines=True` reports positions as line numbers too (text files)."""
    if part not in PARTS:
        raise InputError("--part must be plan or review, not %r" % part)
    notes = Notes(file, lines)
    paras = clean(raw, notes)
    name = file or "<input>"
    if not paras:
        raise InputError("%s: the document is empty (no text in it)" % name)
    plan = Plan(source=Source(file=file))
    meta: dict[str, Any] = {}
    imprint = Notice()
    paras = split_imprint(paras, imprint, meta, notes)

    labels = [parse_label(p.text) for p in paras]
    title_at = next((i for i, p in enumerate(paras[:80]) if labels[i] is None and plan_title(p.text)), None)
    search_from = title_at + 1 if title_at is not None else 0
    first = next((i for i in range(search_from, len(paras)) if labels[i] is not None and labels[i].value == 1),
                 None)
    if first is None:
        raise InputError("%s: no numbered sections found: a plan's sections start with 一、 or （一） or "
                         "1、 at the start of a paragraph" % name,
                         [Finding("error", "no-sections", "no numbered sections (一、 …) found", file)])
    front = paras[:title_at] if title_at is not None else paras[:first]
    head = paras[title_at + 1:first] if title_at is not None else []
    speech = is_speech(front)
    notice = None
    if speech:
        meta.update(parse_speech_front(front))
    elif front:
        notice, notice_meta = parse_notice(front, notes)
        meta.update(notice_meta)
        if notice is None and title_at is None:
            head = front  # no notice and no title: the plan starts right away
        elif notice is None:
            meta["front"] = join_paragraphs(p.text for p in front)
            notes.add("warning", "unrecognised-front", "the text before the plan title is not a notice "
                      "(no title, 发文字号 or 主送); kept in meta.front", front[0].n)
    if title_at is not None:
        plan.title, draft = plan_title(paras[title_at].text)
        if draft:
            plan.status = "draft"
    _read_head(head, plan, meta, notes)

    body = _join_broken_lines(paras[first:], labels[first:], notes)
    root = _outline(body, notes)
    scope = _choose_part(root, part, plan, name, notes)
    closing = _split_closing(scope)
    plan.closing = join_paragraphs(p.text for p in closing)

    plan.numbering, overrides = _numbering(scope.children, notes)
    plan.sections = [_item(n, overrides, file, lines, notes) for n in scope.children]

    if notice is not None:
        notice.source = Source(file=file, line=front[0].n if lines else None, paragraph=front[0].n)
        _merge_imprint(notice, imprint)
        _plan_as_attachment(notice, plan.title)
        plan.notice = notice
    elif imprint.printed_on:
        meta["printed_by"] = imprint.printed_by
        meta["printed_on"] = imprint.printed_on.isoformat()
    _fill_plan_fields(plan, notice, meta, speech, notes, paras)
    plan.meta = meta
    return plan, notes.findings


# The title block between the plan title and the first section -----------------------------------

def _read_head(head: list[Para], plan: Plan, meta: dict[str, Any], notes: Notes) -> None:
    preamble = []
    for p in head:
        kind = classify_head(p) if not preamble else None
        if kind is None:
            preamble.append(p.text)
        elif kind[0] == "draft":
            plan.status = "draft"
        elif kind[0] == "byline":
            meta["byline"] = kind[1]
        elif kind[0] == "issuer":
            plan.issuer = kind[1]
        elif kind[0] == "web":
            meta.update(parse_web(p.text))
            meta["web"] = p.text
            notes.add("info", "web-leftover", "web-page line moved to meta: %s" % p.text[:40], p.n)
    plan.preamble = join_paragraphs(preamble)


def _fill_plan_fields(plan: Plan, notice: Notice | None, meta: dict[str, Any], speech: bool,
                      notes: Notes, paras: list[Para]) -> None:
    if not plan.issuer and notice is not None and notice.issuer:
        plan.issuer = notice.issuer
    if not plan.issuer and meta.get("来源"):
        plan.issuer = meta["来源"]
        notes.add("warning", "guessed-issuer", "no issuer line; took the web page's 来源 %r as the issuer"
                  % plan.issuer, paras[0].n)
    if plan.year is None:
        for text in (plan.title, notice.title if notice else "", meta.get("subtitle", "")):
            plan.year = year_of(text or "")
            if plan.year:
                break
    if plan.year is None:
        notes.add("warning", "no-year", "no year found in the title", paras[0].n)
    if not plan.title:
        notes.add("warning", "no-title", "no plan title line (like 2017年全市卫生工作要点) found", paras[0].n)


def _merge_imprint(notice: Notice, imprint: Notice) -> None:
    notice.printed_by = imprint.printed_by
    notice.printed_on = imprint.printed_on
    notice.cc = imprint.cc


def _plan_as_attachment(notice: Notice, title: str) -> None:
    """An attachment that names the plan itself means the plan goes out as the attachment; the
    renderer lists it, so it is not kept among the other attachments."""
    if not title:
        return
    plan_itself = [a for a in notice.attachments if title in a]
    if plan_itself:
        notice.plan_as = "attachment"
        notice.attachments = [a for a in notice.attachments if a not in plan_itself]


# The outline --------------------------------------------------------------------------------------

def _ends_mid_sentence(p: Para, label: Label | None) -> bool:
    own = p.text[label.words:] if label else p.text
    return "。" in own and _ends_mid(p.text)


def _join_broken_lines(paras: list[Para], labels: list[Label | None], notes: Notes) -> list[Para]:
    """Join a line broken in mid-sentence (seed 000's `…纲要` / `（2015-2020年）》…`) to the next
    paragraph when that one does not start a new item."""
    out: list[Para] = []
    pending: tuple[Para, Label | None] | None = None
    for p, lab in zip(paras, labels):
        if pending is not None:
            q, qlab = pending
            if lab is None or not _looks_like_item(lab, p):
                notes.add("info", "joined-lines", "joined ¶%d to ¶%d: the line was broken in mid-sentence"
                          % (p.n, q.n), q.n)
                q = Para(q.n, q.text + p.text)
                out[-1] = q
                pending = (q, qlab) if _ends_mid_sentence(q, qlab) else None
                continue
            pending = None
        out.append(p)
        if _ends_mid_sentence(p, lab):
            pending = (p, lab)
    return out


def _looks_like_item(lab: Label, p: Para) -> bool:
    """`（2015-2020年）》` never parses as a label; a real label is followed by words."""
    return bool(p.text[lab.words:].strip())


def _outline(body: list[Para], notes: Notes) -> Node:
    root = Node(None, None)
    stack = [root]
    last_value: dict[tuple[str, int], int] = {}
    for p in body:
        lab = parse_label(p.text)
        if lab is not None and not _looks_like_item(lab, p):
            lab = None
        if lab is not None:
            k = next((k for k in range(1, len(stack)) if stack[k].label.family == lab.family), None)
            if k is not None:
                prev = stack[k].label.value
                if lab.value == prev + 1:
                    pass
                elif lab.value == prev:
                    notes.add("warning", "repeated-number", "%s repeats the number of the item before it; "
                              "kept as a new item (numbers are recomputed when rendering)" % lab.printed, p.n)
                elif lab.value == prev + 2:
                    notes.add("warning", "skipped-number", "%s follows %s: a number is skipped; numbers are "
                              "recomputed when rendering" % (lab.printed, stack[k].label.printed), p.n)
                else:
                    notes.add("info", "not-a-number", "%s does not follow %s; read as text, not as an item"
                              % (lab.printed, stack[k].label.printed), p.n)
                    lab = None
                if lab is not None:
                    del stack[k:]
            else:
                depth = len(stack) - 1
                if not (lab.value == 1 or lab.value == last_value.get((lab.family, depth), 0) + 1):
                    notes.add("info", "not-a-number", "%s starts no list here; read as text" % lab.printed, p.n)
                    lab = None
        if lab is None:
            stack[-1].paras.append(p)
            continue
        node = Node(lab, p, depth=len(stack) - 1)
        stack[-1].children.append(node)
        stack.append(node)
        last_value[(lab.family, node.depth)] = lab.value
    return root


def _title_of(node: Node) -> str:
    head = node.head()
    split = split_title(head)
    return split[0] if split else head


def _choose_part(root: Node, part: str, plan: Plan, name: str, notes: Notes) -> Node:
    """A speech reviews last year and deploys the next: pick the part asked for."""
    tops = root.children
    review = [n for n in tops if _REVIEW_WORDS.search(simple(_title_of(n))) and n.children]
    deploy = [n for n in tops if _PLAN_WORDS.search(simple(_title_of(n))) and n.children and n not in review]
    if not (review and deploy):
        if part == "review":
            raise InputError("%s: --part review: no 工作回顾 part found (the document has no review and "
                             "deployment parts)" % name)
        return root
    chosen = deploy[0] if part == "plan" else review[0]
    other = review[0] if part == "plan" else deploy[0]
    plan.title = _title_of(chosen)
    plan.year = year_of(plan.title)
    plan.preamble = join_paragraphs(p.text for p in chosen.paras)
    notes.add("info", "speech-part", "imported the part %r; the part %r is left out (--part %s)"
              % (plan.title, _title_of(other), "review" if part == "plan" else "plan"), chosen.para.n)
    scope = Node(None, None, paras=[])
    scope.children = chosen.children
    for n in scope.walk():
        if n is not scope:
            n.depth -= 1
    return scope


def _split_closing(scope: Node) -> list[Para]:
    """Closing words after the last item (a speech's `同志们，…`), taken off that item."""
    last = scope
    while last.children:
        last = last.children[-1]
    if last is scope:
        return []
    for i, p in enumerate(last.paras):
        if _CLOSING.match(simple(p.text)):
            closing = last.paras[i:]
            del last.paras[i:]
            return closing
    return []


# Numbering styles and continuity --------------------------------------------------------------------

def _chain(nodes: list[Node]) -> list[str]:
    """The families of the deepest run of levels below `nodes` (ties: the most items)."""
    by_family: dict[str, list[Node]] = {}
    for n in nodes:
        if n.children:
            by_family.setdefault(n.children[0].label.family, []).extend(n.children)
    best: list[str] = []
    best_score = (-1, -1)
    for family, kids in by_family.items():
        sub = _chain(kids)
        score = (len(sub), len(kids))
        if score > best_score:
            best, best_score = sub, score
    return [nodes[0].label.family] + best


def _numbering(sections: list[Node], notes: Notes) -> tuple[Numbering, dict[int, Numbering]]:
    """The plan's numbering, plus an own scope for each node whose children are numbered in a
    family other than the plan's next level (seed 004's 主要任务 list)."""
    overrides: dict[int, Numbering] = {}

    def scope(top: list[Node]) -> Numbering:
        families = _chain(top)
        groups: dict[int, list[list[Node]]] = {0: [top]}

        def visit(nodes: list[Node], d: int) -> None:
            for n in nodes:
                if not n.children:
                    continue
                if d + 1 < len(families) and n.children[0].label.family == families[d + 1]:
                    groups.setdefault(d + 1, []).append(n.children)
                    visit(n.children, d + 1)
                else:
                    overrides[id(n)] = scope(n.children)

        visit(top, 0)
        levels, continuous = [], []
        for d in range(len(families)):
            gs = groups.get(d, [])
            levels.append(_style(gs, notes))
            continuous.append(_continuous(gs))
        return Numbering(levels=levels, continuous=continuous)

    if not sections:
        return Numbering(), overrides
    return scope(sections), overrides


def _style(groups: list[list[Node]], notes: Notes) -> str:
    nodes = [n for g in groups for n in g]
    counts = Counter(n.label.style for n in nodes)
    style = max(counts, key=lambda s: (counts[s], -next(i for i, n in enumerate(nodes) if n.label.style == s)))
    for n in nodes:
        if n.label.style != style:
            notes.add("warning", "mixed-numbering", "numbered %r where the others at this level use %r; "
                      "it will be printed in the common style" % (n.label.printed, style), n.para.n)
    return style


def _continuous(groups: list[list[Node]]) -> bool:
    """True when the numbers run on across parents: a later parent's first child continues."""
    runs_on = restarts = 0
    for before, group in zip(groups, groups[1:]):
        if group[0].label.value == 1:
            restarts += 1
        elif group[0].label.value == before[-1].label.value + 1:
            runs_on += 1
    return runs_on > restarts


# Nodes → items -----------------------------------------------------------------------------------

def _item(node: Node, overrides: dict[int, Numbering], file: str | None, lines: bool,
          notes: Notes) -> Item:
    head = node.head()
    conts = [p.text for p in node.paras]
    split = split_title(head)
    if split and not split[1] and conts:
        # one whole sentence on the number line, the body in paragraphs below (seed 004
        # item 1): a heading line printed as written, final 。 included
        title, paras, heading = head, conts, True
    elif split:
        title, rest = split
        paras = [rest] + conts if rest else conts
        heading = False
    else:
        title, paras = head, conts
        # a bare line is a heading; a section line alone needs no flag (sections print bare)
        heading = bool(paras) or (not node.children and node.depth > 0)
    item = Item(title=title, heading=heading)
    last_n = node.paras[-1].n if node.paras else node.para.n
    if paras:
        found = find_offices(paras[-1])
        if found:
            kept = paras[-1][:found.start].rstrip()
            if kept.endswith(("?", "？")):
                notes.add("warning", "stray-question-mark", "a '?' before the responsible offices, probably a "
                          "。 lost in conversion; kept as written", last_n)
            paras[-1] = kept
            if not kept:
                paras.pop()
            _set_offices(item, found, notes, last_n)
    if not item.lead:
        found = find_offices(item.title)
        if found and found.start > 0:
            item.title = item.title[:found.start].rstrip()
            _set_offices(item, found, notes, node.para.n)
    group = trailing_group(item.title)
    if group and group[0] > 0 and _TAG_WORDS.search(group[2]):
        item.tag = item.title[group[0]:].strip()
        item.title = item.title[:group[0]].rstrip()
    item.text = join_paragraphs(paras)
    if not item.title:
        notes.add("warning", "empty-title", "item %s has no words after its number" % node.label.printed,
                  node.para.n)
    item.numbering = overrides.get(id(node))
    item.items = [_item(c, overrides, file, lines, notes) for c in node.children]
    item.source = Source(file=file, line=node.para.n if lines else None, paragraph=node.para.n,
                         label=node.label.printed, raw=node.para.text)
    return item


def _set_offices(item: Item, found, notes: Notes, n: int) -> None:
    item.lead, item.support = found.lead, found.support
    if found.keyword != "牵头":
        notes.add("info", "offices-wording", "offices written with %s; they will be printed with 牵头"
                  % found.keyword, n)
