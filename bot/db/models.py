"""Tables. Anything a user wrote is stored only as AES-GCM ciphertext (``*_enc`` columns)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, utcnow

TS = DateTime(timezone=True)


class User(Base):
    """A person writing to the bot; the Telegram id is needed to answer them."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lang: Mapped[str | None] = mapped_column(String(5))
    discreet: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_erase_minutes: Mapped[int | None] = mapped_column(Integer)
    misunderstood: Mapped[int] = mapped_column(Integer, default=0)
    banned: Mapped[bool] = mapped_column(Boolean, default=False)
    ban_reason_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)


class FsmRecord(Base):
    """aiogram FSM state and (encrypted) data, keyed by aiogram's storage key."""

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow, onupdate=utcnow)


class ProcessedUpdate(Base):
    """Update ids already handled, so a re-delivered webhook update runs once."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow, index=True)


class ChatMessage(Base):
    """Every message id in a user's private chat (both sides), for quick exit and auto-erase."""

    __tablename__ = "chat_messages"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    outgoing: Mapped[bool] = mapped_column(Boolean)
    sent_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)


class Job(Base):
    """Durable scheduled work (auto-erase, check-ins, SLA alerts, retention purge)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "done", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    run_at: Mapped[dt.datetime] = mapped_column(TS)
    payload_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_until: Mapped[dt.datetime | None] = mapped_column(TS)


class Case(Base):
    """An escalated conversation; staff see only ``public_id``, never the Telegram id."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    priority: Mapped[int] = mapped_column(Integer, default=2)
    reason: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(5))
    topic_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    assignee_id: Mapped[int | None] = mapped_column(BigInteger)
    assignee_label: Mapped[str | None] = mapped_column(String(64))
    details_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    outcome: Mapped[str | None] = mapped_column(String(32))
    alerts_sent: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)
    notified_at: Mapped[dt.datetime | None] = mapped_column(TS)
    taken_at: Mapped[dt.datetime | None] = mapped_column(TS)
    first_reply_at: Mapped[dt.datetime | None] = mapped_column(TS)
    closed_at: Mapped[dt.datetime | None] = mapped_column(TS)


class CaseMessage(Base):
    """Transcript and relay map of a case; bodies encrypted; ``delivered`` makes it an outbox."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(8))  # user | staff | note | bot
    user_msg_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_msg_id: Mapped[int | None] = mapped_column(BigInteger)
    body_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)


class AuditEntry(Base):
    """Staff actions, with pseudonymous case ids and a staff pseudonym."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    case_public_id: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(String(200))


class SafetyRecord(Base):
    """One encrypted document per user and kind: danger screen, safety plan, check-in prefs."""

    __tablename__ = "safety_records"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # screen | plan | checkin
    data_enc: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow, onupdate=utcnow)


class JournalEntry(Base):
    """An incident in the evidence journal."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    occurred_at_enc: Mapped[bytes] = mapped_column(LargeBinary)
    body_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)


class JournalMedia(Base):
    """A photo or document attached to an incident, moved out of the chat, encrypted."""

    __tablename__ = "journal_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    blob_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(TS, default=utcnow)
