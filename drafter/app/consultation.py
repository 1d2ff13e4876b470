"""Online 征求意见: the consultation cycle over the store, as plain functions a web page (or a
bench) calls.

The office opens a consultation on a plan file (its YAML text frozen with its hash) for a list
of units; each unit gets a private link token, returned once and stored only as its SHA-256.
A unit's token reaches that unit's comments and nothing else; a unit saves comments task by
task (each committed before the function returns, so what a page acknowledges is stored) and
submits, after which its comments are read-only until the office reopens it; after the
deadline nothing can be saved but what was submitted stays readable.  The office (functions
taking `who`, an office login) reviews every comment under its task with near-identical ones
grouped, decides each (audited), follows progress, closes, writes the 意见采纳情况汇总表
through `consult.summary`, and applies the accepted wordings through `consult.apply`.
Comments read from returned Word files (`consult.returned`) join the same table.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from ..errors import DrafterError

SAID_MAX = 2000  # characters of a 修改意见
REASON_MAX = 2000  # of its 理由
PROPOSED_MAX = 10000  # of a proposed wording (a whole task)
UNITS_MAX = 2000
GENERAL = "总体意见"  # the 条目 of a comment on the draft as a whole
ONLINE = "在线意见"  # the 来源 of a comment made through a link


class ConsultationError(DrafterError):
    """A refusal a page shows the user, in Chinese; `field` names the form field it is about."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class NotFound(ConsultationError):
    """An unknown link or a comment that is not the caller's (the two look the same)."""


class Forbidden(ConsultationError):
    """An office function without an office login."""


class ReadOnly(ConsultationError):
    """Past the deadline, submitted, or closed: comments can be read but not changed."""


# Tokens -----------------------------------------------------------------------------------

def new_token() -> str:
    """A unit's private link token: 256 random bits."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored of a token.  A 256-bit random secret needs no salt or slow hash."""
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


# Times ------------------------------------------------------------------------------------

