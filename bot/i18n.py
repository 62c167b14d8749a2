"""Gettext catalogues and the locale choice: saved language, then Telegram's, then default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.db.repos.users import UserRepo

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
USER_LANGS = ("kk", "ru")


def make_i18n(default_locale: str) -> I18n:
    """Load the compiled catalogues from ``locales/``."""
    return I18n(path=LOCALES_DIR, default_locale=default_locale, domain="messages")


def pick_locale(saved: str | None, telegram_code: str | None, default: str) -> str:
    """The user's language: their choice, else Telegram's (kk/ru only), else the default."""
    if saved in USER_LANGS:
        return saved
    code = (telegram_code or "").split("-")[0].lower()
    return code if code in USER_LANGS else default


class UserLocaleMiddleware(I18nMiddleware):
    """Reads the saved language through the per-update DB session."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        """Resolve the locale for this event."""
        user: User | None = data.get("event_from_user")
        if user is None:
            return self.i18n.default_locale
        saved = data.get("saved_lang")
        if "saved_lang" not in data and "session" in data:
            info = await UserRepo(data["session"]).get(user.id)
            saved = data["saved_lang"] = info.lang if info else None
        return pick_locale(saved, user.language_code, self.i18n.default_locale)
