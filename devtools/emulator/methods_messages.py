"""Bot API: sendMessage, edits and deletions (with the 48-hour window)."""

from __future__ import annotations

from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.params import Params
from devtools.emulator.registry import method
from devtools.emulator.sending import caption_body, post, target, text_body, validate_markup
from devtools.emulator.state import Chat, StoredMessage
from devtools.emulator.world import World

DELETE_WINDOW = 48 * 3600
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")


@method("sendMessage")
async def send_message(world: World, p: Params) -> Any:
    """Send text (HTML parse mode, 4096-char limit, inline keyboards, topics, flags)."""
    tgt = target(world, p)
    return world.message_to_api(post(world, tgt, text_body(p)))


def _editable(world: World, p: Params) -> StoredMessage:
    if p.has("inline_message_id"):
        raise bad_request("inline messages are not supported by the emulator")
    chat = world.chat(p.req_str("chat_id"))
    msg = chat.live_message(p.req_int("message_id"))
    if msg is None:
        raise bad_request("message to edit not found")
    if msg.sender_id != world.bot.id or msg.service:
        raise bad_request("message can't be edited")
    return msg


def _apply_edit(world: World, msg: StoredMessage, body: dict[str, Any],
                markup: dict[str, Any] | None) -> Any:
    """Replace content and keyboard (omitting reply_markup removes it, like Telegram)."""
    drop = {"entities"} if "text" in body else {"caption_entities"} if "caption" in body else set()
    new_body = {**{k: v for k, v in msg.body.items() if k not in drop}, **body}
    if new_body.get("caption") == "":
        del new_body["caption"]
    if new_body == msg.body and markup == msg.reply_markup:
        raise bad_request(NOT_MODIFIED)
    msg.body, msg.reply_markup, msg.edit_date = new_body, markup, world.now()
    world.events.emit("edit", chat_id=msg.chat_id, message_id=msg.message_id,
                      thread_id=msg.thread_id)
    return world.message_to_api(msg)


@method("editMessageText")
async def edit_message_text(world: World, p: Params) -> Any:
    """Edit the text of a bot message."""
    msg = _editable(world, p)
    if "text" not in msg.body:
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(world, msg, text_body(p), validate_markup(p.json("reply_markup")))


@method("editMessageCaption")
async def edit_message_caption(world: World, p: Params) -> Any:
    """Edit the caption of a bot media message."""
    msg = _editable(world, p)
    if "text" in msg.body:
        raise bad_request("there is no caption in the message to edit")
    body = caption_body(p) or {"caption": ""}
    return _apply_edit(world, msg, body, validate_markup(p.json("reply_markup")))


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, p: Params) -> Any:
    """Replace or remove the inline keyboard of a bot message."""
    msg = _editable(world, p)
    return _apply_edit(world, msg, {}, validate_markup(p.json("reply_markup")))


def _check_deletable(world: World, chat: Chat, msg: StoredMessage) -> None:
    """Telegram's rules: 48 h, topic-creation messages never, others' messages need rights."""
    if msg.service == "forum_topic_created":
        raise bad_request("message can't be deleted")
    if world.now() - msg.date >= DELETE_WINDOW:
        raise bad_request("message can't be deleted")
    if chat.type == "private" or msg.sender_id == world.bot.id:
        return
    if not chat.bot_member.can("can_delete_messages"):
        raise bad_request("message can't be deleted")


def _delete(world: World, chat: Chat, msg: StoredMessage) -> None:
    msg.deleted = True
    world.events.emit("delete", chat_id=chat.id, message_id=msg.message_id,
                      thread_id=msg.thread_id)


@method("deleteMessage")
async def delete_message(world: World, p: Params) -> Any:
    """Delete one message for everyone."""
    chat = world.chat(p.req_str("chat_id"))
    msg = chat.live_message(p.req_int("message_id"))
    if msg is None:
        raise bad_request("message to delete not found")
    _check_deletable(world, chat, msg)
    _delete(world, chat, msg)
    return True


@method("deleteMessages")
async def delete_messages(world: World, p: Params) -> Any:
    """Delete 1-100 messages; missing ones are skipped, undeletable ones fail the call."""
    chat = world.chat(p.req_str("chat_id"))
    ids = p.json("message_ids")
    if not isinstance(ids, list) or not ids:
        raise bad_request("message identifiers are not specified")
    if len(ids) > 100:
        raise bad_request("too many message identifiers specified")
    found = [m for m in (chat.live_message(int(i)) for i in ids) if m is not None]
    for msg in found:  # check all first so the call is all-or-nothing (modelling choice)
        _check_deletable(world, chat, msg)
    for msg in found:
        _delete(world, chat, msg)
    return True
