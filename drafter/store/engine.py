"""Engines and sessions for one database URL, and the migrations run at start."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 0x64726166  # "draf": one worker migrates, the others wait


def make_engine(url: str, **kw) -> Engine:
    """An engine for `url`; SQLite gets its folder created and WAL, foreign keys, a busy
    timeout and IMMEDIATE write transactions on every connection."""
    from sqlalchemy.engine import make_url

    from . import SQLITE_BUSY_MS, normalise_url

    u = make_url(normalise_url(url))
    if u.get_backend_name() != "sqlite":
        return create_engine(u, pool_pre_ping=True, **kw)
    if u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(u, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False}, **kw)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin below decides, not pysqlite
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=%d" % SQLITE_BUSY_MS)
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def upgrade(url_or_engine: str | Engine) -> None:
    """Bring the schema to the newest migration; a no-op when it is there already.  Runs
    Alembic programmatically from the migrations inside the package (no alembic.ini)."""
    from alembic import command
    from alembic.config import Config

    engine = url_or_engine if isinstance(url_or_engine, Engine) else make_engine(url_or_engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # One migrator at a time when several workers start at once: SQLite's write lock taken at
    # BEGIN, PostgreSQL's advisory lock; the others then find the schema at head.
    with engine.execution_options(sqlite_immediate=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    if not isinstance(url_or_engine, Engine):
        engine.dispose()


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


class Store:
    """One database: an engine and its sessions.  `session()` reads; `write()` is one
    transaction, committed when the block ends (so a caller acknowledges only what is
    committed) and rolled back on an exception."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._read = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(sqlite_immediate=True) if self.dialect == "sqlite" else engine
        self._write = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._read() as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, workspace=None, migrate: bool = True, **kw) -> Store:
    """The store at `url` (default: DRAFTER_DATABASE_URL or the workspace's SQLite file),
    migrated to the newest schema."""
    from . import default_url

    engine = make_engine(url or default_url(workspace), **kw)
    if migrate:
        upgrade(engine)
    return Store(engine)
