"""A unit's pages, reached by its private link /c/<token> alone (no account): the draft task by
task with its own comments, saving (as it types through static/consult.js, or by the form
without JavaScript), deleting, submitting.  Every call goes through `app.consultation`, which
resolves the token to its one unit; an unknown token, or a comment id of anyone else, is the
same 404 page that says nothing about what exists."""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for

from markupsafe import Markup, escape

from ..app import consultation as cs

bp = Blueprint("consult_unit", __name__, url_prefix="/c")


def store():
    return current_app.extensions["drafter.store"]


@bp.app_template_filter("diff_html")
def diff_html(ops) -> Markup:
    """Inline diff ops (`drafter.diff.inline`) as escaped text with <del>/<ins>."""
    out = []
    for tag, a, b in ops or []:
        if tag in ("delete", "replace") and a:
            out.append(Markup("<del>%s</del>") % a)
        if tag in ("insert", "replace") and b:
            out.append(Markup("<ins>%s</ins>") % b)
        if tag == "equal":
            out.append(escape(a))
    return Markup("").join(out)


def wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@bp.after_request
def private(response):
    """The token is in the URL: never sent on as a referrer, never cached, never indexed."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def missing():
    if wants_json():
        return jsonify(ok=False, errors={"": "链接无效或意见不存在。"}), 404
    return render_template("unit_missing.html"), 404


def page(token: str, *, errors=None, values=None, message: str = "", status: int = 200):
    view = cs.unit_view(store(), token)
    by_task: dict = {}
    for c in view.comments:
        by_task.setdefault(c.task_id, []).append(c)
    return render_template("unit.html", v=view, token=token, by_task=by_task, errors=errors or {},
                           values=values or {}, message=message, new_key=secrets.token_urlsafe(12),
                           local=cs.local_text), status


@bp.get("/<token>")
def show(token):
    try:
        return page(token)
    except cs.NotFound:
        return missing()


def _proposed(form):
    """The proposed wording, None when the box was not offered or left as the draft."""
    if "proposed" not in form:
        return None
    return form.get("proposed")


@bp.post("/<token>/comments")
def save(token):
    form = request.form
    task_id = form.get("task_id") or None
    try:
        cid = cs.save_comment(store(), token, said=form.get("said"), task_id=task_id, reason=form.get("reason", ""),
                              proposed=_proposed(form), comment_id=form.get("comment_id") or None,
                              client_key=form.get("client_key") or None)
    except cs.NotFound:
        return missing()
    except cs.ConsultationError as e:
        field = e.field or "said"
        if wants_json():
            return jsonify(ok=False, errors={field: e.message}), 400
        key = form.get("comment_id") or "new-%s" % (task_id or "general")
        try:
            return page(token, errors={key: {field: e.message}}, values={key: form}, status=400)
        except cs.NotFound:
            return missing()
    if wants_json():
        comment = next(c for c in cs.unit_view(store(), token).comments if c.id == cid)
        return jsonify(ok=True, id=cid, saved=cs.local_text(comment.updated_at),
                       diff=str(diff_html(comment.diff)))
    return redirect(url_for("consult_unit.show", token=token, _anchor="comment-%d" % cid))


@bp.post("/<token>/comments/<comment_id>/delete")
def delete(token, comment_id):
    try:
        cs.delete_comment(store(), token, comment_id)
    except cs.NotFound:
        return missing()
    except cs.ReadOnly as e:
        return page(token, message=e.message, status=400)
    return redirect(url_for("consult_unit.show", token=token))


@bp.post("/<token>/submit")
def submit(token):
    try:
        cs.submit(store(), token)
    except cs.NotFound:
        return missing()
    except cs.ReadOnly as e:
        return page(token, message=e.message, status=400)
    return redirect(url_for("consult_unit.show", token=token, submitted=1))
