"""Bot API: identity, updates, webhook, commands, chat info, callback answers."""

from __future__ import annotations

from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.params import Params
from devtools.emulator.registry import method
from devtools.emulator.state import Member
from devtools.emulator.world import World

CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}
GIFTS = {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
         "premium_subscription": False, "gifts_from_channels": False}


@method("getMe")
async def get_me(world: World, p: Params) -> Any:
    """Return the bot user (id taken from the token)."""
    return {**world.bot.to_api(), "can_join_groups": True,
            "can_read_all_group_messages": not world.privacy_mode,
            "supports_inline_queries": False}


@method("getUpdates")
async def get_updates(world: World, p: Params) -> Any:
    """Long polling with offset confirmation, limit, timeout and allowed_updates."""
    world.updates.set_allowed(p.json("allowed_updates"))
    return await world.updates.get_updates(
        p.int("offset"), p.int("limit", 100) or 100, float(p.int("timeout", 0) or 0)
    )


@method("setWebhook")
async def set_webhook(world: World, p: Params) -> Any:
    """Install a webhook; updates are then POSTed with the secret header."""
    from devtools.emulator.dispatch import execute

    url = p.str("url") or ""
    world.updates.set_allowed(p.json("allowed_updates"))
    if p.bool("drop_pending_updates"):
        world.updates.drop_pending()
    if not url:
        world.updates.delete_webhook()
        return True

    async def run(name: str, values: dict[str, Any]) -> Any:
        return await execute(world, name, Params(values))

    world.updates.set_webhook(url, p.str("secret_token"), run)
    return True


@method("deleteWebhook")
async def delete_webhook(world: World, p: Params) -> Any:
    """Remove the webhook (optionally dropping pending updates)."""
    if p.bool("drop_pending_updates"):
        world.updates.drop_pending()
    world.updates.delete_webhook()
    return True


@method("getWebhookInfo")
async def get_webhook_info(world: World, p: Params) -> Any:
    """Describe the webhook like Telegram does."""
    hook = world.updates.webhook
    info: dict[str, Any] = {"url": hook.url, "has_custom_certificate": False,
                            "pending_update_count": len(world.updates.pending)}
    if hook.url:
        info["max_connections"] = hook.max_connections
        info["allowed_updates"] = sorted(world.updates.allowed)
    if hook.last_error_date:
        info.update(last_error_date=hook.last_error_date,
                    last_error_message=hook.last_error_message)
    return info


def _scope_key(p: Params) -> str:
    scope = p.json("scope") or {"type": "default"}
    return f"{scope.get('type')}:{scope.get('chat_id', '')}:{p.str('language_code') or ''}"


@method("setMyCommands")
async def set_my_commands(world: World, p: Params) -> Any:
    """Store the command list for a scope and language."""
    commands = p.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be a list of at most 100 BotCommand")
    for cmd in commands:
        name, desc = str(cmd.get("command", "")), str(cmd.get("description", ""))
        if not (1 <= len(name) <= 32) or not (1 <= len(desc) <= 256):
            raise bad_request("BOT_COMMAND_INVALID")
    world.commands[_scope_key(p)] = commands
    return True


@method("deleteMyCommands")
async def delete_my_commands(world: World, p: Params) -> Any:
    """Forget the command list for a scope and language."""
    world.commands.pop(_scope_key(p), None)
    return True


@method("getMyCommands")
async def get_my_commands(world: World, p: Params) -> Any:
    """Return the command list for a scope and language."""
    return world.commands.get(_scope_key(p), [])


@method("setChatMenuButton")
async def set_chat_menu_button(world: World, p: Params) -> Any:
    """Store the menu button (per chat or default)."""
    world.menu_buttons[p.str("chat_id") or "default"] = p.json("menu_button") or {
        "type": "default"}
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(world: World, p: Params) -> Any:
    """Return the stored menu button."""
    key = p.str("chat_id") or "default"
    return world.menu_buttons.get(key, world.menu_buttons.get("default", {"type": "commands"}))


@method("sendChatAction")
async def send_chat_action(world: World, p: Params) -> Any:
    """Validate the action and chat; nothing is shown."""
    world.writable_chat(p.req_str("chat_id"))
    if p.str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@method("answerCallbackQuery")
async def answer_callback_query(world: World, p: Params) -> Any:
    """Record the answer; unknown or already answered ids fail like Telegram."""
    query_id = p.req_str("callback_query_id")
    query = world.callback_queries.get(query_id)
    if query is None or query.get("answered"):
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.str("text") or ""
    if len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query["answered"] = True
    answer = {"callback_query_id": query_id, "text": text, "show_alert": p.bool("show_alert"),
              "url": p.str("url"), "cache_time": p.int("cache_time", 0),
              "chat_id": query["chat_id"], "message_id": query["message_id"]}
    world.callback_answers.append(answer)
    world.events.emit("callback_answer", chat_id=query["chat_id"], text=text)
    return True


@method("getChat")
async def get_chat(world: World, p: Params) -> Any:
    """Return a ChatFullInfo."""
    chat = world.chat(p.req_str("chat_id"))
    return {**world.chat_to_api(chat), "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": GIFTS}


def _member(world: World, chat_id: Any, user_id: int) -> tuple[Member, dict[str, Any]]:
    chat = world.chat(chat_id)
    user = world.user(user_id)
    if chat.type == "private":
        return Member("member"), user.to_api()
    if user_id == world.bot.id:
        return chat.bot_member, user.to_api()
    return chat.members.get(user_id, Member("left")), user.to_api()


@method("getChatMember")
async def get_chat_member(world: World, p: Params) -> Any:
    """Return the member's ChatMember variant (unknown users are 'left')."""
    member, _ = _member(world, p.req_str("chat_id"), p.req_int("user_id"))
    return member.to_api(world.user(p.req_int("user_id")))


@method("getChatAdministrators")
async def get_chat_administrators(world: World, p: Params) -> Any:
    """List creator and administrators (the bot included)."""
    chat = world.chat(p.req_str("chat_id"))
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    admins = [m.to_api(world.user(uid)) for uid, m in chat.members.items()
              if m.status in ("creator", "administrator")]
    if chat.bot_member.status == "administrator":
        admins.append(chat.bot_member.to_api(world.bot))
    return admins


@method("banChatMember")
async def ban_chat_member(world: World, p: Params) -> Any:
    """Mark the user kicked (needs can_restrict_members in groups)."""
    chat = world.chat(p.req_str("chat_id"))
    if chat.type == "private":
        raise bad_request("method is available for supergroup and channel chats only")
    if not chat.bot_member.can("can_restrict_members"):
        raise bad_request("not enough rights to restrict/unrestrict chat member")
    world.set_member(chat, p.req_int("user_id"), "kicked")
    return True
