"""The staff card lists which danger-screen questions were answered "yes"."""

from __future__ import annotations

from bot.desk.cards import details_lines
from bot.i18n import make_i18n


def test_yes_answers_appear_as_questions_in_the_staff_language() -> None:
    i18n = make_i18n("ru")
    with i18n.context(), i18n.use_locale("ru"):
        lines = details_lines({"screen": {"level": "high", "yes": ["kill_threat", "bogus"]}})
    text = "\n".join(lines)
    assert "угрожал убить Вас или Ваших детей" in text
    assert "bogus" not in text
