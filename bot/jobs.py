"""Job handlers: auto-erase, staff publishing retries, SLA alerts, retention purge."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, select, update

from bot.context import App
from bot.db.base import utcnow
from bot.db.models import Case, CaseMessage, ChatMessage, Job, ProcessedUpdate
from bot.db.repos.jobs import JobInfo
from bot.db.repos.users import UserRepo

log = logging.getLogger(__name__)
RETENTION_EVERY = dt.timedelta(hours=1)


def register_jobs(app: App) -> None:
    """Connect every job kind to its handler."""
    assert app.scheduler is not None
    app.scheduler.register("auto_erase", auto_erase)
    app.scheduler.register("retention", retention)
    app.scheduler.register("noop", noop)
    from bot.services.emergency import resend_emergency

    app.scheduler.register("emergency_reply", resend_emergency)
    from bot.desk.jobs import register_desk_jobs

    register_desk_jobs(app)
    from bot.safety.checkin import register_checkin_jobs

    register_checkin_jobs(app)


async def ensure_recurring(app: App) -> None:
    """Make sure the hourly retention job exists (once, whatever the replica count)."""
    async with app.sessionmaker() as session:
        found = await session.scalar(select(Job.id).where(Job.dedupe_key == "retention"))
    if found is None:
        assert app.scheduler is not None
        await app.scheduler.schedule("retention", utcnow(), dedupe_key="retention")


async def noop(app: App, job: JobInfo) -> None:
    """A cancelled job slot (e.g. auto-erase switched off)."""


async def auto_erase(app: App, job: JobInfo) -> None:
    """Erase the chat if the user has been quiet for their chosen minutes."""
    from bot.services.erase import erase_chat

    assert job.user_id is not None
    async with app.sessionmaker() as session:
        user = await UserRepo(session).get(job.user_id)
        if user is None or not user.auto_erase_minutes:
            return
        await erase_chat(app, session, job.user_id, [])
        await session.commit()


async def retention(app: App, job: JobInfo) -> None:
    """Purge closed cases' transcripts and details after RETENTION_DAYS; reschedule."""
    now = utcnow()
    limit = now - dt.timedelta(days=app.settings.retention_days)
    async with app.sessionmaker() as session, session.begin():
        old = list(
            await session.scalars(
                select(Case.id).where(Case.status == "closed", Case.closed_at < limit)
            )
        )
        if old:
            await session.execute(delete(CaseMessage).where(CaseMessage.case_id.in_(old)))
            await session.execute(
                update(Case).where(Case.id.in_(old)).values(details_enc=None, user_id=0)
            )
        await session.execute(
            delete(ProcessedUpdate).where(
                ProcessedUpdate.processed_at < now - dt.timedelta(days=2)
            )
        )
        await session.execute(delete(ChatMessage).where(ChatMessage.sent_at < limit))
        await session.execute(delete(Job).where(Job.done.is_(True), Job.run_at < limit))
    log.info("retention purge: %d closed cases anonymised", len(old))
    assert app.scheduler is not None
    await app.scheduler.schedule("retention", now + RETENTION_EVERY, dedupe_key="retention")
