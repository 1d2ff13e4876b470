"""Office accounts: argon2 password hashes and a login rate limit kept in the database, so
that several server workers count the same failures."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from .models import LoginFailure, OfficeUser, utcnow

MAX_FAILURES = 5  # per login and address …
WINDOW = timedelta(minutes=15)  # … in this window; the next attempt is refused unchecked
MIN_PASSWORD = 8


class LoginRefused(Exception):
    """Wrong login or password, or too many failures (`blocked`)."""

    def __init__(self, message: str, blocked: bool = False):
        super().__init__(message)
        self.message, self.blocked = message, blocked


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def add_user(store, login: str, password: str) -> OfficeUser:
    """A new office account; ValueError for an empty login, a short password or a login taken."""
    login = (login or "").strip()
    if not login or len(login) > 80:
        raise ValueError("账号名不能为空，且不超过80个字符。")
    if len(password or "") < MIN_PASSWORD:
        raise ValueError("密码至少%d个字符。" % MIN_PASSWORD)
    with store.write() as s:
        if s.scalar(select(OfficeUser.id).where(OfficeUser.login == login)) is not None:
            raise ValueError("账号“%s”已存在。" % login)
        user = OfficeUser(login=login, password_hash=hash_password(password))
        s.add(user)
    return user


def set_password(store, login: str, password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValueError("密码至少%d个字符。" % MIN_PASSWORD)
    with store.write() as s:
        user = s.scalar(select(OfficeUser).where(OfficeUser.login == login))
        if user is None:
            raise ValueError("没有账号“%s”。" % login)
        user.password_hash = hash_password(password)


def is_user(session, login: str) -> bool:
    return bool(login) and session.scalar(select(OfficeUser.id).where(OfficeUser.login == login)) is not None


def recent_failures(session, login: str, address: str, now=None) -> int:
    since = (now or utcnow()) - WINDOW
    return session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.login == login, LoginFailure.address == address, LoginFailure.at > since)) or 0


def verify_login(store, login: str, password: str, address: str = "", *, now=None) -> str:
    """The login when `password` is right; LoginRefused otherwise.  After MAX_FAILURES failures
    of one login from one address within WINDOW, attempts are refused without checking the
    password until the window has passed; a success clears that login's failures there."""
    from argon2.exceptions import InvalidHashError, VerificationError

    now = now or utcnow()
    login = (login or "").strip()[:80]
    address = (address or "")[:64]
    with store.write() as s:
        if recent_failures(s, login, address, now) >= MAX_FAILURES:
            raise LoginRefused("登录失败次数过多，请%d分钟后再试。" % (WINDOW.seconds // 60), blocked=True)
        user = s.scalar(select(OfficeUser).where(OfficeUser.login == login))
        ok = False
        if user is not None:
            hasher = _hasher()
            try:
                ok = hasher.verify(user.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                ok = False
            if ok and hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hasher.hash(password)
        if ok:
            s.execute(delete(LoginFailure).where(LoginFailure.login == login, LoginFailure.address == address))
            return login
        s.add(LoginFailure(login=login, address=address, at=now))
    raise LoginRefused("账号或密码不正确。")
