"""The storage of online consultations: SQLAlchemy 2 over an SQLite file in the workspace
(nothing to install) or PostgreSQL by URL (an office server with several workers).

`open_store(url)` brings the schema up to date (Alembic migrations shipped in the package) and
returns a `Store` whose `session()` / `write()` give short transactions.  On SQLite every
connection runs in WAL mode with foreign keys on and a busy timeout, and a write transaction
begins IMMEDIATE, so concurrent writers wait for each other instead of failing on a lock
upgrade.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "DRAFTER_DATABASE_URL"
SQLITE_BUSY_MS = 30_000


def default_url(workspace: str | os.PathLike | None = None) -> str:
    """DRAFTER_DATABASE_URL, else the SQLite file `.drafter/drafter.db` in the workspace."""
    url = os.environ.get(ENV_VAR, "").strip()
    if url:
        return url
    folder = Path(workspace or ".").resolve() / ".drafter"
    return "sqlite:///%s" % (folder / "drafter.db")


def normalise_url(url: str) -> str:
    """`postgresql://…` (what people type) means psycopg 3, the driver drafter ships with."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


from .engine import Store, make_engine, open_store, upgrade  # noqa: E402

__all__ = ["ENV_VAR", "Store", "default_url", "make_engine", "normalise_url", "open_store", "upgrade"]
