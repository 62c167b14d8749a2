"""Run the real bot (``python -m bot``) as a subprocess against the emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from devtools.emulator.client import EmulatorClient

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-TOKEN"
STAFF_CHAT = -1001000000001
STAFF_A, STAFF_B = 2001, 2002
TEST_KEY = "l8dC0Ly3lWmVQ0d4tq9WyV3rPqXbq0sWzJ8jv3y7YGM"


@dataclass
class BotProcess:
    """One bot process; ``restart()`` kills and starts it again with the same settings."""

    api_url: str
    env_extra: dict[str, str]
    log_path: Path
    proc: asyncio.subprocess.Process | None = None
    starts: int = field(default=0)

    def env(self) -> dict[str, str]:
        """The environment the bot sees (settings as documented in the README)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
        env.update({
            "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": self.api_url,
            "STAFF_CHAT_ID": str(STAFF_CHAT), "ENCRYPTION_KEY": TEST_KEY,
            "STAFF_HOURS": "00:00-23:59", "SCHEDULER_INTERVAL_S": "0.3", "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        })
        env.update(self.env_extra)
        return env

    async def start(self, client: EmulatorClient, timeout: float = 60) -> None:  # noqa: ASYNC109
        """Start and wait until the bot polls (or has set its webhook)."""
        self.starts += 1
        log = self.log_path.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=ROOT, env=self.env(), stdout=log, stderr=log,
        )
        # Each start makes exactly one of these calls just before it begins taking updates.
        method = "setWebhook" if self.env().get("BOT_MODE") == "webhook" else "deleteWebhook"
        seen = len(await client.calls(method))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(await client.calls(method)) <= seen:
            if self.proc.returncode is not None:
                raise RuntimeError(f"bot exited: {self.log_path.read_text()[-3000:]}")
            if loop.time() > deadline:
                raise TimeoutError(f"bot did not start: {self.log_path.read_text()[-3000:]}")
            await asyncio.sleep(0.1)

    async def stop(self, hard: bool = False) -> None:
        """Stop the process (SIGKILL when ``hard``, as a crash would)."""
        if self.proc is None or self.proc.returncode is not None:
            return
        self.proc.send_signal(signal.SIGKILL if hard else signal.SIGINT)
        try:
            await asyncio.wait_for(self.proc.wait(), 15)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()

    async def restart(self, client: EmulatorClient, hard: bool = True) -> None:
        """Kill and start again."""
        await self.stop(hard=hard)
        await self.start(client)


@asynccontextmanager
async def running_bot(
    client: EmulatorClient, workdir: Path, db_url: str, *, hard_stop: bool = True,
    **env: str,
) -> AsyncIterator[BotProcess]:
    """A started bot on ``db_url`` with its data and log under ``workdir``; extra settings in
    ``env``. Stopped on exit (SIGKILL by default: tests already checked what they need)."""
    proc = BotProcess(
        api_url=client.server_url,  # type: ignore[attr-defined]
        env_extra={"DATABASE_URL": db_url, "DATA_DIR": str(workdir / "data"), **env},
        log_path=workdir / "bot.log",
    )
    await proc.start(client)
    try:
        yield proc
    finally:
        await proc.stop(hard=hard_stop)
