"""Desk routers: the staff side (scoped to the staff supergroup) and the user side."""

from __future__ import annotations

from aiogram import F, Router

from bot.config import Settings
from bot.desk.access import StaffGuard


def get_staff_router(settings: Settings) -> Router:
    """Everything staff can do; other chats never reach these handlers, non-members are refused."""
    from bot.desk import staff_buttons, staff_chat

    staff = Router(name="staff")
    staff.message.filter(F.chat.id == settings.staff_chat_id)
    staff.edited_message.filter(F.chat.id == settings.staff_chat_id)
    staff.callback_query.filter(F.message.chat.id == settings.staff_chat_id)
    guard = StaffGuard()
    staff.message.middleware(guard)
    staff.edited_message.middleware(guard)
    staff.callback_query.middleware(guard)
    staff.include_routers(staff_buttons.router, staff_chat.router)
    return staff


def get_user_desk_router() -> Router:
    """The user side: /human, safe-contact, relay while a case is open (private chats)."""
    from bot.desk import user_side

    return user_side.router
