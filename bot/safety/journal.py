"""Incident journal: record step by step, move media into encrypted storage, PDF, delete all."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.safety import pdf
from bot.safety.common import JrnCb, SafeNav, back_row, btn, kb, send_file
from bot.safety.repo import JournalRepo
from bot.safety.texts import b, t
from dialogs import journal as logic

router = Router(name=__name__)
log = logging.getLogger(__name__)
PROMPTS = {
    "what": "j_what",
    "injuries": "j_injuries",
    "witnesses": "j_witnesses",
    "media": "j_media",
}


class JournalSG(StatesGroup):
    """Recording an incident; the step itself lives in the (encrypted) draft."""

    draft = State()


def local_now(app: App) -> dt.datetime:
    """Now in the service's time zone (Kazakhstan), which users read dates in."""
    return dt.datetime.now(ZoneInfo(app.settings.staff_timezone)).replace(second=0, microsecond=0)


def fmt(when: dt.datetime) -> str:
    """25.11.2026 21:30."""
    return when.strftime("%d.%m.%Y %H:%M")


@router.callback_query(SafeNav.filter(F.to == "journal"))
async def menu(query: CallbackQuery, app: App, session: AsyncSession, state: FSMContext) -> None:
    """How many entries there are, and what can be done."""
    await app.sender(query.answer())
    await state.set_state(None)
    await send_menu(app, session, query.from_user.id)


async def send_menu(app: App, session: AsyncSession, user_id: int) -> None:
    """The journal screen."""
    count = await JournalRepo(session, app.cipher).count(user_id)
    rows = [[btn(b("add"), JrnCb(do="add"))]]
    if count:
        rows.append(
            [btn(b("report"), JrnCb(do="report")), btn(b("delete_journal"), JrnCb(do="delete"))]
        )
    await app.sender.text(
        user_id, t("journal_menu", n=count), reply_markup=kb([*rows, back_row()])
    )


