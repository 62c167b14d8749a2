"""``python -m bot``: the bot with the configured token, or the local playground without one."""

from __future__ import annotations

import asyncio
import contextlib

from bot.app import configure_logging, run_bot
from bot.config import load_settings


def main() -> None:
    """Entry point."""
    settings = load_settings()
    configure_logging(settings.log_level)
    with contextlib.suppress(KeyboardInterrupt):
        if settings.playground:
            from devtools.playground.runner import run_playground

            asyncio.run(run_playground(settings))
        else:
            asyncio.run(run_bot(settings))


if __name__ == "__main__":
    main()