def as_utc(moment: date | datetime | None) -> datetime | None:
    """A deadline as naive UTC: a date means the end of that day (local time); a naive
    datetime is local time."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment + timedelta(days=1), time())
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def local_text(moment: datetime | None) -> str:
    """Naive UTC as local 'YYYY年M月D日 HH:MM' for messages."""
    if moment is None:
        return ""
    t = moment.replace(tzinfo=timezone.utc).astimezone()
    return "%d年%d月%d日 %02d:%02d" % (t.year, t.month, t.day, t.hour, t.minute)


def _now(now: datetime | None) -> datetime:
    from ..store.models import utcnow

    return as_utc(now) if now is not None else utcnow()


# The frozen draft -------------------------------------------------------------------------

_drafts: dict[str, Any] = {}
_drafts_lock = threading.Lock()


def draft_tasks(plan_yaml: str, plan_hash: str | None = None):
    """The `consult.returned.Tasks` of a frozen draft (its items, labels and rendered
    paragraphs), parsed once per process and draft."""
    key = plan_hash or _hash_text(plan_yaml)
    with _drafts_lock:
        tasks = _drafts.get(key)
    if tasks is None:
        from ..consult.returned import Tasks
        from ..readers.yaml import loads

        tasks = Tasks(loads(plan_yaml, "draft.yaml", editable=False).plan)
        with _drafts_lock:
            if len(_drafts) > 32:
                _drafts.clear()
            _drafts[key] = tasks
    return tasks


def _hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def task_wording(node) -> str:
    """What a unit sees and may reword of a task: its title, then each text paragraph, one a
    line."""
    return "\n".join([node.title] + node.paragraphs())


# Opening ----------------------------------------------------------------------------------

@dataclass
class UnitEntry:
    name: str
    contact: str = ""
    phone: str = ""


@dataclass
class Opened:
    consultation_id: int
    links: list[tuple[str, str]]  # (unit name, token): shown once, never stored


def read_units(path: str | Path) -> list[UnitEntry]:
    """The units of an .xlsx the office keeps: the first sheet with a head row naming 单位
    (and optionally 联系人, 电话); one unit a row."""
    from ..consult.tasks import simple_key
    from ..errors import InputError
    from ..safeopen import open_workbook

    wb = open_workbook(path)
    try:
        for ws in wb.worksheets:
            rows = [["" if v is None else str(v).strip() for v in row] for row in ws.iter_rows(values_only=True)]
            for h, head in enumerate(rows[:10]):
                keys = [simple_key(c) for c in head]
                name = next((i for i, k in enumerate(keys) if "单位" in k), None)
                if name is None or sum(1 for k in keys if k) < 2:  # not a sheet's title line
                    continue
                contact = next((i for i, k in enumerate(keys) if "联系人" in k or "联络人" in k), None)
                phone = next((i for i, k in enumerate(keys) if "电话" in k or "手机" in k), None)

                def cell(row, i):
                    return row[i] if i is not None and i < len(row) else ""

                return [UnitEntry(cell(r, name), cell(r, contact), cell(r, phone))
                        for r in rows[h + 1:] if cell(r, name)]
    finally:
        wb.close()
    raise InputError("%s: no list of units in it (a sheet with a 单位 column)" % path)


def _entries(units: Iterable[Any]) -> list[UnitEntry]:
    out, seen = [], set()
    for u in units:
        if isinstance(u, str):
            u = UnitEntry(u)
        elif isinstance(u, dict):
            u = UnitEntry(str(u.get("name", "")), str(u.get("contact") or ""), str(u.get("phone") or ""))
        elif isinstance(u, (tuple, list)):
            u = UnitEntry(*[str(x or "") for x in u][:3])
        u = UnitEntry(u.name.strip()[:200], (u.contact or "").strip()[:100], (u.phone or "").strip()[:60])
        if not u.name:
            continue
        if u.name in seen:
            raise ConsultationError("单位“%s”重复列出。" % u.name, "units")
        seen.add(u.name)
        out.append(u)
    if not out:
        raise ConsultationError("请列出至少一个征求意见的单位。", "units")
    if len(out) > UNITS_MAX:
        raise ConsultationError("单位过多（最多%d个）。" % UNITS_MAX, "units")
    return out


def open_consultation(store, plan: str | Path, *, units: Iterable[Any] | str | Path, who: str,
                      deadline: date | datetime | None = None, title: str | None = None) -> Opened:
    """Freeze `plan` (a plan YAML with an ID on every task) and open a consultation on it for
    `units` (names, (name, contact, phone), dicts, or the path of an .xlsx list).  Returns each
    unit's token, once: only its hash is kept."""
    from ..fileio import read_text
    from ..readers.yaml import loads
    from ..store.models import Consultation, Unit
    from .plans import load_with_ids

    if isinstance(units, (str, Path)):
        units = read_units(units)
    entries = _entries(units)
    load_with_ids(str(plan))  # a located refusal for a plan that is not YAML or lacks IDs
    text = read_text(plan)
    loaded = loads(text, str(plan), editable=False)
    links = []
    with store.write() as s:
        _office(s, who)
        c = Consultation(title=(title or loaded.plan.title or Path(plan).stem)[:200], plan_name=Path(plan).name[:260],
                         plan_yaml=text, plan_hash=_hash_text(text), deadline=as_utc(deadline), created_by=who)
        s.add(c)
        for i, u in enumerate(entries):
            token = new_token()
            c.units.append(Unit(position=i, name=u.name, contact=u.contact, phone=u.phone,
                                token_hash=token_hash(token)))
            links.append((u.name, token))
        s.flush()
        _audit(s, who, "open", c.id, plan=c.plan_name, plan_hash=c.plan_hash, units=len(entries),
               deadline=local_text(c.deadline))
        cid = c.id
    return Opened(cid, links)


# What a unit sees and does ----------------------------------------------------------------

@dataclass
class CommentView:
    id: int
    task_id: str | None
    general: bool
    said: str
    reason: str
    proposed: str | None
    submitted: bool
    updated_at: datetime
    diff: list = field(default_factory=list)  # proposed against the draft: inline diff ops


