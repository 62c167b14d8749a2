"""Users and the ids of their chat messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.base import utcnow
from bot.db.models import ChatMessage, User


@dataclass(frozen=True)
class UserInfo:
    """What handlers need to know about a user."""

    id: int
    lang: str | None
    discreet: bool
    auto_erase_minutes: int | None
    misunderstood: int
    banned: bool


def _info(row: User) -> UserInfo:
    return UserInfo(
        row.id, row.lang, row.discreet, row.auto_erase_minutes, row.misunderstood, row.banned
    )


class UserRepo:
    """Users table."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> UserInfo | None:
        """The user, if known."""
        row = await self.session.get(User, user_id)
        return _info(row) if row else None

    async def ensure(self, user_id: int) -> UserInfo:
        """The user, created on first contact."""
        row = await self.session.get(User, user_id)
        if row is None:
            row = User(id=user_id, discreet=False, misunderstood=0, banned=False)
            self.session.add(row)
            await self.session.flush()
        return _info(row)

    async def set(self, user_id: int, **values: object) -> None:
        """Update some columns of the user (created if missing)."""
        await self.ensure(user_id)
        await self.session.execute(update(User).where(User.id == user_id).values(**values))

    async def touch(self, user_id: int) -> None:
        """Record activity (drives auto-erase and retention)."""
        await self.set(user_id, last_seen_at=utcnow())

    async def delete(self, user_id: int) -> None:
        """Erase the user row."""
        await self.session.execute(delete(User).where(User.id == user_id))


class MessageRepo:
    """Message ids in users' private chats (never the text)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user_id: int, message_id: int, outgoing: bool) -> None:
        """Remember one message id."""
        exists = await self.session.scalar(
            select(ChatMessage.id).where(
                ChatMessage.chat_id == user_id, ChatMessage.message_id == message_id
            )
        )
        if exists is None:
            self.session.add(
                ChatMessage(
                    user_id=user_id,
                    chat_id=user_id,
                    message_id=message_id,
                    outgoing=outgoing,
                    sent_at=utcnow(),
                )
            )

    def add_pending(self, user_id: int, message_id: int, outgoing: bool) -> None:
        """Remember one id without touching the database until the next flush."""
        self.session.add(
            ChatMessage(
                user_id=user_id,
                chat_id=user_id,
                message_id=message_id,
                outgoing=outgoing,
                sent_at=utcnow(),
            )
        )

    async def ids(self, user_id: int) -> list[tuple[int, dt.datetime]]:
        """All tracked message ids with their send time, oldest first."""
        rows = await self.session.execute(
            select(ChatMessage.message_id, ChatMessage.sent_at)
            .where(ChatMessage.user_id == user_id)
            .order_by(ChatMessage.message_id)
        )
        return [(int(m), s) for m, s in rows.all()]

    async def forget(self, user_id: int, message_ids: list[int] | None = None) -> None:
        """Drop tracked ids (all of them, or the given ones)."""
        stmt = delete(ChatMessage).where(ChatMessage.user_id == user_id)
        if message_ids is not None:
            stmt = stmt.where(ChatMessage.message_id.in_(message_ids))
        await self.session.execute(stmt)
