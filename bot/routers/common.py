"""/start, /help, /language, /menu and the main-menu navigation."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import LangCb, NavCb
from bot.context import App
from bot.db.repos.users import UserRepo
from bot.keyboards import buttons_kb, language_kb, menu_kb
from bot.texts import text

router = Router(name=__name__)


@router.message(CommandStart())
async def start(message: Message, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Greet, say this is a bot, and offer the language choice."""
    await state.clear()
    await UserRepo(session).ensure(message.chat.id)
    await session.commit()
    await app.sender(message.answer(text("welcome"), reply_markup=language_kb()))


@router.message(Command("language"))
async def language(message: Message, app: App) -> None:
    """Offer the language choice again."""
    await app.sender(message.answer(text("language_prompt"), reply_markup=language_kb()))


@router.callback_query(LangCb.filter(F.lang.in_({"kk", "ru"})))
async def set_language(
    query: CallbackQuery, callback_data: LangCb, app: App, session: AsyncSession
) -> None:
    """Remember the language and show the menu in it."""
    await UserRepo(session).set(query.from_user.id, lang=callback_data.lang)
    await session.commit()
    await app.sender(query.answer())
    with app.i18n.use_locale(callback_data.lang):
        await send_menu(app, query.from_user.id, prefix=text("language_set"))


@router.message(Command("help"))
async def help_(message: Message, app: App) -> None:
    """List the commands."""
    await app.sender(message.answer(text("help"), reply_markup=buttons_kb(["menu"])))


@router.message(Command("menu"))
async def menu(message: Message, app: App, state: FSMContext) -> None:
    """Show the main menu (and leave any unfinished flow; it can be resumed)."""
    await state.set_state(None)
    await send_menu(app, message.chat.id)


@router.callback_query(NavCb.filter(F.to == "menu"))
async def menu_button(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """Main menu from a button."""
    await state.set_state(None)
    await app.sender(query.answer())
    await send_menu(app, query.from_user.id)


@router.callback_query(NavCb.filter(F.to == "language"))
async def language_button(query: CallbackQuery, app: App) -> None:
    """Language choice from a button."""
    await app.sender(query.answer())
    await app.sender.text(query.from_user.id, text("language_prompt"), reply_markup=language_kb())


async def send_menu(app: App, chat_id: int, prefix: str | None = None) -> None:
    """Send the main menu, optionally after a short line."""
    body = f"{prefix}\n\n{text('menu')}" if prefix else text("menu")
    await app.sender.text(chat_id, body, reply_markup=menu_kb())