@dataclass
class TaskView:
    id: str
    depth: int
    entry: str  # label and title, as printed
    wording: str  # title and text paragraphs, one a line: what a proposal rewords


@dataclass
class UnitView:
    consultation_id: int
    title: str
    unit: str
    deadline: datetime | None
    expired: bool
    closed: bool
    submitted_at: datetime | None
    tasks: list[TaskView]
    comments: list[CommentView]

    @property
    def read_only(self) -> bool:
        return self.expired or self.closed or self.submitted_at is not None


def _unit_of(s, token: str):
    from sqlalchemy import select

    from ..store.models import Unit

    unit = s.scalar(select(Unit).where(Unit.token_hash == token_hash(token))) if token else None
    if unit is None:
        raise NotFound("链接无效：请使用办公室发给贵单位的链接。")
    return unit


@dataclass
class UnitRef:
    consultation_id: int
    unit_id: int
    name: str


def resolve_token(store, token: str) -> UnitRef:
    """The unit a link token belongs to (NotFound for any other string)."""
    with store.session() as s:
        unit = _unit_of(s, token)
        return UnitRef(unit.consultation_id, unit.id, unit.name)


def _comment_view(c, tasks) -> CommentView:
    from ..diff.inline import inline_ops

    diff = []
    if c.proposed is not None and c.task_id in tasks.items:
        diff = inline_ops(task_wording(tasks.items[c.task_id]), c.proposed)
    return CommentView(c.id, c.task_id, c.general, c.said, c.reason, c.proposed, c.submitted, c.updated_at, diff)


def unit_view(store, token: str, *, now: datetime | None = None) -> UnitView:
    """The draft and this unit's own comments (and whether it may still change them)."""
    now = _now(now)
    with store.session() as s:
        unit = _unit_of(s, token)
        c = unit.consultation
        tasks = draft_tasks(c.plan_yaml, c.plan_hash)
        nodes = [(node, depth) for node, depth in tasks.plan.walk() if node.id]
        return UnitView(c.id, c.title, unit.name, c.deadline, _expired(c, now), c.state != "open",
                        unit.submitted_at,
                        [TaskView(n.id, d, tasks.entry(n.id), task_wording(n)) for n, d in nodes],
                        [_comment_view(x, tasks) for x in unit.comments])


def _expired(c, now: datetime) -> bool:
    return c.deadline is not None and now >= c.deadline


def _writable(unit, now: datetime) -> None:
    c = unit.consultation
    if c.state != "open":
        raise ReadOnly("本次征求意见已结束，意见不能再修改；已提交的意见仍可查看。")
    if _expired(c, now):
        raise ReadOnly("征求意见已于%s截止，意见不能再保存或修改；已提交的意见仍可查看。" % local_text(c.deadline))
    if unit.submitted_at is not None:
        raise ReadOnly("贵单位的意见已于%s提交，不能再修改；如需修改，请联系办公室重新开放。"
                       % local_text(unit.submitted_at))


