"""The safety hub (menu button "Safety plan") and deleting sent files from the chat."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.callbacks import NavCb
from bot.context import App
from bot.keyboards import nav
from bot.safety.common import FileCb, SafeNav, btn, kb
from bot.safety.texts import b, t

router = Router(name=__name__)


async def send_hub(app: App, chat_id: int) -> None:
    """Danger check, plan, journal, check-ins."""
    rows = [
        [btn(b("screen"), SafeNav(to="screen")), btn(b("plan"), SafeNav(to="plan"))],
        [btn(b("journal"), SafeNav(to="journal")), btn(b("checkin"), SafeNav(to="checkin"))],
        [nav("menu")],
    ]
    await app.sender.text(chat_id, t("hub"), reply_markup=kb(rows))


@router.callback_query(NavCb.filter(F.to == "safety_plan"))
async def hub_from_menu(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """The main menu's "Safety plan" button."""
    await app.sender(query.answer())
    await state.set_state(None)
    await send_hub(app, query.from_user.id)


@router.callback_query(SafeNav.filter(F.to == "hub"))
async def hub_back(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """Back to the hub from any safety screen."""
    await app.sender(query.answer())
    await state.set_state(None)
    await send_hub(app, query.from_user.id)


@router.callback_query(FileCb.filter())
async def delete_file(query: CallbackQuery, callback_data: FileCb, app: App) -> None:
    """Remove the sent file and its note from the chat."""
    await app.sender(query.answer())
    ids = [callback_data.doc]
    if query.message is not None:
        ids.append(query.message.message_id)
    await app.sender.delete(query.from_user.id, ids)
    await app.sender.text(query.from_user.id, t("file_deleted"), reply_markup=kb([]))
