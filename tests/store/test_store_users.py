"""Office accounts on both stores: hashed passwords, a login rate limit every worker shares."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from helpers.store_db import db_url, store  # noqa: F401  (fixtures)

from drafter.app import consultation as cs
from drafter.store import open_store
from drafter.store.models import OfficeUser, utcnow
from drafter.store.users import MAX_FAILURES, WINDOW, LoginRefused, verify_login

PASSWORD = "a long enough secret"


def test_passwords_are_stored_as_argon2_hashes_never_plaintext(store):  # noqa: F811
    cs.add_office_user(store, "小王", PASSWORD)
    with store.session() as s:
        (stored,) = s.scalars(select(OfficeUser.password_hash)).all()
        dump = repr(s.execute(text("SELECT * FROM office_users")).all())
    assert stored.startswith("$argon2") and PASSWORD not in dump
    assert cs.office_login(store, "小王", PASSWORD, "10.0.0.1") == "小王"
    with pytest.raises(cs.ConsultationError) as e:
        cs.office_login(store, "小王", PASSWORD + "x", "10.0.0.1")
    assert e.value.message == "账号或密码不正确。"
    with pytest.raises(cs.ConsultationError):
        cs.office_login(store, "无此人", PASSWORD, "10.0.0.1")


@pytest.mark.parametrize("login,password,field", [("", PASSWORD, "login"), ("小王", "short", "password")])
def test_bad_accounts_are_refused_at_their_field(store, login, password, field):  # noqa: F811
    with pytest.raises(cs.ConsultationError) as e:
        cs.add_office_user(store, login, password)
    assert e.value.field == field


def test_a_login_is_taken_once(store):  # noqa: F811
    cs.add_office_user(store, "小王", PASSWORD)
    with pytest.raises(cs.ConsultationError):
        cs.add_office_user(store, "小王", PASSWORD)


def test_the_sixth_failure_is_blocked_for_every_worker_until_the_window_passes(store, db_url):  # noqa: F811
    cs.add_office_user(store, "小王", PASSWORD)
    now = utcnow()
    for i in range(MAX_FAILURES):
        with pytest.raises(LoginRefused) as e:
            verify_login(store, "小王", "wrong %d" % i, "10.0.0.9", now=now)
        assert not e.value.blocked
    other_worker = open_store(db_url)  # its own engine and pool: the count lives in the database
    with pytest.raises(LoginRefused) as e:
        verify_login(other_worker, "小王", PASSWORD, "10.0.0.9", now=now + timedelta(minutes=1))
    assert e.value.blocked and "分钟后再试" in e.value.message
    assert verify_login(other_worker, "小王", PASSWORD, "10.0.0.10", now=now) == "小王"  # another address
    assert verify_login(store, "小王", PASSWORD, "10.0.0.9", now=now + WINDOW + timedelta(seconds=1)) == "小王"
    with pytest.raises(LoginRefused) as e:  # a success cleared the failures
        verify_login(store, "小王", "wrong", "10.0.0.9", now=now + WINDOW + timedelta(seconds=2))
    assert not e.value.blocked
    other_worker.dispose()
