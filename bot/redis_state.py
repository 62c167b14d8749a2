"""Redis FSM storage (encrypted data) and per-user Redis locks for several replicas."""

from __future__ import annotations

import base64
import json
from typing import Any

from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import Redis

from bot.crypto import Cipher

_PURPOSE = "fsm"


def make_redis_storage(url: str, cipher: Cipher) -> tuple[BaseStorage, BaseEventIsolation]:
    """RedisStorage whose JSON is AES-GCM encrypted, and Redis-backed event isolation."""

    def dumps(value: Any) -> str:
        blob = cipher.encrypt(json.dumps(value, ensure_ascii=False).encode(), _PURPOSE)
        return base64.b64encode(blob).decode()

    def loads(value: str | bytes) -> Any:
        raw = value.encode() if isinstance(value, str) else value
        return json.loads(cipher.decrypt(base64.b64decode(raw), _PURPOSE))

    redis = Redis.from_url(url)
    storage = RedisStorage(
        redis, key_builder=DefaultKeyBuilder(with_bot_id=True), json_dumps=dumps, json_loads=loads
    )
    return storage, RedisEventIsolation(redis)
