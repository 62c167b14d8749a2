"""/forget: erase everything the service holds about a user."""

from __future__ import annotations

import logging

from aiogram.methods import DeleteForumTopic
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.models import (
    AuditEntry,
    Case,
    CaseMessage,
    ChatMessage,
    FsmRecord,
    Job,
    JournalEntry,
    JournalMedia,
    SafetyRecord,
    User,
)

log = logging.getLogger(__name__)
USER_TABLES = (JournalMedia, JournalEntry, SafetyRecord, ChatMessage, FsmRecord, Job)


async def forget_user(app: App, session: AsyncSession, user_id: int) -> None:
    """Delete the user's rows everywhere, their staff topics, and pseudonymise the audit."""
    cases = list(await session.scalars(select(Case).where(Case.user_id == user_id)))
    for case in cases:
        await _drop_topic(app, case)
    public_ids = [c.public_id for c in cases]
    if public_ids:
        await session.execute(
            update(AuditEntry)
            .where(AuditEntry.case_public_id.in_(public_ids))
            .values(case_public_id=None, detail="erased at user request")
        )
        ids = [c.id for c in cases]
        await session.execute(delete(CaseMessage).where(CaseMessage.case_id.in_(ids)))
        await session.execute(delete(Case).where(Case.id.in_(ids)))
    for table in USER_TABLES:
        await session.execute(delete(table).where(table.user_id == user_id))
    await session.execute(delete(User).where(User.id == user_id))
    await session.commit()
    log.info("user data erased on request (%d cases)", len(cases))


async def _drop_topic(app: App, case: Case) -> None:
    if case.topic_id is None or app.settings.staff_chat_id is None:
        return
    try:
        await app.sender(
            DeleteForumTopic(chat_id=app.settings.staff_chat_id, message_thread_id=case.topic_id)
        )
    except Exception:
        log.warning("could not delete the staff topic of an erased case", exc_info=True)
