"""Fixtures shared by all layers: databases (SQLite and the real PostgreSQL) and settings."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

PG_ADMIN = os.environ.get(
    "QORGAU_TEST_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("QORGAU_TEST_REDIS", "redis://127.0.0.1:6379/15")


@asynccontextmanager
async def fresh_pg_db() -> AsyncIterator[str]:
    """Create a throw-away PostgreSQL database and drop it afterwards."""
    import asyncpg

    dsn = PG_ADMIN.replace("postgresql+asyncpg://", "postgresql://")
    name = f"qorgau_test_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin = await asyncpg.connect(dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL database for one test."""
    async with fresh_pg_db() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file."""
    return f"sqlite+aiosqlite:///{tmp_path}/test.sqlite3"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Each database backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/test.sqlite3"
        return
    async with fresh_pg_db() as url:
        yield url


@pytest.fixture(autouse=True)
def _no_real_telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never talk to the real Bot API: the default points at a closed local port."""
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
    yield
