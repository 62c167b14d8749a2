"""Relay between a user and their case topic with copyMessage (no identity crosses over)."""

from __future__ import annotations

import logging

from aiogram.methods import CopyMessage
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.repos.cases import CaseRepo

log = logging.getLogger(__name__)


async def relay_user_message(app: App, session: AsyncSession, message: Message) -> bool:
    """Copy a user's message into their open case topic and the encrypted transcript."""
    repo = CaseRepo(session, app.cipher)
    case = await repo.open_for_user(message.chat.id)
    if case is None:
        return False
    line = await repo.add_message(
        case.id,
        "user",
        message.text or message.caption,
        user_msg_id=message.message_id,
        delivered=False,
    )
    await session.commit()  # in the transcript (undelivered) before we try the network
    if case.topic_id is None or app.settings.staff_chat_id is None:
        return True
    copied = await app.sender(
        CopyMessage(
            chat_id=app.settings.staff_chat_id,
            from_chat_id=message.chat.id,
            message_id=message.message_id,
            message_thread_id=case.topic_id,
            disable_notification=case.priority > 0,
        )
    )
    line.staff_msg_id, line.delivered = copied.message_id, True
    await session.commit()
    return True
