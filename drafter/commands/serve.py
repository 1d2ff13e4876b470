"""`drafter serve`: the drafter's workbench in the browser, over a workspace's plans/."""
from __future__ import annotations

import click


@click.command("serve")
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost only by default; 0.0.0.0 for the intranet).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--database", metavar="URL", default=None,
              help="Where online consultations are kept: an SQLite file in the workspace by default "
                   "(.drafter/drafter.db), or postgresql://user:pass@host/db for an office server. "
                   "[env: DRAFTER_DATABASE_URL]")
@click.option("--add-user", "add_user", metavar="LOGIN", default=None,
              help="Create an office account (asks for its password), then exit.")
@click.option("--secure-cookies", is_flag=True, help="Send the session cookie over https only (behind an https proxy).")
def command(workspace, host, port, database, add_user, secure_cookies):
    """Serve the plans of WORKSPACE (its plans/ folder) and its online consultations in the browser.

    Office pages need a login; the plan workbench does too when listening on another address
    than localhost or once an office account exists."""
    import logging
    import os
    import socket

    from werkzeug.serving import make_server

    from ..errors import DrafterError
    from ..web import create_app

    if not os.path.isdir(workspace):
        raise DrafterError("%s: no such folder (the workspace holds plans/)" % workspace)
    if add_user is not None:
        _add_user(workspace, database, add_user)
        return
    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app(workspace, database=database, login_always=not loopback, secure_cookies=secure_cookies)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    try:  # bound here, so that a port in use is our message and not werkzeug's exit
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as e:
        raise DrafterError("cannot listen on %s:%d: %s (is another drafter serve running? "
                           "try --port %d)" % (host, port, os.strerror(e.errno) if e.errno else e, port + 1)) from None
    server = make_server(host, port, app, threaded=True, fd=sock.fileno())
    shown = "[%s]" % host if ":" in host else host
    click.echo("drafter serve: %s on http://%s:%d/  (Ctrl+C to stop)"
               % (os.path.abspath(workspace), shown, server.socket.getsockname()[1]))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("drafter serve: stopped")
    finally:
        server.server_close()


def _add_user(workspace, database, login):
    from ..app.consultation import ConsultationError, add_office_user
    from ..errors import DrafterError
    from ..app.consult_web import open_web_store

    password = click.prompt("Password for %s" % login, hide_input=True, confirmation_prompt=True)
    store = open_web_store(database, workspace)
    try:
        add_office_user(store, login, password)
    except ConsultationError as e:
        raise DrafterError("--add-user: %s" % e.message) from None
    finally:
        store.dispose()
    click.echo("drafter serve: office account %s created" % login)
