"""Update queue with getUpdates long-poll semantics and webhook delivery like Telegram's."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from devtools.emulator.errors import ApiError, bad_request

DEFAULT_ALLOWED = frozenset({
    "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
    "business_message", "edited_business_message", "deleted_business_messages", "inline_query",
    "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query",
    "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_join_request",
    "chat_boost", "removed_chat_boost",
})
ALL_TYPES = DEFAULT_ALLOWED | {"chat_member", "message_reaction", "message_reaction_count"}
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
CONFLICT_POLL = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"  # noqa: E501
CONFLICT_WEBHOOK = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"  # noqa: E501


@dataclass
class Webhook:
    """Current webhook configuration and delivery status."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


class UpdateQueue:
    """Pending updates; confirmed by getUpdates offsets or by 2xx webhook answers."""

    def __init__(self, now: Callable[[], float]) -> None:
        self.pending: list[dict[str, Any]] = []
        self.next_id = 1
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.webhook = Webhook()
        self.delivered: list[dict[str, Any]] = []
        self.retry_delay = 0.2
        self.max_attempts = 5
        self._now = now
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._task: asyncio.Task[None] | None = None

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update unless its type is filtered out by allowed_updates."""
        if kind not in self.allowed:
            return None
        update = {"update_id": self.next_id, kind: payload}
        self.next_id += 1
        self.pending.append(update)
        self._wake()
        return update

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def set_allowed(self, allowed: Any) -> None:
        """Remember allowed_updates like Telegram (an empty list restores the default)."""
        if allowed is None:
            return
        if not isinstance(allowed, list) or any(a not in ALL_TYPES for a in allowed):
            raise bad_request("invalid allowed_updates specified")
        self.allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED

    async def get_updates(self, offset: int | None, limit: int, wait: float) -> list[Any]:
        """Confirm updates below `offset` and long-poll for new ones."""
        if self.webhook.url:
            raise ApiError(409, CONFLICT_WEBHOOK)
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # an older long-poll ends with 409 like on Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(max(wait, 0.0), 50.0)
        while not self.pending and loop.time() < deadline:
            changed = self._changed
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(changed.wait(), deadline - loop.time())
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT_POLL)
        return self.pending[: max(1, min(limit, 100))]

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            self.pending = self.pending[offset:]
            return
        self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def drop_pending(self) -> None:
        """Forget every pending update (drop_pending_updates=True)."""
        self.pending.clear()

    def set_webhook(self, url: str, secret: str | None, executor: Executor) -> None:
        """Install a webhook and start delivering pending updates to it."""
        if secret is not None and not SECRET_RE.match(secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = Webhook(url=url, secret_token=secret)
        self._stop_task()
        self._task = asyncio.create_task(self._deliver_loop(executor))

    def delete_webhook(self) -> None:
        """Remove the webhook; getUpdates works again."""
        self.webhook = Webhook()
        self._stop_task()

    def _stop_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def close(self) -> None:
        """Stop webhook delivery and wake pollers."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._poll_generation += 1
        self._wake()

    async def _deliver_loop(self, executor: Executor) -> None:
        async with aiohttp.ClientSession() as session:
            attempts = 0
            while True:
                while not self.pending:
                    await self._changed.wait()
                update = self.pending[0]
                if await self._post(session, update, executor):
                    attempts = 0
                    self.pending.pop(0)
                    self.delivered.append(update)
                    continue
                attempts += 1
                if attempts >= self.max_attempts:  # Telegram gives up after some attempts
                    attempts = 0
                    self.pending.pop(0)
                await asyncio.sleep(self.retry_delay)

    async def _post(self, session: aiohttp.ClientSession, update: Any, ex: Executor) -> bool:
        headers = {}
        if self.webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook.secret_token
        try:
            async with session.post(self.webhook.url, json=update, headers=headers) as resp:
                body = await resp.read()
                if 200 <= resp.status < 300:
                    await self._run_reply(body, resp.content_type, ex)
                    return True
                self._note_error(f"Wrong response from the webhook: {resp.status} {resp.reason}")
        except aiohttp.ClientError as exc:
            self._note_error(f"Connection failed: {type(exc).__name__}")
        return False

    async def _run_reply(self, body: bytes, content_type: str, executor: Executor) -> None:
        """Execute a method returned in the webhook answer, as Telegram does."""
        if content_type != "application/json" or not body:
            return
        data = json.loads(body)
        if isinstance(data, dict) and isinstance(data.get("method"), str):
            method = data.pop("method")
            await executor(method, data)

    def _note_error(self, message: str) -> None:
        self.webhook.last_error_date = int(self._now())
        self.webhook.last_error_message = message


Executor = Callable[[str, dict[str, Any]], Awaitable[Any]]
