"""The office's consultation pages (login required, see auth.py): open a consultation on a plan
of the workspace (each unit's private link shown once), follow progress, review every comment
under its task (online and returned Word files together, near-identical ones grouped), decide,
reopen a unit, close, download the 意见采纳情况汇总表, and make the next version of the plan
from the accepted wordings (its diff shown before it is saved in the workspace)."""
from __future__ import annotations

import io
import re
import tempfile
from datetime import datetime, time
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for

from ..app import consult_web
from ..app import consultation as cs
from ..errors import DrafterError
from .auth import office_user
from .security import workspace

bp = Blueprint("consult_office", __name__, url_prefix="/office")

DECISIONS = ("采纳", "部分采纳", "不采纳")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def store():
    return current_app.extensions["drafter.store"]


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "no-store"  # unit links and comments stay off disk caches
    return response


@bp.errorhandler(cs.NotFound)
def not_found(e):
    return render_template("error.html", message=e.message, findings=[]), 404


@bp.errorhandler(cs.Forbidden)
def forbidden(e):
    return render_template("error.html", message=e.message, findings=[]), 403


@bp.app_template_global("local")
def local(moment) -> str:
    return cs.local_text(moment) if moment else ""


@bp.app_template_global("diff_of")
def diff_of(old: str, new: str):
    return consult_web.inline_diff(old, new)


@bp.get("/")
def index():
    return render_template("office_index.html", rows=consult_web.list_consultations(store(), who=office_user()))


