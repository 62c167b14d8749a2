"""Start the emulator, create the demo world and run the real bot against it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import SecretStr

from devtools.emulator import EmulatorServer
from devtools.emulator.actions import create_forum, create_user
from devtools.emulator.demo import BOT_RIGHTS, DEMO_USER_ID, STAFF_CHAT_ID, STAFF_MEMBERS
from devtools.emulator.world import World

PLAYGROUND_TOKEN = "123456:PLAYGROUND"  # noqa: S105  (a fake token for the local emulator)
LOOPBACK = "127.0.0.1"


def create_demo_world(world: World) -> None:
    """Demo user 1001 (ru) and the staff forum with Staff A/B and the bot as admin."""
    world.use_token(PLAYGROUND_TOKEN)
    create_user(world, {"id": DEMO_USER_ID, "first_name": "Demo user", "language_code": "ru"})
    create_forum(world, {"id": STAFF_CHAT_ID, "title": "Qorgau staff", "members": STAFF_MEMBERS,
                         "bot": {"status": "administrator", "rights": BOT_RIGHTS},
                         "added_by": STAFF_MEMBERS[0]["user_id"]})


async def start_playground_server(port: int = 0) -> EmulatorServer:
    """Start the emulator (Bot API, control API and the page) on the loopback address."""
    server = await EmulatorServer(host=LOOPBACK, port=port).start()
    create_demo_world(server.world)
    return server


async def run_playground(settings: Any, host: str = LOOPBACK, port: int | None = None,
                         bot_runner: Callable[[Any], Awaitable[None]] | None = None) -> None:
    """Serve the playground on 127.0.0.1 and run the bot against the emulator until cancelled."""
    if host != LOOPBACK:
        raise ValueError("the playground binds only to 127.0.0.1")
    if port is None:
        port = int(getattr(settings, "playground_port", 8080))
    server = await start_playground_server(port)
    print(f"Qorgau playground: open {server.url}/  (Bot API emulator at the same address)")
    try:
        await (bot_runner or _real_bot)(_bot_settings(settings, server.url))
    finally:
        await server.stop()


def _bot_settings(settings: Any, url: str) -> Any:
    """Point the settings at the emulator with the playground token and staff forum."""
    update: dict[str, Any] = {"bot_token": SecretStr(PLAYGROUND_TOKEN),
                              "telegram_api_url": url, "staff_chat_id": STAFF_CHAT_ID}
    if hasattr(settings, "bot_mode"):
        from bot.config import BotMode

        update["bot_mode"] = BotMode.POLLING  # webhooks need a public URL; poll locally
    return settings.model_copy(update=update)


async def _real_bot(settings: Any) -> None:
    from bot.app import run_bot

    await run_bot(settings)


def main() -> None:
    """`python -m devtools.playground.runner`: playground with the real bot."""
    from bot.config import load_settings

    asyncio.run(run_playground(load_settings()))


if __name__ == "__main__":
    main()
