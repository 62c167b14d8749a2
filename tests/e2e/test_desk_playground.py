"""The playground (`python -m bot` without a token) in headless Chromium, with the REAL bot.

The browser flow (devtools/playground/e2e/playground.mjs, mode "desk"): an urgent user
message opens an URGENT case topic in the staff pane, Staff A takes it and replies, and the
user sees the reply signed "Консультант". The screenshot is saved for the README.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from devtools.emulator.client import EmulatorClient
from tests.support.botproc import ROOT, TEST_KEY

SCRIPT = ROOT / "devtools" / "playground" / "e2e" / "playground.mjs"
SCREENSHOT = ROOT / "tests" / "artifacts" / "playground-desk.png"
CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT = ROOT / "node_modules" / "playwright-core"

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not CHROMIUM.exists():
        return "Debian chromium is not installed"
    if not PLAYWRIGHT.is_dir():
        return "playwright-core is not installed (run `npm ci` at the repo root)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def playground(tmp_path: Path) -> AsyncIterator[str]:
    """`python -m bot` in playground mode (no token): emulator + page + the real bot."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update({
        "PLAYGROUND_PORT": str(port), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/pg.db",
        "DATA_DIR": str(tmp_path / "data"), "ENCRYPTION_KEY": TEST_KEY,
        "STAFF_HOURS": "00:00-23:59", "SCHEDULER_INTERVAL_S": "0.3", "PYTHONUNBUFFERED": "1",
    })
    log = (tmp_path / "playground.log").open("ab")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        await _wait_polling(url, proc, tmp_path / "playground.log")
        yield url
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 20)


def _tail(log: Path) -> str:
    return log.read_text()[-3000:]


async def _wait_polling(url: str, proc: asyncio.subprocess.Process, log: Path) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 90
    async with EmulatorClient(url) as client:
        while loop.time() < deadline:
            if proc.returncode is not None:
                raise RuntimeError(_tail(log))
            with contextlib.suppress(OSError):  # the server is not listening yet
                if await client.calls("getUpdates"):
                    return
            await asyncio.sleep(0.3)
    raise TimeoutError(_tail(log))


async def test_playground_shows_the_desk(playground: str) -> None:
    missing = _missing()
    if missing:
        pytest.skip(missing)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    proc = await asyncio.create_subprocess_exec(
        "node", str(SCRIPT), f"{playground}/", str(SCREENSHOT), "desk", cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 180)
    except TimeoutError:
        proc.kill()
        raise
    print(out.decode())
    assert proc.returncode == 0, f"{out.decode()}\n{err.decode()}"
    assert '"step":"consultant reply"' in out.decode()
    assert SCREENSHOT.stat().st_size > 10_000
