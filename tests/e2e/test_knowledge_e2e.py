"""Rights answers over HTTP: the right card in kk (also without Kazakh letters) and ru, with
its sources and review note; the services directory answers for every region."""

from __future__ import annotations

import pytest

from devtools.emulator.client import EmulatorClient
from knowledge import KnowledgeBase
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import button, has
from tests.support.botproc import BotProcess

pytestmark = pytest.mark.e2e
KB = KnowledgeBase.load()
QUESTIONS = [
    (USER_KK, "урып согу енди кылмыс па", "law-2024-battery", "kk", "Дереккөздер"),
    (USER_KK, "102-ге хабарласқаннан кейін не болады?", "police-after-report", "kk",
     "Дереккөздер"),
    (USER_KK, "коргау нускамасын калай алуга болады", "protective-order", "kk", "Дереккөздер"),
    (USER_RU, "Побои теперь уголовное преступление?", "law-2024-battery", "ru", "Источники"),
    (USER_RU, "Что будет после того, как я позвоню в 102?", "police-after-report", "ru",
     "Источники"),
]


@pytest.mark.parametrize(("user", "question", "card_id", "lang", "sources"), QUESTIONS)
async def test_question_gets_the_right_card_with_sources(
    emulator: EmulatorClient, bot: BotProcess, user: int, question: str, card_id: str,
    lang: str, sources: str,
) -> None:
    card = KB.card(card_id)
    sent = await emulator.send(user, text=question)
    answer = await emulator.wait_for_message(
        user, lambda m: m["message_id"] > sent["message_id"] and m.get("reply_markup") is not None
    )
    assert card.title[lang] in answer["text"]
    if not card.reviewed:
        assert ("заңгер" if lang == "kk" else "юрист") in answer["text"]
    await emulator.press(user, user, answer["message_id"], button(answer, sources))
    listing = await emulator.wait_for_message(user, has("http"))
    assert listing["message_id"] > answer["message_id"]


async def test_directory_answers_for_every_region(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    await emulator.send(USER_RU, text="/menu")
    menu = await emulator.wait_for_message(USER_RU, has("Чем я могу помочь"))
    region_button = button(menu, "Помощь в моём регионе")
    await emulator.press(USER_RU, USER_RU, menu["message_id"], region_button)
    regions = await emulator.wait_for_message(USER_RU, has("Выберите область"))
    names = [b["text"] for row in regions["reply_markup"]["inline_keyboard"] for b in row
             if b["callback_data"].startswith("reg:")]
    assert len(names) == 20
    for name in names:
        last = max(m["message_id"] for m in await emulator.messages(USER_RU))
        await emulator.press(USER_RU, USER_RU, regions["message_id"], button(regions, name))
        reply = await emulator.wait_for_message(
            USER_RU, lambda m, last=last: m["message_id"] > last
        )
        assert "111" in reply["text"] and "102" in reply["text"] and "112" in reply["text"]
