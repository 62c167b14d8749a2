"""Fixtures: an in-process emulator, its control client and a real aiogram Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from devtools.emulator import EmulatorServer
from devtools.emulator.client import EmulatorClient
from devtools.emulator.demo import BOT_RIGHTS, DEMO_USER_ID, STAFF_CHAT_ID, STAFF_MEMBERS

TOKEN = "424242:EMULATOR-TEST"


@pytest.fixture
async def server() -> AsyncIterator[EmulatorServer]:
    """A started emulator on a random loopback port."""
    srv = await EmulatorServer(host="127.0.0.1", port=0).start()
    srv.world.updates.retry_delay = 0.05
    yield srv
    await srv.stop()


@pytest.fixture
async def client(server: EmulatorServer) -> AsyncIterator[EmulatorClient]:
    """Control API client."""
    async with EmulatorClient(server.url) as ctl:
        yield ctl


@pytest.fixture
async def bot(server: EmulatorServer) -> AsyncIterator[Bot]:
    """A real aiogram Bot talking HTTP to the emulator."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.url))
    async with Bot(TOKEN, session=session) as real_bot:
        yield real_bot


@pytest.fixture
async def world(client: EmulatorClient) -> EmulatorClient:
    """The demo user and a staff forum where the bot is an admin with full topic rights."""
    await client.create_user(DEMO_USER_ID, "Aigerim", "aigerim", "ru")
    await client.create_forum(STAFF_CHAT_ID, "Staff", STAFF_MEMBERS, BOT_RIGHTS)
    return client
