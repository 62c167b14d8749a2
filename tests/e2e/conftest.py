"""End-to-end fixtures: the emulator in-process, the bot as a real subprocess."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from devtools.emulator.client import EmulatorClient
from devtools.emulator.server import EmulatorServer
from tests.support.botproc import STAFF_A, STAFF_B, STAFF_CHAT, BotProcess, running_bot

USER_RU, USER_KK = 1001, 1002
STAFF_RIGHTS = {"can_manage_topics": True, "can_delete_messages": True, "can_pin_messages": True}


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorClient]:
    """A fresh emulated Telegram with two users and the staff forum."""
    server = await EmulatorServer(port=0).start()
    async with EmulatorClient(server.url) as client:
        await client.create_user(USER_RU, "Айгуль", language_code="ru")
        await client.create_user(USER_KK, "Әсел", language_code="kk")
        await client.create_forum(
            STAFF_CHAT, "Desk",
            members=[
                {"user_id": STAFF_A, "status": "member", "user": {"first_name": "Staff A"}},
                {"user_id": STAFF_B, "status": "member", "user": {"first_name": "Staff B"}},
            ],
            bot_rights=STAFF_RIGHTS,
        )
        client.server_url = server.url  # type: ignore[attr-defined]
        yield client
    await server.stop()


@pytest.fixture
async def bot(
    emulator: EmulatorClient, tmp_path: Path, db_url: str
) -> AsyncIterator[BotProcess]:
    """The bot, polling the emulator, on each database backend."""
    async with running_bot(emulator, tmp_path, db_url) as proc:
        yield proc
