"""Forum-topic rules of the emulator, driven by a real aiogram Bot."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from devtools.emulator.client import EmulatorClient
from devtools.emulator.demo import DEMO_USER_ID, STAFF_A_ID, STAFF_CHAT_ID


async def test_topic_needs_forum_and_rights(bot: Bot, world: EmulatorClient) -> None:
    with pytest.raises(TelegramBadRequest, match="not a forum"):
        await bot.create_forum_topic(DEMO_USER_ID, "x")
    await world.create_forum(-100500, "No rights", [], {"can_manage_topics": False})
    with pytest.raises(TelegramBadRequest, match="not enough rights"):
        await bot.create_forum_topic(-100500, "x")
    await world.create_forum(-100600, "Plain group", [], {"can_manage_topics": True},
                             is_forum=False)
    with pytest.raises(TelegramBadRequest, match="not a forum"):
        await bot.create_forum_topic(-100600, "x")


async def test_topic_name_and_colours(bot: Bot, world: EmulatorClient) -> None:
    topic = await bot.create_forum_topic(STAFF_CHAT_ID, "Case #1", icon_color=0xFB6F5F)
    assert topic.icon_color == 0xFB6F5F and topic.name == "Case #1"
    with pytest.raises(TelegramBadRequest, match="TOPIC_ICON_COLOR_INVALID"):
        await bot.create_forum_topic(STAFF_CHAT_ID, "x", icon_color=0x123456)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NAME_INVALID"):
        await bot.create_forum_topic(STAFF_CHAT_ID, "n" * 129)
    listed = await world.topics(STAFF_CHAT_ID)
    assert [(t["name"], t["closed"]) for t in listed] == [("Case #1", False)]


async def test_creation_message_is_undeletable(bot: Bot, world: EmulatorClient) -> None:
    topic = await bot.create_forum_topic(STAFF_CHAT_ID, "Case")
    service = (await world.messages(STAFF_CHAT_ID, thread_id=topic.message_thread_id))[0]
    assert service["forum_topic_created"]["name"] == "Case"
    with pytest.raises(TelegramBadRequest, match="can't be deleted"):
        await bot.delete_message(STAFF_CHAT_ID, service["message_id"])


async def test_topic_messages_reply_to_creation(bot: Bot, world: EmulatorClient) -> None:
    topic = await bot.create_forum_topic(STAFF_CHAT_ID, "Case")
    sent = await bot.send_message(STAFF_CHAT_ID, "hi", message_thread_id=topic.message_thread_id)
    assert sent.is_topic_message and sent.message_thread_id == topic.message_thread_id
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.message_id == topic.message_thread_id
    staff = await world.send(STAFF_A_ID, STAFF_CHAT_ID, "staff note",
                             message_thread_id=topic.message_thread_id)
    assert staff["reply_to_message"]["forum_topic_created"]["name"] == "Case"


async def test_closed_topic_refuses_sends(bot: Bot, world: EmulatorClient) -> None:
    topic = await bot.create_forum_topic(STAFF_CHAT_ID, "Case")
    thread = topic.message_thread_id
    assert await bot.close_forum_topic(STAFF_CHAT_ID, thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await bot.send_message(STAFF_CHAT_ID, "late", message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.close_forum_topic(STAFF_CHAT_ID, thread)
    assert await bot.reopen_forum_topic(STAFF_CHAT_ID, thread)
    assert await bot.edit_forum_topic(STAFF_CHAT_ID, thread, name="Case (done)")
    await bot.send_message(STAFF_CHAT_ID, "again", message_thread_id=thread)
    assert (await world.topics(STAFF_CHAT_ID))[0]["name"] == "Case (done)"
    assert await bot.delete_forum_topic(STAFF_CHAT_ID, thread)
    with pytest.raises(TelegramBadRequest, match="thread not found"):
        await bot.send_message(STAFF_CHAT_ID, "gone", message_thread_id=thread)
    assert await world.messages(STAFF_CHAT_ID, thread_id=thread) == []


async def test_members_and_pins(bot: Bot, world: EmulatorClient) -> None:
    me = await bot.get_chat_member(STAFF_CHAT_ID, (await bot.me()).id)
    assert me.status == "administrator" and getattr(me, "can_manage_topics", False)
    staff = await bot.get_chat_member(STAFF_CHAT_ID, STAFF_A_ID)
    assert staff.status == "administrator"
    outsider = await bot.get_chat_member(STAFF_CHAT_ID, DEMO_USER_ID)
    assert outsider.status == "left"
    admins = await bot.get_chat_administrators(STAFF_CHAT_ID)
    assert len(admins) == 3
    chat = await bot.get_chat(STAFF_CHAT_ID)
    assert chat.is_forum and chat.type == "supergroup"
    sent = await bot.send_message(STAFF_CHAT_ID, "pin me")
    assert await bot.pin_chat_message(STAFF_CHAT_ID, sent.message_id)
    assert await bot.unpin_chat_message(STAFF_CHAT_ID, message_id=sent.message_id)


async def test_staff_message_deletion_needs_rights(bot: Bot, world: EmulatorClient) -> None:
    await world.create_forum(-100700, "Weak", [{"user_id": STAFF_A_ID, "status": "member"}],
                             {"can_manage_topics": True})
    staff = await world.send(STAFF_A_ID, -100700, "note")
    with pytest.raises(TelegramBadRequest, match="can't be deleted"):
        await bot.delete_message(-100700, staff["message_id"])
    staff2 = await world.send(STAFF_A_ID, STAFF_CHAT_ID, "note")
    assert await bot.delete_message(STAFF_CHAT_ID, staff2["message_id"])
