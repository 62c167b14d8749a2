"""Safe check-ins: the user marks two-hour windows as safe; follow-ups happen only inside them.

Preferences are a plain dict ``{"on": bool, "windows": [start hours], "every": days}``.
Times are computed in the user's local zone and returned as aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

WINDOW_HOURS = 2
WINDOW_STARTS = tuple(range(0, 24, WINDOW_HOURS))
FREQUENCIES = (1, 3, 7)
OFFSET = dt.timedelta(minutes=10)  # a little after the window opens, never at its edge
FIRST_GAP = dt.timedelta(hours=1)  # no check-in right after setting them up


def new_prefs() -> dict[str, Any]:
    """Check-ins off, no window chosen, daily."""
    return {"on": False, "windows": [], "every": 1}


def toggle_window(prefs: dict[str, Any], start: int) -> dict[str, Any]:
    """Mark or unmark the window that opens at ``start`` o'clock."""
    if start not in WINDOW_STARTS:
        raise ValueError(f"no window starts at {start}")
    windows = set(prefs.get("windows", []))
    windows ^= {start}
    return {**prefs, "windows": sorted(windows)}


def set_every(prefs: dict[str, Any], days: int) -> dict[str, Any]:
    """How often: every 1, 3 or 7 days."""
    if days not in FREQUENCIES:
        raise ValueError(f"unsupported frequency {days}")
    return {**prefs, "every": days}


def can_turn_on(prefs: dict[str, Any]) -> bool:
    """At least one safe window is needed."""
    return bool(prefs.get("windows"))


def in_window(local: dt.datetime, windows: list[int]) -> bool:
    """Is this local time inside one of the safe windows?"""
    return any(s <= local.hour < s + WINDOW_HOURS for s in windows)


def next_run(now_local: dt.datetime, prefs: dict[str, Any], after_checkin: bool) -> dt.datetime:
    """The next moment inside a safe window.

    Just turned on (or rescheduled): the first chance an hour from now. After a check-in
    was sent: no sooner than ``every`` days later (counted from the start of today).
    """
    windows = sorted(prefs.get("windows", []))
    if not windows:
        raise ValueError("no safe window chosen")
    earliest = now_local + FIRST_GAP
    if after_checkin:
        day = now_local.replace(hour=0, minute=0, second=0, microsecond=0)
        earliest = day + dt.timedelta(days=int(prefs.get("every", 1)))
    return _first_slot(earliest, windows)


def _first_slot(earliest: dt.datetime, windows: list[int]) -> dt.datetime:
    """The first window slot (start + offset) at or after ``earliest``; within it if open."""
    day = earliest.replace(hour=0, minute=0, second=0, microsecond=0)
    if in_window(earliest, windows):
        opened = day + dt.timedelta(hours=earliest.hour - earliest.hour % WINDOW_HOURS)
        return max(earliest, opened + OFFSET)
    for offset_days in range(0, 3):
        for start in windows:
            slot = day + dt.timedelta(days=offset_days, hours=start) + OFFSET
            if slot >= earliest:
                return slot
    raise AssertionError("unreachable: a window exists every day")


def due_action(now_local: dt.datetime, prefs: dict[str, Any]) -> str:
    """When a check-in job fires: "send" inside a window, "later" outside, "stop" when off.

    A late job (say, after downtime) never writes outside the user's safe hours.
    """
    if not prefs.get("on") or not prefs.get("windows"):
        return "stop"
    return "send" if in_window(now_local, prefs["windows"]) else "later"
