"""Migration stairway on SQLite and PostgreSQL: upgrade, downgrade, upgrade each revision."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from bot.db.base import Base, make_engine
from bot.db.migrate import alembic_config, run_command


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


async def test_stairway(db_url: str) -> None:
    engine = make_engine(db_url)
    previous = "base"
    for revision in _revisions():
        await run_command(engine, "upgrade", revision)
        await run_command(engine, "downgrade", previous)
        await run_command(engine, "upgrade", revision)
        previous = revision
    await engine.dispose()


async def test_head_matches_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    await run_command(engine, "upgrade", "head")
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    assert set(Base.metadata.tables) <= tables
