"""/sos and /exit: the two things that must work from any screen, in any state."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import NavCb
from bot.context import App
from bot.services.emergency import emergency
from bot.services.erase import quick_exit

router = Router(name=__name__)


def _lang(app: App, locale: str | None) -> str:
    return locale if locale in ("kk", "ru") else app.settings.default_lang


@router.message(Command("sos"))
async def sos(message: Message, app: App, session: AsyncSession) -> None:
    """Emergency numbers at once, and a top-priority case."""
    lang = _lang(app, app.i18n.current_locale)
    await emergency(app, session, message.chat.id, "danger_now", lang)


@router.callback_query(NavCb.filter(F.to == "sos"))
async def sos_button(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """SOS from the button on every screen."""
    await app.sender(query.answer())
    lang = _lang(app, app.i18n.current_locale)
    await emergency(app, session, query.from_user.id, "danger_now", lang)


@router.message(Command("exit"))
async def exit_command(message: Message, app: App, session: AsyncSession) -> None:
    """Quick exit by command (the command message itself goes too)."""
    await quick_exit(app, session, message.chat.id, [message.message_id])


@router.callback_query(NavCb.filter(F.to == "exit"))
async def exit_button(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """Quick exit by button."""
    await app.sender(query.answer())
    await quick_exit(app, session, query.from_user.id, [])
