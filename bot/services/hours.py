"""Are consultants on shift now?"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.config import Settings


def on_shift(settings: Settings, now: dt.datetime | None = None) -> bool:
    """True within STAFF_HOURS on STAFF_WORKDAYS in STAFF_TIMEZONE (windows may cross midnight)."""
    local = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(settings.staff_timezone))
    start, end = settings.staff_window()
    if local.isoweekday() not in settings.staff_days():
        return False
    t = local.time()
    return start <= t < end if start <= end else (t >= start or t < end)
