"""The tables of online consultations, as typed SQLAlchemy 2 mapped classes.

Times are naive UTC (SQLite keeps no zone); the application converts at its edges.  A unit's
private token is never stored, only its SHA-256: a 256-bit random token needs no slow hash.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

OPEN, CLOSED = "open", "closed"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    plan_name: Mapped[str] = mapped_column(String(260), default="")  # the file it was opened on
    plan_yaml: Mapped[str] = mapped_column(Text)  # the frozen draft, exactly as it was
    plan_hash: Mapped[str] = mapped_column(String(64))  # sha256 of plan_yaml (UTF-8)
    deadline: Mapped[datetime | None] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(10), default=OPEN)
    created_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    units: Mapped[list[Unit]] = relationship(back_populates="consultation", order_by="Unit.position",
                                             cascade="all, delete-orphan")


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("consultation_id", "name", name="uq_units_consultation_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened: Mapped[int] = mapped_column(Integer, default=0)  # how many times the office reopened it

    consultation: Mapped[Consultation] = relationship(back_populates="units")
    comments: Mapped[list[Comment]] = relationship(back_populates="unit", order_by="Comment.id",
                                                   cascade="all, delete-orphan")


class Comment(Base):
    """One comment of one unit: on a task (`task_id`) or general (`task_id` None).  Online
    comments carry `proposed` as the unit's whole new wording of the task; comments read from
    returned Word files carry the passage (`quote`) their edit replaces."""

    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("unit_id", "client_key", name="uq_comments_unit_client_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[str | None] = mapped_column(String(40), index=True)
    general: Mapped[bool] = mapped_column(Boolean, default=False)
    said: Mapped[str] = mapped_column(Text)  # 修改意见
    reason: Mapped[str] = mapped_column(Text, default="")  # 理由
    proposed: Mapped[str | None] = mapped_column(Text)  # proposed wording
    quote: Mapped[str] = mapped_column(Text, default="")  # 原文 the edit replaces (Word files)
    edit: Mapped[bool] = mapped_column(Boolean, default=False)  # quote → proposed is a text edit
    origin: Mapped[str] = mapped_column(String(20), default="online")  # online | form | comment | change
    source: Mapped[str] = mapped_column(String(300), default="")  # file and place, for Word comments
    client_key: Mapped[str | None] = mapped_column(String(64))  # a retried save is not a second comment
    submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="comments")
    decision: Mapped[Decision | None] = relationship(back_populates="comment", cascade="all, delete-orphan",
                                                     uselist=False)


class Decision(Base):
    """The office's current decision on a comment; earlier ones live in the audit log."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), unique=True)
    decision: Mapped[str] = mapped_column(String(10))  # 采纳 | 部分采纳 | 不采纳
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed: Mapped[str | None] = mapped_column(Text)  # 部分采纳: the wording the office keeps
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="decision")


class OfficeUser(Base):
    __tablename__ = "office_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LoginFailure(Base):
    """A failed login, kept in the database so that every worker counts the same failures."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id", ondelete="SET NULL"),
                                                        index=True)
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON
