"""The update's own session, reachable from services that run inside a handler.

SQLite allows one writer at a time: a second session opened inside a handler (by the
tracker, the FSM storage or the scheduler) would wait for the handler's own write lock
and stall. Everything that runs inside an update therefore joins the update's session;
work outside updates (jobs, start-up) gets a short session of its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)


@asynccontextmanager
async def use_session(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """Join the update's session (committed by its owner) or run a committed one of our own."""
    session = current_session.get()
    if session is not None:
        yield session
        return
    async with sessionmaker() as own, own.begin():
        yield own
