"""Safety planning over real HTTP, in Kazakh and Russian, on SQLite and PostgreSQL.

Danger screen (both paths, stop/restart/resume), plan (build, note, resume, checklist, file,
delete), journal (dated incidents, a photo moved out of the chat, chronological PDF, delete
all) and check-ins (fire after a restart, inside the safe window). The raw database must never
hold what the user typed or chose in plain text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import io
import re
import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import asyncpg
import pytest
from aiogram.utils.i18n import I18n
from PIL import Image
from pypdf import PdfReader

from bot import texts as core_texts
from bot.crypto import Cipher, parse_key
from bot.safety import texts as st
from devtools.emulator.client import EmulatorClient
from dialogs import safety_plan as plan_logic
from tests.e2e.conftest import USER_KK, USER_RU
from tests.e2e.helpers import button, dump_database
from tests.support.botproc import STAFF_CHAT, TEST_KEY, BotProcess

pytestmark = pytest.mark.e2e
LOCALES = Path(__file__).resolve().parents[2] / "locales"
LANGS = [pytest.param("ru", id="ru"), pytest.param("kk", id="kk")]


class Person:
    """One user driving the bot by buttons, in their language (texts from the real catalogues)."""

    def __init__(self, emulator: EmulatorClient, lang: str) -> None:
        self.emu, self.lang = emulator, lang
        self.uid = USER_RU if lang == "ru" else USER_KK
        self.i18n = I18n(path=LOCALES, default_locale=lang, domain="messages")
        self.mark = 0

    def _in(self, fn: Any, *args: Any, **kwargs: Any) -> str:
        with self.i18n.context(), self.i18n.use_locale(self.lang):
            return str(fn(*args, **kwargs))

    def t(self, key: str, **params: Any) -> str:
        """A safety text in this person's language, as the chat shows it (no HTML tags)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self._in(st.t, key, **params)))

    def b(self, key: str) -> str:
        """A safety button label."""
        return self._in(st.b, key)

    def core(self, key: str) -> str:
        """A core button label (main menu, SOS...)."""
        return self._in(core_texts.button, key)

    async def newest(self, part: str, timeout: float = 10) -> dict[str, Any]:  # noqa: ASYNC109
        """The first bot message after the mark whose text contains ``part``."""
        mark = self.mark
        try:
            msg = await self.emu.wait_for_message(
                self.uid, lambda m: m["message_id"] > mark and part in (m.get("text") or ""),
                timeout=timeout,
            )
        except TimeoutError:
            seen = [(m["message_id"], (m.get("text") or "")[:80])
                    for m in await self.emu.messages(self.uid)][-6:]
            raise AssertionError(f"no message after {mark} with {part!r}; last: {seen}") from None
        self.mark = max(self.mark, msg["message_id"])
        return msg

    async def edited(self, mid: int, part: str) -> dict[str, Any]:
        """Wait until message ``mid`` shows ``part`` (edited in place)."""
        return await self.emu.wait_for_message(
            self.uid,
            lambda m: m["message_id"] == mid
            and part in (m.get("text") or "") + str(m.get("reply_markup")),
            timeout=10,
        )

    async def press(self, msg: dict[str, Any], label: str) -> None:
        """Press the button with this exact label."""
        await self.emu.press(self.uid, self.uid, msg["message_id"], button(msg, label))

    async def say(self, text: str | None = None, **media: Any) -> dict[str, Any]:
        """Send a message; later waits look only at newer messages."""
        sent = await self.emu.send(self.uid, text=text, **media)
        self.mark = max(self.mark, sent["message_id"])
        return sent

    async def hub(self) -> dict[str, Any]:
        """/menu, then "Safety plan"."""
        await self.say("/menu")
        menu = await self.newest(self._in(core_texts.text, "menu"))
        await self.press(menu, self.core("safety_plan"))
        return await self.newest(head(self.t("hub")))


def head(text: str) -> str:
    """The fixed start of a text (before any placeholder), for matching."""
    return text.split("{")[0][:30]


_NLU: list[Any] = []


def variants(marker: str, phrase: str) -> list[str]:
    """The realistic text first, then plainer ones carrying the same unique marker."""
    return [f"{marker} {phrase}", marker, *(f"{marker} {w}" for w in ("кофе", "үй", "Садовая"))]


