"""The one way out to the Bot API: rate limits, 429 retries, silent/protected defaults, tracking.

No feature calls ``bot(...)`` directly; they all go through :class:`Sender`, so Telegram's
limits (about 1 msg/s per private chat, 20/min per group, 30/s overall) hold everywhere.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import DeleteMessage, DeleteMessages, SendMessage, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import Message

log = logging.getLogger(__name__)
T = TypeVar("T")
Tracker = Callable[[int, int, bool], Awaitable[None]]
DiscreetLoader = Callable[[int], Awaitable[bool]]
_SENDING = {
    "SendMessage",
    "CopyMessage",
    "SendDocument",
    "SendPhoto",
    "ForwardMessage",
    "CopyMessages",
}


def neutral_line() -> str:
    """The first line a discreet user's notification preview shows (no topic, no emoji)."""
    from bot.texts import text

    return text("discreet_line")


class TokenBucket:
    """Classic token bucket: ``capacity`` burst, ``rate`` tokens per second."""

    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        self.tokens, self.stamp = capacity, time.monotonic()
        self.lock = asyncio.Lock()

    async def take(self) -> None:
        """Wait until one token is available, then consume it."""
        async with self.lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """Honour 429 ``retry_after`` and retry transient network errors a few times."""

    def __init__(self, attempts: int = 5, max_sleep: float = 60.0) -> None:
        self.attempts, self.max_sleep = attempts, max_sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        """Retry the request on flood control or network failure."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == self.attempts:
                    raise
                log.warning("429 on %s: sleeping %ss", type(method).__name__, exc.retry_after)
                await asyncio.sleep(min(exc.retry_after, self.max_sleep))
            except TelegramNetworkError:
                if attempt == self.attempts:
                    raise
                await asyncio.sleep(0.2 * 2**attempt)
        raise RuntimeError("unreachable")


class Sender:
    """Rate-limited gateway to the Bot API shared by every feature."""

    def __init__(
        self,
        bot: Bot,
        tracker: Tracker | None = None,
        global_rate: float = 30,
        discreet_loader: DiscreetLoader | None = None, silent: bool = True,
    ) -> None:
        self.bot = bot
        self.silent = silent
        self.tracker = tracker
        self.discreet_loader = discreet_loader
        self.discreet: dict[int, bool] = {}
        self._global = TokenBucket(global_rate, global_rate)
        self._chats: dict[int, TokenBucket] = {}

    def _bucket(self, chat_id: int) -> TokenBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            # Private chats: short bursts, 1/s sustained. Groups: 20 per minute.
            bucket = TokenBucket(3, 1.0) if chat_id > 0 else TokenBucket(20, 20 / 60)
            if len(self._chats) > 10_000:
                self._chats.clear()
            self._chats[chat_id] = bucket
        return bucket

    async def __call__(self, method: TelegramMethod[T], *, track: bool = True) -> T:
        """Send one Bot API request within the limits; track private-chat messages."""
        chat_id = getattr(method, "chat_id", None)
        # aiogram's DefaultBotProperties does not cover disable_notification: apply it here.
        if self.silent and getattr(method, "disable_notification", False) is None:
            method.disable_notification = True  # type: ignore[attr-defined]
        if type(method).__name__ in _SENDING and isinstance(chat_id, int):
            await self._bucket(chat_id).take()
            if (
                chat_id > 0
                and isinstance(method, SendMessage)
                and await self._is_discreet(chat_id)
            ):
                method.text = f"{neutral_line()}\n\n{method.text}"
        await self._global.take()
        result = await self.bot(method)
        if track and isinstance(chat_id, int) and chat_id > 0 and self.tracker is not None:
            await self._track(chat_id, result)
        return result

    async def _is_discreet(self, chat_id: int) -> bool:
        if chat_id not in self.discreet and self.discreet_loader is not None:
            if len(self.discreet) > 50_000:
                self.discreet.clear()
            self.discreet[chat_id] = await self.discreet_loader(chat_id)
        return self.discreet.get(chat_id, False)

    async def text(self, chat_id: int, body: str, track: bool = True, **kwargs: Any) -> Message:
        """Send a text message (HTML) through the limits."""
        return await self(SendMessage(chat_id=chat_id, text=body, **kwargs), track=track)

    async def delete(self, chat_id: int, message_ids: list[int]) -> list[int]:
        """Delete messages in batches of 100; return the ids Telegram refused."""
        failed: list[int] = []
        for start in range(0, len(message_ids), 100):
            batch = message_ids[start : start + 100]
            try:
                await self(DeleteMessages(chat_id=chat_id, message_ids=batch))
            except TelegramBadRequest:
                failed.extend(await self._delete_one_by_one(chat_id, batch))
        return failed

    async def _delete_one_by_one(self, chat_id: int, ids: list[int]) -> list[int]:
        failed = []
        for message_id in ids:
            try:
                await self(DeleteMessage(chat_id=chat_id, message_id=message_id))
            except TelegramBadRequest:
                failed.append(message_id)
        return failed

    async def _track(self, chat_id: int, result: Any) -> None:
        message_id = getattr(result, "message_id", None)
        if isinstance(message_id, int) and self.tracker is not None:
            try:
                await self.tracker(chat_id, message_id, True)
            except Exception:
                # Tracking must never block a reply; the id is lost for quick exit only.
                log.exception("could not record an outgoing message id")
