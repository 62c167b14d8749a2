"""Publish a case to the staff forum: one topic per case, named by its pseudonym."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    CloseForumTopic,
    CreateForumTopic,
    EditForumTopic,
    EditMessageText,
    PinChatMessage,
    ReopenForumTopic,
    SendMessage,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.db.models import Case
from bot.db.repos.cases import CaseRepo
from bot.desk.cards import case_card_markup, case_card_text, topic_name

log = logging.getLogger(__name__)
# Telegram's allowed topic icon colours: red for urgent, yellow for high, blue otherwise.
ICON_COLORS = {0: 0xFB6F5F, 1: 0xFFD67E, 2: 0x6FB9F0}


async def publish_case(app: App, session: AsyncSession, case: Case) -> bool:
    """Create or refresh the case topic and its card; True when staff were reached."""
    chat_id = app.settings.staff_chat_id
    if chat_id is None:
        log.warning("case %s queued but STAFF_CHAT_ID is not set", case.public_id)
        return False
    info = CaseRepo(session, app.cipher).info(case)
    with app.i18n.use_locale(app.settings.staff_lang):
        if case.topic_id is None:
            topic = await app.sender(
                CreateForumTopic(
                    chat_id=chat_id, name=topic_name(info), icon_color=ICON_COLORS[case.priority]
                )
            )
            case.topic_id = topic.message_thread_id
            await session.commit()  # the topic mapping survives a crash from here on
        else:
            await _rename(app, case, topic_name(info))
        card = await app.sender(
            SendMessage(
                chat_id=chat_id,
                message_thread_id=case.topic_id,
                text=await _card_text(app, session, case),
                reply_markup=case_card_markup(app, info),
                disable_notification=case.priority > 0,
            )
        )
    case.card_message_id = card.message_id
    case.notified_at = case.notified_at or utcnow()
    await session.commit()
    await _pin(app, chat_id, card.message_id)
    return True


async def _card_text(app: App, session: AsyncSession, case: Case) -> str:
    repo = CaseRepo(session, app.cipher)
    return case_card_text(repo.info(case), await repo.messages(case.id), repo, case.outcome)


async def refresh_card(app: App, session: AsyncSession, case: Case) -> None:
    """Re-render the pinned card and topic name after a change (best effort)."""
    chat_id = app.settings.staff_chat_id
    if chat_id is None or case.topic_id is None or case.card_message_id is None:
        return
    info = CaseRepo(session, app.cipher).info(case)
    with app.i18n.use_locale(app.settings.staff_lang):
        try:
            await app.sender(
                EditMessageText(
                    chat_id=chat_id,
                    message_id=case.card_message_id,
                    text=await _card_text(app, session, case),
                    reply_markup=case_card_markup(app, info),
                )
            )
        except TelegramBadRequest as exc:
            if "not modified" not in str(exc):
                log.warning("could not refresh the card of %s", case.public_id)
        await _rename(app, case, topic_name(info) + (" · ✓" if case.status == "closed" else ""))


async def _rename(app: App, case: Case, name: str) -> None:
    assert app.settings.staff_chat_id is not None and case.topic_id is not None
    try:
        await app.sender(
            EditForumTopic(
                chat_id=app.settings.staff_chat_id, message_thread_id=case.topic_id, name=name
            )
        )
    except TelegramBadRequest:
        log.info("topic of %s not renamed (unchanged or gone)", case.public_id)


async def post(app: App, case: Case, body: str, *, loud: bool = False) -> int | None:
    """A bot line in the case topic (or the General topic when there is none yet)."""
    chat_id = app.settings.staff_chat_id
    if chat_id is None:
        return None
    sent = await app.sender(
        SendMessage(
            chat_id=chat_id,
            message_thread_id=case.topic_id,
            text=body,
            disable_notification=not loud,
        )
    )
    return sent.message_id


async def set_topic_open(app: App, case: Case, is_open: bool) -> None:
    """Close the topic with the case (nobody writes into a closed case by mistake)."""
    if app.settings.staff_chat_id is None or case.topic_id is None:
        return
    method = ReopenForumTopic if is_open else CloseForumTopic
    try:
        await app.sender(
            method(chat_id=app.settings.staff_chat_id, message_thread_id=case.topic_id)
        )
    except TelegramBadRequest:
        log.info("topic of %s already in that state", case.public_id)


async def _pin(app: App, chat_id: int, message_id: int) -> None:
    try:
        await app.sender(
            PinChatMessage(chat_id=chat_id, message_id=message_id, disable_notification=True)
        )
    except Exception:
        # Pinning is a convenience; the card is already in the topic.
        log.warning("could not pin the case card", exc_info=True)
