"""Async client for the emulator's control API, with wait_for helpers for tests."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import Any

import aiohttp

Predicate = Callable[[dict[str, Any]], bool]


class ControlError(Exception):
    """A control API call failed (message mirrors the emulator's description)."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description


class EmulatorClient:
    """`EmulatorClient(url)`: create people and chats, act as them, read state, wait."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def _call(self, verb: str, path: str, **kwargs: Any) -> Any:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        async with self._session.request(verb, f"{self.url}/_control{path}", **kwargs) as resp:
            body = await resp.json()
        if not body.get("ok"):
            raise ControlError(body.get("error_code", resp.status), body.get("description", ""))
        return body["result"]

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- world set-up -----------------------------------------------------------------------
    async def create_user(self, user_id: int, first_name: str = "User",
                          username: str | None = None,
                          language_code: str | None = None) -> dict[str, Any]:
        """Create a user with a private chat to the bot."""
        spec = {"id": user_id, "first_name": first_name, "username": username,
                "language_code": language_code}
        return await self._call("POST", "/users", json=spec)

    async def block_bot(self, user_id: int, blocked: bool = True) -> None:
        """Make the user block the bot (sends then fail with 403)."""
        await self._call("POST", f"/users/{user_id}/block", json={"blocked": blocked})

    async def create_forum(self, chat_id: int, title: str, members: list[dict[str, Any]],
                           bot_rights: dict[str, bool] | None = None,
                           bot_status: str = "administrator",
                           is_forum: bool = True) -> dict[str, Any]:
        """Create a forum supergroup; members: [{user_id, status, rights?, user?}]."""
        spec = {"id": chat_id, "title": title, "members": members, "is_forum": is_forum,
                "bot": {"status": bot_status, "rights": bot_rights or {}}}
        return await self._call("POST", "/forums", json=spec)

    async def set_bot_membership(self, chat_id: int, status: str,
                                 rights: dict[str, bool] | None = None,
                                 from_user_id: int | None = None) -> dict[str, Any]:
        """Change the bot's status in a group (emits my_chat_member)."""
        spec = {"status": status, "rights": rights or {}, "from_user_id": from_user_id}
        return await self._call("POST", f"/chats/{chat_id}/bot", json=spec)

    # --- people acting ----------------------------------------------------------------------
    async def send(self, user_id: int, chat_id: int | None = None, text: str | None = None,
                   *, photo: bytes | None = None, document: bytes | None = None,
                   file_name: str | None = None, mime_type: str | None = None,
                   caption: str | None = None, sticker_emoji: str | None = None,
                   voice: bytes | None = None, location: tuple[float, float] | None = None,
                   contact: dict[str, Any] | None = None, message_thread_id: int | None = None,
                   reply_to: int | None = None) -> dict[str, Any]:
        """A user sends a message; returns the stored message view."""
        spec: dict[str, Any] = {"user_id": user_id, "chat_id": chat_id or user_id,
                                "message_thread_id": message_thread_id, "reply_to": reply_to,
                                "caption": caption, "file_name": file_name,
                                "mime_type": mime_type}
        spec.update(_content(text, photo, document, sticker_emoji, voice, location, contact))
        return await self._call("POST", "/messages", json=spec)

    async def edit(self, user_id: int, chat_id: int, message_id: int,
                   text: str) -> dict[str, Any]:
        """A user edits their message (edited_message update)."""
        spec = {"user_id": user_id, "chat_id": chat_id, "message_id": message_id, "text": text}
        return await self._call("POST", "/edit", json=spec)

    async def press(self, user_id: int, chat_id: int, message_id: int, data: str,
                    forge: bool = False) -> str:
        """A user presses an inline button; returns the callback query id."""
        spec = {"user_id": user_id, "chat_id": chat_id, "message_id": message_id,
                "data": data, "forge": forge}
        result = await self._call("POST", "/press", json=spec)
        return str(result["callback_query_id"])

    # --- reading ----------------------------------------------------------------------------
    async def messages(self, chat_id: int, thread_id: int | None = None,
                       include_deleted: bool = False) -> list[dict[str, Any]]:
        """Visible messages in a chat (thread_id=0 for a forum's General topic)."""
        query: dict[str, str] = {"include_deleted": "1" if include_deleted else "0"}
        if thread_id is not None:
            query["thread_id"] = str(thread_id)
        return await self._call("GET", f"/chats/{chat_id}/messages", params=query)

    async def deleted_ids(self, chat_id: int) -> list[int]:
        """Ids of deleted messages in a chat."""
        return await self._call("GET", f"/chats/{chat_id}/deleted")

    async def topics(self, chat_id: int) -> list[dict[str, Any]]:
        """Topics of a forum chat."""
        return await self._call("GET", f"/chats/{chat_id}/topics")

    async def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """The Bot API calls log, optionally for one method."""
        return await self._call("GET", "/calls", params={"method": method or ""})

    async def callback_answers(self) -> list[dict[str, Any]]:
        """Recorded answerCallbackQuery calls."""
        return await self._call("GET", "/callback_answers")

    async def state(self) -> dict[str, Any]:
        """Bot identity, webhook url, pending updates, event sequence."""
        return await self._call("GET", "/state")

    # --- failures and time ------------------------------------------------------------------
    async def fail_next(self, method: str, count: int = 1, error_code: int = 429,
                        retry_after: int = 1, description: str | None = None) -> None:
        """Make the next `count` calls of `method` fail."""
        spec = {"method": method, "count": count, "error_code": error_code,
                "retry_after": retry_after, "description": description}
        await self._call("POST", "/fail", json=spec)

    async def set_rate_limit(self, per_chat_per_second: float | None) -> None:
        """Enforce a per-chat send rate (None turns it off)."""
        await self._call("POST", "/rate_limit", json={"per_chat_per_second": per_chat_per_second})

    async def advance_clock(self, seconds: float) -> int:
        """Move the emulated clock forward; returns the new emulated time."""
        return int((await self._call("POST", "/clock/advance", json={"seconds": seconds}))["now"])

    async def events(self, since: int, timeout: float = 1.0) -> dict[str, Any]:  # noqa: ASYNC109
        """Long-poll events newer than `since`."""
        query = {"since": str(since), "timeout": str(timeout)}
        return await self._call("GET", "/events", params=query,
                                timeout=aiohttp.ClientTimeout(total=timeout + 10))

    # --- waiting ----------------------------------------------------------------------------
    async def wait_for_message(self, chat_id: int, predicate: Predicate | None = None,
                               timeout: float = 5.0,  # noqa: ASYNC109
                               thread_id: int | None = None,
                               from_bot: bool = True) -> dict[str, Any]:
        """Wait until a (bot) message matching `predicate` is visible in the chat."""
        def check(found: list[dict[str, Any]]) -> dict[str, Any] | None:
            for msg in found:
                if (not from_bot or msg["sender_is_bot"]) and (predicate is None
                                                                or predicate(msg)):
                    return msg
            return None
        return await self._wait(lambda: self.messages(chat_id, thread_id), check, timeout,
                                f"no matching message in chat {chat_id}")

    async def wait_for_call(self, method: str, predicate: Predicate | None = None,
                            timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """Wait until the bot made a call of `method` matching `predicate`."""
        def check(found: list[dict[str, Any]]) -> dict[str, Any] | None:
            return next((c for c in found if predicate is None or predicate(c)), None)
        return await self._wait(lambda: self.calls(method), check, timeout,
                                f"no matching {method} call")

    async def _wait(self, fetch: Any, check: Any, timeout: float, what: str) -> dict[str, Any]:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seq = (await self.state())["seq"]
        while True:
            found = check(await fetch())
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{what} within {timeout}s")
            seq = (await self.events(seq, timeout=min(remaining, 1.0)))["seq"]


def _content(text: str | None, photo: bytes | None, document: bytes | None,
             sticker_emoji: str | None, voice: bytes | None,
             location: tuple[float, float] | None, contact: dict[str, Any] | None) -> Any:
    """Encode the single content field of a simulated message."""
    def b64(blob: bytes) -> str:
        return base64.b64encode(blob).decode()
    if photo is not None:
        return {"photo": b64(photo)}
    if document is not None:
        return {"document": b64(document)}
    if voice is not None:
        return {"voice": b64(voice)}
    if sticker_emoji is not None:
        return {"sticker": {"emoji": sticker_emoji}}
    if location is not None:
        return {"location": {"latitude": location[0], "longitude": location[1]}}
    if contact is not None:
        return {"contact": contact}
    return {"text": text or ""}
