"""Desk jobs: retry publishing a case; re-alert staff while an urgent case waits."""

from __future__ import annotations

import datetime as dt
import logging

from aiogram.methods import SendMessage

from bot.context import App
from bot.db.base import utcnow
from bot.db.repos.cases import CaseRepo
from bot.db.repos.jobs import JobInfo

log = logging.getLogger(__name__)


def register_desk_jobs(app: App) -> None:
    """Desk job kinds."""
    assert app.scheduler is not None
    app.scheduler.register("desk_publish", desk_publish)
    app.scheduler.register("sla_alert", sla_alert)


async def desk_publish(app: App, job: JobInfo) -> None:
    """Publish a case whose first publication failed (raises to retry)."""
    from bot.desk.notify import publish_case

    async with app.sessionmaker() as session:
        case = await CaseRepo(session, app.cipher).by_public_id(job.payload["case"])
        if case is None or case.status == "closed" or case.topic_id is not None:
            return
        await publish_case(app, session, case)


async def sla_alert(app: App, job: JobInfo) -> None:
    """Re-alert while an urgent/high case has no consultant; twice at most."""
    chat_id = app.settings.staff_chat_id
    async with app.sessionmaker() as session:
        case = await CaseRepo(session, app.cipher).by_public_id(job.payload["case"])
        if case is None or chat_id is None or case.status != "queued":
            return
        waited = int((utcnow() - _aware(case.created_at)).total_seconds() // 60)
        with app.i18n.use_locale(app.settings.staff_lang):
            from aiogram.utils.i18n import gettext as _

            body = _("Case #{case} is still waiting for a consultant ({minutes} min).").format(
                case=case.public_id, minutes=waited
            )
        await app.sender(
            SendMessage(
                chat_id=chat_id,
                text=body,
                disable_notification=False,
                message_thread_id=case.topic_id,
            )
        )
        case.alerts_sent += 1
        await session.commit()
        if case.alerts_sent < 2:
            assert app.scheduler is not None
            delay = app.settings.sla_second_alert_s - app.settings.sla_first_alert_s
            await app.scheduler.schedule(
                "sla_alert",
                utcnow() + dt.timedelta(seconds=max(delay, 1)),
                user_id=case.user_id,
                payload=job.payload,
                dedupe_key=f"sla_alert:{case.public_id}",
            )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
