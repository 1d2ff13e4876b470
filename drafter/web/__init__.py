"""The drafter's workbench in the browser (`drafter serve`): a Flask app over a workspace.

Pages are server-rendered Jinja (autoescaped) with a little plain JavaScript shipped in the
package, so it works on an intranet without internet.  Routes hold no logic of their own:
each one calls `drafter.app` (workspace, check, compare, preview, documents) as the CLI does.
"""
from __future__ import annotations

import os
from pathlib import Path

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def create_app(workspace: str | os.PathLike = ".", *, secret_key: bytes | None = None):
    """The Flask app serving the plans of `workspace` (its `plans/` folder)."""
    from flask import Flask

    from ..app.workspace import Workspace
    from . import editor, plans, security, tools

    ws = Workspace(workspace)
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SECRET_KEY=secret_key or _secret_key(ws),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["drafter.workspace"] = ws
    app.jinja_env.autoescape = True  # every template, whatever its name
    security.install(app)
    for module in (plans, editor, tools):
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
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key
