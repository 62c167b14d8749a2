"""Routers in order: user side (private chats), staff side (staff group), catch-all last."""

from __future__ import annotations

from aiogram import F, Router

from bot.config import Settings


def get_routers(settings: Settings) -> list[Router]:
    """Ordered routers; scope filters are set on the parent routers."""
    from bot.desk.routers import get_staff_router, get_user_desk_router
    from bot.routers import common, emergency, errors, fallback, knowledge_ui, privacy, talk
    from bot.safety import get_router as safety_router
    from bot.youth import router as youth_router

    user = Router(name="user")
    user.message.filter(F.chat.type == "private")
    user.callback_query.filter(F.message.chat.type == "private")
    user.edited_message.filter(F.chat.type == "private")
    user.include_routers(
        emergency.router,
        get_user_desk_router(),
        common.router,
        privacy.router,
        knowledge_ui.router,
        safety_router(),
        youth_router,
        talk.router,
    )
    routers = [user]
    if settings.staff_chat_id is not None:
        routers.append(get_staff_router(settings))
    routers.append(fallback.router)
    routers.append(errors.router)
    return routers
