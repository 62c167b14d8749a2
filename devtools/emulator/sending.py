"""Shared rules for every method that posts a message: chat, topic, reply, keyboard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.html_entities import format_text, utf16_len
from devtools.emulator.params import Params
from devtools.emulator.state import Chat, StoredMessage
from devtools.emulator.world import World

MAX_TEXT = 4096
MAX_CAPTION = 1024
URL_SCHEMES = ("http://", "https://", "tg://")


@dataclass
class Target:
    """Where and how a new message goes."""

    chat: Chat
    thread_id: int | None
    reply_to: int | None
    reply_markup: dict[str, Any] | None
    protect_content: bool
    disable_notification: bool


def resolve_thread(chat: Chat, thread_id: int | None) -> int | None:
    """Validate message_thread_id: the topic must exist and be open."""
    if thread_id is None or thread_id == 0:
        return None
    if not chat.is_forum:
        if chat.type == "private":
            raise bad_request("message thread not found")
        return None  # non-forum groups ignore the parameter
    topic = chat.topics.get(thread_id)
    if topic is None or topic.deleted:
        raise bad_request("message thread not found")
    if topic.closed:  # modelling assumption: a closed topic refuses new messages
        raise bad_request("TOPIC_CLOSED")
    return thread_id


def resolve_reply(chat: Chat, p: Params) -> int | None:
    """Read reply_parameters (or legacy reply_to_message_id) and check the target exists."""
    params = p.json("reply_parameters") or {}
    message_id = params.get("message_id") or p.int("reply_to_message_id")
    if not message_id:
        return None
    other_chat = params.get("chat_id")
    if other_chat is not None and str(other_chat) != str(chat.id):
        raise bad_request("replies to messages in other chats are not supported by the emulator")
    if chat.live_message(int(message_id)) is None:
        if params.get("allow_sending_without_reply") or p.bool("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return int(message_id)


def validate_markup(markup: Any) -> dict[str, Any] | None:
    """Check an inline keyboard like Telegram: button text, 1-64 byte callback_data, URLs."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup  # reply keyboards, remove_keyboard and force_reply are stored as is
    for row in rows:
        for button in row:
            _validate_button(button)
    return markup


def _validate_button(button: dict[str, Any]) -> None:
    if not button.get("text"):
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        size = len(str(button["callback_data"]).encode("utf-8"))
        if not 1 <= size <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        if not str(button["url"]).startswith(URL_SCHEMES):
            raise bad_request(f"inline keyboard button URL '{button['url']}' is invalid: "
                              "Unsupported URL protocol")
    elif not any(k in button for k in ("web_app", "login_url", "switch_inline_query",
                                       "switch_inline_query_current_chat", "copy_text",
                                       "callback_game", "pay",
                                       "switch_inline_query_chosen_chat")):
        raise bad_request("text buttons are unallowed in the inline keyboard")


def target(world: World, p: Params, rate_limited: bool = True) -> Target:
    """Resolve the common send parameters of sendMessage/sendPhoto/copyMessage/..."""
    chat = world.writable_chat(p.req_str("chat_id"))
    if rate_limited:
        world.check_rate(chat.id)
    return Target(chat=chat, thread_id=resolve_thread(chat, p.int("message_thread_id")),
                  reply_to=resolve_reply(chat, p),
                  reply_markup=validate_markup(p.json("reply_markup")),
                  protect_content=p.bool("protect_content"),
                  disable_notification=p.bool("disable_notification"))


def text_body(p: Params, key: str = "text") -> dict[str, Any]:
    """Parse message text with its parse mode and enforce 1-4096 visible characters."""
    text, entities = format_text(p.str(key) or "", p.str("parse_mode"), p.json("entities"))
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    body: dict[str, Any] = {"text": text}
    if entities:
        body["entities"] = entities
    return body


def caption_body(p: Params) -> dict[str, Any]:
    """Parse an optional caption and enforce 0-1024 visible characters."""
    if not p.has("caption"):
        return {}
    caption, entities = format_text(p.str("caption") or "", p.str("parse_mode"),
                                    p.json("caption_entities"))
    if utf16_len(caption) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    body: dict[str, Any] = {"caption": caption} if caption else {}
    if entities:
        body["caption_entities"] = entities
    return body


def post(world: World, tgt: Target, body: dict[str, Any],
         forward_origin: dict[str, Any] | None = None) -> StoredMessage:
    """Store a message sent by the bot."""
    return world.add_message(
        tgt.chat, world.bot.id, body, thread_id=tgt.thread_id, reply_to=tgt.reply_to,
        reply_markup=tgt.reply_markup, protect_content=tgt.protect_content,
        disable_notification=tgt.disable_notification, forward_origin=forward_origin)
