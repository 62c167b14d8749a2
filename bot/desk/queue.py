"""The queue: open cases, most urgent first, then longest waiting (pure logic)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.db.base import as_utc


@dataclass(frozen=True)
class QueueItem:
    """One open case as the queue shows it."""

    public_id: str
    priority: int
    status: str
    created_at: dt.datetime
    assignee_label: str | None = None


def order(items: Iterable[QueueItem]) -> list[QueueItem]:
    """Unassigned before taken; within each, higher priority, then the longest wait first."""
    return sorted(
        items,
        key=lambda i: (i.status != "queued", i.priority, as_utc(i.created_at), i.public_id),
    )


def waiting_minutes(item: QueueItem, now: dt.datetime) -> int:
    """Whole minutes since the case opened."""
    return max(0, int((as_utc(now) - as_utc(item.created_at)).total_seconds() // 60))
