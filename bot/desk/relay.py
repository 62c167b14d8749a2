"""Relay between a user and their case topic with copyMessage (no identity crosses over).

Every relayed message is first written to the encrypted transcript as undelivered, with a
durable retry job in the same transaction; only then does the network call happen. A crash
or a Telegram error between the two leaves an outbox line that the job delivers later.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

from aiogram.methods import CopyMessage, SendMessage
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.db.models import Case, CaseMessage
from bot.db.repos.cases import CaseRepo
from bot.desk.texts import user_text

log = logging.getLogger(__name__)
RETRY_AFTER = dt.timedelta(seconds=10)
STAFF_TEXT, STAFF_MEDIA, USER = "staff", "staff_m", "user"
CAPTIONED = {"photo", "document", "video", "audio", "voice", "animation"}


async def relay_user_message(app: App, session: AsyncSession, message: Message) -> bool:
    """Copy a user's message into their open case topic and the encrypted transcript."""
    repo = CaseRepo(session, app.cipher)
    case = await repo.open_for_user(message.chat.id)
    if case is None:
        return False
    line = await repo.add_message(
        case.id,
        USER,
        message.text or message.caption,
        user_msg_id=message.message_id,
        delivered=False,
    )
    await _outbox(app, session, case, line)
    if case.topic_id is not None:
        await deliver_safely(app, session, case, line)
    return True


async def relay_staff_message(
    app: App, session: AsyncSession, case: Case, message: Message
) -> None:
    """Store a staff reply, then copy it to the user signed "Consultant"."""
    media = message.content_type in CAPTIONED or message.text is None
    body = message.html_text if (message.text or message.caption) else None
    line = await CaseRepo(session, app.cipher).add_message(
        case.id,
        STAFF_MEDIA if media else STAFF_TEXT,
        body,
        staff_msg_id=message.message_id,
        delivered=False,
    )
    await _outbox(app, session, case, line)
    await deliver_safely(app, session, case, line)


async def send_to_user(app: App, session: AsyncSession, case: Case, html: str) -> None:
    """A staff text without a staff message behind it (templates), through the outbox."""
    line = await CaseRepo(session, app.cipher).add_message(
        case.id, STAFF_TEXT, html, delivered=False
    )
    await _outbox(app, session, case, line)
    await deliver_safely(app, session, case, line)


async def _outbox(app: App, session: AsyncSession, case: Case, line: CaseMessage) -> None:
    assert app.scheduler is not None
    await app.scheduler.schedule(
        "desk_deliver",
        utcnow() + RETRY_AFTER,
        user_id=case.user_id,
        payload={"line": line.id},
        dedupe_key=f"desk_deliver:{line.id}",
    )
    await session.commit()  # durable (line + retry job) before any network call


async def deliver_safely(app: App, session: AsyncSession, case: Case, line: CaseMessage) -> None:
    """Deliver now; on failure tell staff once and leave the line to the retry job."""
    try:
        await deliver(app, session, case, line)
    except Exception:
        log.warning("relay of line %s failed; the outbox job will retry", line.id, exc_info=True)
        await session.rollback()
        if line.author != USER:
            from bot.desk.notify import post
            from bot.desk.texts import staff_text

            with app.i18n.use_locale(app.settings.staff_lang):
                await post(app, case, "⚠️ " + staff_text("not_delivered"))


async def deliver(app: App, session: AsyncSession, case: Case, line: CaseMessage) -> None:
    """Send one outbox line to the other side and mark it delivered."""
    if line.delivered:
        return
    if line.author == USER:
        line.staff_msg_id = await _to_topic(app, session, case, line)
    else:
        line.user_msg_id = await _to_user(app, session, case, line)
        case.first_reply_at = case.first_reply_at or utcnow()
    line.delivered = True
    await session.commit()


async def _to_topic(app: App, session: AsyncSession, case: Case, line: CaseMessage) -> int:
    chat_id = app.settings.staff_chat_id
    if chat_id is None or case.topic_id is None:
        raise RuntimeError("case not published yet")
    try:
        copied = await app.sender(
            CopyMessage(
                chat_id=chat_id,
                from_chat_id=case.user_id,
                message_id=line.user_msg_id or 0,
                message_thread_id=case.topic_id,
                disable_notification=case.priority > 0,
            )
        )
        return copied.message_id
    except Exception:
        body = CaseRepo(session, app.cipher).body(line)
        if body is None:
            raise
        # The original is gone (quick exit deletes it); the transcript still has the words.
        sent = await app.sender(
            SendMessage(chat_id=chat_id, message_thread_id=case.topic_id, text=escape(body))
        )
        return sent.message_id


def consultant_prefix(app: App, lang: str) -> str:
    """The bold "Consultant:" label in the user's language (never a staff name)."""
    with app.i18n.use_locale(lang):
        return f"<b>{user_text('consultant')}:</b>"


async def _to_user(app: App, session: AsyncSession, case: Case, line: CaseMessage) -> int:
    label = consultant_prefix(app, case.lang)
    body = CaseRepo(session, app.cipher).body(line)
    if line.author == STAFF_TEXT:
        sent = await app.sender(SendMessage(chat_id=case.user_id, text=f"{label}\n{body or ''}"))
        return sent.message_id
    assert app.settings.staff_chat_id is not None and line.staff_msg_id is not None
    caption = f"{label}\n{body}" if body else label
    copied = await app.sender(
        CopyMessage(
            chat_id=case.user_id,
            from_chat_id=app.settings.staff_chat_id,
            message_id=line.staff_msg_id,
            caption=caption,
        )
    )
    return copied.message_id


async def deliver_pending(app: App, session: AsyncSession, case: Case) -> None:
    """After a late publication: push the user's lines that waited for the topic."""
    for line in await CaseRepo(session, app.cipher).messages(case.id):
        if not line.delivered:
            await deliver_safely(app, session, case, line)
