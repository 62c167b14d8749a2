"""run_playground: demo world, settings pointed at the emulator, loopback only."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from pydantic import BaseModel, SecretStr

from devtools.emulator.demo import DEMO_USER_ID, STAFF_CHAT_ID
from devtools.playground.runner import run_playground


class FakeSettings(BaseModel):
    """The three fields the runner replaces, like bot.config.Settings."""

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://example.invalid"
    staff_chat_id: int | None = None


async def test_runner_points_bot_at_emulator() -> None:
    seen: dict[str, Any] = {}

    async def bot_runner(settings: Any) -> None:
        seen["settings"] = settings
        api = TelegramAPIServer.from_base(settings.telegram_api_url)
        async with Bot(settings.bot_token.get_secret_value(),
                       session=AiohttpSession(api=api)) as bot:
            seen["me"] = await bot.get_me()
            seen["forum"] = await bot.get_chat(settings.staff_chat_id)
            seen["rights"] = await bot.get_chat_member(settings.staff_chat_id, seen["me"].id)
            seen["user"] = await bot.get_chat(DEMO_USER_ID)
        async with aiohttp.ClientSession() as http, http.get(
                settings.telegram_api_url + "/") as resp:
            seen["page"] = await resp.text()

    await run_playground(FakeSettings(), port=0, bot_runner=bot_runner)
    settings = seen["settings"]
    assert settings.staff_chat_id == STAFF_CHAT_ID
    assert settings.telegram_api_url.startswith("http://127.0.0.1:")
    assert seen["me"].id == 123456 and seen["forum"].is_forum
    assert seen["rights"].can_manage_topics and seen["rights"].can_delete_messages
    assert "Qorgau playground" in seen["page"]


async def test_runner_refuses_non_loopback() -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        await run_playground(FakeSettings(), host="0.0.0.0", port=0)