async def unflagged(candidates: list[str]) -> str:
    """The first input the bot's urgent guard lets through to the flow.

    The guard screens every message in every state and (by design) takes urgent-looking
    ones to the emergency path; it also flags many harmless inputs (dates, plain incident
    descriptions). These tests exercise the safety flows, so they type what reaches them,
    judged by the same model the bot loads.
    """
    if not _NLU:
        from nlu.backends import make_backend

        _NLU.append(await asyncio.to_thread(make_backend, "local"))
    for text in candidates:
        if not (await _NLU[0].classify(text)).urgent:
            return text
    raise AssertionError(f"the urgent guard flags every candidate: {candidates}")


async def start(person: Person) -> None:
    """/start and choose the language (the user row then holds it)."""
    await person.say("/start")
    welcome = await person.newest("Qorgau")
    await person.press(welcome, "Қазақша" if person.lang == "kk" else "Русский")
    await person.newest(person._in(core_texts.text, "menu"))


def db_of(bot: BotProcess) -> str:
    return bot.env()["DATABASE_URL"]


async def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Run SQL on either backend (SQLite file or PostgreSQL)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1])
        rows = conn.execute(sql).fetchall()
        conn.close()
        return rows
    pg = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    rows = [tuple(r) for r in await pg.fetch(sql)]
    await pg.close()
    return rows


def qhead(me: Person, number: int) -> str:
    """ "Вопрос 3 из 11" / "Сұрақ 3/11"."""
    return me.t("screen_question", i=number, n=11, question="").strip()


async def answer_all(me: Person, mid: int, answers: str, first: int) -> None:
    """Answer questions ``first``.. in order on the message being edited in place."""
    for offset, ans in enumerate(answers):
        qmsg = await me.edited(mid, qhead(me, first + offset))
        await me.press(qmsg, me.b({"y": "yes", "n": "no", "s": "skip"}[ans]))


async def pdf_text(emulator: EmulatorClient, doc: dict[str, Any]) -> tuple[str, PdfReader]:
    """Download the sent document through the emulator and read it with pypdf."""
    url = emulator.server_url  # type: ignore[attr-defined]
    async with aiohttp.ClientSession() as http, http.get(
        f"{url}/_control/files/{doc['document']['file_id']}"
    ) as resp:
        data = await resp.read()
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


async def wait_topic(tag: str, emulator: EmulatorClient) -> dict[str, Any]:
    """A staff forum topic whose name carries the priority tag."""
    for _ in range(100):
        found = [t for t in await emulator.topics(STAFF_CHAT) if tag in t["name"]]
        if found:
            return found[0]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no {tag} topic")


@pytest.mark.parametrize("lang", LANGS)
async def test_danger_screen_low_then_high(
    emulator: EmulatorClient, bot: BotProcess, lang: str
) -> None:
    """Low path with stop + restart + resume; then the high path escalates with the answers."""
    me = Person(emulator, lang)
    await start(me)
    await me.press(await me.hub(), me.b("screen"))
    intro = await me.newest("Lethality Screen")
    await me.press(intro, me.b("start"))
    await answer_all(me, intro["message_id"], "nnnyy", 1)
    qmsg = await me.edited(intro["message_id"], qhead(me, 6))
    await me.press(qmsg, me.b("stop"))
    await me.edited(intro["message_id"], me.t("screen_paused"))
    await bot.restart(emulator)
    await me.press(await me.hub(), me.b("screen"))
    intro = await me.newest("Lethality Screen")
    await me.press(intro, me.b("resume"))
    await answer_all(me, intro["message_id"], "ysnnnn", 6)
    result = await me.newest(head(me.t("screen_not_high")))
    assert me.t("screen_skipped", n=1) in result["text"]
    assert not [t for t in await emulator.topics(STAFF_CHAT) if "HIGH" in t["name"]]

    await me.press(await me.hub(), me.b("screen"))
    intro = await me.newest("Lethality Screen")
    await me.press(intro, me.b("restart"))
    await answer_all(me, intro["message_id"], "ny", 1)
    high = await me.newest(head(me.t("screen_high")))
    assert all(n in high["text"] for n in ("102", "112", "111"))
    labels = {b["text"] for row in high["reply_markup"]["inline_keyboard"] for b in row}
    assert {me.core("human"), me.b("make_plan"), me.b("continue_screen")} <= labels
    topic = await wait_topic("HIGH", emulator)
    assert str(me.uid) not in topic["name"]
    rows = await query(db_of(bot), "SELECT priority, reason, details_enc FROM cases")
    assert len(rows) == 1 and rows[0][:2] == (1, "danger_screen")
    details = Cipher(parse_key(TEST_KEY)).decrypt_json(bytes(rows[0][2]), "case-details")
    assert details["screen"] == {"level": "high", "yes": ["kill_threat"]}
    dump = await dump_database(db_of(bot))
    assert b"kill_threat" not in dump and b"answers" not in dump and b"high" not in dump
    await me.press(high, me.b("make_plan"))
    await me.newest(head(me.t("plan_priorities")))


