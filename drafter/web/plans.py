"""The plans list (open, duplicate, delete to the recycle folder) and importing a document."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ..app import workspace as wsapp
from ..errors import DrafterError, InputError
from .security import who, workspace

bp = Blueprint("plans", __name__)


@bp.get("/")
def index():
    ws = workspace()
    return render_template("plans.html", plans=ws.list_plans(), recycled=ws.recycled(), root=ws.root)


@bp.post("/plans/<name>/duplicate")
def duplicate(name):
    new = workspace().duplicate(name, who=who())
    flash("已复制为 %s" % new)
    return redirect(url_for("plans.index"))


@bp.post("/plans/<name>/delete")
def delete(name):
    target = workspace().delete(name)
    flash("已将 %s 移入回收站（%s）" % (name, target.relative_to(workspace().root)))
    return redirect(url_for("plans.index"))


@bp.post("/recycle/<entry>/restore")
def undelete(entry):
    name = workspace().undelete(entry)
    flash("已从回收站恢复为 %s" % name)
    return redirect(url_for("plans.index"))


@bp.get("/import")
def import_form():
    return render_template("import.html", staged=None)


@bp.post("/import")
def import_upload():
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return render_template("import.html", staged=None, error="请选择要导入的文件。"), 400
    ws = workspace()
    try:
        staged = wsapp.stage_import(ws, upload.read(), upload.filename)
    except DrafterError as e:
        return render_template("import.html", staged=None, error=e.message, findings=e.findings), 400
    return render_template("import.html", staged=staged, rows=wsapp.outline(staged.plan))


@bp.post("/import/<token>")
def import_save(token):
    ws = workspace()
    changes = {k: v for k, v in request.form.items() if k.startswith(("plan.", "notice."))}
    try:
        saved = wsapp.save_import(ws, token, request.form.get("name", "").strip(), changes, who=who())
    except wsapp.NameRefused:
        raise
    except InputError as e:  # a corrected field that is no valid value: say where
        text = wsapp.staged_text(ws, token)
        staged = wsapp.Staged(token, text, wsapp.plan_of_text(text), [], request.form.get("name", ""))
        return render_template("import.html", staged=staged, rows=wsapp.outline(staged.plan),
                               error=e.message, findings=e.findings, values=request.form), 400
    flash("已保存为计划 %s，请核对导入时的提示并修改。" % saved.name)
    return redirect(url_for("editor.edit", name=saved.name))
