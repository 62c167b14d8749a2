"""Typos fixed against the word vocabulary (nlu/spelling.py) and the urgent rule's view of a
message with its typos fixed."""

from __future__ import annotations

import random

import numpy as np
import pytest

from nlu import clear_caches, load_model
from nlu.evaluate import add_typo
from nlu.model import IntentModel
from nlu.spelling import Speller

# word -> column; idf: lower is more frequent.
_VOCAB = {"жизни": 0, "решила": 1, "урады": 2, "умереть": 3, "кеседи": 4, "уйти": 5,
          "бьет меня": 6, "олуге": 7, "жазни": 8, "жизнь": 9, "кричит": 10}
_IDF = np.array([1.5, 2.0, 1.8, 2.2, 3.0, 1.2, 2.5, 2.0, 4.0, 1.4, 2.0])


@pytest.fixture(scope="module")
def model() -> IntentModel:
    return load_model()


@pytest.fixture
def speller() -> Speller:
    return Speller(_VOCAB, _IDF)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("жзини", "жизни"),  # two neighbouring letters swapped
        ("решлиа", "решила"),
        ("умерть", "умереть"),  # a letter left out
        ("умерееть", "умереть"),  # a letter typed twice
        ("оулге", "олуге"),
        ("жзни", "жизни"),  # "жизни" and "жазни" are both one letter away: the more frequent
    ],
)
def test_fixes_a_thumbs_typo(speller: Speller, typed: str, meant: str) -> None:
    assert speller.word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "жизни",  # known
        "уйт",  # a known word one letter longer, but too short to guess
        "урмады",  # a letter that is not doubled is never deleted: "did not hit" stays
        "кричи",  # a last letter is never added: "кричи" is a word of its own ("кричит")
        "луге",  # nor a first one ("олуге")
        "кетеди",  # one letter substituted ("кеседи"): never tried
        "жзини5",  # not only letters
        "совсемдругое",  # nothing near
    ],
)
def test_leaves_other_words_alone(speller: Speller, word: str) -> None:
    assert speller.word(word) == word


def test_ties_break_alphabetically_not_by_dict_order() -> None:
    """"абвдге" is one swap from both "абвгде" and "абвдег": with equal idf the first in
    alphabetical order wins, whatever the vocabulary's order."""
    vocab = {"абвдег": 0, "абвгде": 1}
    for order in (vocab, dict(reversed(vocab.items()))):
        assert Speller(order, np.array([1.0, 1.0])).word("абвдге") == "абвгде"
    assert Speller(vocab, np.array([0.5, 1.0])).word("абвдге") == "абвдег"  # more frequent


def test_fix_raw_keeps_punctuation_spacing_and_other_words(speller: Speller) -> None:
    text = "Я решлиа уйти из «жзини»,\n\nпока 🙏жзини🙏 не  поздно!!"
    assert speller.fix_raw(text) == "Я решила уйти из «жизни»,\n\nпока 🙏жизни🙏 не  поздно!!"
    assert speller.fix_raw("") == ""
    assert speller.fix_raw("...  !!") == "...  !!"
    # A token that normalises to two words is left as typed.
    assert speller.fix_raw("слово-жзини") == "слово-жзини"
    # An apostrophe is part of a Latin word (ь in translit), not punctuation around it.
    latin = Speller({"жизнь": 0, "жизни": 1}, np.array([1.0, 2.0]))
    assert latin.fix_raw("zhizn' zhzini, zhzni.") == "zhizn' жизни, жизни."


def test_needs_fixing(speller: Speller) -> None:
    assert speller.needs_fixing("я решлиа уити")
    assert not speller.needs_fixing("я решила уити из жизни")


def test_caches_are_cleared(speller: Speller) -> None:
    assert speller.word("жзини") == "жизни"
    assert speller._words
    clear_caches()
    assert not speller._words and not speller._runs


@pytest.mark.parametrize("kind", ["swap", "drop", "double"])
def test_add_typo_changes_one_long_word_by_one_edit(kind: str) -> None:
    text = "он сейчас ломает дверь"
    typed = add_typo(text, random.Random(1), kind)
    changed = [(a, b) for a, b in zip(text.split(), typed.split(), strict=True) if a != b]
    assert len(changed) == 1
    before, after = changed[0]
    assert len(before) >= 5
    assert len(after) == len(before) + {"swap": 0, "drop": -1, "double": 1}[kind]
    if kind == "swap":
        assert sorted(after) == sorted(before)
    assert add_typo("он тут", random.Random(1), kind) == "он тут"


# Urgent lines with thumb typos in the words that carry the danger.
TYPED_IN_A_HURRY = [
    "Я решлиа уйти из жзини на этой неделе",
    "Осы аптдаа өміредн кетуге бел будым",
    "мне 15 в школе травят дома орут я хочу умеерть честно",
    "Ребёнок на площадке сказал мне, что если венрётся без денег, его снвоа привяжут",
    "Өлімнен емес, ертең оянудан қорқаымн",
]


def test_typos_in_the_danger_words_are_still_urgent(model: IntentModel) -> None:
    assert all(model.predict(t).urgent for t in TYPED_IN_A_HURRY)


def test_the_fixed_view_is_what_catches_them(
    model: IntentModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the view some of those lines are read calm: the test above depends on it."""
    monkeypatch.setattr(model, "spelling_alarm", lambda *args: None)
    assert not all(model.predict(t).urgent for t in TYPED_IN_A_HURRY)


def test_evaluate_batch_path_scores_the_fixed_text_like_predict(model: IntentModel) -> None:
    """`evaluate`'s batch path must agree with predict on lines only the view makes urgent."""
    from nlu import NluResult
    from nlu.data_loader import Example
    from nlu.evaluate import _final_intents, held_out

    found = []
    for text in TYPED_IN_A_HURRY:
        original = model.spelling_alarm
        try:
            model.spelling_alarm = lambda *args: None  # type: ignore[method-assign]
            calm: NluResult = model.predict(text)
        finally:
            model.spelling_alarm = original  # type: ignore[method-assign]
        if not calm.urgent:
            found.append(Example(text, "danger_now", "ru", "typos", "test", "x.yml"))
    assert found
    intents, urgent = _final_intents(held_out(model, found), model.thresholds)
    assert urgent == [True] * len(found)
    assert intents == [model.predict(e.text).intent for e in found]