def _deadline(text: str):
    """A date (the deadline is its end, 23:59 local time) or a date and time from the form."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return datetime.combine(moment.date(), time(23, 59)) if fmt == "%Y-%m-%d" else moment
    raise cs.ConsultationError("截止时间须是日期，例如 2031-03-31。", "deadline")


def _open_form(errors=None, status=200):
    plans = [p.name for p in workspace().list_plans()]
    return render_template("office_open.html", plans=plans, errors=errors or {}, values=request.values), status


@bp.get("/open")
def open_form():
    return _open_form()


@bp.post("/open")
def open_post():
    form = request.form
    ws = workspace()
    upload = request.files.get("units_file")
    try:
        plan = ws.path(form.get("plan", ""))
    except DrafterError as e:
        return _open_form({"plan": e.message}, 400)
    with tempfile.TemporaryDirectory(dir=ws.staging()) as tmp:
        try:
            deadline = _deadline(form.get("deadline", ""))
            if deadline is not None and deadline <= datetime.now():
                raise cs.ConsultationError("截止时间须晚于现在。", "deadline")
            if upload is not None and upload.filename:
                if not upload.filename.lower().endswith(".xlsx"):
                    raise cs.ConsultationError("单位名单须是 .xlsx 文件。", "units")
                units = Path(tmp) / "units.xlsx"
                upload.save(units)
            else:
                units = consult_web.units_of_text(form.get("units", ""))
            opened = cs.open_consultation(store(), plan, units=units, who=office_user(), deadline=deadline,
                                          title=form.get("title", "").strip() or None)
        except cs.ConsultationError as e:
            return _open_form({e.field or "units": e.message}, 400)
        except DrafterError as e:  # an .xlsx that is no list of units, a plan without IDs
            return _open_form({"units" if upload and upload.filename else "plan": ws_relative(e.message)}, 400)
    links = [(name, url_for("consult_unit.show", token=token, _external=True)) for name, token in opened.links]
    return render_template("office_links.html", cid=opened.consultation_id, links=links)


def ws_relative(text: str) -> str:
    from .security import relative

    return relative(text)


@bp.get("/<int:cid>")
def progress(cid):
    rows = cs.progress(store(), cid, who=office_user())
    title = consult_web.consultation_title(store(), cid, who=office_user())
    log = cs.audit_log(store(), cid, who=office_user())
    return render_template("office_progress.html", cid=cid, title=title, rows=rows, log=log,
                           done=sum(1 for r in rows if r.submitted_at))


@bp.post("/<int:cid>/units/<int:uid>/reopen")
def reopen(cid, uid):
    cs.reopen(store(), cid, uid, who=office_user(), why=request.form.get("why", "")[:500])
    flash("已重新开放该单位的意见。")
    return redirect(url_for("consult_office.progress", cid=cid))


@bp.post("/<int:cid>/close")
def close(cid):
    cs.close(store(), cid, who=office_user())
    flash("已结束本次征求意见。")
    return redirect(url_for("consult_office.review", cid=cid))


@bp.get("/<int:cid>/review")
def review(cid, errors=None, status=200):
    rv = cs.review(store(), cid, who=office_user())
    return render_template("office_review.html", rv=rv, cid=cid, decisions=DECISIONS, errors=errors or {}), status


@bp.post("/<int:cid>/comments/<comment_id>/decide")
def decide(cid, comment_id):
    if consult_web.comment_consultation(store(), comment_id) != cid:
        raise cs.NotFound("没有这条意见。")
    form = request.form
    proposed = (form.get("proposed") or None) if form.get("decision") == "部分采纳" else None
    try:
        cs.decide(store(), comment_id, form.get("decision", ""), who=office_user(), reason=form.get("reason", ""),
                  proposed=proposed)
    except cs.NotFound:
        raise
    except cs.ConsultationError as e:
        return review(cid, errors={int(comment_id): {e.field: e.message}}, status=400)
    return redirect(url_for("consult_office.review", cid=cid, _anchor="c%s" % comment_id))


@bp.post("/<int:cid>/returned")
def returned(cid):
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        flash("请选择单位返回的 Word 文件。")
        return redirect(url_for("consult_office.review", cid=cid))
    with tempfile.TemporaryDirectory(dir=workspace().staging()) as tmp:
        paths = []
        for i, f in enumerate(files):
            name = re.sub(r"[/\\\x00-\x1f:*?\"<>|]+", "-", Path(f.filename.replace("\\", "/")).name).strip(" .-")
            if not name.lower().endswith(".docx"):
                flash("%s：不是 .docx 文件，未导入。" % (name or "文件"))
                continue
            folder = Path(tmp) / str(i)
            folder.mkdir()
            f.save(folder / name)
            paths.append(folder / name)
        result = cs.import_returned(store(), cid, paths, who=office_user())
    flash("已导入 %d 条意见%s。" % (result.stored, "（%d 条此前已导入）" % result.again if result.again else ""))
    for line in result.skipped:
        flash("未能读取 " + line)
    return redirect(url_for("consult_office.review", cid=cid))


@bp.get("/<int:cid>/summary.<fmt>")
def summary(cid, fmt):
    if fmt not in ("docx", "xlsx"):
        abort(404)
    title = consult_web.consultation_title(store(), cid, who=office_user())
    with tempfile.TemporaryDirectory(dir=workspace().staging()) as tmp:
        target = Path(tmp) / ("summary." + fmt)
        cs.write_summary(store(), cid, target, who=office_user())
        data = target.read_bytes()
    return send_file(io.BytesIO(data), mimetype=DOCX if fmt == "docx" else XLSX, as_attachment=True,
                     download_name="%s-意见采纳情况汇总表.%s" % (title, fmt))


@bp.get("/<int:cid>/next")
def next_version(cid):
    nv = cs.apply_accepted(store(), cid, who=office_user())
    title = consult_web.consultation_title(store(), cid, who=office_user())
    return render_template("office_next.html", cid=cid, nv=nv, name=workspace().free_name(title + "-采纳意见后"))


@bp.post("/<int:cid>/next")
def save_next(cid):
    nv = cs.apply_accepted(store(), cid, who=office_user())
    ws = workspace()
    name = request.form.get("name", "").strip()
    try:
        saved = ws.save(name, nv.text, None, who=office_user(), note="征求意见采纳后", new=True)
    except DrafterError as e:
        return render_template("office_next.html", cid=cid, nv=nv, name=name, error=ws_relative(e.message)), 400
    flash("已保存为计划 %s。" % saved.name)
    return redirect(url_for("editor.edit", name=saved.name))
