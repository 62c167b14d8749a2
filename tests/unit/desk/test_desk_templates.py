"""Staff templates: the data files load, and broken files fail loudly."""

from __future__ import annotations

import pytest

from bot.desk import templates


def test_shipped_templates_have_kk_and_ru() -> None:
    loaded = templates.load()
    assert {"safe_now", "hotlines", "shelter"} <= {t.id for t in loaded}
    for t in loaded:
        assert t.text("kk") != t.text("ru")
    assert "102" in templates.by_id("hotlines").text("kk")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "bad",
    [
        {"x": 1},
        [{"id": "Bad Id", "title": {"kk": "a", "ru": "b"}, "body": {"kk": "a", "ru": "b"}}],
        [{"id": "ok", "title": {"kk": "a"}, "body": {"kk": "a", "ru": "b"}}],
        [{"id": "ok", "title": {"kk": "a", "ru": "b"}, "body": {"kk": "a", "ru": "b"}}] * 2,
    ],
)
def test_broken_template_files_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        templates.parse(bad)
