"""The drafter's workbench in the browser (`drafter serve`): a Flask app over a workspace,
and the online 征求意见 over a store (SQLite in the workspace by default, PostgreSQL by URL).

Pages are server-rendered Jinja (autoescaped) with a little plain JavaScript shipped in the
package, so it works on an intranet without internet.  Routes hold no logic of their own:
each one calls `drafter.app` (workspace, check, compare, preview, documents) as the CLI does.
"""
from __future__ import annotations

import os
from pathlib import Path

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def create_app(workspace: str | os.PathLike = ".", *, secret_key: bytes | None = None,
               database: str | None = None, login_always: bool = False, secure_cookies: bool = False):
    """The Flask app serving the plans of `workspace` (its `plans/` folder) and the online
    consultations of `database` (default: DRAFTER_DATABASE_URL, else an SQLite file in the
    workspace), migrated to the newest schema here, at start.

    The consultation office pages always need a login.  The plan workbench needs one when
    `login_always` (a server reachable from other machines) or once an office account exists;
    a fresh workspace on one PC opens without any.  `secure_cookies` when served over https."""
    from flask import Flask

    from ..app.workspace import Workspace
    from ..app.consult_web import open_web_store
    from . import auth, consult_office, consult_unit, editor, plans, security, tools

    ws = Workspace(workspace)
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SECRET_KEY=secret_key or _secret_key(ws),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(secure_cookies),
        SESSION_COOKIE_NAME="drafter_session",
        TEMPLATES_AUTO_RELOAD=False,
        DRAFTER_LOGIN_ALWAYS=bool(login_always),
    )
    app.extensions["drafter.workspace"] = ws
    app.extensions["drafter.store"] = open_web_store(database, ws.root)
    app.jinja_env.autoescape = True  # every template, whatever its name
    security.install(app)
    auth.install(app)
    for module in (plans, editor, tools, auth, consult_office, consult_unit):
        app.register_blueprint(module.bp)
    return app


def _secret_key(ws) -> bytes:
    """A random key kept in the workspace (readable by its owner only), so that sessions and
    CSRF tokens survive a restart of the server."""
    import secrets

    path = Path(ws.state) / "secret_key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker of the same server made it just now
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key
