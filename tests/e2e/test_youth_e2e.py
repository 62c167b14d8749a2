"""Young people's area over real HTTP: hub, a whole quiz, a myth and its fact, a card, forgery."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.emulator.client import EmulatorClient
from knowledge import KnowledgeBase
from knowledge.models import Quiz
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import button
from tests.support.botproc import BotProcess

pytestmark = pytest.mark.e2e
KB = KnowledgeBase.load()

UI = {
    "kk": {
        "menu": "Қалай көмектесейін",
        "youth": "Жастарға",
        "hub": "ақыл айтпай",
        "quizzes": "Тесттер",
        "quiz_list": "Тест таңдаңыз",
        "question": "{i}-сұрақ, барлығы {n}",
        "right": "Дұрыс!",
        "wrong": "Дәл емес.",
        "skip": "Өткізіп жіберу",
        "next": "Келесі",
        "result_btn": "Нәтижемді көру",
        "result": "Дұрыс жауап: {right}, барлығы {total} сұрақ.",
        "skipped": "Өткізіп жіберілгені: 1.",
        "human": "Кеңесшімен сөйлесу",
        "back": "Жастарға",
        "myths": "Мифтер мен шындық",
        "myth": "{i}-миф, барлығы {n}",
        "show_fact": "Шындығын көрсету",
        "next_myth": "Келесі миф",
        "stale": "Бұл батырма ескірген.",
    },
    "ru": {
        "menu": "Чем я могу помочь",
        "youth": "Для молодёжи",
        "hub": "без нравоучений",
        "quizzes": "Тесты",
        "quiz_list": "Выберите тест",
        "question": "Вопрос {i} из {n}",
        "right": "Верно!",
        "wrong": "Не совсем.",
        "skip": "Пропустить",
        "next": "Далее",
        "result_btn": "Мой результат",
        "result": "Правильных ответов: {right} из {total}.",
        "skipped": "Пропущено: 1.",
        "human": "Поговорить с консультантом",
        "back": "Для молодёжи",
        "myths": "Мифы и факты",
        "myth": "Миф {i} из {n}",
        "show_fact": "Показать факт",
        "next_myth": "Следующий миф",
        "stale": "Эта кнопка устарела.",
    },
}


class Chat:
    """One user's side of the chat: press buttons, wait for the next bot message."""

    def __init__(self, emulator: EmulatorClient, user: int, lang: str) -> None:
        self.emu, self.user, self.ui = emulator, user, UI[lang]
        self.seen = 0

    async def expect(self, needle: str) -> dict[str, Any]:
        """The first bot message newer than the last one seen that contains ``needle``."""
        try:
            msg = await self.emu.wait_for_message(
                self.user,
                lambda m: m["message_id"] > self.seen and needle in (m.get("text") or ""),
            )
        except TimeoutError:
            recent = [m.get("text") for m in await self.emu.messages(self.user)][-3:]
            raise AssertionError(f"no {needle!r}; last messages: {recent}") from None
        self.seen = msg["message_id"]
        return msg

    async def press(self, msg: dict[str, Any], label: str) -> None:
        """Press the button labelled ``label`` under ``msg``."""
        await self.emu.press(self.user, self.user, msg["message_id"], button(msg, label))

    def labels(self, msg: dict[str, Any]) -> list[str]:
        """Every button label of a message."""
        return [b["text"] for row in msg["reply_markup"]["inline_keyboard"] for b in row]


async def _open_hub(chat: Chat) -> dict[str, Any]:
    await chat.emu.send(chat.user, text="/menu")
    menu = await chat.expect(chat.ui["menu"])
    await chat.press(menu, chat.ui["youth"])
    return await chat.expect(chat.ui["hub"])


