"""SLA: an unassigned urgent case re-alerts staff after N seconds and again after M, then stops."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from devtools.emulator.client import EmulatorClient
from tests.e2e.conftest import USER_RU
from tests.e2e.helpers import has
from tests.support.botproc import STAFF_CHAT, BotProcess, running_bot

pytestmark = pytest.mark.e2e


@pytest.fixture
async def fast_sla_bot(
    emulator: EmulatorClient, tmp_path: Path, sqlite_url: str
) -> AsyncIterator[BotProcess]:
    async with running_bot(
        emulator, tmp_path, sqlite_url, SLA_FIRST_ALERT_S="1", SLA_SECOND_ALERT_S="3"
    ) as proc:
        yield proc


async def _alerts(emulator: EmulatorClient, thread: int) -> list[dict]:  # type: ignore[type-arg]
    return [m for m in await emulator.messages(STAFF_CHAT, thread)
            if "🔔" in (m.get("text") or "")]


async def test_unassigned_urgent_case_realerts_twice(
    emulator: EmulatorClient, fast_sla_bot: BotProcess
) -> None:
    await emulator.send(USER_RU, text="муж бьёт меня прямо сейчас, помогите")
    await emulator.wait_for_message(USER_RU, has("102"))
    topic = None
    for _ in range(50):
        topic = next(iter(await emulator.topics(STAFF_CHAT)), None)
        if topic:
            break
        await asyncio.sleep(0.1)
    assert topic is not None
    thread = topic["message_thread_id"]
    for _ in range(100):
        if len(await _alerts(emulator, thread)) >= 2:
            break
        await asyncio.sleep(0.1)
    alerts = await _alerts(emulator, thread)
    assert len(alerts) == 2 and topic["name"].split(" · ")[0][1:] in alerts[0]["text"]
    await asyncio.sleep(3)
    assert len(await _alerts(emulator, thread)) == 2  # twice at most


@pytest.fixture
async def off_hours_bot(
    emulator: EmulatorClient, tmp_path: Path, sqlite_url: str
) -> AsyncIterator[BotProcess]:
    async with running_bot(emulator, tmp_path, sqlite_url, STAFF_WORKDAYS="") as proc:
        yield proc


async def test_out_of_hours_is_said_honestly_with_111_and_a_follow_up(
    emulator: EmulatorClient, off_hours_bot: BotProcess
) -> None:
    await emulator.send(USER_RU, text="муж бьёт меня прямо сейчас, помогите")
    first = await emulator.wait_for_message(USER_RU, has("102"))
    honest = await emulator.wait_for_message(USER_RU, has("не на смене"))
    assert honest["message_id"] > first["message_id"] and "111" in honest["text"]
    data = next(b["callback_data"] for row in honest["reply_markup"]["inline_keyboard"]
                for b in row if b["text"] == "Напишите мне в безопасное время")
    await emulator.press(USER_RU, USER_RU, honest["message_id"], data)
    await emulator.wait_for_message(USER_RU, lambda m: m["message_id"] > honest["message_id"])
