"""Each normalisation rule."""

import pytest

from nlu.normalize import char_trigrams, normalize, strip_emoji


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ӘҒҚҢӨҰҮҺІ", "агкноуухи"),  # Kazakh letters folded (and lower-cased)
        ("Ёлка йогурт объезд", "елка иогурт обьезд"),  # ё->е, й->и, ъ->ь
        ("ПРИВЕТ", "привет"),  # lower case
        ("Ол мені ұрып жатыр", "ол мени урып жатыр"),
        ("kuieuim urip jatyr", "куиеуим урип жатыр"),  # informal phone Latin
        ("ä ğ q ñ ö ū ü ı ş ç", "а г к н о у у и ш ч"),  # 2021 Kazakh Latin (ı is і)
        ("Özımdı öltırgım keledı", "озимди олтиргим келеди"),  # same as the Cyrillic form
        # the 2018 Kazakh Latin alphabet (acute accents) and the 2017 one (apostrophes)
        ("á ó ú ý ǵ ń", "а о у у г н"),
        ("Kúıeýim meni óltiremin dep tur", "куиеуим мени олтиремин деп тур"),
        ("Ku'ieu'im meni o'ltiremin dep tur", "куиеуим мени олтиремин деп тур"),
        ("opyat' p'yanyi", "опять пьяныи"),  # after a consonant: still the soft sign
        ("shchi sch sh ch zh kh ts", "щи щ ш ч ж х ц"),  # digraphs, longest first
        ("ya yu yo ye", "я ю е е"),
        ("moy seychas", "мои сеичас"),  # y after a vowel is й (-> и)
        ("on menya b'et", "он меня бьет"),  # apostrophe is the soft sign
        ("pomogiiiiite!!!", "помогите"),  # 3+ repeats squeezed, punctuation dropped
        ("ҚҚҚҚ", "к"),
        ("кеттім", "кеттим"),  # legitimate doubles stay
        ("помогите 🆘🔪", "помогите <emoji:sos> <emoji:knife>"),  # emoji as tokens
        ("привет 🦄", "привет <emoji:u1f984>"),  # unknown emoji keep a token
        ("  много   пробелов\n ", "много пробелов"),
        ("102 и 112", "102 и 112"),  # digits stay
    ],
)
def test_normalize_rules(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_nfc_composes_combining_marks() -> None:
    decomposed = "е\u0308лка"  # е + combining diaeresis = ё
    assert normalize(decomposed) == "елка"


def test_strip_emoji_and_trigrams() -> None:
    assert strip_emoji(normalize("ой 😭 всё")) == "ои все"
    assert char_trigrams("аб") == {" аб", "аб "}
