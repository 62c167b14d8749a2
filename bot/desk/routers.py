"""Staff-side routers, scoped to the staff supergroup."""

from __future__ import annotations

from aiogram import F, Router

from bot.config import Settings


def get_staff_router(settings: Settings) -> Router:
    """Everything staff can do; other chats never reach these handlers."""
    staff = Router(name="staff")
    staff.message.filter(F.chat.id == settings.staff_chat_id)
    staff.callback_query.filter(F.message.chat.id == settings.staff_chat_id)
    return staff
