"""Local Telegram Bot API emulator with a control API for tests and the playground."""

from devtools.emulator.server import EmulatorServer, build_app
from devtools.emulator.world import World

__all__ = ["EmulatorServer", "World", "build_app"]
