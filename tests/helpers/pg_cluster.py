"""A throwaway PostgreSQL cluster for the tests and the bench: DRAFTER_TEST_POSTGRES_URL when
CI provides one, else initdb into a temp folder and pg_ctl start on 127.0.0.1 at a free port
(as the `postgres` user when run as root), stopped when the process exits.  No pytest here."""
from __future__ import annotations

import atexit
import functools
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
_names = itertools.count(1)


def pg_bin(name: str) -> str | None:
    for d in PG_BIN_DIRS:
        if (d / name).exists():
            return str(d / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--"] + cmd if os.geteuid() == 0 else cmd


@functools.cache
def cluster_url(durable: bool = False) -> str | None:
    """The admin URL of the cluster for this process (None when none can be had); `durable`
    keeps fsync on (the bench: a fair match for SQLite's synchronous=FULL)."""
    url = os.environ.get("DRAFTER_TEST_POSTGRES_URL", "").strip()
    if url:
        return url
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return None
    top = Path(tempfile.mkdtemp(prefix="drafter-pg-"))
    data, sock = top / "data", top / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(top, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(top, 0o755)
    port = _free_port()
    subprocess.run(_as_pg_user([initdb, "-D", str(data), "-U", "drafter", "--auth=trust", "-E", "UTF8",
                                "--locale=C", "--no-sync"]), check=True, capture_output=True)
    opts = "-h 127.0.0.1 -p %d -k %s -F -c max_connections=200%s" % (port, sock, "" if durable else " -c fsync=off")
    subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-o", opts, "-l", str(top / "log"), "-w", "start"]),
                   check=True, capture_output=True)

    def stop() -> None:
        subprocess.run(_as_pg_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(top, ignore_errors=True)

    atexit.register(stop)
    return "postgresql+psycopg://drafter@127.0.0.1:%d/postgres" % port


def fresh_database(admin_url: str) -> str:
    """A new empty database on the cluster, for one test."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "drafter_t%d_%d" % (os.getpid(), next(_names))
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text('CREATE DATABASE "%s"' % name))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)
