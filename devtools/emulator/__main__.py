"""Run the emulator standalone: `python -m devtools.emulator --port 8081`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from devtools.emulator.server import EmulatorServer


async def _serve(host: str, port: int) -> None:
    server = await EmulatorServer(host=host, port=port).start()
    print(f"Telegram Bot API emulator at {server.url} (control API: {server.url}/_control/)")
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def main() -> None:
    """Parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port))


if __name__ == "__main__":
    main()