def _text_field(value: Any, name: str, label: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ConsultationError("%s须是文字。" % label, name)
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in value:
        raise ConsultationError("%s含有无法保存的字符。" % label, name)
    if required and not value:
        raise ConsultationError("请填写%s。" % label, name)
    if len(value) > limit:
        raise ConsultationError("%s不能超过%d字（现有%d字）。" % (label, limit, len(value)), name)
    return value


def save_comment(store, token: str, *, said: Any, task_id: str | None = None, reason: Any = "",
                 proposed: Any = None, comment_id: int | None = None, client_key: str | None = None,
                 now: datetime | None = None) -> int:
    """Save a comment of the token's unit — new, or `comment_id` (one of its own) changed — on
    task `task_id` (None: a general comment); committed before the id is returned.  A repeated
    save with the same `client_key` changes the comment that key made instead of adding one."""
    from sqlalchemy import select

    from ..store.models import Comment, utcnow

    said = _text_field(said, "said", "修改意见", SAID_MAX, required=True)
    reason = _text_field(reason, "reason", "理由", REASON_MAX)
    if proposed is not None:
        proposed = _text_field(proposed, "proposed", "建议修改为", PROPOSED_MAX) or None
    if client_key is not None and (not isinstance(client_key, str) or not 0 < len(client_key) <= 64):
        raise ConsultationError("保存请求无效，请刷新页面后重试。", "client_key")
    now = _now(now)
    with store.write() as s:
        unit = _unit_of(s, token)
        _writable(unit, now)
        tasks = draft_tasks(unit.consultation.plan_yaml, unit.consultation.plan_hash)
        if task_id is not None and task_id not in tasks.items:
            raise ConsultationError("草案中没有这一条目。", "task_id")
        if proposed is not None and task_id is None:
            raise ConsultationError("总体意见不能提出修改文字，请在具体条目上提出。", "proposed")
        if proposed is not None and proposed == task_wording(tasks.items[task_id]):
            proposed = None  # the draft itself: no proposal
        comment = None
        if comment_id is not None:
            comment = s.scalar(select(Comment).where(Comment.id == _int(comment_id), Comment.unit_id == unit.id))
            if comment is None:
                raise NotFound("没有这条意见。", "comment_id")
        elif client_key is not None:
            comment = s.scalar(select(Comment).where(Comment.unit_id == unit.id, Comment.client_key == client_key))
        if comment is None:
            comment = Comment(unit=unit, client_key=client_key, origin="online", source=ONLINE, created_at=utcnow())
            s.add(comment)
        comment.task_id, comment.general = task_id, task_id is None
        comment.said, comment.reason, comment.proposed = said, reason, proposed
        comment.quote, comment.edit = "", False
        comment.updated_at = utcnow()
        s.flush()
        return comment.id


def _int(value: Any, missing: str = "没有这条意见。", field: str = "comment_id") -> int:
    """An id from a form or URL; anything else (or out of the ids' range) is as unknown as an
    id nobody has."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise NotFound(missing, field) from None
    if not 0 < n < 2 ** 31:
        raise NotFound(missing, field)
    return n


def delete_comment(store, token: str, comment_id: int, *, now: datetime | None = None) -> None:
    from sqlalchemy import select

    from ..store.models import Comment

    now = _now(now)
    with store.write() as s:
        unit = _unit_of(s, token)
        _writable(unit, now)
        comment = s.scalar(select(Comment).where(Comment.id == _int(comment_id), Comment.unit_id == unit.id))
        if comment is None:
            raise NotFound("没有这条意见。", "comment_id")
        s.delete(comment)


def submit(store, token: str, *, now: datetime | None = None) -> datetime:
    """Submit the unit's comments: from now on read-only unless the office reopens it.
    Committed before the time of submission is returned."""
    from ..store.models import utcnow

    now = _now(now)
    with store.write() as s:
        unit = _unit_of(s, token)
        _writable(unit, now)
        unit.submitted_at = utcnow()
        for c in unit.comments:
            c.submitted = True
        _audit(s, "unit:%s" % unit.name, "submit", unit.consultation_id, unit=unit.name,
               comments=len(unit.comments))
        return unit.submitted_at


# The office -------------------------------------------------------------------------------

def _office(s, who: str) -> None:
    from ..store.users import is_user

    if not isinstance(who, str) or not is_user(s, who):
        raise Forbidden("需要办公室账号登录。")


def _audit(s, who: str, action: str, consultation_id: int | None, **detail: Any) -> None:
    from ..store.models import AuditEntry, utcnow

    s.add(AuditEntry(at=utcnow(), who=who[:80], action=action, consultation_id=consultation_id,
                     detail=json.dumps(detail, ensure_ascii=False, default=str)))


def _consultation(s, consultation_id: int):
    from ..store.models import Consultation

    c = s.get(Consultation, _int(consultation_id, "没有这次征求意见。", ""))
    if c is None:
        raise NotFound("没有这次征求意见。")
    return c


def reopen(store, consultation_id: int, unit_id: int, *, who: str, why: str = "") -> None:
    """Let a unit that submitted change its comments again (audited)."""
    from ..store.models import Unit

    with store.write() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        unit = s.get(Unit, _int(unit_id, "本次征求意见没有这个单位。", "unit_id"))
        if unit is None or unit.consultation_id != c.id:
            raise NotFound("本次征求意见没有这个单位。")
        was = unit.submitted_at
        unit.submitted_at = None
        unit.reopened += 1
        for x in unit.comments:
            x.submitted = False
        _audit(s, who, "reopen", c.id, unit=unit.name, submitted_at=was, why=why)


@dataclass
class ProgressRow:
    unit_id: int
    name: str
    contact: str
    phone: str
    submitted_at: datetime | None
    comments: int
    reopened: int


def progress(store, consultation_id: int, *, who: str) -> list[ProgressRow]:
    """Every unit in the office's order: submitted or not, with its contact and comment count."""
    from sqlalchemy import func, select

    from ..store.models import Comment, Unit

    with store.session() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        counts = dict(s.execute(select(Comment.unit_id, func.count()).join(Unit)
                                .where(Unit.consultation_id == c.id).group_by(Comment.unit_id)).all())
        return [ProgressRow(u.id, u.name, u.contact, u.phone, u.submitted_at, counts.get(u.id, 0), u.reopened)
                for u in c.units]


@dataclass
class ReviewComment:
    id: int
    unit: str
    unit_id: int
    task_id: str | None
    general: bool
    said: str
    reason: str
    proposed: str | None
    quote: str
    edit: bool  # a Word comment whose quote → proposed is a text edit
    origin: str
    source: str
    submitted: bool
    updated_at: datetime
    decision: str = ""
    decision_reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    group: int = 0  # comments sharing a group number (> 0) say nearly the same


@dataclass
class ReviewTask:
    id: str | None  # None: general comments and comments tied to no task
    entry: str
    wording: str
    comments: list[ReviewComment]


@dataclass
class Review:
    consultation_id: int
    title: str
    state: str
    deadline: datetime | None
    tasks: list[ReviewTask]  # every task in plan order, then the 未对应条目 group
    groups: list[list[int]]  # comment ids of each group of near-identical comments

    def comments(self) -> list[ReviewComment]:
        return [c for t in self.tasks for c in t.comments]


GROUP_CUTOFF = 90  # rapidfuzz ratio of two comments' normalised text to count as the same


def review(store, consultation_id: int, *, who: str, only_submitted: bool = False) -> Review:
    """Every comment (online and from returned files) under its task, in plan order, with its
    decision; near-identical comments of different units grouped."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from ..consult import UNTIED
    from ..store.models import Comment, Unit

    with store.session() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        query = (select(Comment, Unit.name).join(Unit).where(Unit.consultation_id == c.id)
                 .options(selectinload(Comment.decision)).order_by(Comment.id))
        if only_submitted:
            query = query.where(Comment.submitted.is_(True))
        found = s.execute(query).all()
        tasks = draft_tasks(c.plan_yaml, c.plan_hash)
        per_task: dict[str | None, list[ReviewComment]] = {}
        for x, unit_name in found:
            d = x.decision
            rc = ReviewComment(x.id, unit_name, x.unit_id, x.task_id, x.general, x.said, x.reason, x.proposed,
                               x.quote, x.edit, x.origin, x.source, x.submitted, x.updated_at)
            if d is not None:
                rc.decision, rc.decision_reason, rc.decided_by, rc.decided_at = d.decision, d.reason, d.decided_by, d.decided_at
            per_task.setdefault(x.task_id if x.task_id in tasks.items else None, []).append(rc)
        out = [ReviewTask(nid, tasks.entry(nid), task_wording(node), per_task.get(nid, []))
               for node, _ in tasks.plan.walk() if (nid := node.id)]
        out.append(ReviewTask(None, UNTIED, "", per_task.get(None, [])))
        groups = []
        for t in out:
            for g in near_identical(t.comments):
                groups.append([rc.id for rc in g])
                for rc in g:
                    rc.group = len(groups)
        return Review(c.id, c.title, c.state, c.deadline, out, groups)


def near_identical(comments: list[ReviewComment]) -> list[list[ReviewComment]]:
    """Groups (of two or more, from at least two units) of comments on one task whose 意见
    and proposed wording, punctuation and spacing folded, are the same or nearly so."""
    from rapidfuzz import fuzz

    from ..consult.tasks import text_key

    if len(comments) < 2:
        return []
    keys = [text_key(c.said) + "|" + text_key(c.proposed or "") for c in comments]
    parent = list(range(len(comments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(comments)):
        for j in range(i + 1, len(comments)):
            if root(i) != root(j) and fuzz.ratio(keys[i], keys[j], score_cutoff=GROUP_CUTOFF):
                parent[root(j)] = root(i)
    by_root: dict[int, list[ReviewComment]] = {}
    for i, c in enumerate(comments):
        by_root.setdefault(root(i), []).append(c)
    return [g for g in by_root.values() if len({c.unit_id for c in g}) > 1]


def decide(store, comment_id: int, decision: str, *, who: str, reason: str = "",
           proposed: str | None = None) -> None:
    """Record the office's decision on a comment (采纳 / 部分采纳 / 不采纳, with 理由; for
    部分采纳 the wording it keeps in `proposed`), who and when; every decision is audited."""
    from sqlalchemy import select

    from ..consult import ACCEPT, PARTIAL, REJECT, decision_of
    from ..store.models import Comment, Decision, utcnow

    value = decision_of(decision) if isinstance(decision, str) else ""
    if value not in (ACCEPT, PARTIAL, REJECT):
        raise ConsultationError("处理意见须是“采纳”“部分采纳”或“不采纳”。", "decision")
    reason = _text_field(reason, "reason", "理由", REASON_MAX)
    if proposed is not None:
        proposed = _text_field(proposed, "proposed", "修改为", PROPOSED_MAX) or None
    with store.write() as s:
        _office(s, who)
        comment = s.get(Comment, _int(comment_id))
        if comment is None:
            raise NotFound("没有这条意见。", "comment_id")
        cid = comment.unit.consultation_id
        d = s.scalar(select(Decision).where(Decision.comment_id == comment.id))
        before = {"decision": d.decision, "reason": d.reason, "by": d.decided_by} if d else None
        if d is None:
            d = Decision(comment_id=comment.id)
            s.add(d)
        d.decision, d.reason, d.proposed, d.decided_by, d.decided_at = value, reason, proposed, who, utcnow()
        _audit(s, who, "decide", cid, comment=comment.id, unit=comment.unit.name, task=comment.task_id,
               decision=value, reason=reason, proposed=proposed, before=before)


def close(store, consultation_id: int, *, who: str) -> None:
    """End the consultation: no unit can save from now on (audited)."""
    from ..store.models import CLOSED, utcnow

    with store.write() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        if c.state != CLOSED:
            c.state, c.closed_at = CLOSED, utcnow()
            _audit(s, who, "close", c.id)


def audit_log(store, consultation_id: int, *, who: str) -> list[Any]:
    from sqlalchemy import select

    from ..store.models import AuditEntry

    with store.session() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        return list(s.scalars(select(AuditEntry).where(AuditEntry.consultation_id == c.id).order_by(AuditEntry.id)))


# Returned Word files ----------------------------------------------------------------------

@dataclass
class Imported:
    stored: int = 0  # comments added
    again: int = 0  # comments already stored by an earlier import of the same file
    skipped: list[str] = field(default_factory=list)  # "name: why" of files that could not be read


def import_returned(store, consultation_id: int, files: Iterable[str | Path], *, who: str) -> Imported:
    """Store the comments of returned Word files (forms, comments, tracked changes, read by
    `consult.returned`) as comments of their unit, matched by name (a unit not on the list is
    added, without a link), submitted; importing a file again adds nothing twice."""
    from sqlalchemy import select

    from ..consult.returned import read_returned
    from ..consult.tasks import simple_key
    from ..store.models import Comment, Unit, utcnow

    with store.session() as s:
        _office(s, who)
        c = _consultation(s, consultation_id)
        tasks = draft_tasks(c.plan_yaml, c.plan_hash)
    result = Imported()
    for f in files:
        r = read_returned(f, tasks)
        if r.kind == "skipped":
            result.skipped.append("%s: %s" % (Path(f).name, r.problem))
            continue
        with store.write() as s:
            units = {simple_key(u.name): u for u in s.scalars(select(Unit).where(Unit.consultation_id == c.id))}
            for k, op in enumerate(r.opinions):
                name = (op.unit or r.unit or Path(f).stem).strip()[:200]
                unit = units.get(simple_key(name)) or next(
                    (u for key, u in units.items() if key and (key in simple_key(name) or simple_key(name) in key)), None)
                if unit is None:
                    unit = Unit(consultation_id=c.id, position=len(units), name=name,
                                token_hash=token_hash(new_token()), submitted_at=utcnow())
                    s.add(unit)
                    s.flush()
                    units[simple_key(name)] = unit
                key = _hash_text(json.dumps([Path(f).name, k, op.item_id, op.said, op.quote, op.proposed],
                                            ensure_ascii=False))
                if s.scalar(select(Comment.id).where(Comment.unit_id == unit.id, Comment.client_key == key)):
                    result.again += 1
                    continue
                s.add(Comment(unit_id=unit.id, task_id=op.item_id if op.item_id in tasks.items else None,
                              general=False, said=op.said[:SAID_MAX * 4], reason=op.reason, quote=op.quote,
                              proposed=op.proposed if (op.edit or op.proposed) else None, edit=op.edit,
                              origin=op.kind, source=(op.source or Path(f).name)[:300], client_key=key,
                              submitted=True, created_at=utcnow(), updated_at=utcnow()))
                result.stored += 1
            _audit(s, who, "import", c.id, file=Path(f).name, kind=r.kind, opinions=len(r.opinions))
    return result


# The 汇总表 and the next version ---------------------------------------------------------

def proposal_edit(tasks, task_id: str, proposed: str) -> tuple[str, str] | None:
    """The (原文, 建议修改为) edit a proposed wording of a task makes: the changed span of the one
    line (title or text paragraph) it changes, quoted with its clause (widened until the quote
    is found once in the task) — None when it changes no line or several."""
    from ..consult.copies import occurrences, quoted_edits

    node = tasks.items[task_id]
    old = [node.title] + node.paragraphs()
    new = proposed.split("\n")
    if len(old) != len(new):
        return None
    changed = [i for i in range(len(old)) if old[i] != new[i]]
    if len(changed) != 1:
        return None
    a, b = old[changed[0]], new[changed[0]]
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    edits = quoted_edits(a, [(start, len(a) - end, b[start:len(b) - end])], lambda q: occurrences(tasks, task_id, q))
    return (edits[0][0], edits[0][1]) if len(edits) == 1 else None


def summary_rows(store, consultation_id: int, *, who: str, only_submitted: bool = True):
    """The rows of the 意见采纳情况汇总表 (`consult.summary.Row`, as `collect` makes them) from
    the stored comments and their decisions, in plan order; by default only what units
    submitted (and what came in returned files), not drafts a unit never sent."""
    from ..consult import Opinion
    from ..consult.summary import rows_of

    rv = review(store, consultation_id, who=who, only_submitted=only_submitted)
    with store.session() as s:
        c = _consultation(s, consultation_id)
        tasks = draft_tasks(c.plan_yaml, c.plan_hash)
    comments = rv.comments()  # already in plan order, as rows_of orders them
    opinions = []
    for x in comments:
        op = Opinion(x.unit, x.task_id if x.task_id in tasks.items else None, x.said, quote=x.quote,
                     proposed=x.proposed or "", reason=x.reason, kind=x.origin, source=x.source,
                     entry=GENERAL if x.general else "", edit=x.edit)
        if x.origin == "online" and x.proposed is not None and op.item_id:
            edit = proposal_edit(tasks, op.item_id, x.proposed)
            if edit:
                op.quote, op.proposed, op.edit = edit[0], edit[1], True
            else:
                op.proposed = ""
                op.said += "\n建议修改为：" + x.proposed
        opinions.append(op)
    rows = rows_of(opinions, tasks)
    for row, x in zip(rows, comments):
        row.decision, row.why = x.decision, x.decision_reason
    _apply_office_wording(store, rows, comments)
    return rows, tasks


def _apply_office_wording(store, rows, comments) -> None:
    """A 部分采纳 whose office kept its own wording: that wording replaces the 原文."""
    from sqlalchemy import select

    from ..store.models import Decision

    with store.session() as s:
        kept = dict(s.execute(select(Decision.comment_id, Decision.proposed)
                              .where(Decision.comment_id.in_([x.id for x in comments]),
                                     Decision.proposed.is_not(None))).all()) if comments else {}
    for row, x in zip(rows, comments):
        if x.id in kept:
            row.proposed = kept[x.id]


def write_summary(store, consultation_id: int, output: str | Path, *, who: str, xlsx: bool = False,
                  force: bool = False, only_submitted: bool = True) -> list[Path]:
    """The 意见采纳情况汇总表 as .docx (and a workbook beside it with `xlsx`; an .xlsx `output`
    alone), through the writers `collect` uses."""
    from ..consult.summary import write_docx, write_xlsx
    from ..fileio import check_output

    out = Path(output)
    targets = [out] if out.suffix.lower() == ".xlsx" else [out] + ([out.with_suffix(".xlsx")] if xlsx else [])
    for t in targets:
        check_output(t, force=force)
    rows, tasks = summary_rows(store, consultation_id, who=who, only_submitted=only_submitted)
    for t in targets:
        (write_xlsx if t.suffix.lower() == ".xlsx" else write_docx)(rows, tasks, t)
    return targets


@dataclass
class NextVersion:
    text: str  # the plan YAML with the accepted edits made
    diff: str  # unified diff of the frozen draft against `text`, for review before saving
    changes: str  # the task-level summary (`drafter diff`'s terminal text)
    outcome: Any  # consult.apply.Outcome: applied, skipped, conflicts (row, why)


def apply_accepted(store, consultation_id: int, *, who: str) -> NextVersion:
    """The next version of the plan: the frozen draft with every accepted wording applied by
    `consult.apply` (as `drafter collect --decisions --apply` does), and its diff.  Nothing is
    saved: `save_next_version` does that once the office has looked."""
    import difflib

    from ..consult.apply import apply_rows
    from ..diff import compare
    from ..diff.terminal import summary_text
    from ..readers.yaml import loads

    rows, tasks = summary_rows(store, consultation_id, who=who)
    with store.session() as s:
        c = _consultation(s, consultation_id)
        draft, name = c.plan_yaml, c.plan_name or "draft.yaml"
    document = loads(draft, name)
    from ..consult.returned import Tasks

    text, outcome = apply_rows(document, rows, Tasks(document.plan))
    diff = "".join(difflib.unified_diff(draft.splitlines(True), text.splitlines(True),
                                        "%s (征求意见稿)" % name, "%s (采纳意见后)" % name))
    changes = summary_text(compare(tasks.plan, loads(text, name, editable=False).plan))
    return NextVersion(text, diff, changes, outcome)


def save_next_version(next_version: NextVersion, path: str | Path, *, force: bool = False) -> Path:
    from ..fileio import check_output
    from ..yamlio import write_checked

    check_output(path, force=force)
    write_checked(path, next_version.text, "the accepted edits")
    return Path(path)


# Office accounts --------------------------------------------------------------------------

def add_office_user(store, login: str, password: str) -> None:
    """A new office login; ConsultationError (field login/password) when refused."""
    from ..store.users import add_user

    try:
        add_user(store, login, password)
    except ValueError as e:
        raise ConsultationError(str(e), "password" if "密码" in str(e) else "login") from None


def office_login(store, login: str, password: str, address: str = "", *, now: datetime | None = None) -> str:
    """The login when the password is right; ConsultationError otherwise (rate-limited per
    login and address, shared by every worker through the database)."""
    from ..store.users import LoginRefused, verify_login

    try:
        return verify_login(store, login, password, address, now=_now(now) if now else None)
    except LoginRefused as e:
        raise ConsultationError(e.message, "password") from None
