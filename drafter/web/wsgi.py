"""The WSGI entry for an office server: `gunicorn -w 4 drafter.web.wsgi:app`.

Read from the environment: DRAFTER_WORKSPACE (the folder with plans/, default the current
one), DRAFTER_DATABASE_URL (postgresql://… for several workers; default the workspace's
SQLite file), DRAFTER_SECRET_KEY (the same in every worker; default the key kept in the
workspace), DRAFTER_SECURE_COOKIES=1 behind https, DRAFTER_PROXY_HOPS=1 behind one reverse
proxy (so that the login rate limit counts the client's address, not the proxy's; set it only
when a proxy that sets X-Forwarded-For is in front).  Every page of a server needs a login.
"""
from __future__ import annotations

import os

from . import create_app

_key = os.environ.get("DRAFTER_SECRET_KEY", "").encode() or None
app = create_app(os.environ.get("DRAFTER_WORKSPACE", "."), secret_key=_key,
                 database=os.environ.get("DRAFTER_DATABASE_URL") or None, login_always=True,
                 secure_cookies=os.environ.get("DRAFTER_SECURE_COOKIES", "") not in ("", "0"))
_hops = int(os.environ.get("DRAFTER_PROXY_HOPS", "0") or 0)
if _hops > 0:
    from werkzeug.middleware.proxy_fix import ProxyFix

    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=_hops, x_proto=_hops)  # type: ignore[method-assign]
