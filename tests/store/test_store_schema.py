"""The storage layer on both stores: migrations from empty, idempotent; the SQLite settings."""
from __future__ import annotations

from sqlalchemy import inspect, text
from helpers.store_db import db_url, store  # noqa: F401  (fixtures)

from drafter.store import default_url, make_engine, normalise_url, upgrade
from drafter.store.engine import current_revision

TABLES = {"consultations", "units", "comments", "decisions", "office_users", "login_failures", "audit_log"}


def test_upgrade_from_empty_creates_every_table_and_is_idempotent(db_url):  # noqa: F811
    engine = make_engine(db_url)
    assert not set(inspect(engine).get_table_names()) & TABLES
    upgrade(engine)
    assert TABLES <= set(inspect(engine).get_table_names())
    head = current_revision(engine)
    assert head
    upgrade(engine)  # again: nothing to do, nothing broken
    upgrade(db_url)
    assert current_revision(engine) == head
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_foreign_keys_are_enforced(store):  # noqa: F811
    import pytest
    from sqlalchemy.exc import IntegrityError

    from drafter.store.models import Unit

    with pytest.raises(IntegrityError):
        with store.write() as s:
            s.add(Unit(consultation_id=12345, name="x", token_hash="0" * 64))


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = make_engine("sqlite:///%s" % (tmp_path / "sub" / "d.db"))
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() > 0
    engine.dispose()


def test_default_url_is_the_workspace_file_unless_the_environment_names_one(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTER_DATABASE_URL", raising=False)
    assert default_url(tmp_path) == "sqlite:///%s" % (tmp_path.resolve() / ".drafter" / "drafter.db")
    monkeypatch.setenv("DRAFTER_DATABASE_URL", "postgresql://office@db/drafter")
    assert default_url(tmp_path) == "postgresql://office@db/drafter"
    assert normalise_url("postgresql://office@db/drafter") == "postgresql+psycopg://office@db/drafter"


def test_workers_starting_at_once_migrate_once_without_errors(db_url):  # noqa: F811
    """Several server workers open the same new database at the same moment."""
    import threading

    from drafter.store import open_store

    errors, stores = [], []
    barrier = threading.Barrier(4)

    def start():
        try:
            barrier.wait()
            stores.append(open_store(db_url))
        except Exception as e:  # collected: the assertion names it
            errors.append(e)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(stores) == 4
    assert len({current_revision(s.engine) for s in stores}) == 1
    for s in stores:
        s.dispose()
