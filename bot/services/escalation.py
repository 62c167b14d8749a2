"""Open or raise a case durably, then reach staff. The user's reply never waits on this."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.db.models import Case
from bot.db.repos.cases import CaseRepo
from dialogs.actions import Priority

log = logging.getLogger(__name__)


async def escalate(
    app: App,
    session: AsyncSession,
    user_id: int,
    lang: str,
    priority: Priority,
    reason: str,
    details: dict[str, Any] | None = None,
) -> tuple[Case | None, bool]:
    """Open (or raise the priority of) the user's case; True when staff must be (re)told."""
    from bot.desk.repo import DeskRepo

    if await DeskRepo(session, app.cipher).is_banned(user_id):
        log.info("no case for a user banned from the desk")
        return None, False
    repo = CaseRepo(session, app.cipher)
    case = await repo.open_for_user(user_id)
    changed = created = False
    if case is None:
        case = await repo.create(user_id, int(priority), reason, lang, details or {})
        changed = created = True
    elif int(priority) < case.priority:
        case.priority, case.reason, changed = int(priority), reason, True
    if details and not created:
        merged = {**repo.info(case).details, **details}
        repo.set_details(case, merged)
    await session.commit()  # durable before any network call
    if changed:
        await notify_staff(app, session, case)
    return case, changed


async def notify_staff(app: App, session: AsyncSession, case: Case) -> None:
    """Publish to the staff forum; on failure a job retries, and SLA alerts follow."""
    from bot.desk.notify import publish_case

    try:
        await publish_case(app, session, case)
    except Exception:
        log.exception("publishing case %s failed; retry scheduled", case.public_id)
        await _schedule(app, "desk_publish", case, dt.timedelta(seconds=5))
        await session.commit()
    if case.priority <= Priority.HIGH:
        await _schedule(
            app, "sla_alert", case, dt.timedelta(seconds=app.settings.sla_first_alert_s)
        )
        await session.commit()


async def _schedule(app: App, kind: str, case: Case, delay: dt.timedelta) -> None:
    assert app.scheduler is not None
    await app.scheduler.schedule(
        kind,
        utcnow() + delay,
        user_id=case.user_id,
        payload={"case": case.public_id},
        dedupe_key=f"{kind}:{case.public_id}",
    )
