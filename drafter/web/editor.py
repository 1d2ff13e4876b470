"""The plan editor: notice fields and the task tree, saved with history and conflict checks."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from ..app import workspace as wsapp
from ..errors import InputError
from .security import who, workspace

bp = Blueprint("editor", __name__)

EDITABLE_PREFIXES = ("plan.", "notice.", "item.")


def _changes(form) -> dict[str, str]:
    """The submitted field values (everything else in the form is controls)."""
    return {k: v for k, v in form.items() if k.startswith(EDITABLE_PREFIXES)}


def _op(form) -> str | None:
    op = form.get("op") or None
    if op and op.startswith("move:"):  # the target section is chosen in the item's own list
        op = "%s:%s" % (op, form.get("to", ""))
    return op


def _by_field(findings) -> tuple[dict[str, list], list]:
    """Findings grouped by the editor field (or item) they are about; the rest apart."""
    fields: dict[str, list] = {}
    other = []
    for f in findings:
        key = wsapp.field_key(f.path)
        if key:
            fields.setdefault(key, []).append(f)
        else:
            other.append(f)
    return fields, other


def _page(name, *, values=None, findings=(), status=200, base=None, error=None):
    """The editor; the check's messages come with the page after a refused save, else the
    page asks for them (/validate) once it has loaded, so a large plan opens at once."""
    ws = workspace()
    plan, current = ws.plan(name)
    fields, other = _by_field(findings)
    rows = wsapp.outline(plan)
    return render_template(
        "editor.html", name=name, plan=plan, notice=plan.notice, rows=rows,
        rows_by_path={r.path: r for r in rows}, base=base or current, values=values or {},
        fields=fields, other=other, error=error, shown=wsapp.shown,
        sections=[(i, s.title) for i, s in enumerate(plan.sections)]), status


@bp.get("/plans/<name>")
def edit(name):
    try:
        return _page(name)
    except wsapp.NameRefused:
        raise
    except InputError as e:  # the file no longer reads as a plan: offer its YAML source
        return render_template("error.html", message=e.message, findings=[str(f) for f in e.findings],
                               source=url_for("editor.source", name=name)), 400


@bp.post("/plans/<name>")
def save(name):
    ws = workspace()
    form = request.form
    base = form.get("base") or None
    try:
        saved = ws.edit(name, _changes(form), _op(form), base, who=who(), note=form.get("note", "")[:200])
    except wsapp.SaveConflict as e:
        return _conflict(name, e)
    except InputError as e:
        return _page(name, values=form, findings=e.findings or [], status=400, base=base,
                     error=e.message)
    flash("已保存。" if not form.get("op") else "已保存（结构已调整，编号已更新）。")
    anchor = form.get("anchor", "")
    return redirect(url_for("editor.edit", name=saved.name) + ("#" + anchor if anchor else ""))


def _conflict(name, e):
    """Both versions, and what differs between them, when a save was refused."""
    report = wsapp.conflict_report(workspace(), name, e.mine)
    return render_template("conflict.html", name=name, conflict=e, report=report), 409


@bp.get("/plans/<name>/source")
def source(name):
    """The plan's YAML as text: for what the form does not show, and for a file that no
    longer reads as a plan (the CLI, a hand edit), so it can be mended here."""
    ws = workspace()
    text, base = ws.read(name)
    return render_template("source.html", name=name, text=text, base=base,
                           findings=wsapp.findings_of_text(ws, name, text))


@bp.post("/plans/<name>/source")
def save_source(name):
    ws = workspace()
    text = request.form.get("text", "").replace("\r\n", "\n")
    base = request.form.get("base") or None
    try:
        ws.save(name, text, base, who=who(), note=request.form.get("note", "")[:200] or "编辑原文")
    except wsapp.SaveConflict as e:
        return _conflict(name, e)
    except InputError as e:
        return render_template("source.html", name=name, text=text, base=base, error=e.message,
                               findings=e.findings), 400
    flash("已保存。")
    return redirect(url_for("editor.edit", name=name))


@bp.post("/plans/<name>/validate")
def validate(name):
    """The `drafter check` messages for the unsaved form, by field (validation as you type)."""
    ws = workspace()
    text, _ = ws.read(name)
    try:
        new = wsapp.edit_text(text, _changes(request.form))
    except InputError as e:
        return jsonify(fields={}, other=[e.message])
    fields, other = _by_field(wsapp.findings_of_text(ws, name, new))
    return jsonify(fields={k: [_line(f) for f in v] for k, v in fields.items()},
                   other=[_line(f) for f in other])


def _line(f) -> str:
    return "%s：%s（%s）" % ({"error": "错误", "warning": "提示", "info": "信息"}.get(f.level, f.level),
                          f.message, f.code)


@bp.get("/plans/<name>/history")
def history(name):
    ws = workspace()
    ws.path(name)
    return render_template("history.html", name=name, versions=ws.history(name), base=ws.read(name)[1])


@bp.get("/plans/<name>/history/<vid>")
def version(name, vid):
    ws = workspace()
    path = ws.version_path(name, vid)
    report = wsapp.compare_html(ws, "version:%s:%s" % (name, vid), "plan:" + name)
    return render_template("version.html", name=name, vid=vid, text=path.read_text("utf-8"),
                           report=report, base=ws.read(name)[1])


@bp.post("/plans/<name>/history/<vid>/restore")
def restore(name, vid):
    ws = workspace()
    try:
        ws.restore(name, vid, request.form.get("base") or None, who=who())
    except wsapp.SaveConflict as e:
        return _conflict(name, e)
    flash("已恢复为 %s 的版本（恢复前的版本仍保留在历史中）。" % vid[:15])
    return redirect(url_for("editor.edit", name=name))
