"""Run one Bot API call: injected failures, the handler, and the calls log."""

from __future__ import annotations

from typing import Any

from devtools.emulator import (  # noqa: F401  (registers handlers)
    methods_basic,
    methods_forum,
    methods_media,
    methods_messages,
)
from devtools.emulator.errors import ApiError
from devtools.emulator.params import Params
from devtools.emulator.registry import METHODS
from devtools.emulator.world import World


async def execute(world: World, name: str, params: Params) -> Any:
    """Execute a method and log it; raises ApiError with Telegram's code and description."""
    handler = METHODS.get(name.lower())
    try:
        if handler is None:
            raise ApiError(404, "Not Found")
        world.take_failure(name)
        result = await handler(world, params)
    except ApiError as exc:
        world.log_call(name, params.public(), {"ok": False, "error_code": exc.code,
                                               "description": exc.description})
        raise
    world.log_call(name, params.public(), {"ok": True, "result": result})
    return result
