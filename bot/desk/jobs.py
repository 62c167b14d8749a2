"""Desk jobs: retry publishing a case, deliver outbox lines, re-alert while urgent cases wait."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from aiogram.methods import SendMessage
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import as_utc, utcnow
from bot.db.models import Case
from bot.db.repos.cases import CaseRepo
from bot.db.repos.jobs import JobInfo

log = logging.getLogger(__name__)
JobFn = Callable[[App, JobInfo], Awaitable[None]]
SLA_PRIORITY = 1  # URGENT and HIGH cases re-alert while nobody has taken them


def register_desk_jobs(app: App) -> None:
    """Desk job kinds."""
    assert app.scheduler is not None
    app.scheduler.register("desk_publish", _with_i18n(desk_publish))
    app.scheduler.register("sla_alert", _with_i18n(sla_alert))
    app.scheduler.register("desk_deliver", _with_i18n(desk_deliver))


def _with_i18n(fn: JobFn) -> JobFn:
    """Jobs run outside any update, so they set up the gettext context themselves."""

    async def run(app: App, job: JobInfo) -> None:
        with app.i18n.context():
            await fn(app, job)

    return run


async def schedule_sla(app: App, session: AsyncSession, case: Case) -> None:
    """(Re)start the SLA timer of an unassigned urgent/high case."""
    if case.priority > SLA_PRIORITY:
        return
    assert app.scheduler is not None
    await app.scheduler.schedule(
        "sla_alert",
        utcnow() + dt.timedelta(seconds=app.settings.sla_first_alert_s),
        user_id=case.user_id,
        payload={"case": case.public_id},
        dedupe_key=f"sla_alert:{case.public_id}",
    )
    await session.commit()


async def desk_publish(app: App, job: JobInfo) -> None:
    """Publish a case whose first publication failed (raises to retry), then its backlog."""
    from bot.desk.notify import publish_case
    from bot.desk.relay import deliver_pending

    async with app.sessionmaker() as session:
        case = await CaseRepo(session, app.cipher).by_public_id(job.payload["case"])
        if case is None or case.status == "closed" or case.topic_id is not None:
            return
        await publish_case(app, session, case)
        await deliver_pending(app, session, case)


async def desk_deliver(app: App, job: JobInfo) -> None:
    """Deliver an outbox line the handler could not (Telegram error or a crash)."""
    from bot.desk.relay import deliver
    from bot.desk.repo import DeskRepo

    async with app.sessionmaker() as session:
        line = await DeskRepo(session, app.cipher).line(int(job.payload["line"]))
        if line is None or line.delivered:
            return
        case = await session.get(Case, line.case_id)
        if case is None or case.user_id == 0:
            return
        await deliver(app, session, case, line)  # raises: the scheduler retries later
        log.info("outbox line %s of %s delivered by the retry job", line.id, case.public_id)


async def sla_alert(app: App, job: JobInfo) -> None:
    """Re-alert while an urgent/high case has no consultant; twice at most."""
    chat_id = app.settings.staff_chat_id
    async with app.sessionmaker() as session:
        case = await CaseRepo(session, app.cipher).by_public_id(job.payload["case"])
        if case is None or chat_id is None or case.status != "queued" or case.alerts_sent >= 2:
            return
        waited = int((utcnow() - as_utc(case.created_at)).total_seconds() // 60)
        from bot.desk.texts import staff_text

        with app.i18n.use_locale(app.settings.staff_lang):
            body = "🔔 " + staff_text("sla", case=case.public_id, minutes=waited)
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
