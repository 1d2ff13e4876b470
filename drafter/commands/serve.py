"""`drafter serve`: the drafter's workbench in the browser, over a workspace's plans/."""
from __future__ import annotations

import click


@click.command("serve")
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost only by default; 0.0.0.0 for the intranet).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def command(workspace, host, port):
    """Serve the plans of WORKSPACE (its plans/ folder) in the browser."""
    import logging
    import os
    import socket

    from werkzeug.serving import make_server

    from ..errors import DrafterError
    from ..web import create_app

    if not os.path.isdir(workspace):
        raise DrafterError("%s: no such folder (the workspace holds plans/)" % workspace)
    app = create_app(workspace)
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
