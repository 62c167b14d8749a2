"""One database session per update, opened before anything else runs."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.current import current_session
from bot.db.models import ProcessedUpdate

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DbSessionMiddleware(BaseMiddleware):
    """Opens ``data["session"]``; the use case commits, this closes (rolling back leftovers)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """Run the update inside a session."""
        async with self.sessionmaker() as session:
            data["session"] = session
            token = current_session.set(session)
            try:
                result = await handler(event, data)
                await session.commit()
            finally:
                current_session.reset(token)
            return result


class IdempotencyMiddleware(BaseMiddleware):
    """Drops an update whose ``update_id`` was already processed (webhook re-delivery)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """Claim the update id in its own transaction, then handle it."""
        if not isinstance(event, Update):
            return await handler(event, data)
        try:
            async with self.sessionmaker() as session, session.begin():
                session.add(ProcessedUpdate(update_id=event.update_id))
        except IntegrityError:
            log.info("update %s already processed; skipped", event.update_id)
            return None
        return await handler(event, data)