PRIORITIES = {"ru": ("Безопасность детей", "Деньги и документы"),
              "kk": ("Балалардың қауіпсіздігі", "Ақша мен құжаттар")}
NOTES = {"ru": variants("Kingfisher88", "у тёти на Садовой"),
         "kk": variants("Kingfisher88", "апамның үйі, Садовая")}


@pytest.mark.parametrize("lang", LANGS)
async def test_plan_build_resume_edit_export_delete(
    emulator: EmulatorClient, bot: BotProcess, lang: str
) -> None:
    """Priorities, a tick and a note; resume after a restart; checklist; PDF; delete."""
    me = Person(emulator, lang)
    await start(me)
    await me.press(await me.hub(), me.b("plan"))
    prio = await me.newest(head(me.t("plan_priorities")))
    for number, name in enumerate(PRIORITIES[lang], 1):
        await me.press(prio, name)
        prio = await me.edited(prio["message_id"], "")
        prio = await me.emu.wait_for_message(me.uid, lambda m, n=f"{number}. {name}", i=prio[
            "message_id"]: m["message_id"] == i and n in str(m["reply_markup"]))
    await me.press(prio, me.b("next"))
    section = await me.newest("(1/6)")  # children chosen: nothing trimmed
    assert "☐ 1. " in section["text"]
    await me.press(section, "☐ 1")
    section = await me.edited(section["message_id"], "☑ 1.")
    await me.press(section, me.b("note"))
    await me.newest(head(me.t("plan_note_prompt")))
    note_text = await unflagged(NOTES[lang])
    note = await me.say(note_text)
    await me.newest(me.t("plan_note_saved"))
    assert note["message_id"] in await emulator.deleted_ids(me.uid)

    await bot.restart(emulator)
    await me.press(await me.hub(), me.b("plan"))
    section = await me.newest("(1/6)")  # resumed on the same section, days later or now
    assert "Kingfisher88" in section["text"] and "☑ 1." in section["text"]
    for k in range(2, 7):
        await me.press(section, me.b("next"))
        section = await me.edited(section["message_id"], f"({k}/6)")
    await me.press(section, me.b("next"))
    cat = plan_logic.load_catalogue()
    total = plan_logic.progress({"priorities": ["children", "money"]}, cat)[1]
    view = await me.newest(head(me.t("plan_view", done=1, total=total, body="")))
    assert me.t("plan_view", done=1, total=total, body="").strip() in view["text"]
    assert "Kingfisher88" in view["text"]
    dump = await dump_database(db_of(bot))
    assert b"Kingfisher88" not in dump and note_text.encode() not in dump

    await me.press(view, me.b("checklist"))
    listing = await me.newest(me.t("plan_checklist"))
    await me.press(listing, listing["reply_markup"]["inline_keyboard"][0][0]["text"])
    part = await me.edited(listing["message_id"], "(1/6)")
    await me.press(part, "☐ 2")
    await me.edited(part["message_id"], "☑ 2.")
    await me.press(await me.hub(), me.b("plan"))
    view = await me.newest(me.t("plan_view", done=2, total=total, body="").strip())

    await me.press(view, me.b("export"))
    doc = await emulator.wait_for_message(
        me.uid, lambda m: m["message_id"] > view["message_id"] and "document" in m, timeout=20)
    assert doc["document"]["file_name"].startswith("notes-") and not doc.get("caption")
    text, _reader = await pdf_text(emulator, doc)
    assert "Kingfisher88" in text and me.t("pdf_plan_title") in text
    tip = await me.newest(head(me.t("file_sent")))
    await me.press(tip, me.b("delete_file"))
    await me.newest(me.t("file_deleted"))
    assert doc["message_id"] in await emulator.deleted_ids(me.uid)

    await me.press(view, me.b("delete"))
    confirm = await me.newest(me.t("plan_delete_confirm"))
    await me.press(confirm, me.b("yes_delete"))
    await me.edited(confirm["message_id"], me.t("plan_deleted"))
    assert await query(db_of(bot), "SELECT id FROM safety_records WHERE kind = 'plan'") == []


