"""Safe by default: a CSRF token on every POST, Chinese error pages, no traceback in the browser."""
from __future__ import annotations

import logging
import secrets

from flask import abort, current_app, render_template, request, session
from werkzeug.exceptions import HTTPException

from ..errors import DrafterError

log = logging.getLogger("drafter.web")

HTTP_MESSAGES = {
    400: "请求无效。", 403: "没有权限。", 404: "没有这个页面。", 405: "不支持这种操作。",
    413: "上传的文件太大（最大 20 MB）。", 500: "服务器内部错误，详情已记录在服务器日志中。",
}


def csrf_token() -> str:
    token = session.get("_csrf")
    if not token:
        token = session["_csrf"] = secrets.token_urlsafe(32)
    return token


def who() -> str:
    """Who is saving: the name the user gave in this form or before (kept in the session),
    else a plain default."""
    given = request.form.get("who", "").strip() if request.method == "POST" else ""
    if given:
        session["who"] = given[:40]
    return session.get("who") or "网页用户"


# The notice fields the editor shows (editor.html); a finding about another one goes to the form.
EDITOR_NOTICE_FIELDS = ("kind", "plan_as", "doc_number", "recipients", "date", "disclosure", "cc", "printed_by",
                        "printed_on", "contact", "phone")


def anchor(key: str) -> str:
    """The editor element a field key scrolls to: the field, else its item, else the form."""
    from ..app.workspace import ITEM_FIELDS, PLAN_FIELDS

    kind, _, rest = key.partition(".")
    if kind == "item":
        parts = key.split(".")
        return key if parts[-1].isdigit() or parts[-1] in ITEM_FIELDS else ".".join(parts[:-1])
    if (kind == "plan" and rest in PLAN_FIELDS) or (kind == "notice" and rest in EDITOR_NOTICE_FIELDS):
        return key
    return "editor"


def install(app) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["who"] = who
    app.jinja_env.filters["anchor"] = anchor

    @app.before_request
    def check_csrf():
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            sent = request.form.get("_csrf") or request.headers.get("X-CSRF-Token") or ""
            expected = session.get("_csrf") or ""
            if not expected or not secrets.compare_digest(sent, expected):
                abort(400, description="表单已失效（安全令牌不符），请刷新页面后重试。")

    @app.errorhandler(DrafterError)
    def drafter_error(e):
        log.info("refused: %s", e.message)
        return render_template("error.html", message=relative(e.message),
                               findings=[relative(str(f)) for f in e.findings]), 400

    @app.errorhandler(HTTPException)
    def http_error(e):
        message = e.description if e.code == 400 and e.description and not e.description.isascii() \
            else HTTP_MESSAGES.get(e.code, "请求无法完成。")
        return render_template("error.html", message=message, findings=[]), e.code

    @app.errorhandler(Exception)
    def unexpected(e):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return render_template("error.html", message=HTTP_MESSAGES[500], findings=[]), 500


def workspace():
    return current_app.extensions["drafter.workspace"]


def relative(text: str) -> str:
    """A message with the workspace's place on the server left out (plans/x.yaml stays)."""
    import os

    return text.replace(str(workspace().root) + os.sep, "")
