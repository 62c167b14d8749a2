"""Bad input gets a clear reply or is ignored on purpose; Telegram errors do not crash the bot."""

from __future__ import annotations

import asyncio

import pytest

from devtools.emulator.client import EmulatorClient
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import has, tiny_png
from tests.support.botproc import STAFF_CHAT, BotProcess

pytestmark = pytest.mark.e2e
OTHER_GROUP = -1009999


async def _reply_after(emulator: EmulatorClient, user: int, sent: dict) -> dict:  # type: ignore[type-arg]
    mid = sent["message_id"]
    return await emulator.wait_for_message(user, lambda m: m["message_id"] > mid)


@pytest.mark.parametrize("kind", ["sticker", "voice", "location", "photo"])
async def test_non_text_gets_a_clear_reply(
    emulator: EmulatorClient, bot: BotProcess, kind: str
) -> None:
    payload = {"sticker": {"sticker_emoji": "😀"}, "voice": {"voice": b"OggS"},
               "location": {"location": (43.2, 76.9)}, "photo": {"photo": tiny_png()}}[kind]
    reply = await _reply_after(emulator, USER_RU, await emulator.send(USER_RU, **payload))  # type: ignore[arg-type]
    assert "только текст" in reply["text"] and "SOS" in reply["text"]


async def test_unknown_command_and_huge_and_empty_ish_text(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    reply = await _reply_after(emulator, USER_KK, await emulator.send(USER_KK, text="/frobnicate"))
    assert "команданы білмеймін" in reply["text"]
    await emulator.send(USER_RU, text="а" * 10_000)
    await emulator.wait_for_message(USER_RU, has("длинное"))
    reply = await _reply_after(emulator, USER_RU, await emulator.send(USER_RU, text="   ."))
    assert reply["text"]


async def test_forged_and_stale_callbacks_do_nothing(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    await emulator.send(USER_RU, text="/menu")
    menu = await emulator.wait_for_message(USER_RU, has("Чем я могу помочь"))
    before = len(await emulator.messages(USER_RU))
    for data in ["nav:format_c", "card:no-such-card:show", "desk:take:K-0000:deadbeef", "x" * 60]:
        await emulator.press(USER_RU, USER_RU, menu["message_id"], data, forge=True)
    for _ in range(100):
        if len(await emulator.callback_answers()) >= 4:
            break
        await asyncio.sleep(0.1)
    assert len(await emulator.callback_answers()) >= 4  # every press answered (spinner stops)
    assert len(await emulator.messages(USER_RU)) <= before + 1  # at most a "stale" note
    assert not await emulator.topics(STAFF_CHAT)


async def test_messages_in_other_groups_are_ignored(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    await emulator.create_forum(OTHER_GROUP, "Random", members=[
        {"user_id": USER_RU, "status": "member", "user": {"first_name": "A"}}], is_forum=False)
    await emulator.send(USER_RU, chat_id=OTHER_GROUP, text="помогите, он бьёт меня")
    await emulator.send(USER_RU, text="/help")
    await emulator.wait_for_message(USER_RU, has("/sos"))
    assert [m for m in await emulator.messages(OTHER_GROUP) if m["sender_is_bot"]] == []


async def test_flood_control_429_is_retried(emulator: EmulatorClient, bot: BotProcess) -> None:
    await emulator.fail_next("sendMessage", count=2, error_code=429, retry_after=1)
    await emulator.send(USER_RU, text="/help")
    await emulator.wait_for_message(USER_RU, has("/sos"), timeout=10)


async def test_blocked_user_does_not_crash_the_bot(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    await emulator.block_bot(USER_KK)
    await emulator.send(USER_KK, text="/help")
    await emulator.wait_for_call("sendMessage", lambda c: str(USER_KK) in str(c))
    await emulator.send(USER_RU, text="/help")
    await emulator.wait_for_message(USER_RU, has("/sos"))
    assert bot.proc is not None and bot.proc.returncode is None
