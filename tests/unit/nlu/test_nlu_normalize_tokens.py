"""Token-by-token normalisation equals normalising the whole text in one pass."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.data_loader import DATA_DIR, load_examples
from nlu.normalize import _normalize_token, normalize
from nlu.urgent import LEXICON_PATH

# Letters whose handling depends on neighbours: final sigma, combining marks, Latin
# digraphs, "y" after a vowel, apostrophes, emoji with joiners, odd whitespace.
TRICKY = "aAsShHyYıIİi'’.,!?-_ \t\n\u00a0\u2003\u1680ЁёЙйӘәҚқІіΣσς🆘🔪❤\ufe0f\u200d\u0301\u0307x1Ⅻ"


def test_every_data_and_lexicon_line() -> None:
    texts = [e.text for e in load_examples(DATA_DIR)]
    doc = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    for p in doc["patterns"]:
        texts += [*p.get("positive", ()), *p.get("negative", ())]
    assert [normalize(t) for t in texts] == [_normalize_token(t) for t in texts]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=16) | st.text(max_size=16))
def test_random_text(text: str) -> None:
    assert normalize(text) == _normalize_token(text)
