"""The terminal view of a PlanDiff: counts, then each change with number, title and a compact
inline diff (colour on a terminal, `[-old-]{+new+}` markers otherwise)."""
from __future__ import annotations

import click

CONTEXT = 8  # characters of unchanged text kept around each edit


def summary_text(d, *, colour: bool = False, show_all: bool = False) -> str:
    def style(text, **kw):
        return click.style(text, **kw) if colour else text

    s = d.summary()
    old_t = d.old.title or d.old_name or "old"
    new_t = d.new.title or d.new_name or "new"
    lines = ["%s → %s" % (old_t, new_t)]
    if d.empty:
        lines.append("no differences (%d items matched)" % s["matched"])
        return "\n".join(lines) + "\n"
    lines.append("%d added, %d removed, %d modified, %d moved, %d renumbered; %d matched"
                 % (s["added"], s["removed"], s["modified"], s["moved"], s["renumbered"], s["matched"]))
    for f in d.fields:
        lines.append(style("  plan %s: " % f.field, bold=True) + _short(f.old) + " → " + _short(f.new))
    for c in d.changes:
        if not c.changed and not (show_all and c.renumbered):
            continue
        ref = c.new or c.old
        if c.status == "added":
            head = style("+ %s %s" % (ref.number, ref.title), fg="green", bold=True)
            if c.split_from:
                head += "  (split from %s %s)" % (c.split_from.number, c.split_from.title)
        elif c.status == "removed":
            head = style("- %s %s" % (ref.number, ref.title), fg="red", bold=True)
            if c.merged_into:
                head += "  (merged into %s %s)" % (c.merged_into.number, c.merged_into.title)
        else:
            num = c.old.number if c.old.number == c.new.number else "%s→%s" % (c.old.number, c.new.number)
            tags = [w for w, on in (("reworded", c.text_changed), ("moved", c.moved),
                                    ("renumbered", c.renumbered and not (c.text_changed or c.moved or c.fields)))
                    if on]
            tags += [f.field for f in c.fields]
            head = style("~ %s %s" % (num, c.new.title), fg="yellow", bold=True) + "  [%s]" % ", ".join(tags)
        lines.append(head)
        if c.status == "matched" and c.text_changed:
            lines.append("    " + compact_ops(c.ops, colour))
        for t in c.targets:
            lines.append("    " + style("◆ ", fg="cyan") + str(t))
        for f in c.fields:
            lines.append("    %s: %s → %s" % (f.field, _short(f.old), _short(f.new)))
    return "\n".join(lines) + "\n"


def _short(v, n: int = 40) -> str:
    if isinstance(v, list):
        v = "、".join(v)
    v = "" if v is None else str(v).replace("\n", " ")
    return v if len(v) <= n else v[:n] + "…"


def compact_ops(ops, colour: bool) -> str:
    """The edits with a little unchanged context; long unchanged stretches become `…`."""
    out = []
    for k, (tag, a, b) in enumerate(ops):
        if tag == "equal":
            a = a.replace("\n", "¶")
            if len(a) <= 2 * CONTEXT:
                out.append(a)
            else:
                left = a[:CONTEXT] if k > 0 else ""
                right = a[-CONTEXT:] if k < len(ops) - 1 else ""
                out.append(left + "…" + right)
            continue
        if a:
            out.append(click.style(a, fg="red", strikethrough=True) if colour else "[-%s-]" % a)
        if b:
            out.append(click.style(b, fg="green", underline=True) if colour else "{+%s+}" % b)
    return "".join(out)
