"""The playground page in headless Chromium (playwright-core), against a tiny echo bot."""

from __future__ import annotations

import asyncio
import contextlib
import html
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from devtools.emulator import EmulatorServer
from devtools.emulator.demo import STAFF_CHAT_ID
from devtools.playground.runner import PLAYGROUND_TOKEN, start_playground_server

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "devtools" / "playground" / "e2e" / "playground.mjs"
SCREENSHOT = ROOT / "tests" / "artifacts" / "playground.png"
CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT = ROOT / "node_modules" / "playwright-core"

pytestmark = pytest.mark.browser


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (apt-get install -y nodejs npm)"
    if not CHROMIUM.exists():
        return "Debian chromium is not installed (apt-get install -y chromium)"
    if not PLAYWRIGHT.is_dir():
        return "playwright-core is not installed (run `npm ci` at the repo root)"
    return None


def echo_router(topics: dict[int, int], sent: dict[int, list[int]]) -> Router:
    """Echo bot: copies users into a staff topic, staff back to users, quick exit wipes."""
    router = Router()

    @router.message(F.chat.type == "private")
    async def from_user(message: Message, bot: Bot) -> None:
        user_id = message.chat.id
        sent.setdefault(user_id, []).append(message.message_id)
        if user_id not in topics:
            topic = await bot.create_forum_topic(STAFF_CHAT_ID, f"Case {user_id}")
            topics[user_id] = topic.message_thread_id
        await message.copy_to(STAFF_CHAT_ID, message_thread_id=topics[user_id])
        kb = InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text="Ping", callback_data="ping"),
            InlineKeyboardButton(text="Quick exit", callback_data="exit")]])
        reply = await message.answer(f"echo: <b>{html.escape(message.text or '')}</b>",
                                     parse_mode="HTML", reply_markup=kb, protect_content=True)
        sent[user_id].append(reply.message_id)

    @router.message(F.chat.id == STAFF_CHAT_ID, F.message_thread_id)
    async def from_staff(message: Message, bot: Bot) -> None:
        user_id = next((u for u, t in topics.items() if t == message.message_thread_id), None)
        if user_id is not None:
            copy = await message.copy_to(user_id, protect_content=True)
            sent.setdefault(user_id, []).append(copy.message_id)

    @router.callback_query(F.data == "ping")
    async def ping(query: CallbackQuery) -> None:
        await query.answer("pong")

    @router.callback_query(F.data == "exit")
    async def quick_exit(query: CallbackQuery, bot: Bot) -> None:
        await query.answer()
        user_id = query.from_user.id
        await bot.delete_messages(user_id, sorted(sent.pop(user_id, [])))

    return router


@pytest.fixture
async def playground() -> AsyncIterator[EmulatorServer]:
    """Playground server with the demo world and the echo bot polling it."""
    server = await start_playground_server(port=0)
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.url))
    bot = Bot(PLAYGROUND_TOKEN, session=session)
    dp = Dispatcher()
    dp.include_router(echo_router({}, {}))
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    yield server
    await dp.stop_polling()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)
    await bot.session.close()
    await server.stop()


async def test_playground_in_chromium(playground: EmulatorServer) -> None:
    missing = _missing()
    if missing:
        pytest.skip(missing)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    proc = await asyncio.create_subprocess_exec(
        "node", str(SCRIPT), f"{playground.url}/", str(SCREENSHOT), "echo", cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    except TimeoutError:
        proc.kill()
        raise
    assert proc.returncode == 0, f"{out.decode()}\n{err.decode()}"
    assert '"step":"wiped"' in out.decode()
    assert SCREENSHOT.stat().st_size > 10_000
    user_messages = [m for m in playground.world.chats[1001].messages.values() if not m.deleted]
    assert user_messages == []  # quick exit really deleted both sides