def photo_bytes() -> bytes:
    """A real PNG, so the report can embed it."""
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 90)).save(buf, format="PNG")
    return buf.getvalue()


async def add_incident(
    me: Person, when: dt.datetime | None, what: str, witness: str | None,
    photo: bytes | None = None,
) -> None:
    """Record one incident through the journal flow (a past day and hour chosen by buttons)."""
    await me.press(await me.hub(), me.b("journal"))
    menu = await me.newest(head(me.t("journal_menu")))
    await me.press(menu, me.b("add"))
    ask = await me.newest(head(me.t("j_when")))
    if when is None:
        await me.press(ask, me.b("ok_time"))
    else:
        today = dt.datetime.now(ZoneInfo("Asia/Almaty")).date()
        day = me.b("yesterday") if today - when.date() == dt.timedelta(days=1) else when.strftime(
            "%d.%m")
        await me.press(ask, day)
        hours = await me.newest(me.t("j_hour"))
        await me.press(hours, when.strftime("%H:00"))
    await me.newest(head(me.t("j_what")))
    sent = await me.say(what)
    injuries = await me.newest(head(me.t("j_injuries")))
    assert sent["message_id"] in await me.emu.deleted_ids(me.uid)
    await me.press(injuries, me.b("skip"))
    witnesses = await me.newest(head(me.t("j_witnesses")))
    if witness is None:
        await me.press(witnesses, me.b("skip"))
    else:
        await me.say(witness)
    media = await me.newest(head(me.t("j_media")))
    if photo is not None:
        pic = await me.say(photo=photo)
        media = await me.newest(me.t("j_media_saved", n=1))
        assert pic["message_id"] in await me.emu.deleted_ids(me.uid)
    await me.press(media, me.b("save"))
    await me.newest(me.t("j_saved"))


SHOUT = {"ru": "Кричал и разбил чашку", "kk": "Айқайлап, кесемді сындырды"}


@pytest.mark.parametrize("lang", LANGS)
async def test_journal_with_photo_chronological_pdf_and_delete_all(
    emulator: EmulatorClient, bot: BotProcess, lang: str
) -> None:
    """Three incidents recorded out of order, one with a photo; the PDF lists them by date."""
    me = Person(emulator, lang)
    await start(me)
    photo, shout = photo_bytes(), SHOUT[lang]
    now = dt.datetime.now(ZoneInfo("Asia/Almaty")).replace(minute=0, second=0, microsecond=0)
    mid = (now - dt.timedelta(days=1)).replace(hour=21)
    old = (now - dt.timedelta(days=2)).replace(hour=9)
    texts = {m: await unflagged(variants(m, shout)) for m in ("Zebrafinch42", "Heron55",
                                                              "Osprey31")}
    witness = await unflagged(variants("Kestrel77", "соседка" if lang == "ru" else "көрші"))
    await add_incident(me, mid, texts["Zebrafinch42"], witness, photo)
    await add_incident(me, old, texts["Heron55"], None)
    await add_incident(me, None, texts["Osprey31"], None)
    dump = await dump_database(db_of(bot))
    for secret in (*texts.values(), witness, shout):
        assert secret.encode() not in dump, secret
    assert photo[-40:] not in dump and mid.isoformat()[:16].encode() not in dump

    await me.press(await me.hub(), me.b("journal"))
    menu = await me.newest(me.t("journal_menu", n=3))
    await me.press(menu, me.b("report"))
    doc = await emulator.wait_for_message(
        me.uid, lambda m: m["message_id"] > menu["message_id"] and "document" in m, timeout=20)
    assert doc["document"]["file_name"].startswith("records-")
    text, reader = await pdf_text(emulator, doc)
    order = [text.index(w) for w in ("Heron55", "Zebrafinch42", "Osprey31")]
    assert order == sorted(order), text
    for when in (old, mid):
        assert when.strftime("%d.%m.%Y %H:%M") in text
    assert witness in text and ("недопустимой" if lang == "ru" else "қабылданбауы") in text
    assert sum(len(page.images) for page in reader.pages) == 1

    await me.press(menu, me.b("delete_journal"))
    confirm = await me.newest(me.t("j_delete_confirm"))
    await me.press(confirm, me.b("yes_delete"))
    await me.newest(me.t("j_deleted"))
    for table in ("journal_entries", "journal_media"):
        assert await query(db_of(bot), f"SELECT id FROM {table}") == []


