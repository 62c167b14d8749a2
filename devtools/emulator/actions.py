"""Simulated people: users and staff writing, editing, pressing buttons; bot membership."""

from __future__ import annotations

import base64
from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.media import document_object, photo_sizes
from devtools.emulator.sending import resolve_thread
from devtools.emulator.state import Chat, StoredMessage, User
from devtools.emulator.world import World


def create_user(world: World, spec: dict[str, Any]) -> User:
    """Create (or update) a user and their private chat with the bot (chat id == user id)."""
    existing = world.users.get(int(spec["id"]))
    if existing is not None:
        for key in ("first_name", "username", "language_code"):
            if spec.get(key):
                setattr(existing, key, spec[key])
        world.events.emit("chat", chat_id=existing.id)
        return existing
    user = User(id=int(spec["id"]), first_name=str(spec.get("first_name") or "User"),
                username=spec.get("username"), language_code=spec.get("language_code"))
    world.users[user.id] = user
    world.chats.setdefault(user.id, Chat(id=user.id, type="private", user_id=user.id))
    world.events.emit("chat", chat_id=user.id)
    return user


def create_forum(world: World, spec: dict[str, Any]) -> Chat:
    """Create a forum supergroup with members and the bot's membership/rights."""
    chat = Chat(id=int(spec["id"]), type="supergroup", title=str(spec.get("title") or "Forum"),
                is_forum=bool(spec.get("is_forum", True)))
    chat.bot_member.status = "left"
    world.chats[chat.id] = chat
    for member in spec.get("members", []):
        user_id = int(member["user_id"])
        if user_id not in world.users:
            create_user(world, {"id": user_id, **member.get("user", {})})
        world.set_member(chat, user_id, member.get("status", "member"), member.get("rights"))
    bot = spec.get("bot")
    if bot:
        set_bot_membership(world, chat, bot.get("status", "administrator"), bot.get("rights"),
                           spec.get("added_by"))
    world.events.emit("chat", chat_id=chat.id)
    return chat


def set_bot_membership(world: World, chat: Chat, status: str, rights: dict[str, bool] | None,
                       by_user: int | None) -> None:
    """Change the bot's membership and send a my_chat_member update."""
    old = chat.bot_member.to_api(world.bot)
    world.set_member(chat, world.bot.id, status, rights)
    actor = world.user(by_user) if by_user else next(iter(world.users.values()), world.bot)
    world.updates.push("my_chat_member", {
        "chat": world.chat_to_api(chat), "from": actor.to_api(), "date": world.now(),
        "old_chat_member": old, "new_chat_member": chat.bot_member.to_api(world.bot)})


def _media_body(world: World, spec: dict[str, Any]) -> dict[str, Any]:
    """Build message content from a control-API spec (bytes arrive base64-encoded)."""
    if "text" in spec:
        return {"text": str(spec["text"])}
    caption = {"caption": spec["caption"]} if spec.get("caption") else {}
    if "photo" in spec:
        stored = world.store_file(base64.b64decode(spec["photo"]), "photos", "photo.jpg",
                                  "image/jpeg")
        return {"photo": photo_sizes(stored), **caption}
    if "document" in spec:
        stored = world.store_file(base64.b64decode(spec["document"]), "documents",
                                  spec.get("file_name") or "file.bin", spec.get("mime_type"))
        return {"document": document_object(stored), **caption}
    return _other_body(world, spec)


def _other_body(world: World, spec: dict[str, Any]) -> dict[str, Any]:
    if "voice" in spec:
        stored = world.store_file(base64.b64decode(spec["voice"]), "voice", "voice.ogg",
                                  "audio/ogg")
        return {"voice": {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                          "duration": int(spec.get("duration", 1)), "mime_type": "audio/ogg",
                          "file_size": len(stored.data)}}
    if "sticker" in spec:
        stored = world.store_file(b"RIFF-sticker", "stickers", "sticker.webp", "image/webp")
        return {"sticker": {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                            "type": "regular", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False,
                            "emoji": spec["sticker"].get("emoji", "🙂")}}
    if "location" in spec:
        loc = spec["location"]
        return {"location": {"latitude": float(loc["latitude"]),
                             "longitude": float(loc["longitude"])}}
    if "contact" in spec:
        return {"contact": dict(spec["contact"])}
    raise bad_request("message has no content")


def user_sends(world: World, spec: dict[str, Any]) -> StoredMessage:
    """A user posts into a chat; the bot gets a `message` update if it can see it."""
    user = world.user(int(spec["user_id"]))
    chat = world.chat(spec.get("chat_id", user.id))
    _check_member(world, chat, user)
    thread_id = resolve_thread(chat, spec.get("message_thread_id"))
    reply_to = spec.get("reply_to")
    if reply_to and chat.live_message(int(reply_to)) is None:
        raise bad_request("message to be replied not found")
    body = _media_body(world, spec)
    if "text" in body and not body["text"].strip():
        raise bad_request("message text is empty")
    msg = world.add_message(chat, user.id, body, thread_id=thread_id,
                            reply_to=int(reply_to) if reply_to else None)
    if world.bot_sees(chat, msg):
        world.updates.push("message", world.message_to_api(msg))
    return msg


def _check_member(world: World, chat: Chat, user: User) -> None:
    if chat.type == "private":
        if chat.user_id != user.id:
            raise bad_request("user is not the owner of this private chat")
        return
    member = chat.members.get(user.id)
    if member is None or member.status in ("left", "kicked"):
        raise bad_request("user is not a member of the chat")


def user_edits(world: World, spec: dict[str, Any]) -> StoredMessage:
    """A user edits their message; the bot gets an `edited_message` update."""
    chat = world.chat(spec["chat_id"])
    msg = chat.live_message(int(spec["message_id"]))
    if msg is None or msg.sender_id != int(spec["user_id"]):
        raise bad_request("message to edit not found")
    key = "text" if "text" in msg.body else "caption"
    drop = "entities" if key == "text" else "caption_entities"
    msg.body = {k: v for k, v in msg.body.items() if k != drop}
    msg.body[key] = str(spec.get("text", spec.get("caption", "")))
    msg.edit_date = world.now()
    world.events.emit("edit", chat_id=chat.id, message_id=msg.message_id,
                      thread_id=msg.thread_id)
    if world.bot_sees(chat, msg):
        world.updates.push("edited_message", world.message_to_api(msg))
    return msg


def user_presses(world: World, spec: dict[str, Any]) -> str:
    """A user presses an inline button; returns the callback query id."""
    user = world.user(int(spec["user_id"]))
    chat = world.chat(spec["chat_id"])
    msg = chat.live_message(int(spec["message_id"]))
    if msg is None:
        raise bad_request("message not found")
    data = str(spec["data"])
    if not spec.get("forge") and not _has_button(msg, data):
        raise bad_request("no button with this callback_data on the message")
    query_id = world.new_id("cbq")
    world.callback_queries[query_id] = {"chat_id": chat.id, "message_id": msg.message_id,
                                        "data": data, "answered": False}
    world.updates.push("callback_query", {
        "id": query_id, "from": user.to_api(), "message": world.message_to_api(msg),
        "chat_instance": str(abs(chat.id) * 7 + 3), "data": data})
    return query_id


def _has_button(msg: StoredMessage, data: str) -> bool:
    rows = (msg.reply_markup or {}).get("inline_keyboard") or []
    return any(b.get("callback_data") == data for row in rows for b in row)
