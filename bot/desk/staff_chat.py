"""Staff messages in the forum: replies and notes in case topics, and the desk commands."""

from __future__ import annotations

import datetime as dt
import logging
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.methods import EditMessageCaption, EditMessageText, SendDocument
from aiogram.types import BufferedInputFile, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.db.models import Case
from bot.db.repos.cases import CaseRepo
from bot.desk import lifecycle
from bot.desk.access import actor, is_supervisor
from bot.desk.relay import STAFF_MEDIA, STAFF_TEXT, consultant_prefix, relay_staff_message
from bot.desk.render import queue_text, stats_text, transcript
from bot.desk.repo import DeskRepo
from bot.desk.texts import staff_text

router = Router(name=__name__)
log = logging.getLogger(__name__)
RELAYABLE = {
    "text",
    "photo",
    "document",
    "video",
    "audio",
    "voice",
    "animation",
    "sticker",
    "location",
    "contact",
    "video_note",
}


async def _topic_case(app: App, session: AsyncSession, message: Message) -> Case | None:
    if not message.is_topic_message or message.message_thread_id is None:
        return None
    return await CaseRepo(session, app.cipher).by_topic(message.message_thread_id)


async def _reply(app: App, message: Message, body: str) -> None:
    await app.sender(message.reply(body, disable_notification=True))


@router.message(Command("queue"))
async def queue(message: Message, app: App, session: AsyncSession) -> None:
    """Open cases by priority and waiting time."""
    cases = await DeskRepo(session, app.cipher).open_cases()
    await _reply(app, message, queue_text(cases, utcnow()))


@router.message(Command("stats"))
async def stats(message: Message, app: App, session: AsyncSession) -> None:
    """Supervisor statistics for today and the last seven days."""
    assert message.from_user is not None
    if not await is_supervisor(app, message.from_user):
        await _reply(app, message, staff_text("supervisors_only"))
        return
    cases = await DeskRepo(session, app.cipher).cases_since(utcnow() - dt.timedelta(days=7))
    await _reply(app, message, stats_text(cases, utcnow()))


@router.message(Command("note"))
async def note_command(message: Message, app: App, session: AsyncSession) -> None:
    """/note text: a private note in the case (never sent to the user)."""
    case = await _topic_case(app, session, message)
    if case is None:
        await _reply(app, message, staff_text("topic_only"))
        return
    await _note(app, session, case, message)


@router.message(Command("ban"))
async def ban(message: Message, command: CommandObject, app: App, session: AsyncSession) -> None:
    """/ban reason: the user of this case can no longer reach the desk."""
    case = await _topic_case(app, session, message)
    reason = (command.args or "").strip()
    if case is None or not reason:
        await _reply(app, message, staff_text("ban_usage"))
        return
    assert message.from_user is not None
    await lifecycle.ban(app, session, case, message.from_user, reason[:200])


@router.message(Command("unban"))
async def unban(message: Message, command: CommandObject, app: App, session: AsyncSession) -> None:
    """/unban (in the topic) or /unban K-1234: lift a ban."""
    case = await _named_case(app, session, message, command)
    if case is None:
        await _reply(app, message, staff_text("unknown_case"))
        return
    assert message.from_user is not None
    await lifecycle.unban(app, session, case, message.from_user)


@router.message(Command("reopen"))
async def reopen(
    message: Message, command: CommandObject, app: App, session: AsyncSession
) -> None:
    """/reopen K-1234: a staff member opens a case again by its pseudonym."""
    case = await _named_case(app, session, message, command)
    assert message.from_user is not None
    if case is None or not await lifecycle.reopen(app, session, case, message.from_user):
        await _reply(app, message, staff_text("unknown_case"))


@router.message(Command("export"))
async def export(message: Message, app: App, session: AsyncSession) -> None:
    """/export in a case topic: the decrypted transcript as a file, and an audit entry."""
    case = await _topic_case(app, session, message)
    if case is None:
        await _reply(app, message, staff_text("topic_only"))
        return
    assert message.from_user is not None
    repo = CaseRepo(session, app.cipher)
    body = transcript(case, await repo.messages(case.id), repo)
    await DeskRepo(session, app.cipher).audit(
        actor(app, message.from_user.id), "export", case.public_id
    )
    await session.commit()
    document = BufferedInputFile(body.encode(), filename=f"{case.public_id}.txt")
    await app.sender(
        SendDocument(
            chat_id=message.chat.id,
            message_thread_id=case.topic_id,
            document=document,
            caption=staff_text("export_caption", case=case.public_id),
        )
    )


async def _named_case(
    app: App, session: AsyncSession, message: Message, command: CommandObject
) -> Case | None:
    name = (command.args or "").strip().lstrip("#").upper()
    if name:
        return await CaseRepo(session, app.cipher).by_public_id(name)
    return await _topic_case(app, session, message)


@router.message(F.message_thread_id, ~F.text.startswith("/"))
async def in_topic(message: Message, app: App, session: AsyncSession) -> None:
    """A staff message in a case topic: a note, or a reply copied to the user."""
    case = await _topic_case(app, session, message)
    if case is None or message.from_user is None or message.content_type not in RELAYABLE:
        return
    if (message.text or message.caption or "").startswith(app.settings.note_prefix):
        await _note(app, session, case, message)
        return
    if case.status == "closed":
        await _reply(app, message, staff_text("case_closed"))
        return
    if case.status == "queued":
        await lifecycle.take(app, session, case, message.from_user)
        await session.refresh(case)
    if case.assignee_id != message.from_user.id:
        await _reply(
            app, message, staff_text("taken_other", who=escape(case.assignee_label or "?"))
        )
        return
    await relay_staff_message(app, session, case, message)


async def _note(app: App, session: AsyncSession, case: Case, message: Message) -> None:
    await CaseRepo(session, app.cipher).add_message(
        case.id, "note", message.text or message.caption, staff_msg_id=message.message_id
    )
    await session.commit()
    await _reply(app, message, staff_text("note_saved"))


@router.edited_message(F.message_thread_id)
async def staff_edited(message: Message, app: App, session: AsyncSession) -> None:
    """Mirror a staff edit into the user's copy (text and captions)."""
    case = await _topic_case(app, session, message)
    if case is None:
        return
    line = await DeskRepo(session, app.cipher).line_by(case.id, staff_msg_id=message.message_id)
    if line is None or line.author not in (STAFF_TEXT, STAFF_MEDIA) or line.user_msg_id is None:
        return
    body = message.html_text
    line.body_enc = app.cipher.encrypt_text(body, "case-message") if body else None
    await session.commit()
    labelled = f"{consultant_prefix(app, case.lang)}\n{body}"
    if line.author == STAFF_TEXT:
        await app.sender(
            EditMessageText(chat_id=case.user_id, message_id=line.user_msg_id, text=labelled)
        )
    else:
        await app.sender(
            EditMessageCaption(chat_id=case.user_id, message_id=line.user_msg_id, caption=labelled)
        )
