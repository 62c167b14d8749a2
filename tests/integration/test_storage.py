"""FSM storages: SQL (SQLite and PostgreSQL) and Redis; data encrypted at rest."""

from __future__ import annotations

import uuid

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import text

from bot.crypto import Cipher, generate_key, parse_key
from bot.db.base import make_engine, make_sessionmaker
from bot.db.migrate import upgrade_head
from bot.fsm_storage import SqlStorage
from tests.conftest import REDIS_URL

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)
SECRET = "мой кодовое слово сирень"


async def test_sql_storage_roundtrip_encrypted_and_forget(db_url: str) -> None:
    engine = make_engine(db_url)
    await upgrade_head(engine)
    cipher = Cipher(parse_key(generate_key()))
    storage = SqlStorage(make_sessionmaker(engine), cipher)
    await storage.set_state(KEY, "Plan:step")
    await storage.set_data(KEY, {"code_word": SECRET})
    fresh = SqlStorage(make_sessionmaker(engine), cipher)  # as after a restart
    assert await fresh.get_state(KEY) == "Plan:step"
    assert await fresh.get_data(KEY) == {"code_word": SECRET}
    async with engine.connect() as conn:
        raw = (await conn.execute(text("SELECT data_enc FROM fsm_records"))).scalar_one()
    assert SECRET.encode() not in bytes(raw)
    await fresh.forget_user(42)
    assert not await fresh.has_user(42)
    await engine.dispose()


@pytest.mark.redis
async def test_redis_storage_encrypts_and_isolates() -> None:
    from redis.asyncio import Redis

    from bot.redis_state import make_redis_storage

    cipher = Cipher(parse_key(generate_key()))
    storage, isolation = make_redis_storage(REDIS_URL, cipher)
    key = StorageKey(bot_id=1, chat_id=int(uuid.uuid4().int % 10**9), user_id=7)
    await storage.set_data(key, {"code_word": SECRET})
    assert await storage.get_data(key) == {"code_word": SECRET}
    redis = Redis.from_url(REDIS_URL)
    values = [await redis.get(k) for k in await redis.keys(f"fsm:1:{key.chat_id}:*")]
    assert values and all(SECRET.encode() not in (v or b"") for v in values)
    async with isolation.lock(key):
        pass
    await redis.aclose()
    await storage.close()
    await isolation.close()
