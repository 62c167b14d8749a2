"""Young people's area: youth cards, awareness quizzes (dialogs/quiz.py) and myths vs facts.

Quiz progress lives in FSM data (encrypted, SQL-backed, survives restarts) under one key; the
FSM state stays None so free text still reaches the talk router. Every press is checked
against the loaded content and the stored progress: anything else gets the stale-button reply.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import CardCb, NavCb
from bot.context import App
from bot.keyboards import nav, with_safety
from bot.texts import text
from bot.youth_texts import b, t
from dialogs import quiz as engine
from knowledge.models import Myth, Quiz

router = Router(name=__name__)
STATE_KEY = "youth_quiz"
YOUTH_INTENT = "youth_relationships"


class YouthCb(CallbackData, prefix="yo"):
    """A screen of the youth area: ``quizzes`` or ``myths``."""

    to: str


class QuizCb(CallbackData, prefix="yq"):
    """A quiz press: ``start``, ``ans`` (with ``opt``), ``skip`` or ``next`` for question ``q``."""

    quiz: str
    act: str
    q: str = ""
    opt: int = -1


class MythCb(CallbackData, prefix="ym"):
    """Show a myth (``show``) or its fact (``fact``)."""

    id: str
    act: str = "show"


def _lang(app: App) -> str:
    locale = app.i18n.current_locale
    return locale if locale in ("kk", "ru") else app.settings.default_lang


def _btn(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label[:64], callback_data=data.pack())


def _kb(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    """The rows that have buttons, plus the SOS/quick-exit row."""
    return with_safety([row for row in rows if row])


def _back_rows() -> list[list[InlineKeyboardButton]]:
    return [[nav("youth"), nav("menu")]]


async def _stale(app: App, chat_id: int) -> None:
    await app.sender.text(chat_id, text("stale_button"), reply_markup=with_safety(_back_rows()))


# --- hub ---------------------------------------------------------------------------------


def hub_kb(app: App, lang: str) -> InlineKeyboardMarkup:
    """Youth cards by title, then quizzes and myths, then the menu."""
    rows = [
        [_btn(card.title[lang], CardCb(id=card.id))]
        for card in app.kb.cards_for_intent(YOUTH_INTENT)
    ]
    rows.append([_btn(b("quizzes"), YouthCb(to="quizzes")), _btn(b("myths"), YouthCb(to="myths"))])
    rows.append([nav("menu")])
    return with_safety(rows)


@router.callback_query(NavCb.filter(F.to == "youth"))
async def hub(query: CallbackQuery, app: App) -> None:
    """The youth hub from the main menu or a card's follow-up."""
    await app.sender(query.answer())
    await app.sender.text(query.from_user.id, t("hub"), reply_markup=hub_kb(app, _lang(app)))


# --- quizzes -----------------------------------------------------------------------------


def _quiz(app: App, quiz_id: str) -> Quiz | None:
    return next((q for q in app.kb.quizzes() if q.id == quiz_id), None)


async def save(state: FSMContext, session: AsyncSession, progress: dict[str, Any] | None) -> None:
    """Store the progress and commit before replying, so a crash never shows unsaved steps."""
    await state.update_data({STATE_KEY: progress})
    await session.commit()


@router.callback_query(YouthCb.filter(F.to == "quizzes"))
async def quiz_list(query: CallbackQuery, app: App) -> None:
    """One button per quiz."""
    await app.sender(query.answer())
    lang = _lang(app)
    rows = [[_btn(q.title[lang], QuizCb(quiz=q.id, act="start"))] for q in app.kb.quizzes()]
    markup = with_safety([*rows, *_back_rows()])
    await app.sender.text(query.from_user.id, t("quiz_list"), reply_markup=markup)


@router.callback_query(QuizCb.filter(F.act == "start"))
async def quiz_start(
    query: CallbackQuery,
    callback_data: QuizCb,
    app: App,
    state: FSMContext,
    session: AsyncSession,
) -> None:
    """Start (or restart) a quiz at its first question."""
    await app.sender(query.answer())
    quiz = _quiz(app, callback_data.quiz)
    if quiz is None or not quiz.questions:
        await _stale(app, query.from_user.id)
        return
    progress = engine.start(quiz)
    await save(state, session, progress)
    if quiz.review.status != "reviewed":
        await app.sender.text(query.from_user.id, "<i>" + t("quiz_review") + "</i>")
    await send_question(app, query.from_user.id, quiz, progress)


@router.callback_query(QuizCb.filter(F.act.in_({"ans", "skip", "next"})))
async def quiz_move(
    query: CallbackQuery,
    callback_data: QuizCb,
    app: App,
    state: FSMContext,
    session: AsyncSession,
) -> None:
    """Answer, skip or move on; presses that do not fit the stored progress are stale."""
    await app.sender(query.answer())
    quiz = _quiz(app, callback_data.quiz)
    try:
        if quiz is None:
            raise engine.QuizError("unknown quiz")
        progress = engine.resume(quiz, (await state.get_data()).get(STATE_KEY))
        progress, feedback = _apply(quiz, progress, callback_data)
    except engine.QuizError:
        await _stale(app, query.from_user.id)
        return
    finished = engine.finished(quiz, progress)
    await save(state, session, None if finished else progress)
    if feedback is not None:
        await send_feedback(app, query.from_user.id, quiz, progress, feedback)
    elif finished:
        await send_result(app, query.from_user.id, quiz, progress)
    else:
        await send_question(app, query.from_user.id, quiz, progress)


