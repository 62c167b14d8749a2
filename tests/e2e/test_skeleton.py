"""Walking skeleton over real HTTP: /start, language, menu, free text, restart keeps state."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.emulator.client import EmulatorClient
from tests.e2e.conftest import USER_KK, USER_RU
from tests.support.botproc import BotProcess

pytestmark = pytest.mark.e2e


def _has(text: str) -> Any:
    return lambda m: text in (m.get("text") or "")


def _button(message: dict[str, Any], label: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for btn in row:
            if btn["text"] == label:
                return str(btn["callback_data"])
    raise AssertionError(f"no button {label!r} in {message['reply_markup']}")


async def test_start_language_menu_free_text_and_restart(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """The full walking skeleton, including a hard restart between steps."""
    await emulator.send(USER_RU, text="/start")
    welcome = await emulator.wait_for_message(USER_RU, _has("Qorgau"))
    assert "бот" in welcome["text"]  # ru client: Russian welcome, says it is a bot
    assert welcome["protect_content"] and welcome["disable_notification"]
    await emulator.press(USER_RU, USER_RU, welcome["message_id"], _button(welcome, "Қазақша"))
    menu = await emulator.wait_for_message(USER_RU, _has("Қалай көмектесейін"))
    labels = {b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row}
    assert {"Жылдам шығу", "Қауіпсіздік жоспары"} <= labels

    await emulator.send(USER_RU, text="/language")
    prompt = await emulator.wait_for_message(USER_RU, _has("Тілді таңдаңыз"))
    await emulator.press(USER_RU, USER_RU, prompt["message_id"], _button(prompt, "Русский"))
    await emulator.wait_for_message(USER_RU, _has("Чем я могу помочь"))

    last = max(m["message_id"] for m in await emulator.messages(USER_RU))
    await bot.restart(emulator)
    await emulator.send(USER_RU, text="/menu")
    await emulator.wait_for_message(
        USER_RU, lambda m: m["message_id"] > last and "Чем я могу помочь" in (m["text"] or "")
    )


async def test_free_text_gets_an_answer_in_its_language(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """Free text goes through the NLU and the dialog policy; reply language follows the text."""
    await emulator.send(USER_KK, text="Сәлеметсіз бе")
    reply = await emulator.wait_for_message(USER_KK)
    assert "Сәлеметсіз" in reply["text"] or "Мен осындамын" in reply["text"]


async def test_fsm_state_survives_restart(emulator: EmulatorClient, bot: BotProcess) -> None:
    """FSM data written before a kill -9 is read back after the restart (SQL storage)."""
    await emulator.send(USER_RU, text="Какое наказание за побои по новому закону?")
    card = await emulator.wait_for_message(USER_RU, lambda m: m.get("reply_markup") is not None)
    await bot.restart(emulator)
    not_this = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"]
                for b in row if b["text"] == "Я спрашивал(а) не об этом"]
    if not not_this:
        pytest.skip("this card has no alternatives to test with")
    await emulator.press(USER_RU, USER_RU, card["message_id"], not_this[0])
    alts = await emulator.wait_for_message(USER_RU, _has("Возможно, лучше подойдёт"))
    assert len(alts["reply_markup"]["inline_keyboard"]) >= 3
