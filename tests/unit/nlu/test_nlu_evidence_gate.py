"""The evidence gate: text the model knows nothing about is not urgent by the low cut."""

from __future__ import annotations

import pytest

from nlu import load_model


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model()


@pytest.mark.parametrize(
    "text", ["22:28", "Kestrel77", "ыфвлдаы", "12345", "12.05.2024", "+7 777"]
)
def test_signal_free_text_is_not_urgent(model, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not model.predict(text).urgent


@pytest.mark.parametrize(
    "text", ["муж бьёт меня прямо сейчас", "куйеуим казир урып жатыр", "🆘🆘🆘"]
)
def test_real_danger_still_is(model, text: str) -> None:  # type: ignore[no-untyped-def]
    assert model.predict(text).urgent


def test_evaluate_batch_path_applies_the_gate_like_predict(model) -> None:  # type: ignore[no-untyped-def]
    """`nlu evaluate` scores held-out lines in batch; its answers must equal predict's."""
    from nlu.data_loader import Example
    from nlu.evaluate import _final_intents, held_out

    texts = ["22:28", "Kestrel77", "12345", "муж бьёт меня прямо сейчас", "Сәлеметсіз бе"]
    examples = [Example(t, "out_of_scope", "ru", "standard", "test", "x.yml") for t in texts]
    intents, urgent = _final_intents(held_out(model, examples), model.thresholds)
    assert intents == [model.predict(t).intent for t in texts]
    assert urgent == [model.predict(t).urgent for t in texts]
