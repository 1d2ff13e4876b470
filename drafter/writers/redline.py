"""The new plan in full GB/T 9704 layout with every difference from the old one as a real Word
tracked change, laid out by the same writer as `drafter render`.

Both plans go through `writers.docx.layout`; the two paragraph lists are merged under the diff's
item alignment: items that stayed in order anchor the merge, moved items become
moveFrom/moveTo, removed and added items whole deleted/inserted paragraphs, and a reworded
paragraph gets character-level `w:del`/`w:ins` (numbers and ranges as whole tokens).
Item labels (numbering=):
- "derived" (the default): literal labels, and a renumbering is no change at all, because the
  number follows from the items around it: an item kept in place prints its new number as
  plain text; an inserted item's label is inside the insertion, a deleted item's inside the
  deletion, a moved item's old label moves from and its new one moves to.  Every reviewer's
  view shows the new numbers: LibreOffice 7.4 with changes shown drops a Word list number from
  any list paragraph holding a tracked deletion and counts the later items without it
  (`[（一）] （一）[（三）]`; no markup avoids it), which rules Word numbering out there.
  Rejecting every change gives the old text with the new numbers on the items kept in place.
- "word": Word list numbering; Word and LibreOffice count the items themselves after accept or
  reject, but LibreOffice's changes-shown view numbers them wrong (above).
- "text": literal labels with every renumbered numeral a tracked change.
With "word" and "text" accepting every change gives the new plan's text, rejecting every change
the old plan's, paragraph by paragraph, labels too; with "derived" the same but for the labels
of items kept in place, which stay new.

Where whole paragraphs are removed (accepting a deletion, rejecting an insertion), Word keeps
the next paragraph's own properties and LibreOffice 7.4 gives it the first removed one's, its
list label included; `_keep_neighbours_props` puts the tracked paragraph mark where both
agree.  When no place satisfies both (a removed run of mixed roles between a list item and
prose) LibreOffice can show one wrong label; the text is right either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass
class Block:
    node: int | None  # the aligned node index for an item's paragraphs, None for others
    paras: list = field(default_factory=list)

    def key(self) -> str:
        if self.node is not None:  # items never pair by text here: the alignment decides
            return "\x01%d\x01%d" % (id(self), self.node)
        p = self.paras[0]
        return "%s\x00%s" % (p.role, p.text)


def redline_kind(old, new, kind: str | None) -> str:
    """Notice layout when both plans carry a complete notice, else the plan alone: a draft
    fresh from `rollover` has its date and number cleared, and its reviewer still wants to
    see the plan's changes (`--as notice` asks for the notice and names what is missing)."""
    if kind:
        return kind
    from .docx.layout import missing_notice_fields

    if any(p.notice is None or missing_notice_fields(p, "notice") for p in (old, new)):
        return "plan"
    return "notice"


NUMBERINGS = ("derived", "word", "text")


def redline_paras(d, kind: str = "plan", template_dir: str | None = None, findings=None,
                  numbering: str = "derived") -> list:
    """The merged paragraph list of a PlanDiff, ready for `writers.docx.build`."""
    from ..errors import DrafterError
    from .docx import layout

    if numbering not in NUMBERINGS:
        raise DrafterError("unknown numbering %r; choose one of %s" % (numbering, ", ".join(NUMBERINGS)))
    al = d.alignment
    labels = "text" if numbering == "derived" else numbering
    old_paras = layout(d.old, kind, template_dir, findings=findings, numbering=labels)
    new_paras = layout(d.new, kind, template_dir, findings=findings, numbering=labels)
    return _merge(_blocks(_same_lists(old_paras, al), al.old), _blocks(new_paras, al.new), al,
                  relabel=numbering == "derived")


def _same_lists(old_paras: list, al) -> list:
    """Old paragraphs with their Word lists named as the new plan names them: a node that opens
    its own numbering (seed 004) is keyed by its path, which an earlier insert shifts, so the
    path of its matched new node is used (an unmatched one gets a list of its own)."""
    old_index = {n.path: n.index for n in al.old}
    new_path = {n.index: n.path for n in al.new}

    def scope(path: tuple) -> tuple:
        j = al.pairs.get(old_index.get(path, -1))
        return new_path[j] if j is not None else ("old",) + path

    out = []
    for p in old_paras:
        if p.num is not None and p.num.key[0]:
            key = (scope(p.num.key[0]),) + p.num.key[1:]
            p = replace(p, num=replace(p.num, key=key))
        out.append(p)
    return out


def _blocks(paras, nodes) -> list[Block]:
    index = {n.path: n.index for n in nodes}
    out: list[Block] = []
    for p in paras:
        node = index.get(tuple(p.node_path)) if p.node_path is not None else None
        if node is not None and out and out[-1].node == node:
            out[-1].paras.append(p)
        else:
            out.append(Block(node, [p]))
    return out


