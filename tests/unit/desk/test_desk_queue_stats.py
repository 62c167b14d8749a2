"""Queue ordering and statistics maths of the staff desk (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.desk.queue import QueueItem, order, waiting_minutes
from bot.desk.stats import CaseFacts, duration, median, percentile, period_stats

T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_queue_puts_waiting_urgent_first_then_longest_wait() -> None:
    items = [
        QueueItem("K-1", 2, "queued", at(0)),
        QueueItem("K-2", 0, "queued", at(5)),
        QueueItem("K-3", 0, "queued", at(1)),
        QueueItem("K-4", 0, "assigned", at(-30), "A"),
        QueueItem("K-5", 1, "queued", at(-60)),
    ]
    assert [i.public_id for i in order(items)] == ["K-3", "K-2", "K-5", "K-1", "K-4"]


def test_queue_accepts_naive_timestamps_from_sqlite() -> None:
    naive = QueueItem("K-1", 1, "queued", at(0).replace(tzinfo=None))
    aware = QueueItem("K-2", 1, "queued", at(1))
    assert [i.public_id for i in order([aware, naive])] == ["K-1", "K-2"]
    assert waiting_minutes(naive, at(7.9)) == 7


def test_percentile_and_median() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert percentile(values, 90) == 90.0
    assert percentile([5.0], 90) == 5.0
    assert percentile([], 90) is None
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert median([]) is None


def test_period_stats_counts_and_first_reply_times() -> None:
    cases = [
        CaseFacts(at(0), at(1), at(30), "closed", "helped"),
        CaseFacts(at(2), at(5), None, "assigned", None),
        CaseFacts(at(3), None, None, "queued", None),
        CaseFacts(at(-3000), at(-2990), at(10), "closed", "referred"),  # opened long before
    ]
    s = period_stats(cases, since=at(-60))
    assert (s.opened, s.closed, s.open_now, s.replied) == (3, 2, 2, 2)
    assert s.median_s == pytest.approx(120.0)  # waits of 60 s and 180 s
    assert s.p90_s == pytest.approx(180.0)
    assert s.outcomes == {"helped": 1, "referred": 1}


def test_duration_is_a_language_neutral_clock() -> None:
    assert duration(42, "-") == "0:42"
    assert duration(185, "-") == "3:05"
    assert duration(7800, "-") == "2:10:00"
    assert duration(None, "no data") == "no data"
