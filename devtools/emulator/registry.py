"""Registry of Bot API method handlers (names are case-insensitive, like Telegram's)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from devtools.emulator.params import Params
from devtools.emulator.world import World

Handler = Callable[[World, Params], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under a Bot API method name."""

    def register(func: Handler) -> Handler:
        METHODS[name.lower()] = func
        return func

    return register
