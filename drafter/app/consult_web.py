"""What the consultation pages need beside `app.consultation`: the office's list of
consultations, whether any office account exists (the workbench then needs a login), which
consultation a comment belongs to (so a decision posted under one consultation's URL cannot
reach another's comment), and the list of units typed into a form."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .consultation import ConsultationError, NotFound, UnitEntry, _int, _office


@dataclass
class ConsultationRow:
    id: int
    title: str
    plan_name: str
    state: str
    deadline: datetime | None
    created_by: str
    created_at: datetime
    units: int
    submitted: int


def list_consultations(store, *, who: str) -> list[ConsultationRow]:
    """Every consultation, newest first, with its count of units and of units that submitted."""
    from sqlalchemy import func, select

    from ..store.models import Consultation, Unit

    with store.session() as s:
        _office(s, who)
        counts = {cid: (n, done) for cid, n, done in s.execute(
            select(Unit.consultation_id, func.count(), func.count(Unit.submitted_at)).group_by(Unit.consultation_id))}
        return [ConsultationRow(c.id, c.title, c.plan_name, c.state, c.deadline, c.created_by, c.created_at,
                                *counts.get(c.id, (0, 0)))
                for c in s.scalars(select(Consultation).order_by(Consultation.id.desc()))]


def consultation_title(store, consultation_id, *, who: str) -> str:
    """The title of a consultation (NotFound for an unknown id)."""
    from .consultation import _consultation

    with store.session() as s:
        _office(s, who)
        return _consultation(s, consultation_id).title


def has_office_users(store) -> bool:
    from sqlalchemy import select

    from ..store.models import OfficeUser

    with store.session() as s:
        return s.scalar(select(OfficeUser.id).limit(1)) is not None


def comment_consultation(store, comment_id) -> int:
    """The consultation a comment belongs to (NotFound for an unknown id)."""
    from ..store.models import Comment

    with store.session() as s:
        comment = s.get(Comment, _int(comment_id))
        if comment is None:
            raise NotFound("没有这条意见。", "comment_id")
        return comment.unit.consultation_id


def units_of_text(text: str) -> list[UnitEntry]:
    """Units typed one a line: 名称, then optionally 联系人 and 电话, separated by a tab, a
    comma (either width) or a 、."""
    import re

    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in re.split(r"[\t,，、;；]", line)]
        if not parts or not parts[0]:
            continue
        if len(parts) > 3:
            raise ConsultationError("“%s”：每行只能写 单位名称、联系人、电话 三项。" % line.strip()[:40], "units")
        out.append(UnitEntry(*(parts + ["", ""])[:3]))
    return out


def open_web_store(database: str | None, workspace) -> object:
    """The store a server uses: `database`, else DRAFTER_DATABASE_URL, else the SQLite file in
    the workspace; migrated to the newest schema before the first request."""
    from ..store import default_url, open_store

    return open_store(database or default_url(workspace))


class LoginRefused(ConsultationError):
    def __init__(self, message: str, blocked: bool):
        super().__init__(message, "password")
        self.blocked = blocked


def check_login(store, login: str, password: str, address: str) -> str:
    """The login when the password is right; LoginRefused (`blocked` once too many attempts
    failed, counted in the database for every worker) otherwise."""
    from ..store import users

    try:
        return users.verify_login(store, login, password, address)
    except users.LoginRefused as e:
        raise LoginRefused(e.message, e.blocked) from None


def inline_diff(old: str, new: str):
    """The inline diff ops (`diff.inline`) turning a task's wording into a proposed one."""
    from ..diff.inline import inline_ops

    return inline_ops(old, new)
