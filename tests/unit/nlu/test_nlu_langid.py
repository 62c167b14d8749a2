"""Language id on clear cases, with a model trained on the small data."""

import pytest

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
