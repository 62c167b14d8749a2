"""aiogram FSM storage in the application database, with encrypted data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.crypto import Cipher
from bot.db.current import use_session
from bot.db.models import FsmRecord

_PURPOSE = "fsm"


class SqlStorage(BaseStorage):
    """State and data survive restarts; data is AES-GCM encrypted (it may hold user text)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        cipher: Cipher,
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self.sessionmaker, self.cipher = sessionmaker, cipher
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True)

    async def _upsert(self, key: StorageKey, **values: Any) -> None:
        db_key = self.key_builder.build(key)
        async with use_session(self.sessionmaker) as session:
            row = await session.get(FsmRecord, db_key, with_for_update=True)
            if row is None:
                row = FsmRecord(key=db_key, user_id=key.user_id)
                session.add(row)
            for name, value in values.items():
                setattr(row, name, value)
            await session.flush()

    async def _row(self, key: StorageKey) -> FsmRecord | None:
        async with use_session(self.sessionmaker) as session:
            return await session.get(FsmRecord, self.key_builder.build(key))

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        """Store the state name."""
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        """Read the state name."""
        row = await self._row(key)
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """Store the data dict, encrypted."""
        blob = self.cipher.encrypt_json(dict(data), _PURPOSE) if data else None
        await self._upsert(key, data_enc=blob)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        """Read the data dict."""
        row = await self._row(key)
        if row is None or row.data_enc is None:
            return {}
        return dict(self.cipher.decrypt_json(row.data_enc, _PURPOSE))

    async def close(self) -> None:
        """Nothing to close: sessions are per call."""

    async def forget_user(self, user_id: int) -> None:
        """Erase every FSM record of a user (used by /forget)."""
        async with use_session(self.sessionmaker) as session:
            await session.execute(delete(FsmRecord).where(FsmRecord.user_id == user_id))

    async def has_user(self, user_id: int) -> bool:
        """True if any FSM record of the user exists."""
        async with self.sessionmaker() as session:
            found = await session.scalar(select(FsmRecord.key).where(FsmRecord.user_id == user_id))
            return found is not None