@router.callback_query(JrnCb.filter(F.do == "add"))
async def add(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """A new draft dated now."""
    await app.sender(query.answer())
    draft = logic.new_draft(local_now(app))
    await state.set_state(JournalSG.draft)
    await state.set_data({"draft": draft})
    await prompt(app, query.from_user.id, draft)


async def prompt(app: App, user_id: int, draft: dict[str, Any]) -> None:
    """Ask for the current step, with the buttons that step allows."""
    step = draft["step"]
    cancel = btn(b("cancel"), JrnCb(do="cancel"))
    if step in ("when", "hour"):
        body, markup = _when_screen(draft, cancel)
        await app.sender.text(user_id, body, reply_markup=markup)
        return
    first = (
        btn(b("save"), JrnCb(do="save")) if step == "media" else btn(b("skip"), JrnCb(do="skip"))
    )
    row = [first] if step in logic.OPTIONAL else []
    row += [] if step == "media" else [cancel]
    await app.sender.text(user_id, t(PROMPTS[step]), reply_markup=kb([row]))


def _when_screen(draft: dict[str, Any], cancel: Any) -> tuple[str, Any]:
    """Day buttons (then rough hours), so a date need not be typed."""
    when = dt.datetime.fromisoformat(draft["when"])
    if draft["step"] == "hour":
        hours = [btn(f"{h:02d}:00", JrnCb(do="hour", arg=h)) for h in logic.HOURS]
        return t("j_hour"), kb([hours[:4], hours[4:], [cancel]])
    days = [
        btn(
            b("yesterday") if n == 1 else fmt(when - dt.timedelta(days=n))[:5],
            JrnCb(do="day", arg=n),
        )
        for n in range(1, logic.DAYS_BACK + 1)
    ]
    rows = [[btn(b("ok_time"), JrnCb(do="skip"))], days[:3], days[3:], [cancel]]
    return t("j_when", when=fmt(when)), kb(rows)


@router.callback_query(JournalSG.draft, JrnCb.filter(F.do.in_({"day", "hour"})))
async def pick(
    query: CallbackQuery, callback_data: JrnCb, app: App, session: AsyncSession, state: FSMContext
) -> None:
    """A day, then an hour, chosen by button."""
    await app.sender(query.answer())
    draft = (await state.get_data()).get("draft")
    if not draft:
        return
    now = local_now(app)
    if callback_data.do == "day":
        moved = logic.pick_day(draft, callback_data.arg, now)
    else:
        moved = logic.pick_hour(draft, callback_data.arg, 0, now)
    if moved is draft:
        await app.sender.text(query.from_user.id, t("j_bad_date"))
        return
    await step_to(app, session, state, query.from_user.id, moved)


@router.message(JournalSG.draft, F.text, ~F.text.startswith("/"))
async def typed(message: Message, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Text for the current step (the urgent guard has already screened it)."""
    draft = (await state.get_data()).get("draft")
    if not draft or draft["step"] == "media":
        await app.sender.text(message.chat.id, t("j_text_needed"))
        return
    draft, ok = logic.give_text(draft, message.text or "", local_now(app))
    if not ok:
        key = "j_bad_date" if draft["step"] in ("when", "hour") else "j_text_needed"
        await app.sender.text(message.chat.id, t(key))
        return
    # The words are now stored encrypted; they should not stay readable in the chat.
    await app.sender.delete(message.chat.id, [message.message_id])
    await step_to(app, session, state, message.chat.id, draft)


@router.callback_query(JournalSG.draft, JrnCb.filter(F.do == "skip"))
async def skip(query: CallbackQuery, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Keep the default time, or leave an optional field empty."""
    await app.sender(query.answer())
    draft = (await state.get_data()).get("draft")
    if draft:
        await step_to(app, session, state, query.from_user.id, logic.skip(draft))


async def step_to(
    app: App, session: AsyncSession, state: FSMContext, user_id: int, draft: dict[str, Any]
) -> None:
    """Keep the draft; on reaching the media step, save the entry so media can attach to it."""
    data: dict[str, Any] = {"draft": draft}
    if draft["step"] == "media":
        when = dt.datetime.fromisoformat(draft["when"])
        data["entry"] = await JournalRepo(session, app.cipher).add(
            user_id, when, logic.body_of(draft)
        )
        data["draft"] = {"step": "media"}  # the texts now live only in the journal
        data["media"] = 0
        await session.commit()
    await state.set_data(data)
    await prompt(app, user_id, data["draft"])


@router.message(JournalSG.draft, F.photo | F.document)
async def media(message: Message, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Download, encrypt and store the file, then delete the user's message from the chat."""
    data = await state.get_data()
    if data.get("draft", {}).get("step") != "media" or "entry" not in data:
        await app.sender.text(message.chat.id, t("j_text_needed"))
        return
    kind, file_id = (
        ("photo", message.photo[-1].file_id)
        if message.photo
        else ("document", message.document.file_id if message.document else "")
    )
    buffer = await app.bot.download(file_id)
    assert buffer is not None
    await JournalRepo(session, app.cipher).add_media(
        message.chat.id, data["entry"], kind, buffer.read()
    )
    data["media"] = int(data.get("media", 0)) + 1
    await state.set_data(data)
    await session.commit()
    await app.sender.delete(message.chat.id, [message.message_id])
    row = [btn(b("save"), JrnCb(do="save"))]
    await app.sender.text(
        message.chat.id, t("j_media_saved", n=data["media"]), reply_markup=kb([row])
    )


@router.callback_query(JrnCb.filter(F.do.in_({"save", "cancel"})))
async def done(query: CallbackQuery, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Finish: an entry that reached the media step is saved; an earlier one is dropped."""
    await app.sender(query.answer())
    saved = "entry" in (await state.get_data())
    await state.set_state(None)
    await state.set_data({})
    await app.sender.text(query.from_user.id, t("j_saved" if saved else "j_cancelled"))
    await send_menu(app, session, query.from_user.id)


@router.callback_query(JrnCb.filter(F.do == "report"))
async def report(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """A dated, chronological PDF report with photos and a note on evidence."""
    await app.sender(query.answer())
    user_id, repo = query.from_user.id, JournalRepo(session, app.cipher)
    entries = logic.chronological(await repo.entries(user_id))
    if not entries:
        await app.sender.text(user_id, t("j_empty"), reply_markup=kb([back_row()]))
        return
    blocks = [await _block(repo, user_id, e) for e in entries]
    today = local_now(app).date().isoformat()
    header = [t("pdf_made", date=fmt(local_now(app))), t("pdf_order")]
    data = pdf.render(t("pdf_journal_title"), header, blocks, [t("pdf_legal_note")])
    await send_file(app, user_id, data, f"records-{today}.pdf")


async def _block(repo: JournalRepo, user_id: int, entry: logic.Entry) -> pdf.Block:
    lines = [f"{t('pdf_what')}: {entry.what}"]
    if entry.injuries:
        lines.append(f"{t('pdf_injuries')}: {entry.injuries}")
    if entry.witnesses:
        lines.append(f"{t('pdf_witnesses')}: {entry.witnesses}")
    images: tuple[bytes, ...] = ()
    if entry.media:
        lines.append(t("pdf_attachments", n=entry.media))
        images = tuple(data for _kind, data in await repo.media(user_id, entry.id))
    return pdf.Block(f"{t('pdf_when')}: {fmt(entry.occurred_at)}", lines, images)


@router.callback_query(JrnCb.filter(F.do.in_({"delete", "delete_yes"})))
async def delete(
    query: CallbackQuery, callback_data: JrnCb, app: App, session: AsyncSession
) -> None:
    """Ask, then erase every entry and attachment."""
    await app.sender(query.answer())
    user_id = query.from_user.id
    if callback_data.do == "delete":
        rows = [
            [btn(b("yes_delete"), JrnCb(do="delete_yes")), btn(b("no"), SafeNav(to="journal"))]
        ]
        await app.sender.text(user_id, t("j_delete_confirm"), reply_markup=kb(rows))
        return
    await JournalRepo(session, app.cipher).delete_all(user_id)
    await session.commit()
    await app.sender.text(user_id, t("j_deleted"), reply_markup=kb([back_row()]))
