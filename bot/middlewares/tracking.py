"""Record the ids of users' own messages in private chats (for quick exit and auto-erase)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.db.repos.users import MessageRepo, UserRepo

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class IncomingTrackingMiddleware(BaseMiddleware):
    """Stores the message id (never the text) and the user's last activity."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """Queue the id (flushed lazily, so the reply never waits for a write lock), handle."""
        private = isinstance(event, Message) and event.chat.type == "private" and "session" in data
        if private:
            assert isinstance(event, Message)
            MessageRepo(data["session"]).add_pending(event.chat.id, event.message_id, False)
        result = await handler(event, data)
        if private:
            assert isinstance(event, Message)
            users = UserRepo(data["session"])
            if await users.get(event.chat.id) is not None:
                await users.touch(event.chat.id)
        return result
