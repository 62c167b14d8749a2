"""Language id on clear cases, with a model trained on the small data."""

import pytest

from nlu.data_loader import DATA_DIR, load_examples
from nlu.langid import looks_english
from nlu.model import IntentModel


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Сәлеметсіз бе, маған көмек керек", "kk"),  # Kazakh letters
        ("Салеметсиз бе, маган комек керек", "kk"),  # Kazakh without its letters
        ("Kuieuim meni urady, ne isteuim kerek?", "kk"),  # phone Latin
        ("Qūqyq qorğau organdaryna qalai jügınemın?", "kk"),  # 2021 Latin
        ("Здравствуйте, мне нужна помощь", "ru"),
        ("Муж меня бьёт, что мне делать?", "ru"),
        ("muzh menya b'et, chto mne delat?", "ru"),  # translit
        ("Күйеуім мені ұрады, не істеймін, помогите", "kk"),  # mixed, mostly Kazakh
        ("Муж опять пришёл пьяный, что делать, қорқамын", "ru"),  # mixed, mostly Russian
    ],
)
def test_detect_lang(small_model: IntentModel, text: str, lang: str) -> None:
    assert small_model.detect_lang(text) == lang


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("He is hitting me right now", True),
        ("I want to kill myself", True),
        ("Hello, I need information about divorce", True),
        ("What documents should I pack if I leave?", True),
        ("My husband\u2019s checking my phone every day", True),  # a typographic apostrophe
        ("Hello", False),  # one word: too little to tell
        ("Kuieuim meni urady, ne isteuim kerek?", False),  # phone Latin Kazakh
        ("Qūqyq qorğau organdaryna qalai jügınemın?", False),  # 2021 Latin Kazakh
        ("muzh menya b'et i krichit, chto mne delat?", False),  # Russian translit
        ("on menya b'et, a ya ne znayu chto to delat", False),
        ("He is hitting me, помогите", False),  # mixed with Cyrillic: the classifier reads it
    ],
)
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english


def test_no_kazakh_or_russian_data_line_looks_english() -> None:
    # Every training and held-out line (1,960 of them Latin): only the one English line.
    lines = [e.text for split in ("train", "test") for e in load_examples(DATA_DIR, split=split)]
    assert [t for t in lines if looks_english(t)] == ["I'm leaving now, bye"]
