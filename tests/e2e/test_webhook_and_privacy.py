"""Webhook mode (secret header, re-delivery once, restart) and message text never in logs."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from devtools.emulator.client import EmulatorClient
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import button, has
from tests.support.botproc import BotProcess, running_bot

pytestmark = pytest.mark.e2e
SECRET = "webhook-secret-for-tests"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def webhook_bot(emulator: EmulatorClient, tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    port = _free_port()
    async with running_bot(
        emulator, tmp_path, sqlite_url, hard_stop=False, BOT_MODE="webhook",
        WEBHOOK_URL=f"http://127.0.0.1:{port}", WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(port),
    ) as proc:
        proc.port = port  # type: ignore[attr-defined]
        yield proc


async def test_webhook_flow_secret_and_redelivery(
    emulator: EmulatorClient, webhook_bot: BotProcess
) -> None:
    """Same flow as polling; a wrong secret is refused; a re-delivered update runs once."""
    await emulator.send(USER_RU, text="/start")
    welcome = await emulator.wait_for_message(USER_RU, has("Qorgau"))
    await emulator.press(USER_RU, USER_RU, welcome["message_id"], button(welcome, "Қазақша"))
    await emulator.wait_for_message(USER_RU, has("Қалай көмектесейін"))

    url = f"http://127.0.0.1:{webhook_bot.port}/telegram/webhook"  # type: ignore[attr-defined]
    update = {"update_id": 990001, "message": {
        "message_id": 9001, "date": 1, "chat": {"id": USER_KK, "type": "private"},
        "from": {"id": USER_KK, "is_bot": False, "first_name": "Ә"}, "text": "/help"}}
    async with aiohttp.ClientSession() as http:
        bad = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"})
        assert bad.status == 401
        for _ in range(2):
            ok = await http.post(url, json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            assert ok.status == 200
    await emulator.wait_for_message(USER_KK, has("/sos"))
    helps = [m for m in await emulator.messages(USER_KK) if "/sos" in (m["text"] or "")]
    assert len(helps) == 1

    await webhook_bot.restart(emulator)
    await emulator.send(USER_RU, text="/menu")
    await emulator.wait_for_message(
        USER_RU, lambda m: "Қалай көмектесейін" in (m["text"] or "")
        and m["message_id"] > welcome["message_id"] + 2
    )


async def test_logs_never_contain_message_text(emulator: EmulatorClient, bot: BotProcess) -> None:
    """A conversation with sensitive words leaves none of them in the bot's log."""
    words = ["Салтанат-тест", "пышақпен-тест", "зарплату-тест"]
    await emulator.send(USER_RU, text="/start")
    await emulator.wait_for_message(USER_RU, has("Qorgau"))
    await emulator.send(USER_RU, text=f"он забирает мою {words[2]} каждый месяц")
    await emulator.send(USER_KK, text=f"күйеуім {words[1]} қорқытып тұр, {words[0]}")
    await emulator.wait_for_message(USER_KK, has("102"))
    await emulator.send(USER_RU, text="x" * 10_000)
    await emulator.wait_for_message(USER_RU, has("длинное"))
    await bot.stop()
    log = bot.log_path.read_text(encoding="utf-8")
    assert "urgent message" in log  # the log is real and captured
    for word in words:
        assert word not in log
