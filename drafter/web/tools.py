"""Check and fix, next year's draft, compare, preview and downloads."""
from __future__ import annotations

import io
import re
from pathlib import Path

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from ..app import preview as previews
from ..app import workspace as wsapp
from ..errors import DrafterError
from .security import who, workspace

bp = Blueprint("tools", __name__)

DOWNLOADS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "pdf": "application/pdf",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
KIND_NAMES = {"notice": "印发通知", "plan": "工作要点", "tasks": "任务分工表"}


@bp.get("/plans/<name>/check")
def check(name):
    ws = workspace()
    text, base = ws.read(name)
    findings = wsapp.findings_of_text(ws, name, text)
    fixable = sum(1 for f in findings if f.fix)
    return render_template("check.html", name=name, findings=findings, fixable=fixable, base=base,
                           field_key=wsapp.field_key)


@bp.post("/plans/<name>/fix")
def fix(name):
    ws = workspace()
    text, done = wsapp.fixed_text(ws, name)
    if done:
        ws.save(name, text, request.form.get("base") or None, who=who(), note="自动修正 %d 处" % len(done))
        flash("已自动修正 %d 处。" % len(done))
    else:
        flash("没有可以自动修正的问题。")
    return redirect(url_for("tools.check", name=name))


@bp.post("/plans/<name>/rollover")
def rollover(name):
    new, report = wsapp.rollover_plan(workspace(), name, who=who())
    return render_template("rollover.html", name=name, new=new, report=report, field_key=wsapp.field_key)


@bp.get("/compare")
def compare():
    ws = workspace()
    a, b = request.args.get("a", ""), request.args.get("b", "")
    choices = []
    for info in ws.list_plans():
        choices.append(("plan:" + info.name, "%s（当前）" % info.name))
        for v in ws.history(info.name)[1:]:
            choices.append(("version:%s:%s" % (info.name, v.id),
                            "%s · %s 的版本" % (info.name, v.when.strftime("%Y-%m-%d %H:%M:%S"))))
    report = wsapp.compare_html(ws, a, b) if a and b else None
    return render_template("compare.html", choices=choices, a=a, b=b, report=report)


@bp.get("/compare/download/<what>")
def compare_download(what):
    data = wsapp.compare_download(workspace(), request.args.get("a", ""), request.args.get("b", ""), what)
    filename = {"redline": "修订对照.docx", "table": "新旧对照表.docx"}[what]
    return send_file(io.BytesIO(data), mimetype=DOWNLOADS["docx"], as_attachment=True,
                     download_name=filename)


@bp.get("/plans/<name>/preview")
def preview(name):
    kind = request.args.get("kind", "notice")
    ws = workspace()
    error = None
    try:
        shown = previews.render(ws, name, kind)
    except DrafterError as e:
        shown, error = None, e.message
    return render_template("preview.html", name=name, kind=kind, kinds=KIND_NAMES, preview=shown,
                           error=error, base=ws.read(name)[1])


@bp.get("/preview-files/<key>/<file>")
def preview_file(key, file):
    if not re.fullmatch(r"[0-9a-f]{16}-[a-z]+", key) or not re.fullmatch(r"page-\d{1,4}\.jpg", file):
        abort(404)
    path = workspace().state / "cache" / "preview" / key / file
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=3600)


@bp.get("/plans/<name>/download/<fmt>")
def download(name, fmt):
    ws = workspace()
    kind = request.args.get("kind", "notice")
    if fmt not in DOWNLOADS or kind not in KIND_NAMES:
        abort(404)
    if fmt == "xlsx":
        path = previews.tasks_xlsx(ws, name)
    else:
        shown = previews.render(ws, name, kind, pdf=fmt == "pdf")
        path = shown.docx if fmt == "docx" else shown.pdf
    download_name = "%s-%s.%s" % (Path(name).stem, KIND_NAMES["tasks" if fmt == "xlsx" else kind], fmt)
    return send_file(path, mimetype=DOWNLOADS[fmt], as_attachment=True, download_name=download_name)
