"""In-memory world of the emulator: users, chats, members, messages, topics, files."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_send_welcome_messages",
    "can_pin_messages", "can_manage_topics",
)
CONTENT_KEYS = (
    "text", "entities", "caption", "caption_entities", "photo", "document", "sticker",
    "voice", "location", "contact", "audio", "video", "animation",
)


class Clock:
    """Wall clock that tests can move forward (for the 48-hour delete window)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        """Return the emulated current time in seconds."""
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Move the emulated time forward."""
        self.offset += seconds


@dataclass
class User:
    """A Telegram user (or the bot itself)."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    blocked_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """Serialise as a Bot API User."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot,
                                "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class Member:
    """Membership of a user in a group: status plus admin rights."""

    status: str
    rights: dict[str, bool] = field(default_factory=dict)

    def can(self, right: str) -> bool:
        """Tell whether this member holds an admin right (the creator holds all)."""
        if self.status == "creator":
            return True
        return self.status == "administrator" and bool(self.rights.get(right))

    def to_api(self, user: User) -> dict[str, Any]:
        """Serialise as the matching ChatMember variant."""
        data: dict[str, Any] = {"status": self.status, "user": user.to_api()}
        if self.status == "creator":
            data["is_anonymous"] = False
        elif self.status == "administrator":
            data.update({"can_be_edited": False, "is_anonymous": False})
            data.update({right: bool(self.rights.get(right)) for right in ADMIN_RIGHTS})
        elif self.status == "kicked":
            data["until_date"] = 0
        return data


@dataclass
class Topic:
    """A forum topic; its id is the id of its creation service message."""

    thread_id: int
    name: str
    icon_color: int
    icon_custom_emoji_id: str | None = None
    creator_id: int = 0
    closed: bool = False
    deleted: bool = False

    def to_api(self) -> dict[str, Any]:
        """Serialise as a Bot API ForumTopic."""
        data: dict[str, Any] = {
            "message_thread_id": self.thread_id, "name": self.name, "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            data["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return data


@dataclass
class StoredMessage:
    """A message in a chat; `body` holds content fields in Bot API shape."""

    chat_id: int
    message_id: int
    sender_id: int
    date: int
    body: dict[str, Any]
    thread_id: int | None = None
    reply_to: int | None = None
    reply_markup: dict[str, Any] | None = None
    protect_content: bool = False
    disable_notification: bool = False
    service: str | None = None
    deleted: bool = False
    edit_date: int | None = None
    forward_origin: dict[str, Any] | None = None

    def content(self) -> dict[str, Any]:
        """Return only the copyable content fields."""
        return {k: v for k, v in self.body.items() if k in CONTENT_KEYS}


@dataclass
class StoredFile:
    """An uploaded file kept in memory."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class Chat:
    """A private chat or a (forum) supergroup."""

    id: int
    type: str
    title: str | None = None
    is_forum: bool = False
    user_id: int | None = None
    members: dict[int, Member] = field(default_factory=dict)
    bot_member: Member = field(default_factory=lambda: Member("member"))
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)
    next_message_id: int = 1

    def new_message_id(self) -> int:
        """Allocate the next per-chat message id."""
        mid = self.next_message_id
        self.next_message_id += 1
        return mid

    def live_message(self, message_id: int) -> StoredMessage | None:
        """Return a non-deleted message or None."""
        msg = self.messages.get(message_id)
        return None if msg is None or msg.deleted else msg
