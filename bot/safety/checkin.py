"""Safe check-ins: settings screen, the durable ``checkin`` job, and the two answers."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.current import use_session
from bot.db.repos.jobs import JobInfo, JobRepo
from bot.db.repos.users import UserRepo
from bot.safety.common import ChkCb, SafeNav, back_row, btn, kb, lang_of, show
from bot.safety.repo import SafetyRepo
from bot.safety.texts import b, t
from bot.services.emergency import emergency
from dialogs import checkin as logic

router = Router(name=__name__)
log = logging.getLogger(__name__)
KIND = "checkin"


def dedupe(user_id: int) -> str:
    """One pending check-in per user."""
    return f"{KIND}:{user_id}"


def local_now(app: App) -> dt.datetime:
    """Now in Kazakhstan time (the zone the safe hours are chosen in)."""
    return dt.datetime.now(ZoneInfo(app.settings.staff_timezone))


def settings_screen(app: App, prefs: dict[str, Any], when: str | None) -> tuple[str, Any]:
    """Window toggles, frequency, on/off."""
    chosen = set(prefs.get("windows", []))
    wins = [
        btn(
            ("✓ " if h in chosen else "") + f"{h:02d}–{h + logic.WINDOW_HOURS:02d}",
            ChkCb(do="win", arg=h),
        )
        for h in logic.WINDOW_STARTS
    ]
    every = [
        btn(
            ("✓ " if prefs.get("every", 1) == d else "") + t(f"every_{d}"),
            ChkCb(do="every", arg=d),
        )
        for d in logic.FREQUENCIES
    ]
    toggle = (
        btn(b("turn_off"), ChkCb(do="off"))
        if prefs.get("on")
        else btn(b("turn_on"), ChkCb(do="on"))
    )
    rows = [wins[i : i + 4] for i in range(0, len(wins), 4)] + [every, [toggle], back_row()]
    status = t("checkin_is_on", when=when) if prefs.get("on") and when else t("checkin_is_off")
    return f"{t('checkin_intro')}\n\n{status}", kb(rows)


async def _prefs(app: App, session: AsyncSession, user_id: int) -> dict[str, Any]:
    return await SafetyRepo(session, app.cipher).get(user_id, KIND) or logic.new_prefs()


@router.callback_query(SafeNav.filter(F.to == "checkin"))
async def open_settings(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """The check-in settings."""
    await app.sender(query.answer())
    prefs = await _prefs(app, session, query.from_user.id)
    when = _fmt(logic.next_run(local_now(app), prefs, False)) if prefs.get("on") else None
    body, markup = settings_screen(app, prefs, when)
    await app.sender.text(query.from_user.id, body, reply_markup=markup)


@router.callback_query(ChkCb.filter(F.do.in_({"win", "every", "on", "off"})))
async def change(
    query: CallbackQuery, callback_data: ChkCb, app: App, session: AsyncSession
) -> None:
    """Apply a change, save it encrypted, and (re)schedule or cancel the job."""
    user_id = query.from_user.id
    prefs = _apply(await _prefs(app, session, user_id), callback_data)
    if prefs.get("on") and not logic.can_turn_on(prefs):
        await app.sender(query.answer(t("checkin_need_window"), show_alert=True))
        prefs = {**prefs, "on": False}
    else:
        await app.sender(query.answer())
    await SafetyRepo(session, app.cipher).put(user_id, KIND, prefs)
    when = await _reschedule(app, session, user_id, prefs)
    await session.commit()
    await show(app, query, *settings_screen(app, prefs, when))


def _apply(prefs: dict[str, Any], cb: ChkCb) -> dict[str, Any]:
    if cb.do == "win" and cb.arg in logic.WINDOW_STARTS:
        return logic.toggle_window(prefs, cb.arg)
    if cb.do == "every" and cb.arg in logic.FREQUENCIES:
        return logic.set_every(prefs, cb.arg)
    return {**prefs, "on": cb.do == "on"} if cb.do in ("on", "off") else prefs


async def _reschedule(
    app: App, session: AsyncSession, user_id: int, prefs: dict[str, Any]
) -> str | None:
    """Move the user's pending job to the next safe slot, or drop it."""
    if not prefs.get("on") or not logic.can_turn_on(prefs):
        await JobRepo(session, app.cipher).cancel(dedupe(user_id))
        return None
    run_at = logic.next_run(local_now(app), prefs, False)
    await JobRepo(session, app.cipher).schedule(
        KIND, run_at.astimezone(dt.UTC), user_id, {}, dedupe(user_id)
    )
    return _fmt(run_at)


def _fmt(when: dt.datetime) -> str:
    return when.strftime("%d.%m %H:%M")


async def checkin_job(app: App, job: JobInfo) -> None:
    """Send a neutral check-in inside a safe window; outside one, only move the job."""
    assert job.user_id is not None and app.scheduler is not None
    async with use_session(app.sessionmaker) as session:
        prefs = await SafetyRepo(session, app.cipher).get(job.user_id, KIND) or {}
        user = await UserRepo(session).get(job.user_id)
    now = local_now(app)
    action = logic.due_action(now, prefs)
    if action == "stop" or user is None:
        return
    if action == "send":
        lang = user.lang if user.lang in ("kk", "ru") else app.settings.default_lang
        # Jobs run outside updates: set the i18n context the middleware normally sets.
        with app.i18n.context(), app.i18n.use_locale(lang):
            rows = [[btn(b("im_ok"), ChkCb(do="ok")), btn(b("need_help"), ChkCb(do="help"))]]
            await app.sender.text(job.user_id, t("checkin_msg"), reply_markup=kb(rows))
    run_at = logic.next_run(now, prefs, after_checkin=action == "send")
    await app.scheduler.schedule(
        KIND, run_at.astimezone(dt.UTC), user_id=job.user_id, dedupe_key=dedupe(job.user_id)
    )


@router.callback_query(ChkCb.filter(F.do == "ok"))
async def fine(query: CallbackQuery, app: App) -> None:
    """A neutral, warm reply."""
    await app.sender(query.answer())
    await show(app, query, t("checkin_ok_reply"), kb([back_row()]))


@router.callback_query(ChkCb.filter(F.do == "help"))
async def need_help(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """The SOS path: numbers first, then an urgent case."""
    await app.sender(query.answer())
    await emergency(app, session, query.from_user.id, "danger_now", lang_of(app))


def register_checkin_jobs(app: App) -> None:
    """Connect the ``checkin`` job kind (called from ``bot.jobs.register_jobs``)."""
    assert app.scheduler is not None
    app.scheduler.register(KIND, checkin_job)
