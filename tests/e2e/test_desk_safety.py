"""Desk safety over real HTTP: forged presses, outsiders, identities, transfer, ban, restart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from devtools.emulator.client import EmulatorClient
from devtools.emulator.server import EmulatorServer
from tests.e2e.conftest import STAFF_RIGHTS, USER_KK, USER_RU
from tests.e2e.test_desk_helpers import (
    answer_text,
    body,
    card,
    in_topic,
    press,
    safe_contact,
    staff_says,
    user_gets,
    wait_topic,
)
from tests.support.botproc import STAFF_A, STAFF_B, STAFF_CHAT, BotProcess

pytestmark = pytest.mark.e2e
OUTSIDER = 3003
SKIP_ALL = ["Пропустить"] * 4


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorClient]:
    """Like the shared world, but Staff A is an administrator (supervisor) of the forum."""
    server = await EmulatorServer(port=0).start()
    async with EmulatorClient(server.url) as client:
        await client.create_user(USER_RU, "Айгуль", username="aigul_private", language_code="ru")
        await client.create_user(USER_KK, "Әсел", username="asel_private", language_code="kk")
        await client.create_user(OUTSIDER, "Outsider", language_code="ru")
        await client.create_forum(
            STAFF_CHAT, "Desk",
            members=[
                {"user_id": STAFF_A, "status": "administrator", "rights": {},
                 "user": {"first_name": "Staff A"}},
                {"user_id": STAFF_B, "status": "member", "user": {"first_name": "Staff B"}},
            ],
            bot_rights=STAFF_RIGHTS,
        )
        client.server_url = server.url  # type: ignore[attr-defined]
        yield client
    await server.stop()


async def _open_case(emulator: EmulatorClient, user: int = USER_RU) -> dict:
    """The user asks for a person and skips every safe-contact question."""
    await emulator.send(user, text="/human")
    await safe_contact(emulator, user, SKIP_ALL if user == USER_RU else ["Өткізіп жіберу"] * 4)
    return await wait_topic(emulator, "NORMAL")


async def test_forged_and_outsider_presses_do_nothing(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """Bad signatures and non-members are refused; staff commands elsewhere are ignored."""
    topic = await _open_case(emulator)
    pinned = await card(emulator, topic)
    case = body(pinned).split()[0].lstrip("#")
    forged = await emulator.press(STAFF_A, STAFF_CHAT, pinned["message_id"],
                                  f"desk:take:{case}:0000000000000000", forge=True)
    assert "недействительна" in await answer_text(emulator, forged)
    outsider = await emulator.press(OUTSIDER, STAFF_CHAT, pinned["message_id"],
                                    next(b["callback_data"] for row in
                                         pinned["reply_markup"]["inline_keyboard"] for b in row))
    assert "участники группы" in await answer_text(emulator, outsider)
    await asyncio.sleep(0.5)
    assert "ожидает" in body(await card(emulator, topic))  # still nobody's case
    assert not await emulator.messages(USER_RU, None) or all(
        "на связи консультант" not in body(m) for m in await emulator.messages(USER_RU))
    before = len(await emulator.messages(STAFF_CHAT))
    await emulator.send(STAFF_A, STAFF_A, text="/queue")  # a staff command in a private chat
    reply = await emulator.wait_for_message(STAFF_A, None)
    assert "Открытые обращения" not in body(reply)
    assert len(await emulator.messages(STAFF_CHAT)) == before


async def test_transfer_ban_unban_and_identities(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """A hands over to B, B bans an abusive user; nobody sees the other side's identity."""
    topic = await _open_case(emulator)
    await press(emulator, STAFF_A, await card(emulator, topic), "Взять")
    await user_gets(emulator, USER_RU, "Сейчас с Вами на связи консультант")
    await press(emulator, STAFF_A, await card(emulator, topic), "Передать")
    await in_topic(emulator, topic, "вернул(а) обращение")
    await user_gets(emulator, USER_RU, "другой консультант")
    await press(emulator, STAFF_B, await card(emulator, topic), "Взять")
    await in_topic(emulator, topic, "Staff B взял(а)")
    await staff_says(emulator, STAFF_B, topic, "Здравствуйте, я продолжу.")
    got = await user_gets(emulator, USER_RU, "я продолжу")
    assert body(got).startswith("Консультант:")

    # Edits are mirrored both ways.
    mine = await emulator.send(USER_RU, text="я в городе Алматы")
    await in_topic(emulator, topic, "в городе Алматы")
    await emulator.edit(USER_RU, USER_RU, mine["message_id"], "я в городе Шымкент")
    await in_topic(emulator, topic, "в городе Шымкент")
    said = await staff_says(emulator, STAFF_B, topic, "Записал, спасибо")
    await user_gets(emulator, USER_RU, "Записал, спасибо")
    await emulator.edit(STAFF_B, STAFF_CHAT, said["message_id"], "Записала, спасибо")
    await user_gets(emulator, USER_RU, "Записала, спасибо")

    # Nobody sees the other side's identity.
    staff_view = " ".join(body(m) for m in await emulator.messages(STAFF_CHAT))
    staff_view += " ".join(t["name"] for t in await emulator.topics(STAFF_CHAT))
    for secret in (str(USER_RU), "Айгуль", "aigul_private"):
        assert secret not in staff_view
    user_view = " ".join(body(m) for m in await emulator.messages(USER_RU))
    for secret in ("Staff A", "Staff B", str(STAFF_A), str(STAFF_B)):
        assert secret not in user_view

    # Ban: with a reason, audited, reversible; meanwhile nothing reaches the desk.
    await staff_says(emulator, STAFF_B, topic, "/ban угрозы сотрудникам")
    await in_topic(emulator, topic, "заблокировал(а) пользователя")
    await emulator.send(USER_RU, text="вы ещё пожалеете")
    await asyncio.sleep(1.5)
    staff_view = " ".join(body(m) for m in await emulator.messages(STAFF_CHAT))
    assert "пожалеете" not in staff_view
    await emulator.send(STAFF_B, STAFF_CHAT, text=f"/unban {topic['name'].split()[0]}")
    await in_topic(emulator, topic, "снял(а) блокировку")


