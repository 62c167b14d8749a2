"""Free text outside any flow: the NLU result goes to ``dialogs.policy``; actions come back."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.repos.cases import CaseRepo
from bot.db.repos.users import UserRepo
from bot.render import Ctx, execute
from bot.services.understanding import safe_classify
from bot.texts import text
from dialogs.policy import Turn, decide

router = Router(name=__name__)
TELEGRAM_TEXT_LIMIT = 4096


@router.message(StateFilter(None), F.text, ~F.text.startswith("/"))
async def free_text(
    message: Message, app: App, session: AsyncSession, state: FSMContext, nlu: Any = None
) -> None:
    """Understand the message and answer (the urgent guard already ran)."""
    assert message.text is not None
    result = nlu or await safe_classify(
        app, message.text[:TELEGRAM_TEXT_LIMIT], app.settings.default_lang
    )
    users = UserRepo(session)
    user = await users.ensure(message.chat.id)
    turn = await _turn(app, session, message, result, user.misunderstood)
    lang = _reply_lang(app, result, turn.threshold)
    if user.lang is None and lang == result.lang:
        await users.set(message.chat.id, lang=lang)
    with app.i18n.use_locale(lang):
        await execute(Ctx(app, session, message, lang, state), decide(turn, app.kb))
        if len(message.text) > TELEGRAM_TEXT_LIMIT:
            await app.sender.text(message.chat.id, text("too_long"))
    await session.commit()


def _reply_lang(app: App, result: Any, threshold: float) -> str:
    """Answer in the message's language when it has one; gibberish keeps the user's locale."""
    if result.intent != "out_of_scope" and result.confidence >= threshold:
        return str(result.lang)
    locale = app.i18n.current_locale
    return locale if locale in ("kk", "ru") else app.settings.default_lang


def _model_threshold(backend: Any) -> float:
    """The confidence threshold the model chose by cross-validation."""
    model = getattr(backend, "model", None) or getattr(backend, "local", None)
    return float(getattr(model, "threshold", 0.5))


async def _turn(
    app: App, session: AsyncSession, message: Message, result: Any, misunderstood: int
) -> Turn:
    case = await CaseRepo(session, app.cipher).open_for_user(message.chat.id)
    return Turn(
        text=message.text or "",
        nlu=result,
        threshold=app.settings.nlu_threshold or _model_threshold(app.nlu),
        case_open=case is not None,
        human_engaged=case is not None and case.assignee_id is not None,
        urgent_case_waiting=case is not None and case.priority == 0 and case.assignee_id is None,
        misunderstood=misunderstood,
    )
