"""Privacy: what is kept, /forget, discreet mode, auto-erase, phone safety tips."""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import NavCb
from bot.context import App
from bot.db.base import utcnow
from bot.db.repos.users import UserRepo
from bot.keyboards import buttons_kb, nav, with_safety
from bot.services.erase import erase_chat
from bot.services.forget import forget_user
from bot.texts import button, text

router = Router(name=__name__)
ERASE_CHOICES = (15, 60, 240)


class PrivCb(CallbackData, prefix="priv"):
    """Privacy settings actions."""

    do: str
    value: int = 0


def privacy_kb(discreet: bool, minutes: int | None) -> object:
    """Privacy screen buttons."""
    toggle = "discreet_off" if discreet else "discreet_on"
    rows = [
        [InlineKeyboardButton(text=button(toggle), callback_data=PrivCb(do="discreet").pack())],
        [InlineKeyboardButton(text=button("auto_erase"), callback_data=PrivCb(do="erase").pack())],
        [nav("phone_tips")],
        [InlineKeyboardButton(text=button("forget"), callback_data=PrivCb(do="forget").pack())],
    ]
    return with_safety(rows)


async def _send_privacy(app: App, session: AsyncSession, chat_id: int) -> None:
    user = await UserRepo(session).ensure(chat_id)
    body = text("privacy", days=app.settings.retention_days)
    state = (
        text("auto_erase_on", minutes=user.auto_erase_minutes)
        if user.auto_erase_minutes
        else text("auto_erase_off")
    )
    await app.sender.text(
        chat_id,
        f"{body}\n\n{state}",
        reply_markup=privacy_kb(user.discreet, user.auto_erase_minutes),
    )


@router.message(Command("privacy"))
async def privacy(message: Message, app: App, session: AsyncSession) -> None:
    """What is stored, for how long, who sees it."""
    await _send_privacy(app, session, message.chat.id)


@router.callback_query(NavCb.filter(F.to == "privacy"))
async def privacy_button(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """Privacy screen from the menu."""
    await app.sender(query.answer())
    await _send_privacy(app, session, query.from_user.id)


@router.callback_query(NavCb.filter(F.to == "phone_tips"))
async def phone_tips(query: CallbackQuery, app: App) -> None:
    """How to keep the phone discreet."""
    await app.sender(query.answer())
    await app.sender.text(
        query.from_user.id, text("phone_tips"), reply_markup=buttons_kb(["menu"])
    )


@router.callback_query(PrivCb.filter(F.do == "discreet"))
async def toggle_discreet(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """Discreet mode: neutral first line in every message, so previews reveal nothing."""
    await app.sender(query.answer())
    user = await UserRepo(session).ensure(query.from_user.id)
    await UserRepo(session).set(query.from_user.id, discreet=not user.discreet)
    await session.commit()
    app.sender.discreet[query.from_user.id] = not user.discreet
    key = "discreet_now_off" if user.discreet else "discreet_now_on"
    await app.sender.text(query.from_user.id, text(key), reply_markup=buttons_kb(["privacy"]))


@router.callback_query(PrivCb.filter(F.do == "erase"))
async def erase_options(query: CallbackQuery, app: App) -> None:
    """Offer auto-erase intervals."""
    await app.sender(query.answer())
    rows = [
        [
            InlineKeyboardButton(
                text=text("minutes", n=n), callback_data=PrivCb(do="erase_set", value=n).pack()
            )
        ]
        for n in ERASE_CHOICES
    ]
    rows.append(
        [
            InlineKeyboardButton(
                text=button("auto_erase_disable"),
                callback_data=PrivCb(do="erase_set", value=0).pack(),
            )
        ]
    )
    await app.sender.text(
        query.from_user.id, text("auto_erase_prompt"), reply_markup=with_safety(rows)
    )


@router.callback_query(PrivCb.filter(F.do == "erase_set"))
async def erase_set(
    query: CallbackQuery, callback_data: PrivCb, app: App, session: AsyncSession
) -> None:
    """Turn auto-erase on (N minutes after the last activity) or off."""
    await app.sender(query.answer())
    minutes = callback_data.value if callback_data.value in ERASE_CHOICES else None
    await UserRepo(session).set(query.from_user.id, auto_erase_minutes=minutes)
    await schedule_auto_erase(app, query.from_user.id, minutes)
    await session.commit()
    key = "auto_erase_on" if minutes else "auto_erase_off"
    await app.sender.text(
        query.from_user.id, text(key, minutes=minutes or 0), reply_markup=buttons_kb(["menu"])
    )


async def schedule_auto_erase(app: App, user_id: int, minutes: int | None) -> None:
    """(Re)schedule the user's auto-erase job, or cancel it."""
    assert app.scheduler is not None
    if not minutes:
        await app.scheduler.schedule("noop", utcnow(), dedupe_key=f"erase:{user_id}")
        return
    await app.scheduler.schedule(
        "auto_erase",
        utcnow() + dt.timedelta(minutes=minutes),
        user_id=user_id,
        dedupe_key=f"erase:{user_id}",
    )


@router.callback_query(PrivCb.filter(F.do == "forget"))
async def forget_ask(query: CallbackQuery, app: App) -> None:
    """Confirm before erasing everything."""
    await app.sender(query.answer())
    await _ask_forget(app, query.from_user.id)


@router.message(Command("forget"))
async def forget_command(message: Message, app: App) -> None:
    """/forget asks for confirmation."""
    await _ask_forget(app, message.chat.id)


async def _ask_forget(app: App, chat_id: int) -> None:
    rows = [
        [
            InlineKeyboardButton(
                text=button("forget_yes"), callback_data=PrivCb(do="forget_yes").pack()
            ),
            InlineKeyboardButton(text=button("forget_no"), callback_data=NavCb(to="menu").pack()),
        ]
    ]
    await app.sender.text(chat_id, text("forget_confirm"), reply_markup=with_safety(rows))


@router.callback_query(PrivCb.filter(F.do == "forget_yes"))
async def forget_yes(
    query: CallbackQuery, app: App, session: AsyncSession, state: FSMContext
) -> None:
    """Erase the chat and every row about the user, then say so once."""
    await app.sender(query.answer())
    user_id = query.from_user.id
    await state.clear()
    await erase_chat(app, session, user_id, [])
    await forget_user(app, session, user_id)
    app.sender.discreet.pop(user_id, None)
    # The confirmation is not tracked: nothing about the user may remain in the database.
    await app.sender.text(user_id, text("forget_done"), track=False)
