"""Neutral edges (nlu/edges.py): a greeting, an apology, a filler or a plea around a message
must not take its urgency away."""

from __future__ import annotations

import pytest

from nlu import URGENT_INTENTS, load_model
from nlu.data_loader import DATA_DIR, Example, load_examples
from nlu.edges import core
from nlu.normalize import normalize
from tests.unit.nlu.test_nlu_urgent import _WRAPPERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Здравствуйте. Муж бьёт меня", "муж бьет меня"),
        ("Извините, если честно, он опять пьяный", "он опять пьяныи"),
        ("Он закрыл меня в ванной, помогите пожалуйста 🙏", "он закрыл меня в ваннои"),
        ("Сәлеметсіз бе. Шынымды айтсам, ол мені ұрып жатыр", "ол мени урып жатыр"),
        ("ол келе жатыр, не істеймін? өтінемін 😢", "ол келе жатыр"),
        ("Всем привет. Девочки, он бьёт, что делать", "он бьет"),
    ],
)
def test_core_strips_only_the_edges(text: str, expected: str) -> None:
    assert core(normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Муж бьёт меня",  # nothing to strip
        "Здравствуйте",  # nothing left
        "Помогите пожалуйста 🙏",  # nothing with letters left
        "Он сказал пожалуйста и ударил",  # a plea in the middle is part of the message
        "Нужна помощь",  # "ну" only as a whole word
    ],
)
def test_no_core(text: str) -> None:
    assert core(normalize(text)) is None


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model()


def _wrapped(example: Example) -> list[str]:
    before, after = _WRAPPERS[example.lang]
    text = example.text
    return [b + text for b in before] + [text.rstrip() + a for a in after]


def test_neutral_words_never_take_urgency_away(model) -> None:  # type: ignore[no-untyped-def]
    """Every held-out urgent line the model calls urgent stays urgent with any listed greeting,
    apology, filler, plea or emoji before or after it (without the core rule: 80 of 6,278
    wrapped lines were read as calm)."""
    urgent = [
        e for e in load_examples(DATA_DIR, split="test")
        if e.intent in URGENT_INTENTS and model.predict(e.text).urgent
    ]
    assert len(urgent) > 200
    lost = [t for e in urgent for t in _wrapped(e) if not model.predict(t).urgent]
    assert not lost, lost[:10]


def test_evaluate_batch_path_scores_the_core_like_predict(model) -> None:  # type: ignore[no-untyped-def]
    """`nlu evaluate` scores held-out lines in batch, cores included; its answers must equal
    predict's."""
    from nlu.evaluate import _final_intents, held_out

    texts = [
        "Здравствуйте. муж сорвался, лупит меня кулаками, соседи слышат но молчат",
        "Сәлеметсіз бе. Өлімнен емес, ертең оянудан қорқамын",
        "Извините, 😞😞 сил жить нет. Можно анонимно?",
        "Здравствуйте, что вы умеете?",
        "Кешіріңіз, ажырасуға қалай арыз беремін? рахмет",
        "Hello. He is hitting me right now please",
    ]
    examples = [Example(t, "out_of_scope", "ru", "standard", "test", "x.yml") for t in texts]
    intents, urgent = _final_intents(held_out(model, examples), model.thresholds)
    assert intents == [model.predict(t).intent for t in texts]
    assert urgent == [model.predict(t).urgent for t in texts]
    assert any(urgent) and not all(urgent)
