"""The emulator's whole state plus helpers shared by Bot API methods and the control API."""

from __future__ import annotations

import itertools
import secrets
import time
from collections import defaultdict, deque
from typing import Any

from devtools.emulator.errors import CHAT_NOT_FOUND, ApiError, bad_request, forbidden
from devtools.emulator.events import EventLog
from devtools.emulator.state import Chat, Clock, Member, StoredFile, StoredMessage, User
from devtools.emulator.updates import UpdateQueue

MAX_CALLS = 20_000


class World:
    """Users, chats, messages, files, updates, calls log and injected failures."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.bot = User(id=1, first_name="Emulated Bot", username="emulated_bot", is_bot=True)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.events = EventLog()
        self.updates = UpdateQueue(self.clock.now)
        self.calls: list[dict[str, Any]] = []
        self.failures: dict[str, deque[ApiError]] = defaultdict(deque)
        self.callback_queries: dict[str, dict[str, Any]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: dict[str, list[Any]] = {}
        self.menu_buttons: dict[str, Any] = {}
        self.privacy_mode = True
        self.rate_per_chat: float | None = None
        self._sent_times: dict[int, deque[float]] = defaultdict(deque)
        self._ids = itertools.count(1)

    # --- identity -------------------------------------------------------------------------
    def use_token(self, token: str) -> None:
        """Adopt the bot id from the token prefix ("123456:ABC" -> 123456)."""
        prefix = token.split(":", 1)[0]
        if not prefix.isdigit() or ":" not in token:
            raise ApiError(401, "Unauthorized")
        if int(prefix) != self.bot.id:
            self.bot = User(id=int(prefix), first_name="Qorgau Emulated",
                            username=f"emulated_{prefix}_bot", is_bot=True)

    def now(self) -> int:
        """Emulated unix time as an int (message dates)."""
        return int(self.clock.now())

    def new_id(self, prefix: str) -> str:
        """Return a fresh opaque id (file ids, callback query ids)."""
        return f"{prefix}{next(self._ids)}{secrets.token_hex(4)}"

    # --- lookups --------------------------------------------------------------------------
    def chat(self, chat_id: Any) -> Chat:
        """Return a chat or raise Telegram's 'chat not found'."""
        try:
            chat = self.chats.get(int(chat_id))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        return chat

    def user(self, user_id: int) -> User:
        """Return a user (or the bot) or raise 'user not found'."""
        if user_id == self.bot.id:
            return self.bot
        if user_id not in self.users:
            raise bad_request("user not found")
        return self.users[user_id]

    def writable_chat(self, chat_id: Any) -> Chat:
        """Return a chat the bot may post to, raising 403s like Telegram."""
        chat = self.chat(chat_id)
        if chat.type == "private":
            if chat.user_id is not None and self.users[chat.user_id].blocked_bot:
                raise forbidden("bot was blocked by the user")
        elif chat.bot_member.status == "kicked":
            raise forbidden("bot was kicked from the supergroup chat")
        elif chat.bot_member.status == "left":
            raise forbidden("bot is not a member of the supergroup chat")
        return chat

    # --- serialisation --------------------------------------------------------------------
    def chat_to_api(self, chat: Chat) -> dict[str, Any]:
        """Serialise as a Bot API Chat."""
        if chat.type == "private" and chat.user_id is not None:
            user = self.users[chat.user_id]
            data: dict[str, Any] = {"id": chat.id, "type": "private",
                                    "first_name": user.first_name}
            if user.username:
                data["username"] = user.username
            return data
        data = {"id": chat.id, "type": chat.type, "title": chat.title}
        if chat.is_forum:
            data["is_forum"] = True
        return data

    def message_to_api(self, msg: StoredMessage, nested: bool = True) -> dict[str, Any]:
        """Serialise as a Bot API Message (reply_to_message one level deep)."""
        chat = self.chats[msg.chat_id]
        data: dict[str, Any] = {
            "message_id": msg.message_id, "date": msg.date, "chat": self.chat_to_api(chat),
            "from": self.user(msg.sender_id).to_api(), **msg.body,
        }
        if msg.thread_id is not None:
            data.update(message_thread_id=msg.thread_id, is_topic_message=True)
        in_topic = msg.thread_id if msg.service != "forum_topic_created" else None
        reply_id = msg.reply_to or in_topic  # topic messages reply to the creation message
        reply = chat.live_message(reply_id) if reply_id else None
        if nested and reply is not None:
            data["reply_to_message"] = self.message_to_api(reply, nested=False)
        optional = {"edit_date": msg.edit_date, "reply_markup": msg.reply_markup,
                    "forward_origin": msg.forward_origin,
                    "has_protected_content": msg.protect_content or None}
        data.update({k: v for k, v in optional.items() if v})
        return data

    def message_view(self, msg: StoredMessage) -> dict[str, Any]:
        """Control-API view: the API message plus emulator-only flags."""
        return {**self.message_to_api(msg), "thread_id": msg.thread_id,
                "protect_content": msg.protect_content,
                "disable_notification": msg.disable_notification,
                "deleted": msg.deleted, "service": msg.service,
                "sender_is_bot": msg.sender_id == self.bot.id}

    # --- mutations ------------------------------------------------------------------------
    def add_message(self, chat: Chat, sender_id: int, body: dict[str, Any],
                    **fields: Any) -> StoredMessage:
        """Store a new message with the next per-chat id and announce it."""
        msg = StoredMessage(chat_id=chat.id, message_id=chat.new_message_id(),
                            sender_id=sender_id, date=self.now(), body=body, **fields)
        chat.messages[msg.message_id] = msg
        self.events.emit("message", chat_id=chat.id, message_id=msg.message_id,
                         thread_id=msg.thread_id)
        return msg

    def store_file(self, data: bytes, folder: str, file_name: str | None,
                   mime_type: str | None) -> StoredFile:
        """Keep uploaded bytes and mint file_id / file_unique_id."""
        file_id = self.new_id("BQACAgIAAxk")
        suffix = (file_name or "").rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        stored = StoredFile(file_id=file_id, file_unique_id=self.new_id("AgAD"), data=data,
                            file_path=f"{folder}/file_{len(self.files)}.{suffix}",
                            file_name=file_name, mime_type=mime_type)
        self.files[file_id] = stored
        return stored

    def bot_sees(self, chat: Chat, msg: StoredMessage) -> bool:
        """Privacy mode: in groups, non-admin bots only see commands and replies to them."""
        if chat.type == "private":
            return True
        if chat.bot_member.status in ("left", "kicked"):
            return False
        if chat.bot_member.status in ("administrator", "creator") or not self.privacy_mode:
            return True
        text = str(msg.body.get("text", ""))
        replied = chat.messages.get(msg.reply_to or 0)
        return text.startswith("/") or bool(replied and replied.sender_id == self.bot.id)

    def set_member(self, chat: Chat, user_id: int, status: str,
                   rights: dict[str, bool] | None = None) -> None:
        """Set a member's status (the bot's own membership is kept separately)."""
        member = Member(status, dict(rights or {}))
        if user_id == self.bot.id:
            chat.bot_member = member
        else:
            chat.members[user_id] = member

    # --- calls log, failures, rate limits ---------------------------------------------------
    def log_call(self, method: str, params: dict[str, Any], outcome: dict[str, Any]) -> None:
        """Record a Bot API call with its result or error."""
        entry = {"method": method, "params": params, "time": time.time(), **outcome}
        self.calls.append(entry)
        if len(self.calls) > MAX_CALLS:
            del self.calls[: len(self.calls) - MAX_CALLS]
        self.events.emit("call", method=method, ok=outcome.get("ok"))

    def take_failure(self, method: str) -> None:
        """Raise the next injected failure for this method, if any."""
        queue = self.failures.get(method.lower())
        if queue:
            raise queue.popleft()

    def check_rate(self, chat_id: int) -> None:
        """Optional per-chat flood control (off unless `rate_per_chat` is set)."""
        if self.rate_per_chat is None:
            return
        stamps, now = self._sent_times[chat_id], time.monotonic()
        while stamps and now - stamps[0] > 1.0:
            stamps.popleft()
        if len(stamps) >= self.rate_per_chat:
            raise ApiError(429, "Too Many Requests: retry after 1", 1)
        stamps.append(now)
