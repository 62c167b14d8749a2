"""Catch-all, registered last: media we cannot read, unknown commands, stale buttons."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.context import App
from bot.keyboards import menu_kb
from bot.texts import text

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.message(F.chat.type == "private", F.text.startswith("/"))
async def unknown_command(message: Message, app: App) -> None:
    """An unknown command gets the menu."""
    await app.sender(message.answer(text("unknown_command"), reply_markup=menu_kb()))


@router.message(F.chat.type == "private")
async def unsupported(message: Message, app: App) -> None:
    """Stickers, voice, locations and other non-text: say what works, offer SOS."""
    log.info("unsupported private message type %s", message.content_type)
    await app.sender(message.answer(text("unsupported"), reply_markup=menu_kb()))


@router.callback_query()
async def stale_callback(query: CallbackQuery, app: App) -> None:
    """Forged, outdated or foreign callback data: answer so the spinner stops, do nothing."""
    log.info("unhandled callback press refused")
    await app.sender(query.answer(text("stale_button"), show_alert=False))


@router.message()
async def elsewhere(message: Message) -> None:
    """Messages in groups other than the staff group are ignored on purpose."""
    log.debug("ignored a message in chat type %s", message.chat.type)
