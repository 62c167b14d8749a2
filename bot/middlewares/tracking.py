"""Record the ids of users' own messages in private chats (for quick exit and auto-erase)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.context import App
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
            await _after(data["app"], UserRepo(data["session"]), event.chat.id)
        return result


async def _after(app: App, users: UserRepo, user_id: int) -> None:
    """Record activity and push the user's auto-erase deadline back."""
    user = await users.get(user_id)
    if user is None:
        return
    await users.touch(user_id)
    if user.auto_erase_minutes:
        from bot.routers.privacy import schedule_auto_erase

        await schedule_auto_erase(app, user_id, user.auto_erase_minutes)
