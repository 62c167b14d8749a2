"""Safety planning: danger screen, safety plan, incident journal, safe check-ins."""

from __future__ import annotations

from aiogram import Router


def get_router() -> Router:
    """One router for the whole feature (include it before the free-text router)."""
    from bot.safety import checkin, hub, journal, plan, screen

    router = Router(name="safety")
    router.include_routers(hub.router, screen.router, plan.router, journal.router, checkin.router)
    return router
