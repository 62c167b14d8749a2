"""Inline keyboards; labels come from the catalogues, and every screen offers a quick exit."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import LangCb, NavCb
from bot.texts import button

MAIN_MENU = (
    ("rights", "safety_plan"),
    ("human", "hotlines"),
    ("youth", "region"),
    ("privacy", "language"),
)


def nav(key: str) -> InlineKeyboardButton:
    """A button that navigates to ``key``."""
    return InlineKeyboardButton(text=button(key), callback_data=NavCb(to=key).pack())


def safety_row() -> list[InlineKeyboardButton]:
    """SOS and quick exit: present on every screen."""
    return [nav("sos"), nav("exit")]


def with_safety(rows: Iterable[Iterable[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    """Add the SOS/quick-exit row under the given rows."""
    builder = InlineKeyboardBuilder()
    for row in rows:
        builder.row(*row)
    builder.row(*safety_row())
    return builder.as_markup()


def menu_kb() -> InlineKeyboardMarkup:
    """Main menu."""
    return with_safety([nav(a), nav(b)] for a, b in MAIN_MENU)


def buttons_kb(keys: Iterable[str]) -> InlineKeyboardMarkup:
    """One row of navigation buttons plus the safety row."""
    keys = list(keys)
    return with_safety([[nav(k) for k in keys]] if keys else [])


def language_kb() -> InlineKeyboardMarkup:
    """Language choice; names are written in their own language on purpose."""
    return with_safety(
        [
            [
                InlineKeyboardButton(text="Қазақша", callback_data=LangCb(lang="kk").pack()),
                InlineKeyboardButton(text="Русский", callback_data=LangCb(lang="ru").pack()),
            ]
        ]
    )
