"""Office logins: the login page (password checked by the store, failures rate-limited in the
database so that every worker counts them), logout, and the rule saying which pages need one.

The session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure over https); logging in
clears it and starts a new one with a fresh id and CSRF token, so a session fixed before the
login is worth nothing after it.
"""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

bp = Blueprint("auth", __name__)

OPEN_ENDPOINTS = {"static", "auth.login", "auth.login_post", "auth.logout"}


def store():
    return current_app.extensions["drafter.store"]


def office_user() -> str | None:
    return session.get("office")


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never `//host` or a scheme) is a place to go back to."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("consult_office.index")


def login_needed(blueprint: str | None) -> bool:
    """Office pages always; a unit's pages never (their link is their key); the plan workbench
    on a server reachable from other machines, or once an office account exists."""
    from ..app.consult_web import has_office_users

    if blueprint == "consult_unit":
        return False
    if blueprint == "consult_office":
        return True
    return current_app.config.get("DRAFTER_LOGIN_ALWAYS") or has_office_users(store())


def install(app) -> None:
    app.jinja_env.globals["office_user"] = office_user

    @app.before_request
    def require_login():
        if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None or office_user():
            return None
        if login_needed(request.blueprint):
            if request.method != "GET":
                return render_template("login.html", error="请先登录。", next=""), 403
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return None


@bp.get("/login")
def login():
    return render_template("login.html", next=request.args.get("next", ""), login="")


@bp.post("/login")
def login_post():
    from ..app.consult_web import LoginRefused, check_login

    login = request.form.get("login", "")
    try:
        user = check_login(store(), login, request.form.get("password", ""), request.remote_addr or "")
    except LoginRefused as e:
        return render_template("login.html", error=e.message, next=request.form.get("next", ""), login=login[:80]), \
            429 if e.blocked else 401
    target = _safe_next(request.form.get("next"))
    session.clear()  # a new session: nothing chosen before the login carries over
    session["office"] = user
    session["sid"] = secrets.token_urlsafe(16)
    session["who"] = user
    return redirect(target)


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("auth.login"))
