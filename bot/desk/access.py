"""Who may act on cases: members of the staff supergroup, checked with getChatMember."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.methods import GetChatMember
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.context import App
from bot.desk.texts import staff_text

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
STAFF_STATUSES = {"member", "administrator", "creator"}
SUPERVISOR_STATUSES = {"administrator", "creator"}
CACHE_S = 60.0
_CACHE = "desk_member_cache"


async def member_status(app: App, user_id: int) -> str:
    """The user's status in the staff group (cached briefly: membership rarely changes)."""
    cache: dict[int, tuple[float, str]] = app.extras.setdefault(_CACHE, {})
    hit = cache.get(user_id)
    if hit and time.monotonic() - hit[0] < CACHE_S:
        return hit[1]
    assert app.settings.staff_chat_id is not None
    try:
        member = await app.sender(
            GetChatMember(chat_id=app.settings.staff_chat_id, user_id=user_id)
        )
        status = str(member.status)
    except Exception:
        # Fail closed: an unknown person must not act on a case.
        log.warning("membership check failed", exc_info=True)
        return "left"
    cache[user_id] = (time.monotonic(), status)
    return status


async def is_staff(app: App, user: User | None) -> bool:
    """True for a human member, administrator or creator of the staff group."""
    if user is None or user.is_bot:
        return False
    return await member_status(app, user.id) in STAFF_STATUSES


async def is_supervisor(app: App, user: User) -> bool:
    """Administrators and the creator of the staff group."""
    return await member_status(app, user.id) in SUPERVISOR_STATUSES


def actor(app: App, user_id: int) -> str:
    """A stable staff pseudonym for the audit log (no Telegram id stored)."""
    key = app.cipher.derive_key("desk-actor")
    return "staff-" + hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


def staff_label(user: User) -> str:
    """How other staff see a colleague: their first name (never shown to users)."""
    return (user.first_name or "?")[:64]


class StaffGuard(BaseMiddleware):
    """Staff router gate: non-members are refused; everything renders in STAFF_LANG."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """Check membership, then run the handler in the staff language."""
        app: App = data["app"]
        user = getattr(event, "from_user", None)
        with app.i18n.use_locale(app.settings.staff_lang):
            if not await is_staff(app, user):
                if isinstance(event, CallbackQuery):
                    await app.sender(event.answer(staff_text("not_staff"), show_alert=True))
                elif isinstance(event, Message) and user is not None and not user.is_bot:
                    log.info("message from a non-member in the staff chat ignored")
                return None
            return await handler(event, data)
