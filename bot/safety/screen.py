"""Danger screen: questions as buttons, answers saved encrypted after each press."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.keyboards import nav
from bot.safety.common import PlanCb, SafeNav, ScrCb, back_row, btn, kb, lang_of, show
from bot.safety.repo import SafetyRepo
from bot.safety.texts import b, t
from bot.services.escalation import escalate
from dialogs import screen as logic
from dialogs.actions import Priority

router = Router(name=__name__)
ANSWER_KEYS = ("yes", "no", "skip")


@router.callback_query(SafeNav.filter(F.to == "screen"))
async def intro(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """What the screen is; start, or continue an unfinished one."""
    await app.sender(query.answer())
    state = await SafetyRepo(session, app.cipher).get(query.from_user.id, "screen")
    unfinished = state is not None and not state.get("done")
    first = [btn(b("resume"), ScrCb(do="resume"))] if unfinished else []
    restart = btn(b("restart" if state else "start"), ScrCb(do="start"))
    screen = logic.load_screen()
    markup = kb([[*first, restart], back_row()])
    await app.sender.text(
        query.from_user.id, t("screen_intro", n=len(screen.questions)), reply_markup=markup
    )


@router.callback_query(ScrCb.filter(F.do.in_({"start", "resume"})))
async def begin(
    query: CallbackQuery, callback_data: ScrCb, app: App, session: AsyncSession
) -> None:
    """Start afresh or continue from the first unanswered question."""
    await app.sender(query.answer())
    repo = SafetyRepo(session, app.cipher)
    state = await repo.get(query.from_user.id, "screen")
    if callback_data.do == "start" or state is None:
        state = logic.new_state()
        await repo.put(query.from_user.id, "screen", state)
        await session.commit()
    await ask(app, query, state)


@router.callback_query(ScrCb.filter(F.do.in_(set(ANSWER_KEYS))))
async def on_answer(
    query: CallbackQuery, callback_data: ScrCb, app: App, session: AsyncSession
) -> None:
    """Save the answer; tell the user at once when the danger is high; then go on."""
    await app.sender(query.answer())
    screen, repo, user_id = (
        logic.load_screen(),
        SafetyRepo(session, app.cipher),
        query.from_user.id,
    )
    state = await repo.get(user_id, "screen") or logic.new_state()
    try:
        state = logic.answer(state, callback_data.q, callback_data.do, screen)
    except KeyError:
        await app.sender.text(user_id, t("screen_paused"), reply_markup=kb([back_row()]))
        return
    alert = logic.alert_due(state, screen)
    if alert:
        state = logic.mark_alerted(state, screen)
    await repo.put(user_id, "screen", state)
    await session.commit()
    if alert:
        await high_danger(app, session, user_id, state)
    elif state["done"]:
        await finished(app, session, user_id, state)
    else:
        await ask(app, query, state)


@router.callback_query(ScrCb.filter(F.do == "stop"))
async def stop(query: CallbackQuery, app: App) -> None:
    """Pause; everything answered so far is kept."""
    await app.sender(query.answer())
    await show(app, query, t("screen_paused"), kb([back_row()]))


async def ask(app: App, query: CallbackQuery, state: dict[str, Any]) -> None:
    """Show the next question with yes / no / skip / stop."""
    screen = logic.load_screen()
    question = logic.next_question(state["answers"], screen)
    if question is None:
        return
    i, n = logic.progress(state["answers"], screen)
    body = t("screen_question", i=i, n=n, question=question.text[lang_of(app)])
    rows = [
        [
            btn(b("yes"), ScrCb(do="yes", q=question.id)),
            btn(b("no"), ScrCb(do="no", q=question.id)),
        ],
        [btn(b("skip"), ScrCb(do="skip", q=question.id)), btn(b("stop"), ScrCb(do="stop"))],
    ]
    await show(app, query, body, kb(rows))


async def high_danger(
    app: App, session: AsyncSession, user_id: int, state: dict[str, Any]
) -> None:
    """Numbers and a person first, then a high-priority case carrying the result."""
    rows = [[nav("human")], [btn(b("make_plan"), PlanCb(do="open"))]]
    if not state["done"]:
        rows.append([btn(b("continue_screen"), ScrCb(do="resume"))])
    await app.sender.text(user_id, t("screen_high"), reply_markup=kb(rows))
    await _escalate(app, session, user_id, state)


async def finished(app: App, session: AsyncSession, user_id: int, state: dict[str, Any]) -> None:
    """The end of the questions: the result, and the way on to the plan."""
    result = logic.score(state["answers"], logic.load_screen())
    rows = [[btn(b("make_plan"), PlanCb(do="open"))], back_row()]
    if result.level == "high":
        await _escalate(app, session, user_id, state)  # updates the "yes" list on the case
        await app.sender.text(
            user_id, t("screen_done_high"), reply_markup=kb([[nav("human")], *rows])
        )
        return
    body = t("screen_not_high")
    if result.skipped:
        body += "\n\n" + t("screen_skipped", n=len(result.skipped))
    await app.sender.text(user_id, body, reply_markup=kb(rows))


async def _escalate(app: App, session: AsyncSession, user_id: int, state: dict[str, Any]) -> None:
    result = logic.score(state["answers"], logic.load_screen())
    details = logic.case_details(result)
    await escalate(app, session, user_id, lang_of(app), Priority.HIGH, "danger_screen", details)