def _merge(ob: list[Block], nb: list[Block], al, relabel: bool = False) -> list:
    """`relabel`: an item kept in place takes its new label untracked (numbering="derived")."""
    from ..diff.match import _lis

    opos = {b.node: k for k, b in enumerate(ob) if b.node is not None}
    npos = {b.node: k for k, b in enumerate(nb) if b.node is not None}
    # Items the diff calls moved (to another section) are moved; for sections the longest
    # run in order decides, so a swap of two sections moves one section whole, heading and
    # items together, instead of its heading alone.
    sections = {n.index for n in al.old if len(n.path) == 1}
    forced = set(al.moved) - sections
    cand = sorted((opos[i], npos[j]) for i, j in al.pairs.items()
                  if i not in forced and i in opos and j in npos)
    keep = set(_lis([n for _, n in cand]))
    anchors = [(o, n) for o, n in cand if n in keep]
    moved_old = {ob[o].node for o, n in cand if n not in keep} | forced
    moves = {i: "move%d" % k for k, i in enumerate(sorted(i for i in moved_old if i in al.pairs), 1)}
    back = {j: i for i, j in al.pairs.items()}
    out: list = []
    po = pn = -1
    for ao, an in anchors + [(len(ob), len(nb))]:
        out.extend(_gap(ob[po + 1:ao], nb[pn + 1:an], moves, back))
        if ao < len(ob):
            old = _relabelled(ob[ao].paras, nb[an].paras) if relabel else ob[ao].paras
            out.extend(_pair_paras(old, nb[an].paras))
        po, pn = ao, an
    return _keep_neighbours_props(_guard_reject_merge(out))


def _relabelled(ps: list, qs: list) -> list:
    """An item's old paragraphs with its new label: its number is derived from its place, so
    a renumbering is no edit to track."""
    old, new = ps[0].runs, qs[0].runs
    if not (old and new and old[0].role == "label" and new[0].role == "label"):
        return ps
    return [replace(ps[0], runs=[replace(old[0], text=new[0].text)] + old[1:])] + ps[1:]


