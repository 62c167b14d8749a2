"""Supervisor statistics: cases opened/closed, time to first human reply (pure logic)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.db.base import as_utc


@dataclass(frozen=True)
class CaseFacts:
    """What statistics need to know about one case."""

    created_at: dt.datetime
    first_reply_at: dt.datetime | None
    closed_at: dt.datetime | None
    status: str
    outcome: str | None


@dataclass(frozen=True)
class PeriodStats:
    """Numbers for one period."""

    opened: int
    closed: int
    open_now: int
    replied: int
    median_s: float | None
    p90_s: float | None
    outcomes: dict[str, int]


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of the values; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float | None:
    """The usual median (mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered, mid = sorted(values), len(values) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def period_stats(cases: Iterable[CaseFacts], since: dt.datetime) -> PeriodStats:
    """Statistics of the cases opened (or closed) since ``since``."""
    since = as_utc(since)
    cases = list(cases)
    opened = [c for c in cases if as_utc(c.created_at) >= since]
    closed = [c for c in cases if c.closed_at is not None and as_utc(c.closed_at) >= since]
    waits = [
        (as_utc(c.first_reply_at) - as_utc(c.created_at)).total_seconds()
        for c in opened
        if c.first_reply_at is not None
    ]
    return PeriodStats(
        opened=len(opened),
        closed=len(closed),
        open_now=sum(1 for c in cases if c.status != "closed"),
        replied=len(waits),
        median_s=median(waits),
        p90_s=percentile(waits, 90),
        outcomes=dict(Counter(c.outcome or "other" for c in closed)),
    )


def duration(seconds: float | None, none: str) -> str:
    """Seconds as a language-neutral clock: ``0:42``, ``3:05`` or ``2:10:00``."""
    if seconds is None:
        return none
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