async def test_restart_mid_relay_loses_nothing(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """Kill -9 while a message is in flight each way: the outbox delivers it after restart."""
    topic = await _open_case(emulator)
    await press(emulator, STAFF_A, await card(emulator, topic), "Взять")
    await user_gets(emulator, USER_RU, "на связи консультант")

    await emulator.fail_next("sendMessage", count=1, error_code=429, retry_after=60)
    await staff_says(emulator, STAFF_A, topic, "Ответ, который застрял в пути")
    await emulator.wait_for_call("sendMessage", lambda c: not c["ok"], timeout=5)
    await bot.restart(emulator)
    got = await user_gets(emulator, USER_RU, "застрял в пути", timeout=30)
    assert body(got).startswith("Консультант:")

    await emulator.fail_next("copyMessage", count=1, error_code=429, retry_after=60)
    await emulator.send(USER_RU, text="Пишу, пока бот падает")
    await emulator.wait_for_call("copyMessage", lambda c: not c["ok"], timeout=5)
    await bot.restart(emulator)
    await in_topic(emulator, topic, "пока бот падает", timeout=30)

    # The mapping survived: replies still route, and the queue still lists the case.
    await staff_says(emulator, STAFF_A, topic, "Вижу Ваше сообщение")
    await user_gets(emulator, USER_RU, "Вижу Ваше сообщение")
    await emulator.send(STAFF_A, STAFF_CHAT, text="/queue")
    queue = await emulator.wait_for_message(STAFF_CHAT, lambda m: "Открытые обращения" in body(m))
    assert topic["name"].split()[0] in body(queue)


async def test_queue_order_stats_and_export(emulator: EmulatorClient, bot: BotProcess) -> None:
    """/queue ranks urgent first; /stats is for supervisors; /export is logged."""
    normal = await _open_case(emulator, USER_KK)
    await emulator.send(USER_RU, text="он ломает дверь, у него нож")
    urgent = await wait_topic(emulator, "URGENT")
    await emulator.send(STAFF_B, STAFF_CHAT, text="/queue")
    queue = await emulator.wait_for_message(STAFF_CHAT, lambda m: "Открытые обращения" in body(m))
    text = body(queue)
    assert text.index(urgent["name"].split()[0]) < text.index(normal["name"].split()[0])

    await press(emulator, STAFF_A, await card(emulator, urgent), "Взять")
    await staff_says(emulator, STAFF_A, urgent, "Вы сейчас в безопасности?")
    await user_gets(emulator, USER_RU, "Вы сейчас в безопасности?")
    await emulator.send(STAFF_B, STAFF_CHAT, text="/stats")
    await emulator.wait_for_message(STAFF_CHAT, lambda m: "только администраторы" in body(m))
    await emulator.send(STAFF_A, STAFF_CHAT, text="/stats")
    stats = await emulator.wait_for_message(STAFF_CHAT, lambda m: "Статистика" in body(m))
    assert "открыто 2" in body(stats) and "(1 обращ.)" in body(stats)

    await staff_says(emulator, STAFF_A, urgent, "/export")
    export = await in_topic(emulator, urgent, "Выгрузка записана")
    assert export.get("document")
