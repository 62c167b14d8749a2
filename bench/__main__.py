"""``python -m bench``: end-to-end latency of the emergency path over real HTTP.

Starts the Bot API emulator and the real bot (``python -m bot``) against a fresh SQLite
database, sends urgent messages from distinct users, and measures for each: the time from
the user's message to the bot's emergency reply, and to the staff topic's creation.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from devtools.emulator.client import EmulatorClient
from devtools.emulator.server import EmulatorServer
from tests.support.botproc import STAFF_CHAT, BotProcess

MESSAGES = [
    "муж бьёт меня прямо сейчас, помогите",
    "Күйеуім пышақ алып, өлтіремін деп тұр",
    "kuieuim qazir urip jatyr komektesinizshi",
    "он ломает дверь, у него нож",
    "не хочу больше жить",
]


async def _one(client: EmulatorClient, user: int, text: str) -> tuple[float, float]:
    await client.create_user(user, "B", language_code="ru")
    topics_before = len(await client.topics(STAFF_CHAT))
    start = time.perf_counter()
    sent = await client.send(user, text=text)
    await client.wait_for_message(user, lambda m: m["message_id"] > sent["message_id"], timeout=30)
    reply = time.perf_counter() - start
    while len(await client.topics(STAFF_CHAT)) <= topics_before:  # noqa: ASYNC110 (HTTP poll)
        await asyncio.sleep(0.005)
    return reply * 1000, (time.perf_counter() - start) * 1000


async def run(n: int) -> None:
    """Measure ``n`` urgent conversations and print percentiles."""
    server = await EmulatorServer(port=0).start()
    client = EmulatorClient(server.url)
    await client.create_forum(STAFF_CHAT, "Desk", members=[], bot_rights={
        "can_manage_topics": True, "can_delete_messages": True, "can_pin_messages": True})
    with tempfile.TemporaryDirectory() as tmp:
        proc = BotProcess(server.url, {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/b.sqlite3",
                                       "DATA_DIR": f"{tmp}/data", "LOG_LEVEL": "WARNING"},
                          Path(tmp) / "bot.log")
        await proc.start(client)
        try:
            samples = [await _one(client, 50_000 + i, MESSAGES[i % len(MESSAGES)])
                       for i in range(n)]
        finally:
            await proc.stop()
    await client.close()
    await server.stop()
    _report(samples)


def _report(samples: list[tuple[float, float]]) -> None:
    for name, values in (("emergency reply", [s[0] for s in samples]),
                         ("staff topic", [s[1] for s in samples])):
        values.sort()
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"{name:16s} n={len(values)} p50={statistics.median(values):7.1f} ms "
              f"p99={p99:7.1f} ms max={values[-1]:7.1f} ms")


def main() -> None:
    """CLI."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=40, help="urgent conversations to measure")
    asyncio.run(run(parser.parse_args().n))


if __name__ == "__main__":
    main()
