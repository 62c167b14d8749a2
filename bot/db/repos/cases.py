"""Cases (escalations) and their encrypted transcripts."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import Cipher
from bot.db.base import utcnow
from bot.db.models import Case, CaseMessage

OPEN = ("queued", "assigned")
_DETAILS = "case-details"
_BODY = "case-message"


@dataclass(frozen=True)
class CaseInfo:
    """A case as handlers see it (no Telegram id of the user is shown to staff)."""

    id: int
    public_id: str
    user_id: int
    status: str
    priority: int
    reason: str
    lang: str
    topic_id: int | None
    card_message_id: int | None
    assignee_id: int | None
    assignee_label: str | None
    details: dict[str, Any]
    created_at: dt.datetime
    closed_at: dt.datetime | None
    first_reply_at: dt.datetime | None
    alerts_sent: int


class CaseRepo:
    """Cases table and transcript."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session, self.cipher = session, cipher

    def info(self, row: Case) -> CaseInfo:
        """Decrypt a row into a CaseInfo."""
        details = self.cipher.decrypt_json(row.details_enc, _DETAILS) if row.details_enc else {}
        return CaseInfo(
            row.id,
            row.public_id,
            row.user_id,
            row.status,
            row.priority,
            row.reason,
            row.lang,
            row.topic_id,
            row.card_message_id,
            row.assignee_id,
            row.assignee_label,
            details,
            row.created_at,
            row.closed_at,
            row.first_reply_at,
            row.alerts_sent,
        )

    async def open_for_user(self, user_id: int) -> Case | None:
        """The user's open case, if any."""
        return await self.session.scalar(
            select(Case)
            .where(Case.user_id == user_id, Case.status.in_(OPEN))
            .order_by(Case.id.desc())
            .limit(1)
        )

    async def latest_for_user(self, user_id: int) -> Case | None:
        """The user's most recent case, open or closed."""
        return await self.session.scalar(
            select(Case).where(Case.user_id == user_id).order_by(Case.id.desc()).limit(1)
        )

    async def by_public_id(self, public_id: str) -> Case | None:
        """Look a case up by its pseudonymous id."""
        return await self.session.scalar(select(Case).where(Case.public_id == public_id))

    async def by_topic(self, topic_id: int) -> Case | None:
        """The case mapped to a forum topic."""
        return await self.session.scalar(select(Case).where(Case.topic_id == topic_id))

    async def create(
        self, user_id: int, priority: int, reason: str, lang: str, details: dict[str, Any]
    ) -> Case:
        """A new queued case with a fresh pseudonymous id."""
        public_id = await self._new_public_id()
        row = Case(
            public_id=public_id,
            user_id=user_id,
            status="queued",
            priority=priority,
            reason=reason,
            lang=lang,
            details_enc=self.cipher.encrypt_json(details, _DETAILS),
            alerts_sent=0,
            created_at=utcnow(),
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def _new_public_id(self) -> str:
        for _ in range(50):
            candidate = f"K-{secrets.randbelow(9000) + 1000}"
            if await self.by_public_id(candidate) is None:
                return candidate
        return f"K-{secrets.randbelow(900000) + 100000}"

    def set_details(self, row: Case, details: dict[str, Any]) -> None:
        """Replace the encrypted details."""
        row.details_enc = self.cipher.encrypt_json(details, _DETAILS)

    async def add_message(
        self,
        case_id: int,
        author: str,
        body: str | None,
        *,
        user_msg_id: int | None = None,
        staff_msg_id: int | None = None,
        delivered: bool = True,
    ) -> CaseMessage:
        """Append to the transcript (body encrypted)."""
        row = CaseMessage(
            case_id=case_id,
            author=author,
            user_msg_id=user_msg_id,
            staff_msg_id=staff_msg_id,
            body_enc=self.cipher.encrypt_text(body, _BODY) if body else None,
            delivered=delivered,
            created_at=utcnow(),
        )
        self.session.add(row)
        await self.session.flush()
        return row

    def body(self, row: CaseMessage) -> str | None:
        """Decrypt a transcript line."""
        return self.cipher.decrypt_text(row.body_enc, _BODY) if row.body_enc else None

    async def messages(self, case_id: int) -> list[CaseMessage]:
        """The transcript, oldest first."""
        return list(
            await self.session.scalars(
                select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.id)
            )
        )

    async def forget_user(self, user_id: int) -> None:
        """Delete every case of the user with its transcript."""
        ids = list(await self.session.scalars(select(Case.id).where(Case.user_id == user_id)))
        if ids:
            await self.session.execute(delete(CaseMessage).where(CaseMessage.case_id.in_(ids)))
            await self.session.execute(delete(Case).where(Case.id.in_(ids)))
