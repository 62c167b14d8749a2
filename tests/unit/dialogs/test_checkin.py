"""Safe check-ins: only inside the user's safe windows; scheduling and late jobs."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs import checkin as c

TZ = dt.timezone(dt.timedelta(hours=5))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def prefs(*windows: int, every: int = 1, on: bool = True) -> dict:
    value = c.new_prefs()
    for w in windows:
        value = c.toggle_window(value, w)
    return {**c.set_every(value, every), "on": on}


def test_toggle_and_validate() -> None:
    value = c.toggle_window(c.toggle_window(c.new_prefs(), 10), 14)
    assert value["windows"] == [10, 14]
    assert c.toggle_window(value, 10)["windows"] == [14]
    with pytest.raises(ValueError):
        c.toggle_window(value, 11)
    with pytest.raises(ValueError):
        c.set_every(value, 2)
    assert not c.can_turn_on(c.new_prefs())


def test_first_run_is_the_next_window_at_least_an_hour_away() -> None:
    p = prefs(10)
    assert c.next_run(at(27, 8), p, False) == at(27, 10, 10)
    assert c.next_run(at(27, 10, 30), p, False) == at(27, 11, 30)  # still inside
    assert c.next_run(at(27, 11, 30), p, False) == at(28, 10, 10)
    assert c.next_run(at(27, 23), prefs(0), False) == at(28, 0, 10)


def test_after_a_checkin_waits_the_chosen_number_of_days() -> None:
    assert c.next_run(at(27, 10, 15), prefs(10), True) == at(28, 10, 10)
    assert c.next_run(at(27, 10, 15), prefs(10, every=3), True) == at(30, 10, 10)
    assert c.next_run(at(27, 10, 15), prefs(10, 18, every=7), True) == dt.datetime(
        2026, 12, 4, 10, 10, tzinfo=TZ)


def test_result_is_always_inside_a_window() -> None:
    p = prefs(6, 16, 22)
    start = at(1, 0)
    for minutes in range(0, 3 * 24 * 60, 37):
        now = start + dt.timedelta(minutes=minutes)
        for after in (False, True):
            run = c.next_run(now, p, after)
            assert c.in_window(run, p["windows"]) and run > now


def test_due_action_never_writes_outside_safe_hours() -> None:
    p = prefs(10)
    assert c.due_action(at(27, 10, 20), p) == "send"
    assert c.due_action(at(27, 12, 0), p) == "later"  # e.g. fired late after downtime
    assert c.due_action(at(27, 10, 20), {**p, "on": False}) == "stop"
    assert c.due_action(at(27, 10, 20), {}) == "stop"
    with pytest.raises(ValueError):
        c.next_run(at(27, 10), c.new_prefs(), False)
