"""Webhook mode: secret header checked, at-least-once delivery, dedupe by update_id."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.context import App

log = logging.getLogger(__name__)


def make_web_app(app: App, dp: Dispatcher) -> web.Application:
    """aiohttp application serving the webhook path (and /healthz)."""
    settings = app.settings
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    web_app = web.Application()
    # handle_in_background=False: a failure answers 500 so Telegram re-delivers the update;
    # the idempotency middleware makes the re-delivery run once.
    SimpleRequestHandler(dp, app.bot, secret_token=secret, handle_in_background=False).register(
        web_app, path=settings.webhook_path
    )
    web_app.router.add_get("/healthz", _health)
    setup_application(web_app, dp, bot=app.bot)
    return web_app


async def _health(_request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def serve_webhook(app: App, dp: Dispatcher) -> None:
    """Register the webhook once and serve until cancelled."""
    settings = app.settings
    if not settings.webhook_url:
        raise ValueError("BOT_MODE=webhook needs WEBHOOK_URL")
    runner = web.AppRunner(make_web_app(app, dp))
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    await app.bot.set_webhook(
        url=settings.webhook_url.rstrip("/") + settings.webhook_path,
        secret_token=secret,
        allowed_updates=dp.resolve_used_update_types(),
        drop_pending_updates=False,
    )
    log.info("webhook serving on %s:%s", settings.webhook_host, settings.webhook_port)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
