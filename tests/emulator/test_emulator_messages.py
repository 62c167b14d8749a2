"""Message rules of the emulator, driven by a real aiogram Bot."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramNotFound
from aiogram.methods import TelegramMethod
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from devtools.emulator.client import EmulatorClient
from devtools.emulator.demo import DEMO_USER_ID as USER_ID


def _kb(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go",
                                                                       callback_data=data)]])


async def test_get_me_uses_token_prefix(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 424242 and me.is_bot


async def test_text_limit_counts_visible_text_after_html(bot: Bot, world: EmulatorClient) -> None:
    await bot.send_message(USER_ID, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER_ID, "я" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(USER_ID, "<b> </b>", parse_mode="HTML")


async def test_html_is_parsed_into_entities(bot: Bot, world: EmulatorClient) -> None:
    sent = await bot.send_message(USER_ID, "Hi <b>you</b> &amp; <i>me</i>", parse_mode="HTML")
    assert sent.text == "Hi you & me"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [
        ("bold", 3, 3), ("italic", 9, 2)]
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "div"'):
        await bot.send_message(USER_ID, "<div>x</div>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="Can't find end tag"):
        await bot.send_message(USER_ID, "<b>x", parse_mode="HTML")


async def test_callback_data_is_limited_to_64_bytes(bot: Bot, world: EmulatorClient) -> None:
    await bot.send_message(USER_ID, "ok", reply_markup=_kb("x" * 64))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER_ID, "no", reply_markup=_kb("я" * 33))  # 66 bytes


async def test_flags_and_reply_are_recorded(bot: Bot, world: EmulatorClient) -> None:
    first = await world.send(USER_ID, text="hello")
    sent = await bot.send_message(USER_ID, "reply", protect_content=True,
                                  disable_notification=True,
                                  reply_parameters=ReplyParameters(message_id=first["message_id"]))
    assert sent.has_protected_content and sent.reply_to_message is not None
    view = (await world.messages(USER_ID))[-1]
    assert view["protect_content"] and view["disable_notification"] and view["sender_is_bot"]
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(USER_ID, "x", reply_parameters=ReplyParameters(message_id=999))


async def test_edit_not_modified_and_keyboard_removed(bot: Bot, world: EmulatorClient) -> None:
    sent = await bot.send_message(USER_ID, "menu", reply_markup=_kb("a"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("menu", chat_id=USER_ID, message_id=sent.message_id,
                                    reply_markup=_kb("a"))
    edited = await bot.edit_message_text("new", chat_id=USER_ID, message_id=sent.message_id)
    assert isinstance(edited, object) and getattr(edited, "reply_markup", None) is None
    user_msg = await world.send(USER_ID, text="mine")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=user_msg["message_id"])


async def test_delete_window_is_48_hours(bot: Bot, world: EmulatorClient) -> None:
    incoming = await world.send(USER_ID, text="secret")
    old = await bot.send_message(USER_ID, "old")
    await world.advance_clock(47 * 3600)
    assert await bot.delete_message(USER_ID, incoming["message_id"])  # incoming is deletable
    await world.advance_clock(3600)
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(USER_ID, old.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(USER_ID, incoming["message_id"])
    assert await world.deleted_ids(USER_ID) == [incoming["message_id"]]
    assert [m["message_id"] for m in await world.messages(USER_ID)] == [old.message_id]


async def test_delete_messages_bounds(bot: Bot, world: EmulatorClient) -> None:
    ids = [(await bot.send_message(USER_ID, f"m{i}")).message_id for i in range(3)]
    assert await bot.delete_messages(USER_ID, [*ids, 999])  # missing ids are skipped
    assert await world.messages(USER_ID) == []
    with pytest.raises(TelegramBadRequest, match="too many"):
        await bot.delete_messages(USER_ID, list(range(1, 102)))


async def test_unknown_method_and_chat(bot: Bot, world: EmulatorClient) -> None:
    class Nope(TelegramMethod[bool]):
        __returning__ = bool
        __api_method__ = "sendTelepathy"

    with pytest.raises(TelegramNotFound):
        await bot(Nope())
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "x")
    await world.block_bot(USER_ID)
    with pytest.raises(TelegramForbiddenError, match="blocked"):
        await bot.send_message(USER_ID, "x")
