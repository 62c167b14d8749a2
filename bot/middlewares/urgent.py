"""Urgent guard: every private text or caption is screened before any flow sees it.

A frightened person may type "he is here with a knife" while a safety-plan question is
open; no handler may swallow that as an answer. So the classification runs here, for
every message in every state, and an urgent one takes the emergency path at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.methods import SendMessage
from aiogram.types import Message, TelegramObject

from bot.context import App
from bot.db.repos.cases import CaseRepo
from bot.services.emergency import emergency
from bot.services.understanding import safe_classify
from bot.texts import text

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
NLU_CHARS = 4096
RECORDING_STATES = frozenset({"JournalSG:draft", "PlanSG:note"})


class UrgentGuardMiddleware(BaseMiddleware):
    """Classifies once (``data["nlu"]``); urgent messages get the emergency reply here."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """Screen, then either take the emergency path or pass on."""
        if not isinstance(event, Message) or event.chat.type != "private":
            return await handler(event, data)
        body = event.text or event.caption
        if not body or body.startswith("/"):
            return await handler(event, data)
        app: App = data["app"]
        started = time.perf_counter()
        locale = app.i18n.current_locale
        fallback = locale if locale in ("kk", "ru") else app.settings.default_lang
        result = await safe_classify(app, body[:NLU_CHARS], fallback)
        data["nlu"] = result
        if not result.urgent or await _recording_past_event(data, result):
            return await handler(event, data)
        from bot.desk.relay import relay_user_message

        if await _consultant_is_here(app, data, event.chat.id, result):
            # A person is talking with them: they get the message with a danger flag;
            # the bot does not talk over them (the lexicon-confirmed case is handled below).
            await relay_user_message(app, data["session"], event)
            await _flag_for_consultant(app, data, event.chat.id)
            return None
        await emergency(app, data["session"], event.chat.id, result.intent, result.lang)
        log.info(
            "urgent message: reply and escalation in %.1f ms (source %s)",
            (time.perf_counter() - started) * 1000,
            result.urgent_source,
        )
        await relay_user_message(app, data["session"], event)
        return None


async def _recording_past_event(data: dict[str, Any], result: Any) -> bool:
    """The user is typing an incident or a plan note on purpose; only the lexicon interrupts.

    Journal entries describe violence by design ("he slammed the door, grabbed my arm"); the
    model's low urgent cut would turn every entry into an emergency and lose the entry.
    The danger lexicon (present tense, weapons, "help now") still interrupts, and SOS stays
    on every screen of these flows.
    """
    if result.urgent_source in ("lexicon", "both"):
        return False
    state = data.get("state")
    return state is not None and await state.get_state() in RECORDING_STATES


async def _consultant_is_here(app: App, data: dict[str, Any], user_id: int, result: Any) -> bool:
    """A consultant has the case and only the model (not the danger lexicon) flagged it."""
    if result.urgent_source in ("lexicon", "both"):
        return False
    case = await CaseRepo(data["session"], app.cipher).open_for_user(user_id)
    return case is not None and case.status == "assigned"


async def _flag_for_consultant(app: App, data: dict[str, Any], user_id: int) -> None:
    """Tell the consultant in the topic that the last message may signal present danger."""
    case = await CaseRepo(data["session"], app.cipher).open_for_user(user_id)
    if case is None or case.topic_id is None or app.settings.staff_chat_id is None:
        return
    with app.i18n.use_locale(app.settings.staff_lang):
        body = text("possible_danger")
    await app.sender(SendMessage(chat_id=app.settings.staff_chat_id, text=body,
                                 message_thread_id=case.topic_id, disable_notification=False))
