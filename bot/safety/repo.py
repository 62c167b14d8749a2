"""Encrypted storage of screens, plans, check-in preferences and the incident journal.

Ciphertexts are bound to the user id (purpose string), so a row moved to another user
fails to decrypt. Repositories never commit; the handler does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import Cipher
from bot.db.models import JournalEntry, JournalMedia, SafetyRecord
from dialogs.journal import Entry

KINDS = ("screen", "plan", "checkin")


class SafetyRepo:
    """One encrypted JSON document per user and kind."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session, self.cipher = session, cipher

    async def _row(self, user_id: int, kind: str) -> SafetyRecord | None:
        if kind not in KINDS:
            raise ValueError(kind)
        stmt = select(SafetyRecord).where(
            SafetyRecord.user_id == user_id, SafetyRecord.kind == kind
        )
        return (await self.session.scalars(stmt)).first()

    async def get(self, user_id: int, kind: str) -> dict[str, Any] | None:
        """The document, decrypted, or None."""
        row = await self._row(user_id, kind)
        if row is None:
            return None
        return dict(self.cipher.decrypt_json(row.data_enc, f"{kind}:{user_id}"))

    async def put(self, user_id: int, kind: str, data: dict[str, Any]) -> None:
        """Create or replace the document."""
        blob = self.cipher.encrypt_json(data, f"{kind}:{user_id}")
        row = await self._row(user_id, kind)
        if row is None:
            self.session.add(SafetyRecord(user_id=user_id, kind=kind, data_enc=blob))
        else:
            row.data_enc = blob
        await self.session.flush()

    async def delete(self, user_id: int, kind: str) -> None:
        """Remove the document."""
        await self.session.execute(
            delete(SafetyRecord).where(SafetyRecord.user_id == user_id, SafetyRecord.kind == kind)
        )


class JournalRepo:
    """Incidents and their media; dates and texts encrypted, order decided after decryption."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session, self.cipher = session, cipher

    async def add(self, user_id: int, occurred_at: dt.datetime, body: dict[str, str]) -> int:
        """Store an incident; return its id."""
        row = JournalEntry(
            user_id=user_id,
            occurred_at_enc=self.cipher.encrypt_text(occurred_at.isoformat(), f"jwhen:{user_id}"),
            body_enc=self.cipher.encrypt_json(body, f"jbody:{user_id}"),
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_media(self, user_id: int, entry_id: int, kind: str, data: bytes) -> None:
        """Attach an encrypted photo or document to the user's own entry."""
        owner = await self.session.scalar(
            select(JournalEntry.user_id).where(JournalEntry.id == entry_id)
        )
        if owner != user_id:
            raise PermissionError("entry belongs to someone else")
        blob = self.cipher.encrypt(data, f"jmedia:{user_id}:{entry_id}")
        self.session.add(
            JournalMedia(entry_id=entry_id, user_id=user_id, kind=kind, blob_enc=blob)
        )
        await self.session.flush()

    async def count(self, user_id: int) -> int:
        """How many incidents are recorded."""
        stmt = (
            select(func.count()).select_from(JournalEntry).where(JournalEntry.user_id == user_id)
        )
        return int(await self.session.scalar(stmt) or 0)

    async def entries(self, user_id: int) -> list[Entry]:
        """Every incident of the user, decrypted (unsorted)."""
        rows = list(
            await self.session.scalars(select(JournalEntry).where(JournalEntry.user_id == user_id))
        )
        counts = dict(
            (
                await self.session.execute(
                    select(JournalMedia.entry_id, func.count())
                    .where(JournalMedia.user_id == user_id)
                    .group_by(JournalMedia.entry_id)
                )
            ).all()
        )
        return [self._entry(r, int(counts.get(r.id, 0))) for r in rows]

    def _entry(self, row: JournalEntry, media: int) -> Entry:
        uid = row.user_id
        when = dt.datetime.fromisoformat(
            self.cipher.decrypt_text(row.occurred_at_enc, f"jwhen:{uid}")
        )
        body = self.cipher.decrypt_json(row.body_enc, f"jbody:{uid}")
        return Entry(
            row.id,
            when,
            body.get("what", ""),
            body.get("injuries", ""),
            body.get("witnesses", ""),
            media,
        )

    async def media(self, user_id: int, entry_id: int) -> list[tuple[str, bytes]]:
        """Decrypted attachments of one entry as (kind, bytes)."""
        rows = await self.session.scalars(
            select(JournalMedia)
            .where(JournalMedia.user_id == user_id, JournalMedia.entry_id == entry_id)
            .order_by(JournalMedia.id)
        )
        return [
            (r.kind, self.cipher.decrypt(r.blob_enc, f"jmedia:{user_id}:{entry_id}")) for r in rows
        ]

    async def delete_all(self, user_id: int) -> None:
        """Erase the whole journal of the user."""
        await self.session.execute(delete(JournalMedia).where(JournalMedia.user_id == user_id))
        await self.session.execute(delete(JournalEntry).where(JournalEntry.user_id == user_id))
