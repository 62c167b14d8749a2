"""The emergency reply and escalation, shared by free text, /sos and the SOS button."""

from __future__ import annotations

import logging

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.db.repos.jobs import JobInfo
from bot.keyboards import nav, with_safety
from bot.services.escalation import escalate
from bot.services.hours import on_shift
from bot.texts import button, text
from dialogs.actions import Priority

log = logging.getLogger(__name__)


def emergency_kb() -> InlineKeyboardMarkup:
    """Numbers and the way out; no question before help."""
    return with_safety([[nav("hotlines")]])


async def send_emergency(app: App, chat_id: int, intent: str, lang: str, repeat: bool) -> None:
    """The emergency numbers and steps, in the user's language, before anything else."""
    key = "emergency_repeat" if repeat else f"emergency_{intent}"
    with app.i18n.use_locale(lang):
        await app.sender.text(chat_id, text(key), reply_markup=emergency_kb())


async def emergency(app: App, session: AsyncSession, chat_id: int, intent: str, lang: str) -> None:
    """Reply first, then open a top-priority case and tell the user honestly about shifts.

    Each step is isolated: a failed reply does not stop the escalation (a job resends the
    reply), and a failed escalation does not hide the reply.
    """
    try:
        await send_emergency(app, chat_id, intent, lang, repeat=False)
    except Exception:
        log.exception("emergency reply failed; a retry job is scheduled")
        await _schedule_resend(app, chat_id, intent, lang)
    details = {"intent": intent}
    try:
        _case, changed = await escalate(
            app, session, chat_id, lang, Priority.URGENT, intent, details
        )
    except Exception:
        log.exception("escalation failed for an urgent message")
        return
    if changed and not on_shift(app.settings):
        await tell_off_hours(app, chat_id, lang)


async def tell_off_hours(app: App, chat_id: int, lang: str) -> None:
    """Say honestly that no consultant is on shift; offer 111 and a check-in at a safe time."""
    from bot.safety.common import SafeNav

    with app.i18n.use_locale(lang):
        follow_up = InlineKeyboardButton(
            text=button("safe_followup"), callback_data=SafeNav(to="checkin").pack()
        )
        await app.sender.text(
            chat_id, text("off_hours", hours=app.settings.staff_hours),
            reply_markup=with_safety([[follow_up]]),
        )


async def _schedule_resend(app: App, chat_id: int, intent: str, lang: str) -> None:
    assert app.scheduler is not None
    try:
        await app.scheduler.schedule(
            "emergency_reply", utcnow(), user_id=chat_id, payload={"intent": intent, "lang": lang},
            dedupe_key=f"emergency_reply:{chat_id}",
        )
    except Exception:
        log.exception("could not schedule the emergency reply retry")


async def resend_emergency(app: App, job: JobInfo) -> None:
    """Job: send the emergency reply that failed the first time (raises to retry again)."""
    assert job.user_id is not None
    await send_emergency(app, job.user_id, job.payload["intent"], job.payload["lang"], False)
