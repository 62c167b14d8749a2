"""Safe-contact answers travel in callback data: decoding and the 64-byte limit."""

from __future__ import annotations

from bot.desk.safe_contact import STEPS, SafeCb, decode


def test_decode_answers_and_skips() -> None:
    assert decode("ne-k") == {"safe_now": "no", "when": "evening", "nearby": "skipped",
                              "lang": "kk"}
    assert decode("") == {}


def test_longest_callback_fits_telegram_limit() -> None:
    data = SafeCb(r="m", a="-" * (len(STEPS) - 1), v="-").pack()
    assert len(data.encode()) <= 64