async def _play_quiz(chat: Chat, quiz: Quiz, lang: str, bot: BotProcess) -> dict[str, Any]:
    """Q1 right (after a forged option), Q2 wrong, Q3 skipped, a restart, the rest right."""
    n = len(quiz.questions)
    for i, question in enumerate(quiz.questions, start=1):
        asked = await chat.expect(chat.ui["question"].format(i=i, n=n))
        assert question.question[lang] in asked["text"]
        assert {"Быстрый выход", "Жылдам шығу"} & set(chat.labels(asked))  # quick exit
        if i == 1:  # an option index the question does not have
            forged = f"yq:{quiz.id}:ans:{question.id}:9"
            await chat.emu.press(chat.user, chat.user, asked["message_id"], forged, forge=True)
            await chat.expect(chat.ui["stale"])
        if i == 3:
            await chat.press(asked, chat.ui["skip"])
            continue
        if i == 4:  # progress is in the SQL-backed FSM data and survives a kill -9
            await bot.restart(chat.emu)
        pick = question.correct if i != 2 else (question.correct + 1) % len(question.options[lang])
        await chat.press(asked, f"{pick + 1}. {question.options[lang][pick]}"[:64])
        verdict = chat.ui["wrong"] if i == 2 else chat.ui["right"]
        feedback = await chat.expect(verdict)
        assert question.explanation[lang].split()[0] in feedback["text"]
        await chat.press(feedback, chat.ui["result_btn"] if i == n else chat.ui["next"])
    return await chat.expect(chat.ui["result"].format(right=n - 2, total=n))


@pytest.mark.parametrize(("user", "lang"), [(USER_KK, "kk"), (USER_RU, "ru")])
async def test_youth_hub_quiz_myth_card_and_forgery(
    emulator: EmulatorClient, bot: BotProcess, user: int, lang: str
) -> None:
    """The whole youth area in the user's language; forged quiz presses change nothing."""
    chat = Chat(emulator, user, lang)
    hub = await _open_hub(chat)
    cards = KB.cards_for_intent("youth_relationships")
    assert [c.title[lang] for c in cards] == chat.labels(hub)[: len(cards)]

    await chat.press(hub, chat.ui["quizzes"])
    quiz = KB.quizzes()[0]
    listing = await chat.expect(chat.ui["quiz_list"])
    assert [q.title[lang] for q in KB.quizzes()] == chat.labels(listing)[: len(KB.quizzes())]
    await chat.press(listing, quiz.title[lang])
    result = await _play_quiz(chat, quiz, lang, bot)
    assert "150" in result["text"] and "111" in result["text"]
    assert chat.ui["skipped"] in result["text"]
    assert chat.ui["human"] in chat.labels(result)

    for forged in (
        f"yq:{quiz.id}:ans:{quiz.questions[0].id}:0",  # the quiz is over: no second score
        "yq:no-such-quiz:ans:x:1",
        f"yq:{quiz.id}:next:made-up:-1",
    ):
        await emulator.press(user, user, result["message_id"], forged, forge=True)
        await chat.expect(chat.ui["stale"])
    assert not [
        m for m in await emulator.messages(user)
        if m["message_id"] > result["message_id"] and chat.ui["result"][:8] in (m["text"] or "")
    ]

    await chat.press(result, chat.ui["back"])
    hub = await chat.expect(chat.ui["hub"])
    await chat.press(hub, chat.ui["myths"])
    myths = KB.myths()
    first = await chat.expect(chat.ui["myth"].format(i=1, n=len(myths)))
    assert myths[0].myth[lang] in first["text"]
    await chat.press(first, chat.ui["show_fact"])
    fact = await chat.expect(myths[0].fact[lang][:40])
    await chat.press(fact, chat.ui["next_myth"])
    second = await chat.expect(chat.ui["myth"].format(i=2, n=len(myths)))
    assert myths[1].myth[lang] in second["text"]

    await chat.press(hub, cards[0].title[lang])
    card = await chat.expect(cards[0].title[lang])
    assert cards[0].text[lang].split()[0] in card["text"]
