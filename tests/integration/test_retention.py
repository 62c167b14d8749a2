"""Retention: closed cases' transcripts and details are purged after RETENTION_DAYS."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from bot.config import Settings
from bot.context import App
from bot.crypto import Cipher, generate_key, parse_key
from bot.db.base import make_engine, make_sessionmaker, utcnow
from bot.db.migrate import upgrade_head
from bot.db.models import Case, CaseMessage, Job
from bot.db.repos.cases import CaseRepo
from bot.db.repos.jobs import JobInfo
from bot.jobs import retention


class _Scheduler:
    def __init__(self) -> None:
        self.scheduled: list[tuple[Any, ...]] = []

    async def schedule(self, kind: str, run_at: dt.datetime, **kw: Any) -> None:
        self.scheduled.append((kind, run_at, kw))


async def test_retention_purges_old_closed_cases_only(db_url: str) -> None:
    engine = make_engine(db_url)
    await upgrade_head(engine)
    sessionmaker = make_sessionmaker(engine)
    cipher = Cipher(parse_key(generate_key()))
    app = App(settings=Settings(retention_days=30), engine=engine, sessionmaker=sessionmaker,
              cipher=cipher, bot=None, sender=None, i18n=None, nlu=None, kb=None)  # type: ignore[arg-type]
    app.scheduler = _Scheduler()  # type: ignore[assignment]
    async with sessionmaker() as session:
        repo = CaseRepo(session, cipher)
        old = await repo.create(11, 0, "danger_now", "ru", {"safe_contact": {"now": "yes"}})
        fresh = await repo.create(12, 0, "danger_now", "kk", {})
        open_ = await repo.create(13, 2, "human", "kk", {})
        for case in (old, fresh, open_):
            await repo.add_message(case.id, "user", "текст пользователя")
        old.status, old.closed_at = "closed", utcnow() - dt.timedelta(days=31)
        fresh.status, fresh.closed_at = "closed", utcnow() - dt.timedelta(days=2)
        await session.commit()
        ids = (old.id, fresh.id, open_.id)
    await retention(app, JobInfo(1, "retention", None, utcnow(), {}, 1))
    async with sessionmaker() as session:
        counts = {i: await session.scalar(
            select(func.count()).select_from(CaseMessage).where(CaseMessage.case_id == i))
            for i in ids}
        purged = await session.get(Case, ids[0])
    assert counts == {ids[0]: 0, ids[1]: 1, ids[2]: 1}
    assert purged is not None and purged.details_enc is None and purged.user_id == 0
    assert app.scheduler.scheduled[0][0] == "retention"  # type: ignore[attr-defined]
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Job)) == 0
    await engine.dispose()
