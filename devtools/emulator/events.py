"""Append-only event log with long-poll waiting, used by the control API and the playground."""

from __future__ import annotations

import asyncio
from typing import Any

MAX_EVENTS = 20_000


class EventLog:
    """Numbered events (message, edit, delete, topic, call, callback_answer)."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.seq = 0
        self._changed = asyncio.Event()

    def emit(self, kind: str, **data: Any) -> None:
        """Record an event and wake long-pollers."""
        self.seq += 1
        self.events.append({"seq": self.seq, "type": kind, **data})
        if len(self.events) > MAX_EVENTS:
            del self.events[: len(self.events) - MAX_EVENTS]
        self._changed.set()
        self._changed = asyncio.Event()

    def since(self, seq: int) -> list[dict[str, Any]]:
        """Return events with a sequence number greater than `seq`."""
        return [event for event in self.events if event["seq"] > seq]

    async def wait_since(self, seq: int, wait: float) -> list[dict[str, Any]]:
        """Wait up to `wait` seconds for events newer than `seq`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            found = self.since(seq)
            remaining = deadline - loop.time()
            if found or remaining <= 0:
                return found
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return self.since(seq)
