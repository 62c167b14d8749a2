"""Durable scheduled jobs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import Cipher
from bot.db.base import utcnow
from bot.db.models import Job

_PURPOSE = "job"


@dataclass(frozen=True)
class JobInfo:
    """A claimed job with its decrypted payload."""

    id: int
    kind: str
    user_id: int | None
    run_at: dt.datetime
    payload: dict[str, Any]
    attempts: int


class JobRepo:
    """Schedule, claim and finish jobs; payloads are encrypted."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session, self.cipher = session, cipher

    async def schedule(
        self,
        kind: str,
        run_at: dt.datetime,
        user_id: int | None = None,
        payload: dict[str, Any] | None = None,
        dedupe_key: str | None = None,
    ) -> None:
        """Add a job; with ``dedupe_key`` an existing pending job is moved instead."""
        blob = self.cipher.encrypt_json(payload or {}, _PURPOSE)
        if dedupe_key is not None:
            row = await self.session.scalar(select(Job).where(Job.dedupe_key == dedupe_key))
            if row is not None:
                row.run_at, row.payload_enc, row.done, row.attempts = run_at, blob, False, 0
                row.locked_until = None  # a job may reschedule itself while it runs
                return
        self.session.add(
            Job(
                kind=kind,
                run_at=run_at,
                user_id=user_id,
                payload_enc=blob,
                dedupe_key=dedupe_key,
                attempts=0,
                done=False,
            )
        )

    async def claim_due(self, now: dt.datetime, limit: int = 20) -> list[JobInfo]:
        """Lock up to ``limit`` due jobs for one minute (SKIP LOCKED on PostgreSQL)."""
        stmt = (
            select(Job)
            .where(Job.done.is_(False), Job.run_at <= now)
            .where(or_(Job.locked_until.is_(None), Job.locked_until < now))
            .order_by(Job.run_at)
            .limit(limit)
        )
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(await self.session.scalars(stmt))
        for row in rows:
            row.locked_until = now + dt.timedelta(minutes=1)
            row.attempts += 1
        return [self._info(r) for r in rows]

    def _info(self, row: Job) -> JobInfo:
        payload = self.cipher.decrypt_json(row.payload_enc, _PURPOSE) if row.payload_enc else {}
        return JobInfo(row.id, row.kind, row.user_id, row.run_at, payload, row.attempts)

    async def finish(self, job_id: int, run_at: dt.datetime | None = None) -> None:
        """Mark a job done, unless its handler rescheduled it (``run_at`` moved)."""
        stmt = update(Job).where(Job.id == job_id)
        if run_at is not None:
            stmt = stmt.where(Job.run_at == run_at)
        await self.session.execute(stmt.values(done=True, locked_until=None))

    async def retry_later(self, job_id: int, delay: dt.timedelta) -> None:
        """Release a failed job for another try."""
        await self.session.execute(
            update(Job).where(Job.id == job_id).values(run_at=utcnow() + delay, locked_until=None)
        )

    async def cancel(self, dedupe_key: str) -> None:
        """Drop a pending job by its dedupe key."""
        await self.session.execute(delete(Job).where(Job.dedupe_key == dedupe_key))

    async def forget_user(self, user_id: int) -> None:
        """Delete every job of a user."""
        await self.session.execute(delete(Job).where(Job.user_id == user_id))

    async def purge_done(self, before: dt.datetime) -> None:
        """Delete finished jobs older than ``before``."""
        await self.session.execute(delete(Job).where(Job.done.is_(True), Job.run_at < before))
