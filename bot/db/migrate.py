"""Apply Alembic migrations programmatically (start-up and tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncEngine

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    """Config pointing at our migrations, independent of the working directory."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "bot" / "db" / "migrations"))
    cfg.attributes["url"] = url
    return cfg


async def upgrade_head(engine: AsyncEngine) -> None:
    """Bring the schema to the newest revision on this engine."""
    await run_command(engine, "upgrade", "head")


async def run_command(engine: AsyncEngine, name: str, revision: str) -> None:
    """Run an alembic upgrade/downgrade on an existing async engine."""
    cfg = alembic_config(str(engine.url))

    def _do(connection: object) -> None:
        cfg.attributes["connection"] = connection
        getattr(command, name)(cfg, revision)

    async with engine.begin() as conn:
        await conn.run_sync(_do)