def _apply(
    quiz: Quiz, progress: dict[str, Any], cb: QuizCb
) -> tuple[dict[str, Any], engine.Feedback | None]:
    """The engine step for the press (QuizError when it does not fit)."""
    if cb.act == "ans":
        return engine.answer(quiz, progress, cb.q, cb.opt)
    if cb.act == "skip":
        return engine.skip(quiz, progress, cb.q), None
    return engine.next_question(quiz, progress, cb.q), None


async def send_question(app: App, chat_id: int, quiz: Quiz, progress: dict[str, Any]) -> None:
    """The current question with numbered options as buttons, and Skip."""
    question = engine.current(quiz, progress)
    if question is None:  # callers only ask while the quiz runs; never send an empty question
        return
    lang = _lang(app)
    options = question.options[lang][: engine.option_count(question)]
    listing = "\n".join(f"{i + 1}. {escape(opt)}" for i, opt in enumerate(options))
    body = t(
        "quiz_question",
        i=progress["pos"] + 1,
        n=len(quiz.questions),
        question=escape(question.question[lang]),
        options=listing,
    )
    rows = [
        [_btn(f"{i + 1}. {opt}", QuizCb(quiz=quiz.id, act="ans", q=question.id, opt=i))]
        for i, opt in enumerate(options)
    ]
    rows.append([_btn(b("skip"), QuizCb(quiz=quiz.id, act="skip", q=question.id))])
    await app.sender.text(chat_id, body, reply_markup=with_safety(rows))


async def send_feedback(
    app: App, chat_id: int, quiz: Quiz, progress: dict[str, Any], fb: engine.Feedback
) -> None:
    """Right or wrong, the explanation, and Next (or the result after the last question)."""
    lang = _lang(app)
    question = fb.question
    if fb.correct:
        verdict = t("quiz_right")
    else:
        verdict = t("quiz_wrong", answer=escape(question.options[lang][question.correct]))
    body = f"{verdict}\n\n{escape(question.explanation[lang])}"
    last = progress["pos"] == len(quiz.questions) - 1
    label = b("result") if last else b("next")
    rows = [[_btn(label, QuizCb(quiz=quiz.id, act="next", q=question.id))]]
    await app.sender.text(chat_id, body, reply_markup=with_safety(rows))


async def send_result(app: App, chat_id: int, quiz: Quiz, progress: dict[str, Any]) -> None:
    """The score, a kind closing line with 150 and 111, and a way to a person."""
    score = engine.score(quiz, progress)
    lines = [t("quiz_result", right=score.right, total=score.total)]
    if score.skipped:
        lines.append(t("quiz_skipped", skipped=score.skipped))
    lines.append("\n" + t("quiz_closing"))
    rows = [[nav("human")], [_btn(b("other_quiz"), YouthCb(to="quizzes"))], *_back_rows()]
    await app.sender.text(chat_id, "\n".join(lines), reply_markup=with_safety(rows))


# --- myths and facts ---------------------------------------------------------------------


def _myth_pos(app: App, myth_id: str) -> tuple[int, list[Myth]] | None:
    myths = app.kb.myths()
    pos = next((i for i, m in enumerate(myths) if m.id == myth_id), None)
    return None if pos is None else (pos, myths)


@router.callback_query(YouthCb.filter(F.to == "myths"))
async def myths_start(query: CallbackQuery, app: App) -> None:
    """The first myth."""
    await app.sender(query.answer())
    myths = app.kb.myths()
    if not myths:
        await _stale(app, query.from_user.id)
        return
    await send_myth(app, query.from_user.id, 0, myths)


@router.callback_query(MythCb.filter(F.act.in_({"show", "fact"})))
async def myth_press(query: CallbackQuery, callback_data: MythCb, app: App) -> None:
    """A myth, or the fact that answers it."""
    await app.sender(query.answer())
    found = _myth_pos(app, callback_data.id)
    if found is None:
        await _stale(app, query.from_user.id)
        return
    pos, myths = found
    if callback_data.act == "show":
        await send_myth(app, query.from_user.id, pos, myths)
    else:
        await send_fact(app, query.from_user.id, pos, myths)


def _next_myth_row(pos: int, myths: list[Myth], label: str) -> list[InlineKeyboardButton]:
    if pos + 1 < len(myths):
        return [_btn(label, MythCb(id=myths[pos + 1].id))]
    return []


async def send_myth(app: App, chat_id: int, pos: int, myths: list[Myth]) -> None:
    """One myth with "Show the fact" and "Next"."""
    myth = myths[pos]
    body = t("myth", i=pos + 1, n=len(myths), myth=escape(myth.myth[_lang(app)]))
    row = [_btn(b("show_fact"), MythCb(id=myth.id, act="fact"))]
    row += _next_myth_row(pos, myths, b("next"))
    await app.sender.text(chat_id, body, reply_markup=_kb([row, *_back_rows()]))


async def send_fact(app: App, chat_id: int, pos: int, myths: list[Myth]) -> None:
    """The fact, the review note when not yet reviewed, and the next myth."""
    myth = myths[pos]
    body = t("fact", fact=escape(myth.fact[_lang(app)]))
    if myth.review.status != "reviewed":
        body += "\n\n<i>" + text("needs_review") + "</i>"
    if pos + 1 == len(myths):
        body += "\n\n" + t("myths_end")
    row = _next_myth_row(pos, myths, b("next_myth"))
    await app.sender.text(chat_id, body, reply_markup=_kb([row, *_back_rows()]))
