"""Staff buttons on the case card: every press is signature-checked before anything else."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import EditMessageReplyMarkup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.models import Case
from bot.db.repos.cases import CaseRepo
from bot.desk import lifecycle, templates
from bot.desk.access import actor
from bot.desk.cards import (
    CLOSE_OUTCOMES,
    DeskCb,
    case_card_markup,
    outcomes_markup,
    templates_markup,
    verify,
)
from bot.desk.notify import post
from bot.desk.relay import send_to_user
from bot.desk.repo import DeskRepo
from bot.desk.texts import staff_text

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.callback_query(DeskCb.filter())
async def desk_press(
    query: CallbackQuery, callback_data: DeskCb, app: App, session: AsyncSession
) -> None:
    """Refuse unsigned presses; route the rest by action."""
    if not verify(app, callback_data):
        log.warning("forged or foreign desk button refused")
        await app.sender(query.answer(staff_text("refused"), show_alert=True))
        return
    case = await CaseRepo(session, app.cipher).by_public_id(callback_data.case)
    if case is None:
        await app.sender(query.answer(staff_text("unknown_case"), show_alert=True))
        return
    await _route(query, callback_data.action, case, app, session)


async def _route(
    query: CallbackQuery, action: str, case: Case, app: App, session: AsyncSession
) -> None:
    if action == "take":
        await _take(query, case, app, session)
    elif action == "transfer":
        await _transfer(query, case, app, session)
    elif action == "close":
        await _keyboard(query, app, outcomes_markup(app, case.public_id))
    elif action == "templates":
        await _keyboard(query, app, templates_markup(app, case.public_id, app.settings.staff_lang))
    elif action == "card":
        info = CaseRepo(session, app.cipher).info(case)
        await _keyboard(query, app, case_card_markup(app, info))
    elif action == "reopen":
        await _reopen(query, case, app, session)
    elif action.startswith("o_") and action[2:] in CLOSE_OUTCOMES:
        await _close(query, case, action[2:], app, session)
    elif action.startswith("t_"):
        await _template(query, case, action[2:], app, session)
    else:
        await app.sender(query.answer(staff_text("refused"), show_alert=True))


async def _keyboard(
    query: CallbackQuery, app: App, markup: InlineKeyboardMarkup, answer: bool = True
) -> None:
    if answer:
        await app.sender(query.answer())
    if query.message is None:
        return
    try:
        await app.sender(
            EditMessageReplyMarkup(
                chat_id=query.message.chat.id,
                message_id=query.message.message_id,
                reply_markup=markup,
            )
        )
    except TelegramBadRequest:
        log.info("card keyboard unchanged")


async def _take(query: CallbackQuery, case: Case, app: App, session: AsyncSession) -> None:
    if await lifecycle.take(app, session, case, query.from_user):
        await app.sender(query.answer(staff_text("took", who=case.assignee_label)))
        return
    await session.refresh(case)
    key = "case_closed" if case.status == "closed" else "already_taken"
    await app.sender(
        query.answer(staff_text(key, who=case.assignee_label or "?"), show_alert=True)
    )


async def _transfer(query: CallbackQuery, case: Case, app: App, session: AsyncSession) -> None:
    if await lifecycle.transfer(app, session, case, query.from_user):
        await app.sender(query.answer())
        return
    await app.sender(
        query.answer(staff_text("taken_other", who=case.assignee_label or "?"), show_alert=True)
    )


async def _close(
    query: CallbackQuery, case: Case, outcome: str, app: App, session: AsyncSession
) -> None:
    if case.status == "assigned" and case.assignee_id != query.from_user.id:
        await app.sender(
            query.answer(staff_text("taken_other", who=case.assignee_label), show_alert=True)
        )
        return
    await app.sender(query.answer())
    if not await lifecycle.close(app, session, case, query.from_user, outcome):
        await post(app, case, staff_text("case_closed"))


async def _reopen(query: CallbackQuery, case: Case, app: App, session: AsyncSession) -> None:
    await app.sender(query.answer())
    await lifecycle.reopen(app, session, case, query.from_user)


async def _template(
    query: CallbackQuery, case: Case, template_id: str, app: App, session: AsyncSession
) -> None:
    template = templates.by_id(template_id)
    if template is None:
        await app.sender(query.answer(staff_text("refused"), show_alert=True))
        return
    if case.status == "closed" or (
        case.assignee_id is not None and case.assignee_id != query.from_user.id
    ):
        key = "case_closed" if case.status == "closed" else "taken_other"
        await app.sender(query.answer(staff_text(key, who=case.assignee_label), show_alert=True))
        return
    await app.sender(query.answer())
    info = CaseRepo(session, app.cipher).info(case)
    await _keyboard(query, app, case_card_markup(app, info), answer=False)
    if case.status == "queued":
        await lifecycle.take(app, session, case, query.from_user)
    await DeskRepo(session, app.cipher).audit(
        actor(app, query.from_user.id), "template", case.public_id, template.id
    )
    await send_to_user(app, session, case, escape(template.text(case.lang)))
    title = template.title.get(app.settings.staff_lang) or template.title["ru"]
    await post(app, case, staff_text("template_sent", title=escape(title)))
