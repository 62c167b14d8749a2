"""Durable job runner: jobs live in the database, so they survive restarts and replicas."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from bot.db.base import utcnow
from bot.db.current import use_session
from bot.db.repos.jobs import JobInfo, JobRepo

if TYPE_CHECKING:
    from bot.context import App

log = logging.getLogger(__name__)
JobHandler = Callable[["App", JobInfo], Awaitable[None]]
MAX_ATTEMPTS = 5


class Scheduler:
    """Polls the jobs table and runs due jobs through registered handlers."""

    def __init__(self, app: App, interval: float) -> None:
        self.app, self.interval = app, interval
        self.handlers: dict[str, JobHandler] = {}
        self._task: asyncio.Task[None] | None = None

    def register(self, kind: str, handler: JobHandler) -> None:
        """Route jobs of ``kind`` to ``handler``."""
        self.handlers[kind] = handler

    async def schedule(
        self,
        kind: str,
        run_at: dt.datetime,
        *,
        user_id: int | None = None,
        payload: dict[str, Any] | None = None,
        dedupe_key: str | None = None,
    ) -> None:
        """Add a job (inside an update: in the update's transaction)."""
        async with use_session(self.app.sessionmaker) as session:
            await JobRepo(session, self.app.cipher).schedule(
                kind, run_at, user_id, payload, dedupe_key
            )

    async def run_once(self, now: dt.datetime | None = None) -> int:
        """Run every due job once; return how many ran."""
        async with self.app.sessionmaker() as session, session.begin():
            jobs = await JobRepo(session, self.app.cipher).claim_due(now or utcnow())
        for job in jobs:
            await self._run(job)
        return len(jobs)

    async def _run(self, job: JobInfo) -> None:
        handler = self.handlers.get(job.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind}")
            await handler(self.app, job)
        except Exception:
            log.exception("job %s (%s) failed, attempt %s", job.id, job.kind, job.attempts)
            async with self.app.sessionmaker() as session, session.begin():
                repo = JobRepo(session, self.app.cipher)
                if job.attempts >= MAX_ATTEMPTS:
                    await repo.finish(job.id)
                else:
                    await repo.retry_later(job.id, dt.timedelta(seconds=30 * job.attempts))
            return
        async with self.app.sessionmaker() as session, session.begin():
            await JobRepo(session, self.app.cipher).finish(job.id, job.run_at)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                log.exception("scheduler tick failed")
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        """Start polling in the background."""
        self._task = asyncio.create_task(self._loop(), name="scheduler")

    async def stop(self) -> None:
        """Stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
