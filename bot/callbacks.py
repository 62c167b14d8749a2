"""Callback data schemas. Anything that does not parse is a stale or forged press."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class LangCb(CallbackData, prefix="lang"):
    """Choose a language."""

    lang: str


class NavCb(CallbackData, prefix="nav"):
    """Go to a screen or start a flow by name."""

    to: str


class CardCb(CallbackData, prefix="card"):
    """Show a knowledge card; ``alt`` lists alternatives for "not what I asked"."""

    id: str
    view: str = "show"


class RegionCb(CallbackData, prefix="reg"):
    """Show the services of a region."""

    id: str
