"""The composition root's products, passed to handlers as ``app``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.crypto import Cipher
from bot.sender import Sender

if TYPE_CHECKING:
    from bot.scheduler import Scheduler


@dataclass
class App:
    """Long-lived services built once at start-up."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    cipher: Cipher
    bot: Bot
    sender: Sender
    i18n: I18n
    nlu: Any
    kb: Any
    scheduler: Scheduler | None = None
    extras: dict[str, Any] = field(default_factory=dict)