def _regions(xs: list, ys: list):
    """(equal, old slice, new slice) runs of an LCS alignment; a delete next to an insert is
    one region, so changed paragraphs pair up instead of being deleted and re-inserted."""
    from rapidfuzz.distance import Indel

    out: list[list] = []
    for op in Indel.opcodes(xs, ys):
        eq = op.tag == "equal"
        if out and not eq and not out[-1][0]:
            out[-1][2], out[-1][4] = op.src_end, op.dest_end
        else:
            out.append([eq, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [(eq, slice(a0, a1), slice(b0, b1)) for eq, a0, a1, b0, b1 in out]


def _gap(og: list[Block], ng: list[Block], moves: dict[int, str], back: dict[int, int]) -> list:
    """Between two anchors: equal plain paragraphs kept, same-role plain paragraphs paired and
    diffed inline, everything else deleted (or moved from) then inserted (or moved to)."""
    out: list = []
    for eq, sx, sy in _regions([b.key() for b in og], [b.key() for b in ng]):
        xs, ys = og[sx], ng[sy]
        if eq:
            for b in ys:
                out.extend(b.paras)
            continue
        if all(b.node is None for b in xs + ys):
            # plain paragraphs (titles, notice text): pair them by role, in order, so the
            # title of a draft that gained a （征求意见稿） line still changes only its year
            for same, rx, ry in _regions([b.paras[0].role for b in xs], [b.paras[0].role for b in ys]):
                if same:
                    out.extend(_diff_para(x.paras[0], y.paras[0]) for x, y in zip(xs[rx], ys[ry]))
                else:
                    out.extend(_whole(b.paras[0], "del", None, None) for b in xs[rx])
                    out.extend(_whole(b.paras[0], "ins", None, None) for b in ys[ry])
            continue
        for b in xs:
            name = moves.get(b.node) if b.node is not None else None
            out.extend(_whole(p, "del", name and "moveFrom", name) for p in b.paras)
        for b in ys:
            name = moves.get(back.get(b.node)) if b.node is not None else None
            out.extend(_whole(p, "ins", name and "moveTo", name) for p in b.paras)
    return out


def _whole(p, mark: str, run_change: str | None, move: str | None):
    runs = [replace(r, change=run_change or mark, move=move) for r in p.runs]
    return replace(p, runs=runs, change=mark)


def _pair_paras(ps: list, qs: list) -> list:
    """An item matched in place: its paragraphs aligned by text, changed ones diffed inline."""
    out: list = []
    for eq, sx, sy in _regions([(p.text, p.num) for p in ps], [(q.text, q.num) for q in qs]):
        xs, ys = ps[sx], qs[sy]
        if eq:
            out.extend(ys)
            continue
        k = min(len(xs), len(ys))
        for x, y in zip(xs[:k], ys[:k]):
            if x.num == y.num:
                out.append(_diff_para(x, y))
            else:  # another list or level: the label must come back on reject
                out.extend([_whole(x, "del", None, None), _whole(y, "ins", None, None)])
        out.extend(_whole(x, "del", None, None) for x in xs[k:])
        out.extend(_whole(y, "ins", None, None) for y in ys[k:])
    return out


def _diff_para(p, q):
    """`q` with `p`'s text tracked: equal text in q's runs, deletions in p's, insertions in q's."""
    from ..diff.inline import inline_ops

    if p.text == q.text:
        return q
    runs: list = []
    pa = pb = 0
    for tag, a, b in inline_ops(p.text, q.text):
        if tag == "equal":
            runs.extend(_slice(q.runs, pb, pb + len(b), None))
        else:
            runs.extend(_slice(p.runs, pa, pa + len(a), "del"))
            runs.extend(_slice(q.runs, pb, pb + len(b), "ins"))
        pa += len(a)
        pb += len(b)
    return replace(q, runs=runs)


def _slice(runs: list, start: int, end: int, change: str | None) -> list:
    out = []
    pos = 0
    for r in runs:
        a, b = pos, pos + len(r.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(replace(r, text=r.text[lo - a:hi - a], change=change))
    return out


def _guard_reject_merge(paras: list) -> list:
    """LibreOffice joins a paragraph that ends in an insertion to a following wholly inserted
    paragraph by the same author when the changes are rejected.  So such a paragraph must not
    end in an insertion: slide the insertion left past an equal last character when it can
    (`挂钩。[+同步推进。+]` → `挂钩[+。同步推进+]。`), else end on the old last character
    deleted and re-inserted (`…[+c+X+][-c-]`)."""
    out = []
    for k, p in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is not None and nxt.change == "ins" and p.change is None and p.runs \
                and p.runs[-1].change == "ins":
            p = replace(p, runs=_end_unchanged(list(p.runs)))
        out.append(p)
    return out


def _props(p) -> tuple:
    return (p.role, p.num, p.page_break)


def _keep_neighbours_props(paras: list) -> list:
    """When LibreOffice removes whole paragraphs (accepting deletions, rejecting insertions),
    the paragraph after them takes the first removed one's properties, its list label
    included; Word keeps its own.  Where those differ (or the run ends the document, whose
    last mark stays whatever happens), track the mark of the unchanged paragraph before the
    run instead of the run's last mark: both then keep the neighbours' properties, provided
    that paragraph is formatted like the run's last one (its own text may have changes, but
    not end in one before an inserted run: see `_guard_reject_merge`)."""
    out = list(paras)
    i = 0
    while i < len(out):
        kind = out[i].change
        if kind is None:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and out[j + 1].change == kind:
            j += 1
        nxt = next((p for p in out[j + 1:] if p.change != kind), None)
        prev = out[i - 1] if i > 0 else None
        # the document's end counts as a differing neighbour: its last paragraph mark cannot go
        if (nxt is None or _props(nxt) != _props(out[i])) and prev is not None \
                and prev.change is None and prev.mark is None and _props(prev) == _props(out[j]) \
                and not (kind == "ins" and prev.runs and prev.runs[-1].change):
            out[i - 1] = replace(prev, mark=kind)
            out[j] = replace(out[j], change=None)
        i = j + 1
    return out


def _end_unchanged(runs: list) -> list:
    k = len(runs)
    while k > 0 and runs[k - 1].change == "ins":
        k -= 1
    if k == 0 or runs[k - 1].change is not None or not runs[k - 1].text:
        return runs
    head, tail = runs[:k], runs[k:]
    last = head[-1]
    c = last.text[-1]
    head[-1] = replace(last, text=last.text[:-1])
    if tail[-1].text.endswith(c):
        tail = [replace(last, text=c, change="ins")] + tail
        tail[-1] = replace(tail[-1], text=tail[-1].text[:-1])
        closing = [replace(last, text=c, change=None)]
    else:
        tail = [replace(last, text=c, change="ins")] + tail
        closing = [replace(last, text=c, change="del")]
    return [r for r in head + tail if r.text] + closing


def write_redline(d, path, *, kind: str | None = None, author: str = "drafter", date=None,
                  template_dir: str | None = None, findings=None, numbering: str = "derived"):
    """Build the redline .docx for a PlanDiff and save it atomically."""
    from .docx import assemble

    paras = redline_paras(d, redline_kind(d.old, d.new, kind), template_dir, findings, numbering)
    return assemble(paras, author=author, date=date, template_dir=template_dir).save(path)
