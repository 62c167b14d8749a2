"""Long polling, webhooks and failure injection, driven by real aiogram objects."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramConflictError, TelegramRetryAfter
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from devtools.emulator.client import EmulatorClient
from devtools.emulator.demo import DEMO_USER_ID


def echo_router() -> Router:
    """A tiny bot: echoes text with a button, answers the button."""
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        kb = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text="Ping", callback_data="ping")]])
        await message.answer(f"echo: <b>{message.text}</b>", parse_mode="HTML", reply_markup=kb)

    @router.callback_query(F.data == "ping")
    async def pong(query: CallbackQuery) -> None:
        await query.answer("pong")

    @router.edited_message(F.text)
    async def edited(message: Message) -> None:
        await message.answer(f"edited: {message.text}")

    return router


@pytest.fixture
async def polling(bot: Bot, world: EmulatorClient) -> AsyncIterator[Dispatcher]:
    """Run a real Dispatcher with long polling against the emulator."""
    dp = Dispatcher()
    dp.include_router(echo_router())
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=2))
    yield dp
    await dp.stop_polling()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, 5)


async def test_long_polling_echo_and_button(polling: Dispatcher, world: EmulatorClient) -> None:
    await world.send(DEMO_USER_ID, text="сәлем")
    reply = await world.wait_for_message(DEMO_USER_ID, lambda m: m.get("text") == "echo: сәлем")
    assert reply["entities"][0]["type"] == "bold"
    await world.press(DEMO_USER_ID, DEMO_USER_ID, reply["message_id"], "ping")
    await world.wait_for_call("answerCallbackQuery")
    assert (await world.callback_answers())[0]["text"] == "pong"
    await world.edit(DEMO_USER_ID, DEMO_USER_ID, 1, "өзгертілді")
    await world.wait_for_message(DEMO_USER_ID, lambda m: m.get("text") == "edited: өзгертілді")


async def test_polling_is_really_long(polling: Dispatcher, world: EmulatorClient) -> None:
    await asyncio.sleep(1.5)
    polls = await world.calls("getUpdates")
    assert len(polls) <= 3  # a busy loop would make hundreds of calls


async def test_pressing_a_missing_button_is_refused(bot: Bot, world: EmulatorClient) -> None:
    sent = await bot.send_message(DEMO_USER_ID, "no buttons")
    with pytest.raises(Exception, match="no button"):
        await world.press(DEMO_USER_ID, DEMO_USER_ID, sent.message_id, "ping")
    assert await world.press(DEMO_USER_ID, DEMO_USER_ID, sent.message_id, "x", forge=True)


async def test_get_updates_offset_and_allowed(bot: Bot, world: EmulatorClient) -> None:
    await world.send(DEMO_USER_ID, text="a")
    await world.send(DEMO_USER_ID, text="b")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["a", "b"]
    again = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert again == []
    await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    await world.send(DEMO_USER_ID, text="c")  # filtered out by allowed_updates
    assert await bot.get_updates(timeout=0) == []


async def test_retry_after_surfaces(bot: Bot, world: EmulatorClient) -> None:
    await world.fail_next("sendMessage", count=1, error_code=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(DEMO_USER_ID, "x")
    assert caught.value.retry_after == 7
    await bot.send_message(DEMO_USER_ID, "x")  # only the next call failed


async def test_per_chat_rate_limit(bot: Bot, world: EmulatorClient) -> None:
    await world.set_rate_limit(2)
    await bot.send_message(DEMO_USER_ID, "1")
    await bot.send_message(DEMO_USER_ID, "2")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(DEMO_USER_ID, "3")


async def _receiver(handler: Any) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/hook"


async def test_webhook_secret_and_redelivery(bot: Bot, world: EmulatorClient) -> None:
    seen: list[tuple[int, str | None]] = []

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        seen.append((update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        return web.Response(status=500 if len(seen) == 1 else 200)

    runner, url = await _receiver(hook)
    try:
        await bot.set_webhook(url, secret_token="s3cret-token_1")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates(timeout=0)
        await world.send(DEMO_USER_ID, text="hi")
        for _ in range(100):
            if len(seen) >= 2:
                break
            await asyncio.sleep(0.05)
        assert seen[0] == seen[1] and seen[0][1] == "s3cret-token_1"  # same update_id again
        info = await bot.get_webhook_info()
        assert info.url == url and "500" in (info.last_error_message or "")
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_aiogram_webhook_handler(bot: Bot, world: EmulatorClient) -> None:
    dp = Dispatcher()
    dp.include_router(echo_router())
    app = web.Application()
    SimpleRequestHandler(dp, bot, secret_token="abc", handle_in_background=False).register(
        app, path="/hook")
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="abc")
        await world.send(DEMO_USER_ID, text="via webhook")
        await world.wait_for_message(DEMO_USER_ID, lambda m: m.get("text") == "echo: via webhook")
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_bot_added_to_group_gets_my_chat_member(bot: Bot, world: EmulatorClient) -> None:
    await world.create_forum(-100900, "New group", [], None, bot_status="left")
    await world.set_bot_membership(-100900, "administrator", {"can_manage_topics": True},
                                   from_user_id=DEMO_USER_ID)
    updates = await bot.get_updates(timeout=0)
    changes = [u.my_chat_member for u in updates if u.my_chat_member]
    assert changes[-1].new_chat_member.status == "administrator"
    assert changes[-1].chat.id == -100900
