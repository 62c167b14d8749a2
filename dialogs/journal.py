"""Evidence journal: the steps of recording an incident, date parsing and the report order.

A draft is a plain dict ``{"step": ..., "when": iso, "what": str, "injuries": str,
"witnesses": str}``; the transport keeps it (encrypted) while the user types.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

STEPS = ("when", "hour", "what", "injuries", "witnesses", "media")
OPTIONAL = frozenset({"when", "injuries", "witnesses", "media"})
DAYS_BACK = 6  # day buttons: yesterday .. six days ago; older dates are typed
HOURS = tuple(range(0, 24, 3))  # rough time buttons after picking a day
TEXT_FIELDS = ("what", "injuries", "witnesses")
MAX_TEXT = 3000
_DATE = re.compile(
    r"^\s*(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?(?:[\s,]+(\d{1,2})[:.](\d{2}))?\s*$"
)
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


@dataclass(frozen=True)
class Entry:
    """A saved incident, decrypted, for listing and the report."""

    id: int
    occurred_at: dt.datetime
    what: str
    injuries: str
    witnesses: str
    media: int


def new_draft(now: dt.datetime) -> dict[str, Any]:
    """A draft dated now; the first step asks whether the time is right."""
    return {"step": "when", "when": now.isoformat()}


def next_step(step: str) -> str:
    """The step after ``step`` ("done" after the last)."""
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else "done"


def skip(draft: dict[str, Any]) -> dict[str, Any]:
    """Leave an optional step empty and move on; a required step stays.

    Skipping "when" keeps the default (now) and needs no hour.
    """
    step = draft["step"]
    if step not in OPTIONAL:
        return draft
    return {**draft, "step": "what" if step == "when" else next_step(step)}


def pick_day(draft: dict[str, Any], days_ago: int, now: dt.datetime) -> dict[str, Any]:
    """A day chosen by button (1 = yesterday); the hour is asked next."""
    if draft["step"] != "when" or not 1 <= days_ago <= DAYS_BACK:
        return draft
    day = (now - dt.timedelta(days=days_ago)).replace(hour=12, minute=0)
    return {**draft, "when": day.isoformat(), "step": "hour"}


def pick_hour(draft: dict[str, Any], hour: int, minute: int, now: dt.datetime) -> dict[str, Any]:
    """The time on the chosen day (by button or typed); a future time is refused."""
    if draft["step"] != "hour" or not (0 <= hour < 24 and 0 <= minute < 60):
        return draft
    when = dt.datetime.fromisoformat(draft["when"]).replace(hour=hour, minute=minute)
    if when > now:
        return draft
    return {**draft, "when": when.isoformat(), "step": "what"}


def give_text(draft: dict[str, Any], text: str, now: dt.datetime) -> tuple[dict[str, Any], bool]:
    """Apply typed text to the current step; False when the text does not fit (bad date)."""
    step = draft["step"]
    if step == "hour":
        m = _TIME.match(text)
        moved = pick_hour(draft, int(m[1]), int(m[2]), now) if m else draft
        return moved, moved is not draft
    if step == "when":
        when = parse_when(text, now)
        if when is None:
            return draft, False
        return {**draft, "when": when.isoformat(), "step": "what"}, True
    if step in TEXT_FIELDS:
        body = text.strip()[:MAX_TEXT]
        if not body:
            return draft, False
        return {**draft, step: body, "step": next_step(step)}, True
    return draft, False


def parse_when(text: str, now: dt.datetime) -> dt.datetime | None:
    """ "27.11.2026 14:30", "27.11 14:30", "27.11.2026" or "14:30" (today), in ``now``'s zone.

    Future dates are refused: an incident has already happened.
    """
    m = _TIME.match(text)
    if m:
        return _checked(now, now.year, now.month, now.day, int(m[1]), int(m[2]))
    m = _DATE.match(text)
    if not m:
        return None
    year = int(m[3]) if m[3] else now.year
    year = year + 2000 if year < 100 else year
    hour, minute = (int(m[4]), int(m[5])) if m[4] else (12, 0)
    return _checked(now, year, int(m[2]), int(m[1]), hour, minute)


def _checked(now: dt.datetime, y: int, mo: int, d: int, h: int, mi: int) -> dt.datetime | None:
    try:
        value = dt.datetime(y, mo, d, h, mi, tzinfo=now.tzinfo)
    except ValueError:
        return None
    return value if value <= now + dt.timedelta(minutes=5) else None


def body_of(draft: dict[str, Any]) -> dict[str, str]:
    """The parts of a finished draft that are stored (encrypted) as the entry body."""
    return {k: str(draft.get(k, "")) for k in TEXT_FIELDS}


def chronological(entries: list[Entry]) -> list[Entry]:
    """Oldest first, by when it happened (then by id, the order of recording)."""
    return sorted(entries, key=lambda e: (e.occurred_at, e.id))
