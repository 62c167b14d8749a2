"""The stem and stem-pair blocks, and the feature space's compact pickle."""

import pickle

import numpy as np

from nlu.features import FeatureConfig, FeatureSpace, skip_pairs, skip_text, stems
from nlu.normalize import normalize

TEXTS = [
    "кеше ол мени урды казир уйде жок",
    "муж сейчас бьет меня помогите",
    "<emoji:sos> <emoji:sos> <emoji:sos>",
    "рахмет <emoji:folded_hands> сау болыныз",
    "балалар уйыктап жатыр ол мени урып жатыр",
    "он на работе вечером обещал убить",
]


def test_stems_keep_emoji_tokens_whole() -> None:
    # Cut to five letters every emoji would be "<emoj": "🆘🆘🆘" would pair like "рахмет 🙏 🙏".
    assert stems(["<emoji:sos>", "балаларымды", "ол"], 5) == ["<emoji:sos>", "балал", "ол"]


def test_skip_pairs_are_two_to_window_apart() -> None:
    assert skip_pairs(["a", "b", "c", "d"], 3) == ["a|c", "a|d", "b|d"]
    assert skip_pairs(["a", "b"], 6) == []  # neighbours are the bigrams' business
    assert skip_text("кеше ол мени урды", 5, 6) == "кеше|мени кеше|урды ол|урды"


def test_pickle_round_trip_keeps_every_vector() -> None:
    space = FeatureSpace(FeatureConfig(stem_len=5, skip_window=6, skip_weight=1.5))
    norms = [normalize(t) for t in TEXTS] * 2  # min_df=2: every n-gram is kept
    before = space.fit_transform(norms)
    restored = pickle.loads(pickle.dumps(space))
    assert restored.skip.vocabulary_ == space.skip.vocabulary_
    assert abs(restored.transform(norms) - before).max() < 1e-12
    for norm, row in zip(norms, before.toarray(), strict=True):
        idx, val = restored.sparse_one(norm)
        dense = np.zeros_like(row)
        np.add.at(dense, idx, val)
        assert np.allclose(dense, row)
