"""Case life: take, transfer, close, reopen, ban. Each is audited and mirrored to both sides."""

from __future__ import annotations

import logging
from html import escape

from aiogram.types import User
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.models import Case
from bot.desk.access import actor, staff_label
from bot.desk.jobs import schedule_sla
from bot.desk.notify import post, refresh_card, set_topic_open
from bot.desk.repo import DeskRepo
from bot.desk.texts import OUTCOMES, label, staff_text, user_text
from bot.keyboards import buttons_kb

log = logging.getLogger(__name__)


async def tell_user(app: App, case: Case, key: str, **params: object) -> None:
    """A bot line to the user about the handover, in the case language (best effort)."""
    try:
        with app.i18n.use_locale(case.lang):
            keys = ["menu"] if key == "closed" else []
            await app.sender.text(
                case.user_id, user_text(key, **params), reply_markup=buttons_kb(keys)
            )
    except Exception:
        # The staff side must not break because the user blocked the bot.
        log.warning("could not tell the user of %s (%s)", case.public_id, key)


async def _say(app: App, row: Case, key: str, loud: bool = False, **params: object) -> None:
    """A line for staff in the case topic, always in STAFF_LANG (users can trigger it too)."""
    with app.i18n.use_locale(app.settings.staff_lang):
        if "outcome" in params:
            params["outcome"] = label(OUTCOMES, str(params["outcome"]))
        await post(app, row, staff_text(key, **params), loud=loud)


def _who(staff: User | None) -> str:
    return escape(staff_label(staff)) if staff else "-"


async def take(app: App, session: AsyncSession, case: Case, staff: User) -> bool:
    """Assign the case to ``staff``; False when it is not waiting (someone was faster)."""
    repo = DeskRepo(session, app.cipher)
    if not await repo.take(case.id, staff.id, staff_label(staff)):
        await session.rollback()
        return False
    await repo.audit(actor(app, staff.id), "take", case.public_id)
    await session.commit()
    await repo.refresh(case)
    await refresh_card(app, session, case)
    await _say(app, case, "took", who=_who(staff))
    await tell_user(app, case, "joined")
    return True


async def transfer(app: App, session: AsyncSession, case: Case, staff: User) -> bool:
    """Hand the case back to the queue so a colleague can take it; SLA alerts restart."""
    repo = DeskRepo(session, app.cipher)
    if not await repo.release(case.id, staff.id):
        await session.rollback()
        return False
    await repo.audit(actor(app, staff.id), "transfer", case.public_id)
    await session.commit()
    await repo.refresh(case)
    await refresh_card(app, session, case)
    await _say(app, case, "released", loud=True, who=_who(staff), case=case.public_id)
    await tell_user(app, case, "transferred")
    await schedule_sla(app, session, case)
    return True


async def close(
    app: App, session: AsyncSession, case: Case, staff: User | None, outcome: str
) -> bool:
    """Close with an outcome tag, tell the user politely, give them back to the bot."""
    repo = DeskRepo(session, app.cipher)
    if not await repo.close(case.id, outcome):
        await session.rollback()
        return False
    who = actor(app, staff.id) if staff else "system"
    await repo.audit(who, "close", case.public_id, outcome)
    await session.commit()
    await repo.refresh(case)
    await refresh_card(app, session, case)
    await _say(app, case, "closed_by", who=_who(staff), case=case.public_id, outcome=outcome)
    if outcome != "banned":
        await tell_user(app, case, "closed", hours=app.settings.reopen_window_h)
    await set_topic_open(app, case, False)
    return True


async def reopen(app: App, session: AsyncSession, case: Case, staff: User | None) -> bool:
    """Reopen a closed case in its own topic (by staff, or because the user wrote again)."""
    repo = DeskRepo(session, app.cipher)
    if await repo.is_banned(case.user_id) or not await repo.reopen(case.id):
        await session.rollback()
        return False
    await repo.audit(actor(app, staff.id) if staff else "user", "reopen", case.public_id)
    await session.commit()
    await repo.refresh(case)
    await set_topic_open(app, case, True)
    await refresh_card(app, session, case)
    if staff is not None:
        await _say(app, case, "reopened_by", loud=True, who=_who(staff), case=case.public_id)
    else:
        await _say(app, case, "reopened_user", loud=True, case=case.public_id)
    await schedule_sla(app, session, case)
    return True


async def ban(app: App, session: AsyncSession, case: Case, staff: User, reason: str) -> None:
    """Service-level ban (users.banned): the user's messages stop reaching the desk."""
    repo = DeskRepo(session, app.cipher)
    await repo.set_ban(case.user_id, reason)
    await repo.audit(actor(app, staff.id), "ban", case.public_id)
    await session.commit()
    await _say(app, case, "banned", who=_who(staff), case=case.public_id, reason=escape(reason))
    if case.status != "closed":
        await close(app, session, case, staff, "banned")


async def unban(app: App, session: AsyncSession, case: Case, staff: User) -> None:
    """Lift a ban; the case stays closed until the user writes again."""
    repo = DeskRepo(session, app.cipher)
    await repo.set_ban(case.user_id, None)
    await repo.audit(actor(app, staff.id), "unban", case.public_id)
    await session.commit()
    await set_topic_open(app, case, True)
    await _say(app, case, "unbanned", who=_who(staff), case=case.public_id)
    if case.status == "closed":
        await set_topic_open(app, case, False)
