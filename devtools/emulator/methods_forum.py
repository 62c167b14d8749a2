"""Bot API: forum topics and pinning, with Telegram's admin-rights checks."""

from __future__ import annotations

from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.params import Params
from devtools.emulator.registry import method
from devtools.emulator.state import Chat, Topic
from devtools.emulator.world import World

ICON_COLORS = (0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F)


def _forum(world: World, p: Params) -> Chat:
    chat = world.writable_chat(p.req_str("chat_id"))
    if chat.type != "supergroup" or not chat.is_forum:
        raise bad_request("the chat is not a forum")
    return chat


def _topic(world: World, chat: Chat, p: Params) -> Topic:
    topic = chat.topics.get(p.req_int("message_thread_id"))
    if topic is None or topic.deleted:
        raise bad_request("message thread not found")
    if topic.creator_id != world.bot.id and not chat.bot_member.can("can_manage_topics"):
        raise bad_request("not enough rights to manage topics")  # creator is exempt
    return topic


def _check_name(name: str | None) -> str:
    if name is None or not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_NAME_INVALID")
    return name


def _service(world: World, chat: Chat, topic: Topic, kind: str, body: dict[str, Any]) -> None:
    world.add_message(chat, world.bot.id, {kind: body}, thread_id=topic.thread_id,
                      service=kind)
    world.events.emit("topic", chat_id=chat.id, thread_id=topic.thread_id)


@method("createForumTopic")
async def create_forum_topic(world: World, p: Params) -> Any:
    """Create a topic: forum only, admin with can_manage_topics, name 1-128, six colours."""
    chat = _forum(world, p)
    if not chat.bot_member.can("can_manage_topics"):
        raise bad_request("not enough rights to create a topic")
    name = _check_name(p.str("name"))
    color = p.int("icon_color", ICON_COLORS[0])
    if color not in ICON_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")  # only Telegram's six colours
    created = {"name": name, "icon_color": color}
    if p.has("icon_custom_emoji_id"):
        created["icon_custom_emoji_id"] = p.str("icon_custom_emoji_id")
    msg = world.add_message(chat, world.bot.id, {"forum_topic_created": created},
                            service="forum_topic_created")
    msg.thread_id = msg.message_id  # the topic id is its creation message id
    topic = Topic(thread_id=msg.message_id, name=name, icon_color=int(color or 0),
                  icon_custom_emoji_id=p.str("icon_custom_emoji_id"), creator_id=world.bot.id)
    chat.topics[topic.thread_id] = topic
    world.events.emit("topic", chat_id=chat.id, thread_id=topic.thread_id)
    return topic.to_api()


@method("editForumTopic")
async def edit_forum_topic(world: World, p: Params) -> Any:
    """Rename a topic or change its custom emoji."""
    chat = _forum(world, p)
    topic = _topic(world, chat, p)
    edited: dict[str, Any] = {}
    if p.values.get("name") is not None:
        topic.name = edited["name"] = _check_name(p.str("name"))
    if p.values.get("icon_custom_emoji_id") is not None:
        topic.icon_custom_emoji_id = edited["icon_custom_emoji_id"] = p.str(
            "icon_custom_emoji_id")
    _service(world, chat, topic, "forum_topic_edited", edited)
    return True


@method("closeForumTopic")
async def close_forum_topic(world: World, p: Params) -> Any:
    """Close a topic (new messages are then refused)."""
    chat = _forum(world, p)
    topic = _topic(world, chat, p)
    if topic.closed:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.closed = True
    _service(world, chat, topic, "forum_topic_closed", {})
    return True


@method("reopenForumTopic")
async def reopen_forum_topic(world: World, p: Params) -> Any:
    """Reopen a closed topic."""
    chat = _forum(world, p)
    topic = _topic(world, chat, p)
    if not topic.closed:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.closed = False
    _service(world, chat, topic, "forum_topic_reopened", {})
    return True


@method("deleteForumTopic")
async def delete_forum_topic(world: World, p: Params) -> Any:
    """Delete a topic with all its messages."""
    chat = _forum(world, p)
    topic = _topic(world, chat, p)
    if not chat.bot_member.can("can_delete_messages"):
        raise bad_request("not enough rights to delete a topic")
    topic.deleted = True
    for msg in chat.messages.values():
        if msg.thread_id == topic.thread_id and not msg.deleted:
            msg.deleted = True
            world.events.emit("delete", chat_id=chat.id, message_id=msg.message_id,
                              thread_id=msg.thread_id)
    world.events.emit("topic", chat_id=chat.id, thread_id=topic.thread_id)
    return True


def _pin_chat(world: World, p: Params) -> Chat:
    chat = world.writable_chat(p.req_str("chat_id"))
    if chat.type != "private" and not chat.bot_member.can("can_pin_messages"):
        raise bad_request("not enough rights to manage pinned messages in the chat")
    return chat


@method("pinChatMessage")
async def pin_chat_message(world: World, p: Params) -> Any:
    """Pin a message."""
    chat = _pin_chat(world, p)
    message_id = p.req_int("message_id")
    if chat.live_message(message_id) is None:
        raise bad_request("message to pin not found")
    if message_id not in chat.pinned:
        chat.pinned.append(message_id)
    world.events.emit("pin", chat_id=chat.id, message_id=message_id)
    return True


@method("unpinChatMessage")
async def unpin_chat_message(world: World, p: Params) -> Any:
    """Unpin one message (the latest pinned one if no id is given)."""
    chat = _pin_chat(world, p)
    message_id = p.int("message_id") or (chat.pinned[-1] if chat.pinned else None)
    if message_id is None or message_id not in chat.pinned:
        raise bad_request("message to unpin not found")
    chat.pinned.remove(message_id)
    world.events.emit("pin", chat_id=chat.id, message_id=message_id)
    return True


@method("unpinAllChatMessages")
async def unpin_all_chat_messages(world: World, p: Params) -> Any:
    """Unpin everything."""
    chat = _pin_chat(world, p)
    chat.pinned.clear()
    world.events.emit("pin", chat_id=chat.id, message_id=0)
    return True
