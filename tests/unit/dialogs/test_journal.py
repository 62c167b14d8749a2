"""Incident journal: steps, date parsing (default now, editable), chronological order."""

from __future__ import annotations

import datetime as dt

from dialogs import journal as j

TZ = dt.timezone(dt.timedelta(hours=5))
NOW = dt.datetime(2026, 11, 27, 18, 40, tzinfo=TZ)


def test_steps_required_and_optional() -> None:
    draft = j.new_draft(NOW)
    assert draft["step"] == "when"
    draft = j.skip(draft)  # keep "now"
    assert draft["step"] == "what" and draft["when"] == NOW.isoformat()
    assert j.skip(draft) == draft  # "what" cannot be skipped
    draft, ok = j.give_text(draft, "  shouted and pushed me  ", NOW)
    assert ok and draft["what"] == "shouted and pushed me" and draft["step"] == "injuries"
    draft = j.skip(draft)
    draft, ok = j.give_text(draft, "the neighbour", NOW)
    assert ok and draft["step"] == "media"
    assert j.body_of(draft) == {"what": "shouted and pushed me", "injuries": "",
                                "witnesses": "the neighbour"}
    assert j.skip(draft)["step"] == "done"


def test_empty_text_is_refused() -> None:
    draft = j.skip(j.new_draft(NOW))
    assert j.give_text(draft, "   ", NOW) == (draft, False)


def test_parse_when_formats() -> None:
    assert j.parse_when("25.11.2026 21:30", NOW) == dt.datetime(2026, 11, 25, 21, 30, tzinfo=TZ)
    assert j.parse_when("25.11 21:30", NOW) == dt.datetime(2026, 11, 25, 21, 30, tzinfo=TZ)
    assert j.parse_when("25/11/26", NOW) == dt.datetime(2026, 11, 25, 12, 0, tzinfo=TZ)
    assert j.parse_when("07:05", NOW) == dt.datetime(2026, 11, 27, 7, 5, tzinfo=TZ)


def test_parse_when_refuses_nonsense_and_future() -> None:
    for bad in ("yesterday", "32.11.2026", "25.13.2026 10:00", "25.11.2026 25:00", "",
                "28.11.2026 10:00", "23:59"):
        assert j.parse_when(bad, NOW) is None, bad


def test_bad_date_keeps_the_step() -> None:
    draft = j.new_draft(NOW)
    again, ok = j.give_text(draft, "last week", NOW)
    assert not ok and again["step"] == "when"
    moved, ok = j.give_text(draft, "20.11.2026 08:15", NOW)
    assert ok and moved["step"] == "what" and moved["when"].startswith("2026-11-20T08:15")


def test_chronological_orders_by_occurrence_then_recording() -> None:
    def entry(i: int, day: int) -> j.Entry:
        return j.Entry(i, dt.datetime(2026, 11, day, 10, tzinfo=TZ), f"e{i}", "", "", 0)

    entries = [entry(1, 20), entry(2, 3), entry(3, 20), entry(4, 11)]
    assert [e.id for e in j.chronological(entries)] == [2, 4, 1, 3]


def test_day_and_hour_buttons_set_the_time_without_typing_a_date() -> None:
    draft = j.pick_day(j.new_draft(NOW), 2, NOW)
    assert draft["step"] == "hour" and draft["when"].startswith("2026-11-25")
    draft = j.pick_hour(draft, 21, 0, NOW)
    assert draft["step"] == "what"
    assert dt.datetime.fromisoformat(draft["when"]) == dt.datetime(2026, 11, 25, 21, tzinfo=TZ)


def test_typed_time_after_a_day_and_refusals() -> None:
    yesterday = j.pick_day(j.new_draft(NOW), 1, NOW)
    moved, ok = j.give_text(yesterday, "23:45", NOW)
    assert ok and moved["when"].startswith("2026-11-26T23:45")
    assert j.give_text(yesterday, "late", NOW) == (yesterday, False)
    assert j.pick_day(j.new_draft(NOW), 0, NOW)["step"] == "when"  # today: "That's right"
    assert j.pick_day(j.new_draft(NOW), j.DAYS_BACK + 1, NOW)["step"] == "when"
    assert j.skip(yesterday) == yesterday  # the hour must be given once a day is picked


def test_today_hour_in_the_future_is_refused() -> None:
    today = {"step": "hour", "when": NOW.replace(hour=12, minute=0).isoformat()}
    assert j.pick_hour(today, 21, 0, NOW) == today
    assert j.pick_hour(today, 18, 0, NOW)["step"] == "what"


def test_typed_full_date_skips_the_hour_step() -> None:
    draft, ok = j.give_text(j.new_draft(NOW), "25.11.2026 21:30", NOW)
    assert ok and draft["step"] == "what"
