"""Shared pieces of the safety feature: callback data, keyboards, language, discreet files."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import EditMessageText, SendDocument
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.context import App
from bot.keyboards import nav, with_safety
from bot.safety.texts import b, t

Row = Iterable[InlineKeyboardButton]


class SafeNav(CallbackData, prefix="sf"):
    """Hub-level navigation inside the safety feature."""

    to: str


class ScrCb(CallbackData, prefix="sscr"):
    """Danger screen: start/resume/stop, or an answer to question ``q``."""

    do: str
    q: str = ""


class PlanCb(CallbackData, prefix="splan"):
    """Safety plan actions; ``arg`` is a priority, section or item id."""

    do: str
    arg: str = ""


class JrnCb(CallbackData, prefix="sjrn"):
    """Incident journal actions; ``arg`` is days ago or an hour."""

    do: str
    arg: int = 0


class ChkCb(CallbackData, prefix="schk"):
    """Check-in settings and the answers to a check-in."""

    do: str
    arg: int = 0


class FileCb(CallbackData, prefix="sfile"):
    """Delete a sent file (and the note carrying this button) from the chat."""

    doc: int


def btn(label: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button with packed callback data."""
    return InlineKeyboardButton(text=label, callback_data=data.pack())


def kb(rows: Iterable[Row]) -> InlineKeyboardMarkup:
    """Rows plus the SOS/quick-exit row."""
    return with_safety([list(r) for r in rows if r])


def back_row() -> list[InlineKeyboardButton]:
    """Back to the safety hub, and the main menu."""
    return [btn(b("hub"), SafeNav(to="hub")), nav("menu")]


def lang_of(app: App) -> str:
    """The user's language for content files (kk or ru)."""
    locale = app.i18n.current_locale
    return locale if locale in ("kk", "ru") else app.settings.default_lang


async def send_file(app: App, chat_id: int, data: bytes, name: str) -> None:
    """Send a document with a neutral name, then a note with a button to delete both."""
    doc = await app.sender(
        SendDocument(chat_id=chat_id, document=BufferedInputFile(data, filename=name))
    )
    markup = kb([[btn(b("delete_file"), FileCb(doc=doc.message_id))]])
    await app.sender.text(chat_id, t("file_sent"), reply_markup=markup)


async def show(
    app: App, query: CallbackQuery, body: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message's text (fewer messages on screen), or send a new one."""
    msg = query.message
    if isinstance(msg, Message):
        try:
            await app.sender(
                EditMessageText(
                    chat_id=msg.chat.id, message_id=msg.message_id, text=body, reply_markup=markup
                )
            )
            return
        except TelegramBadRequest:
            pass  # too old to edit or unchanged: a new message is fine
    await app.sender.text(query.from_user.id, body, reply_markup=markup)
