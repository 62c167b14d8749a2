"""User side of the desk: /human, the safe-contact card, relaying while a case is open.

Included right after the emergency router, so SOS and quick exit keep working, and before
every flow: while a consultant has the case, the bot itself stays quiet.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, Filter
from aiogram.methods import EditMessageCaption, EditMessageText
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import NavCb
from bot.context import App
from bot.db.repos.cases import CaseRepo
from bot.desk import lifecycle, safe_contact
from bot.desk.relay import relay_user_message
from bot.desk.repo import DeskRepo
from bot.desk.safe_contact import SafeCb
from bot.keyboards import buttons_kb
from bot.texts import text

router = Router(name=__name__)
log = logging.getLogger(__name__)
NOT_COMMAND = ~F.text.startswith("/")


def _lang(app: App) -> str:
    locale = app.i18n.current_locale
    return locale if locale in ("kk", "ru") else app.settings.default_lang


class CaseState(Filter):
    """Matches when the user's open case is in one of ``statuses``; passes it on as ``case``."""

    def __init__(self, *statuses: str) -> None:
        self.statuses = statuses

    async def __call__(self, message: Message, app: App, session: AsyncSession) -> Any:
        """Look the case up (one indexed query per private message)."""
        case = await CaseRepo(session, app.cipher).open_for_user(message.chat.id)
        return {"case": case} if case is not None and case.status in self.statuses else False


class RecentlyClosed(Filter):
    """Matches when the user's last case closed within REOPEN_WINDOW_H hours."""

    async def __call__(self, message: Message, app: App, session: AsyncSession) -> Any:
        """Find the case to reopen."""
        repo = DeskRepo(session, app.cipher)
        case = await repo.recently_closed(message.chat.id, app.settings.reopen_window_h)
        if case is None or case.outcome == "banned":
            return False
        return {"case": case}


@router.message(Command("human"))
async def human_command(message: Message, app: App, session: AsyncSession) -> None:
    """/human: the safe-contact card, then a consultant."""
    await safe_contact.start_safe_contact(app, session, message.chat.id, _lang(app))


@router.callback_query(NavCb.filter(F.to == "human"))
async def human_button(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """The "Talk to a consultant" button."""
    await app.sender(query.answer())
    await safe_contact.start_safe_contact(app, session, query.from_user.id, _lang(app))


@router.callback_query(SafeCb.filter())
async def safe_answer(
    query: CallbackQuery, callback_data: SafeCb, app: App, session: AsyncSession
) -> None:
    """One answer on the safe-contact card."""
    await app.sender(query.answer())
    if query.message is None:
        return
    await safe_contact.answer(
        app, session, query.from_user.id, query.message.message_id, callback_data, _lang(app)
    )


@router.message(NOT_COMMAND, CaseState("assigned"))
async def to_consultant(message: Message, app: App, session: AsyncSession) -> None:
    """A consultant has the case: relay everything, and the bot says nothing itself."""
    await relay_user_message(app, session, message)


@router.message(NOT_COMMAND, ~F.text, CaseState("queued"))
async def media_while_waiting(message: Message, app: App, session: AsyncSession) -> None:
    """Photos and files while waiting go to the case too (text goes through the policy)."""
    await relay_user_message(app, session, message)
    await app.sender.text(message.chat.id, text("case_waiting"), reply_markup=buttons_kb(["sos"]))


@router.message(NOT_COMMAND, RecentlyClosed())
async def write_again(message: Message, app: App, session: AsyncSession, case: Any) -> None:
    """Writing again soon after a close reopens the same case."""
    if await lifecycle.reopen(app, session, case, None):
        await relay_user_message(app, session, message)
        await lifecycle.tell_user(app, case, "reopened")
        return
    log.info("case could not be reopened; the bot answers")
    raise SkipHandler


@router.edited_message(F.chat.type == "private")
async def user_edited(message: Message, app: App, session: AsyncSession) -> None:
    """Mirror an edit into the topic copy (text and captions; Telegram allows both)."""
    case = await CaseRepo(session, app.cipher).latest_for_user(message.chat.id)
    if case is None or app.settings.staff_chat_id is None:
        return
    line = await DeskRepo(session, app.cipher).line_by(case.id, user_msg_id=message.message_id)
    if line is None or line.author != "user" or line.staff_msg_id is None:
        return
    new = message.text or message.caption or ""
    line.body_enc = app.cipher.encrypt_text(new, "case-message") if new else None
    await session.commit()
    chat, mid = app.settings.staff_chat_id, line.staff_msg_id
    if message.text is not None:
        await app.sender(EditMessageText(chat_id=chat, message_id=mid, text=escape(new)))
    else:
        await app.sender(EditMessageCaption(chat_id=chat, message_id=mid, caption=escape(new)))
