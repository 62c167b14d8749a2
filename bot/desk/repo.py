"""Desk queries on cases, transcript lines, users and the audit log (never commits)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import Cipher
from bot.db.base import as_utc, utcnow
from bot.db.models import AuditEntry, Case, CaseMessage, User
from bot.db.repos.cases import OPEN

_BAN = "ban-reason"


class DeskRepo:
    """State changes that must be atomic (two staff pressing Take at once)."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session, self.cipher = session, cipher

    async def take(self, case_id: int, staff_id: int, label: str) -> bool:
        """Assign a queued case; False when someone else was faster."""
        result = await self.session.execute(
            update(Case)
            .where(Case.id == case_id, Case.status == "queued")
            .values(
                status="assigned", assignee_id=staff_id, assignee_label=label, taken_at=utcnow()
            )
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def release(self, case_id: int, staff_id: int) -> bool:
        """Return an assigned case to the queue (Transfer); only its assignee may."""
        result = await self.session.execute(
            update(Case)
            .where(Case.id == case_id, Case.status == "assigned", Case.assignee_id == staff_id)
            .values(status="queued", assignee_id=None, assignee_label=None, alerts_sent=0)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def close(self, case_id: int, outcome: str) -> bool:
        """Close an open case with an outcome tag."""
        result = await self.session.execute(
            update(Case)
            .where(Case.id == case_id, Case.status.in_(OPEN))
            .values(status="closed", outcome=outcome, closed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def reopen(self, case_id: int) -> bool:
        """Put a closed case back in the queue (same topic, same pseudonym)."""
        result = await self.session.execute(
            update(Case)
            .where(Case.id == case_id, Case.status == "closed", Case.user_id != 0)
            .values(
                status="queued",
                outcome=None,
                closed_at=None,
                assignee_id=None,
                assignee_label=None,
                alerts_sent=0,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def refresh(self, case: Case) -> Case:
        """Reload a row after a bulk update."""
        await self.session.refresh(case)
        return case

    async def open_cases(self) -> list[Case]:
        """Every open case (the queue)."""
        return list(await self.session.scalars(select(Case).where(Case.status.in_(OPEN))))

    async def cases_since(self, since: dt.datetime) -> list[Case]:
        """Cases opened or still open since a moment (for statistics)."""
        return list(
            await self.session.scalars(
                select(Case).where((Case.created_at >= since) | Case.status.in_(OPEN))
            )
        )

    async def recently_closed(self, user_id: int, hours: int) -> Case | None:
        """The user's latest case if it was closed less than ``hours`` ago."""
        row = await self.session.scalar(
            select(Case).where(Case.user_id == user_id).order_by(Case.id.desc()).limit(1)
        )
        if row is None or row.status != "closed" or row.closed_at is None:
            return None
        closed = as_utc(row.closed_at)
        return row if utcnow() - closed < dt.timedelta(hours=hours) else None

    async def line(self, line_id: int) -> CaseMessage | None:
        """One transcript line."""
        return await self.session.get(CaseMessage, line_id)

    async def line_by(
        self, case_id: int, *, user_msg_id: int | None = None, staff_msg_id: int | None = None
    ) -> CaseMessage | None:
        """The transcript line mapped to a message id on either side."""
        query = select(CaseMessage).where(CaseMessage.case_id == case_id)
        if user_msg_id is not None:
            query = query.where(CaseMessage.user_msg_id == user_msg_id)
        if staff_msg_id is not None:
            query = query.where(CaseMessage.staff_msg_id == staff_msg_id)
        return await self.session.scalar(query.order_by(CaseMessage.id).limit(1))

    async def is_banned(self, user_id: int) -> bool:
        """True when staff banned this user from the desk."""
        row = await self.session.get(User, user_id)
        return bool(row and row.banned)

    async def set_ban(self, user_id: int, reason: str | None) -> None:
        """Ban (with an encrypted reason) or lift the ban (``reason`` None)."""
        from bot.db.repos.users import UserRepo

        # The users row may not exist yet (a /human request creates none): set() ensures it.
        await UserRepo(self.session).set(
            user_id,
            banned=reason is not None,
            ban_reason_enc=self.cipher.encrypt_text(reason, _BAN) if reason else None,
        )

    async def audit(self, actor: str, action: str, case: str | None, detail: str = "") -> None:
        """Append a staff action (pseudonymous actor and case)."""
        self.session.add(
            AuditEntry(
                at=utcnow(),
                actor=actor,
                action=action,
                case_public_id=case,
                detail=detail[:200] or None,
            )
        )
        await self.session.flush()

    async def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """The latest staff actions."""
        rows = await self.session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        )
        return list(rows)
