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
    """Who is saving: the name the user gave (kept in the session), else a plain default."""
    return session.get("who") or "网页用户"


def anchor(key: str) -> str:
    """The editor element a field key scrolls to: an item's fieldset, else the form."""
    if key.startswith("item."):
        parts = key.split(".")
        return ".".join(parts if parts[-1].isdigit() else parts[:-1])
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
        return render_template("error.html", message=e.message, findings=e.findings), 400

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
