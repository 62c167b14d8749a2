"""The emergency path survives a broken intent model."""

from __future__ import annotations

from types import SimpleNamespace

from bot.services.understanding import safe_classify


class Broken:
    async def classify(self, text: str) -> None:
        raise ValueError("artifact and code disagree")


APP = SimpleNamespace(nlu=Broken())


async def test_model_failure_falls_back_to_the_lexicon_for_danger() -> None:
    result = await safe_classify(APP, "муж бьёт меня прямо сейчас, помогите", "ru")  # type: ignore[arg-type]
    assert result.urgent and result.intent == "danger_now" and result.urgent_source == "lexicon"


async def test_model_failure_on_calm_text_is_not_urgent() -> None:
    result = await safe_classify(APP, "какая погода в Астане", "ru")  # type: ignore[arg-type]
    assert not result.urgent and result.intent == "out_of_scope" and result.confidence == 0.0


async def test_language_guess_uses_kazakh_letters() -> None:
    result = await safe_classify(APP, "сәлеметсіз бе", "ru")  # type: ignore[arg-type]
    assert result.lang == "kk"
