"""Composition root: settings → database → services → dispatcher → polling or webhook."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.config import BotMode, Settings
from bot.context import App
from bot.crypto import Cipher, load_or_create_key
from bot.db.base import make_engine, make_sessionmaker
from bot.db.current import use_session
from bot.db.migrate import upgrade_head
from bot.db.repos.users import MessageRepo, UserRepo
from bot.fsm_storage import SqlStorage
from bot.i18n import UserLocaleMiddleware, make_i18n
from bot.middlewares.db import DbSessionMiddleware, IdempotencyMiddleware
from bot.middlewares.tracking import IncomingTrackingMiddleware
from bot.middlewares.urgent import UrgentGuardMiddleware
from bot.routers import get_routers
from bot.scheduler import Scheduler
from bot.sender import RetryAfterMiddleware, Sender

log = logging.getLogger(__name__)


def make_bot(settings: Settings) -> Bot:
    """A Bot on the configured API server, silent and protected by default."""
    session = AiohttpSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/"))
    )
    session.middleware(RetryAfterMiddleware())
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML,
            protect_content=settings.protect_content,
            disable_notification=settings.silent_notifications,
            link_preview_is_disabled=True,
        ),
    )


async def build_app(settings: Settings) -> App:
    """Create every long-lived service and apply migrations."""
    from knowledge import KnowledgeBase
    from nlu.backends import make_backend

    engine = make_engine(settings.database_url)
    await upgrade_head(engine)
    sessionmaker = make_sessionmaker(engine)
    secret = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    cipher = Cipher(load_or_create_key(secret, settings.data_dir))
    bot = make_bot(settings)

    async def track(chat_id: int, message_id: int, outgoing: bool) -> None:
        async with use_session(sessionmaker) as session:
            await MessageRepo(session).add(chat_id, message_id, outgoing)
            # Durable at once: a crash right after a send must not leave a message that
            # quick exit or auto-erase no longer knows about.
            await session.commit()

    async def is_discreet(chat_id: int) -> bool:
        async with use_session(sessionmaker) as session:
            info = await UserRepo(session).get(chat_id)
            return bool(info and info.discreet)

    nlu = await asyncio.to_thread(make_backend, settings.nlu_backend, settings.rasa_url)
    app = App(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        cipher=cipher,
        bot=bot,
        sender=Sender(
            bot, tracker=track, discreet_loader=is_discreet,
            silent=settings.silent_notifications,
        ),
        i18n=make_i18n(settings.default_lang),
        nlu=nlu,
        kb=KnowledgeBase.load(),
    )
    app.scheduler = Scheduler(app, settings.scheduler_interval_s)
    from bot.jobs import register_jobs

    register_jobs(app)
    return app


async def make_storage(app: App) -> tuple[BaseStorage, BaseEventIsolation]:
    """SQL storage by default; Redis (with Redis locks) when REDIS_URL is set."""
    if app.settings.redis_url:
        from bot.redis_state import make_redis_storage

        return make_redis_storage(app.settings.redis_url, app.cipher)
    return SqlStorage(app.sessionmaker, app.cipher), SimpleEventIsolation()


async def build_dispatcher(app: App) -> Dispatcher:
    """Dispatcher with middlewares in order and routers with the catch-all last."""
    storage, isolation = await make_storage(app)
    dp = Dispatcher(storage=storage, events_isolation=isolation, app=app)
    dp.update.outer_middleware(IdempotencyMiddleware(app.sessionmaker))
    dp.update.outer_middleware(DbSessionMiddleware(app.sessionmaker))
    UserLocaleMiddleware(app.i18n).setup(dp)
    dp.message.outer_middleware(IncomingTrackingMiddleware())
    # Runs for every private message in every FSM state, before any flow can swallow it.
    dp.message.outer_middleware(UrgentGuardMiddleware())
    dp.include_routers(*get_routers(app.settings))
    return dp


async def run_bot(settings: Settings) -> None:
    """Run until cancelled, in polling or webhook mode."""
    app = await build_app(settings)
    dp = await build_dispatcher(app)
    from bot.jobs import ensure_recurring

    assert app.scheduler is not None
    await ensure_recurring(app)
    app.scheduler.start()
    try:
        if settings.bot_mode is BotMode.WEBHOOK:
            from bot.webhook import serve_webhook

            await serve_webhook(app, dp)
        else:
            await app.bot.delete_webhook(drop_pending_updates=False)
            await dp.start_polling(app.bot, allowed_updates=dp.resolve_used_update_types())
    finally:
        await shutdown(app)


async def shutdown(app: App) -> None:
    """Stop the scheduler and close connections."""
    if app.scheduler is not None:
        await app.scheduler.stop()
    await app.bot.session.close()
    await app.engine.dispose()


def configure_logging(level: str) -> None:
    """Structured enough to debug, never with message text (handlers log ids only)."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)


__all__: list[Any] = ["build_app", "build_dispatcher", "run_bot"]
