"""Quick exit: delete both sides of the private chat and leave a neutral line (or nothing)."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import as_utc, utcnow
from bot.db.repos.users import MessageRepo
from bot.texts import text

log = logging.getLogger(__name__)
# Telegram lets bots delete private-chat messages younger than 48 hours; keep a margin.
DELETE_WINDOW = dt.timedelta(hours=48) - dt.timedelta(minutes=5)


async def erase_chat(app: App, session: AsyncSession, user_id: int, extra: list[int]) -> int:
    """Delete every tracked message; return how many could not be deleted."""
    repo = MessageRepo(session)
    await session.flush()
    tracked = await repo.ids(user_id)
    limit = utcnow() - DELETE_WINDOW
    recent = sorted({m for m, at in tracked if as_utc(at) >= limit} | set(extra))
    old = [m for m, at in tracked if as_utc(at) < limit]
    failed = await app.sender.delete(user_id, recent) if recent else []
    await repo.forget(user_id)
    await session.commit()
    log.info("quick exit: %d deleted, %d not deletable", len(recent) - len(failed), len(old))
    return len(failed) + len(old)


async def quick_exit(app: App, session: AsyncSession, user_id: int, extra: list[int]) -> None:
    """Erase the chat, then leave the configured neutral message and a tip if needed."""
    leftovers = await erase_chat(app, session, user_id, extra)
    neutral = app.settings.neutral_exit_text
    if neutral is None:
        neutral = text("exit_neutral")
    if neutral.strip() not in ("", "-"):
        await app.sender.text(user_id, neutral, parse_mode=None)
    if leftovers:
        await app.sender.text(user_id, text("exit_leftovers"))
    await session.commit()
