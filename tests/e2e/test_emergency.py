"""Emergency path and discretion over real HTTP (issue: danger gets help in one reply)."""

from __future__ import annotations

import time

import pytest

from devtools.emulator.client import EmulatorClient
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import button, dump_database, has, rows_for_user
from tests.support.botproc import STAFF_CHAT, BotProcess

pytestmark = pytest.mark.e2e

URGENT = [
    (USER_KK, "Күйеуім пышақ алып, өлтіремін деп тұр, көмектесіңіз", "102"),
    (USER_KK, "kuieuim qazir urip jatyr komektesinizshi", "102"),
    (USER_KK, "куйеуим казир урып жатыр, есикти бузып жатыр", "102"),
    (USER_RU, "муж бьёт меня прямо сейчас, помогите", "102"),
    (USER_RU, "не хочу больше жить, хочу покончить с собой", "112"),
    # English: the classifier cannot read it, the English safety net does (nlu/README.md)
    (USER_RU, "He is hitting me right now, please help", "102"),
]


@pytest.mark.parametrize(("user", "text", "number"), URGENT)
async def test_urgent_message_gets_numbers_first_and_a_top_priority_case(
    emulator: EmulatorClient, bot: BotProcess, user: int, text: str, number: str
) -> None:
    """The very first reply carries the numbers; an URGENT topic opens in the staff forum."""
    started = time.perf_counter()
    sent = await emulator.send(user, text=text)
    first = await emulator.wait_for_message(user, lambda m: m["message_id"] > sent["message_id"])
    reply_ms = (time.perf_counter() - started) * 1000
    assert number in first["text"] and "112" in first["text"]
    assert not first["text"].rstrip().startswith(("?", "Вы ", "Сіз "))  # never a question first
    topic = None
    while topic is None and time.perf_counter() - started < 5:
        topic = next((t for t in await emulator.topics(STAFF_CHAT) if "URGENT" in t["name"]), None)
    notify_ms = (time.perf_counter() - started) * 1000
    print(f"urgent reply {reply_ms:.0f} ms, staff topic {notify_ms:.0f} ms")
    assert topic is not None and topic["icon_color"] == 0xFB6F5F
    assert str(user) not in topic["name"]


async def test_writing_again_keeps_numbers_visible(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """While the urgent case waits for a human, small talk is not what comes back."""
    await emulator.send(USER_RU, text="он ломает дверь, у него нож")
    await emulator.wait_for_message(USER_RU, has("102"))
    sent = await emulator.send(USER_RU, text="привет")
    newer = sent["message_id"]
    again = await emulator.wait_for_message(USER_RU, lambda m: m["message_id"] > newer)
    assert "102" in again["text"] and "112" in again["text"]


async def test_sos_command_and_button(emulator: EmulatorClient, bot: BotProcess) -> None:
    """/sos and the SOS button on any screen give the emergency reply."""
    await emulator.send(USER_KK, text="/sos")
    first = await emulator.wait_for_message(USER_KK, has("102"))
    await emulator.press(USER_KK, USER_KK, first["message_id"], button(first, "SOS: қазір қауіп"))
    msgs = [m for m in await emulator.messages(USER_KK) if "102" in (m["text"] or "")]
    assert msgs


async def test_quick_exit_erases_both_sides(emulator: EmulatorClient, bot: BotProcess) -> None:
    """After quick exit only the neutral message is visible in the emulated chat."""
    await emulator.send(USER_RU, text="/start")
    welcome = await emulator.wait_for_message(USER_RU, has("Qorgau"))
    await emulator.send(USER_RU, text="мой муж контролирует мои деньги")
    await emulator.wait_for_message(USER_RU, lambda m: m["message_id"] > welcome["message_id"] + 1)
    await emulator.press(USER_RU, USER_RU, welcome["message_id"], button(welcome, "Быстрый выход"))
    neutral = await emulator.wait_for_message(USER_RU, has("Погода"))
    visible = await emulator.messages(USER_RU)
    assert [m["message_id"] for m in visible] == [neutral["message_id"]]


async def test_quick_exit_reports_messages_too_old_to_delete(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """Messages older than Telegram's 48 h window cannot go; the user is told how to clear."""
    await emulator.send(USER_RU, text="/start")
    await emulator.wait_for_message(USER_RU, has("Qorgau"))
    await emulator.advance_clock(49 * 3600)
    await emulator.send(USER_RU, text="/exit")
    tip = await emulator.wait_for_message(USER_RU, has("Удалить чат"))
    assert tip


async def test_forget_leaves_no_row_and_no_plaintext(
    emulator: EmulatorClient, bot: BotProcess
) -> None:
    """/forget erases every row about the user; user text never appears in the database."""
    secret = "сестра Жанар живёт на улице Абая"
    await emulator.send(USER_RU, text="/start")
    await emulator.wait_for_message(USER_RU, has("Qorgau"))
    await emulator.send(USER_RU, text=f"муж бьёт меня сейчас, {secret}")
    await emulator.wait_for_message(USER_RU, has("102"))
    db_url = bot.env()["DATABASE_URL"]
    assert secret.encode() not in await dump_database(db_url)
    assert "Жанар".encode() not in await dump_database(db_url)
    await emulator.send(USER_RU, text="/forget")
    ask = await emulator.wait_for_message(USER_RU, has("Стереть всё"))
    await emulator.press(USER_RU, USER_RU, ask["message_id"], button(ask, "Да, стереть"))
    await emulator.wait_for_message(USER_RU, has("Всё о Вас стёрто"))
    await bot.stop()
    assert sum((await rows_for_user(db_url, USER_RU)).values()) == 0


async def test_auto_erase_runs_after_a_restart(emulator: EmulatorClient, bot: BotProcess) -> None:
    """Auto-erase is scheduled in the database, so a restart does not lose it."""
    await emulator.send(USER_KK, text="/privacy")
    screen = await emulator.wait_for_message(USER_KK, has("Не сақталады"))
    await emulator.press(USER_KK, USER_KK, screen["message_id"], button(screen, "Автоматты өшіру"))
    options = await emulator.wait_for_message(USER_KK, has("өздігінен өшсін"))
    await emulator.press(USER_KK, USER_KK, options["message_id"], button(options, "15 мин"))
    await emulator.wait_for_message(USER_KK, has("Автоматты өшіру қосулы"))
    visible = len(await emulator.messages(USER_KK))
    for _ in range(50):  # the id of the last reply is recorded right after it is sent
        if (await rows_for_user(bot.env()["DATABASE_URL"], USER_KK))["chat_messages"] >= visible:
            break
        await _sleep()
    await bot.restart(emulator)
    await _age_jobs(bot.env()["DATABASE_URL"], minutes=16)
    for _ in range(100):
        if not await emulator.messages(USER_KK):
            break
        await _sleep()
    assert await emulator.messages(USER_KK) == []


async def _sleep() -> None:
    import asyncio

    await asyncio.sleep(0.1)


async def _age_jobs(url: str, minutes: int) -> None:
    """Move pending jobs into the past, as if the minutes had gone by."""
    import datetime as dt
    import sqlite3

    import asyncpg

    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1])
        conn.execute("UPDATE jobs SET run_at = ? WHERE kind = 'auto_erase'",
                     (past.strftime("%Y-%m-%d %H:%M:%S.%f"),))
        conn.execute("UPDATE users SET last_seen_at = ?",
                     ((past - dt.timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S.%f"),))
        conn.commit()
        conn.close()
        return
    pg = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    await pg.execute("UPDATE jobs SET run_at = $1 WHERE kind = 'auto_erase'", past)
    await pg.close()
