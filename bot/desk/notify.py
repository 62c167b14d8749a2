"""Publish a case to the staff forum: one topic per case, named by its pseudonym."""

from __future__ import annotations

import logging

from aiogram.methods import CreateForumTopic, EditForumTopic, PinChatMessage, SendMessage
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
        else:
            await app.sender(
                EditForumTopic(
                    chat_id=chat_id, message_thread_id=case.topic_id, name=topic_name(info)
                )
            )
        card = await app.sender(
            SendMessage(
                chat_id=chat_id,
                message_thread_id=case.topic_id,
                text=case_card_text(
                    info,
                    await CaseRepo(session, app.cipher).messages(case.id),
                    CaseRepo(session, app.cipher),
                ),
                reply_markup=case_card_markup(app, info),
                disable_notification=case.priority > 0,
            )
        )
    case.card_message_id = card.message_id
    case.notified_at = case.notified_at or utcnow()
    await session.commit()
    await _pin(app, chat_id, card.message_id)
    return True


async def _pin(app: App, chat_id: int, message_id: int) -> None:
    try:
        await app.sender(
            PinChatMessage(chat_id=chat_id, message_id=message_id, disable_notification=True)
        )
    except Exception:
        # Pinning is a convenience; the card is already in the topic.
        log.warning("could not pin the case card", exc_info=True)
