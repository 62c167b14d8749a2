"""Errors: logged by type and update id only (never the text), the user is not left hanging."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import ErrorEvent

from bot.context import App
from bot.texts import text

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.errors()
async def on_error(event: ErrorEvent, app: App) -> bool:
    """Log the failure without content; tell the user something went wrong if we can."""
    exc = event.exception
    update_id = event.update.update_id
    if isinstance(exc, TelegramForbiddenError):
        log.info("update %s: the user blocked the bot or left", update_id)
        return True
    log.error("update %s failed: %s", update_id, type(exc).__name__,
              exc_info=(type(exc), exc, exc.__traceback__))
    chat_id = _private_chat(event)
    if chat_id is not None:
        try:
            await app.sender.text(chat_id, text("error"))
        except Exception:
            log.warning("could not tell the user about the error (update %s)", update_id)
    return True


def _private_chat(event: ErrorEvent) -> int | None:
    update = event.update
    message = update.message or (update.callback_query.message if update.callback_query else None)
    if message is not None and message.chat.type == "private":
        return message.chat.id
    return None