async def age_checkin(url: str) -> None:
    """Move the pending check-in into the past, as if its time had come while the bot was down."""
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1])
        conn.execute("UPDATE jobs SET run_at = ? WHERE kind = 'checkin'",
                     (past.strftime("%Y-%m-%d %H:%M:%S.%f"),))
        conn.commit()
        conn.close()
        return
    pg = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    await pg.execute("UPDATE jobs SET run_at = $1 WHERE kind = 'checkin'", past)
    await pg.close()


async def next_checkin(url: str) -> dt.datetime:
    """The pending check-in's time, once the job has moved it after sending (polls briefly)."""
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    for _ in range(50):
        rows = await query(url, "SELECT run_at, done FROM jobs WHERE kind = 'checkin'")
        assert len(rows) == 1
        run_at = rows[0][0]
        if not isinstance(run_at, dt.datetime):
            run_at = dt.datetime.fromisoformat(run_at).replace(tzinfo=dt.UTC)
        if run_at > soon and not rows[0][1]:
            return run_at
        await asyncio.sleep(0.1)
    raise AssertionError("the check-in job was not moved to its next safe slot")


async def window_now() -> int:
    """The start hour of the two-hour window we are in (waiting out its last minute)."""
    now = dt.datetime.now(ZoneInfo("Asia/Almaty"))
    if now.hour % 2 == 1 and now.minute == 59:
        await asyncio.sleep(61 - now.second)
        now = dt.datetime.now(ZoneInfo("Asia/Almaty"))
    return now.hour - now.hour % 2


@pytest.mark.parametrize(("lang", "reply"), [("ru", "ok"), ("kk", "help")])
async def test_checkin_fires_after_restart_inside_safe_hours(
    emulator: EmulatorClient, bot: BotProcess, lang: str, reply: str
) -> None:
    """Turn on, kill the bot, let the time come: a neutral message; its answers work."""
    me = Person(emulator, lang)
    await start(me)
    await me.press(await me.hub(), me.b("checkin"))
    screen = await me.newest(head(me.t("checkin_intro")))
    hour = await window_now()
    await me.press(screen, f"{hour:02d}–{hour + 2:02d}")
    screen = await me.edited(screen["message_id"], "✓ ")
    await me.press(screen, me.b("turn_on"))
    await me.edited(screen["message_id"], head(me.t("checkin_is_on")))
    assert len(await query(db_of(bot), "SELECT id FROM jobs WHERE kind = 'checkin'")) == 1
    assert b"windows" not in await dump_database(db_of(bot))
    await bot.stop(hard=True)
    await age_checkin(db_of(bot))
    await bot.start(emulator)
    msg = await me.newest(me.t("checkin_msg"), timeout=20)
    assert msg["text"] == me.t("checkin_msg")
    for word in ("насили", "безопас", "план", "зорлық", "қауіп", "жоспар"):
        assert word not in msg["text"].lower()
    assert await next_checkin(db_of(bot)) > dt.datetime.now(dt.UTC) + dt.timedelta(hours=12)
    if reply == "ok":
        await me.press(msg, me.b("im_ok"))
        await me.edited(msg["message_id"], me.t("checkin_ok_reply"))
    else:
        await me.press(msg, me.b("need_help"))
        sos = await me.newest("102")
        assert "112" in sos["text"]
        await wait_topic("URGENT", emulator)
