"""Small helpers for end-to-end tests."""

from __future__ import annotations

import sqlite3
from typing import Any

import asyncpg


def has(text: str) -> Any:
    """Predicate: the message text contains ``text``."""
    return lambda m: text in (m.get("text") or "")


def button(message: dict[str, Any], label: str) -> str:
    """The callback data of the button labelled ``label``."""
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for btn in row:
            if btn["text"] == label:
                return str(btn["callback_data"])
    raise AssertionError(f"no button {label!r} in {message.get('reply_markup')}")


async def dump_database(url: str) -> bytes:
    """Every value of every table, as raw bytes, for plaintext searches."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        conn = sqlite3.connect(path)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        blob = b"".join(
            repr(row).encode() + b"".join(v for v in row if isinstance(v, bytes))
            for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')
        )
        conn.close()
        return blob
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    tables = [r["tablename"] for r in await conn.fetch(
        "SELECT tablename FROM pg_tables WHERE schemaname='public'")]
    parts = []
    for table in tables:
        for row in await conn.fetch(f'SELECT * FROM "{table}"'):
            parts.append(repr(tuple(row)).encode())
            parts.extend(bytes(v) for v in row.values() if isinstance(v, bytes | memoryview))
    await conn.close()
    return b"".join(parts)


async def rows_for_user(url: str, user_id: int) -> dict[str, int]:
    """How many rows mention the user id, per table and column holding user ids."""
    columns = {"users": "id", "fsm_records": "user_id", "chat_messages": "user_id",
               "jobs": "user_id", "cases": "user_id", "safety_records": "user_id",
               "journal_entries": "user_id", "journal_media": "user_id"}
    counts = {}
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1])
        for table, col in columns.items():
            counts[table] = conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE {col} = ?', (user_id,)
            ).fetchone()[0]
        conn.close()
        return counts
    pg = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    for table, col in columns.items():
        counts[table] = await pg.fetchval(
            f'SELECT count(*) FROM "{table}" WHERE {col} = $1', user_id
        )
    await pg.close()
    return counts


def tiny_png() -> bytes:
    """A real 2x2 PNG (the emulator checks images like Telegram does)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()
