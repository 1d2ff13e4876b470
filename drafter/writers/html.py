"""The diff as one self-contained HTML page: summary and target table on top, jump links to
every change, then the two plans side by side with deletions and insertions marked.

No scripts, no fonts or styles from the network: the page opens the same offline, in a mail
attachment, or printed.
"""
from __future__ import annotations

from html import escape

STATUS_WORDS = {"added": "新增", "removed": "删除", "modified": "调整", "moved": "移动",
                "renumbered": "重新编号", "matched": "延续"}

FIELD_WORDS = {"title": "标题", "year": "年度", "issuer": "发文机关", "preamble": "总体要求", "closing": "结语",
               "lead": "牵头", "support": "配合", "deadline": "完成时限", "tag": "标注", "status": "状态",
               "heading": "标题独占一行"}

CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;margin:0;color:#222;background:#fff}
header{padding:16px 24px;border-bottom:3px solid #c00}
h1{font-size:22px;margin:0 0 6px}
.files{color:#555;font-size:14px}
.summary{display:flex;gap:10px;flex-wrap:wrap;margin:10px 0 0;padding:0;list-style:none}
.summary li{border:1px solid #ccc;border-radius:4px;padding:4px 10px;font-size:14px}
.summary b{font-size:18px;margin-left:4px}
section{padding:8px 24px}
h2{font-size:17px;border-left:4px solid #c00;padding-left:8px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:6px 8px;vertical-align:top;font-size:15px;line-height:1.7}
th{background:#f3f3f3}
table.sbs td{width:46%}
table.sbs td.tag{width:8%;text-align:center;white-space:nowrap;font-size:13px}
tr.same td{color:#777}
tr.sec td{background:#faf6ef;font-weight:bold}
del{background:#fdd;color:#900;text-decoration:line-through}
ins{background:#dfd;color:#060;text-decoration:none;border-bottom:1px solid #060}
.num{font-weight:bold;margin-right:4px}
.note{display:block;color:#555;font-size:13px}
.tag-added{color:#060}.tag-removed{color:#900}.tag-modified{color:#a60}.tag-moved{color:#06a}
ol.jump{columns:2;font-size:14px}
"""


def diff_report(d) -> str:
    """The whole page for a PlanDiff."""
    s = d.summary()
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>%s</title>" % escape("对照报告：%s" % (d.new.title or d.new_name or "")),
             "<style>%s</style></head><body>" % CSS]
    parts.append('<header><h1>%s</h1><div class="files">原：%s<br>新：%s</div>'
                 % (escape("修改对照报告"), escape(_name(d.old, d.old_name)), escape(_name(d.new, d.new_name))))
    parts.append('<ul class="summary" id="summary">')
    for k in ("added", "removed", "modified", "moved", "renumbered", "matched"):
        parts.append('<li class="count-%s">%s<b>%d</b></li>' % (k, STATUS_WORDS[k], s[k]))
    parts.append("</ul></header>")
    parts.append(_plan_fields(d))
    parts.append(_targets(d))
    parts.append(_jump_list(d))
    parts.append(_side_by_side(d))
    parts.append("</body></html>\n")
    return "\n".join(p for p in parts if p)


def _name(plan, name) -> str:
    return " ".join(x for x in (plan.title, "(%s)" % name if name else "") if x)


def tag_of(c) -> str:
    if c.status != "matched":
        return c.status
    if c.modified:
        return "modified"
    if c.moved:
        return "moved"
    return "renumbered" if c.renumbered else "matched"


def _anchor(k: int) -> str:
    return "c%d" % k


def _plan_fields(d) -> str:
    if not d.fields:
        return ""
    rows = "".join("<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
                   % (escape(FIELD_WORDS.get(f.field, f.field)), escape(_value(f.old)), escape(_value(f.new)))
                   for f in d.fields)
    return ('<section id="plan-fields"><h2>文件信息变化</h2><table><tr><th>项目</th><th>原</th><th>新</th>'
            "</tr>%s</table></section>" % rows)


def _targets(d) -> str:
    rows = []
    for k, c in enumerate(d.changes):
        ref = c.new or c.old
        for t in c.targets:
            rows.append('<tr><td><a href="#%s">%s %s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>'
                        % (_anchor(k), escape(ref.number), escape(ref.title), escape(t.label),
                           escape(t.old or "—"), escape(t.new or "—")))
    body = "".join(rows) if rows else '<tr><td colspan="4">无指标变化</td></tr>'
    return ('<section id="targets"><h2>指标变化</h2><table class="targets"><tr><th>任务</th><th>指标</th>'
            "<th>原</th><th>新</th></tr>%s</table></section>" % body)


def _jump_list(d) -> str:
    items = []
    for k, c in enumerate(d.changes):
        if not c.changed:
            continue
        ref = c.new or c.old
        items.append('<li><a href="#%s"><span class="tag-%s">[%s]</span> %s %s</a></li>'
                     % (_anchor(k), tag_of(c), STATUS_WORDS[tag_of(c)], escape(ref.number), escape(ref.title)))
    if not items:
        return '<section id="changes"><h2>变化</h2><p>两份文件内容相同。</p></section>'
    return '<section id="changes"><h2>变化一览</h2><ol class="jump">%s</ol></section>' % "".join(items)


def _side(d, c, side: str) -> str:
    from ..diff.match import item_text

    ref = c.old if side == "old" else c.new
    if ref is None:
        return ""
    num = '<span class="num">%s</span>' % escape(ref.number)
    out = []
    for tag, a, b in c.ops:
        text = a if side == "old" else b
        if not text:
            continue
        t = escape(text).replace("\n", "<br>")
        if tag == "equal":
            out.append(t)
        else:
            out.append(("<del>%s</del>" if side == "old" else "<ins>%s</ins>") % t)
    if not c.ops:
        plan = d.old if side == "old" else d.new
        out = [escape(item_text(plan.node_at(ref.path))).replace("\n", "<br>")]
    body = "".join(out)
    notes = []
    if side == "new" and c.moved and c.old:
        notes.append("由原 %s 移来" % c.old.number)
    if side == "new" and c.split_from:
        notes.append("由原 %s 拆分" % c.split_from.number)
    if side == "old" and c.merged_into:
        notes.append("并入 %s" % c.merged_into.number)
    for f in c.fields:
        if side == "new":
            notes.append("%s：%s → %s" % (FIELD_WORDS.get(f.field, f.field), _value(f.old), _value(f.new)))
    note = "".join('<span class="note">%s</span>' % escape(n) for n in notes)
    return num + body + note


def _value(v) -> str:
    if isinstance(v, list):
        return "、".join(v) or "—"
    return str(v) if v not in (None, "") else "—"


def _side_by_side(d) -> str:
    rows = []
    for k, c in enumerate(d.changes):
        tag = tag_of(c)
        ref = c.new or c.old
        cls = ["sec"] if len(ref.path) == 1 else []
        if not c.changed:
            cls.append("same")
        rows.append('<tr id="%s" class="%s"><td class="old">%s</td><td class="tag tag-%s">%s</td>'
                    '<td class="new">%s</td></tr>'
                    % (_anchor(k), " ".join(cls), _side(d, c, "old"), tag, STATUS_WORDS[tag], _side(d, c, "new")))
    return ('<section id="side-by-side"><h2>逐条对照</h2><table class="sbs"><tr><th>原文</th><th>变化</th>'
            "<th>修改后</th></tr>%s</table></section>" % "".join(rows))
