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


def test_split_ids_give_the_whole_vector_and_each_sentence(small_model) -> None:  # type: ignore[no-untyped-def]
    """One pass over a message's sentences gives exactly `sparse_one` of the whole message and
    of each sentence (the n-grams and stem pairs across a sentence start are added once)."""
    from nlu.data_loader import DATA_DIR, load_examples
    from nlu.edges import sentences

    features = small_model.features
    checked = 0
    texts = [e.text for e in load_examples(DATA_DIR)] + [
        "а б в г. д е ж з и к л м. н", "Он бьёт. Меня бьёт. Бьёт меня. Помогите 🆘. 🆘",
    ]
    for text in texts:
        parts = sentences(text)
        if parts is None:
            continue
        checked += 1
        (idx, val), packed = features.split_ids(parts)
        ref_idx, ref_val = features.sparse_one(" ".join(parts))
        assert np.array_equal(idx, ref_idx), text
        assert np.allclose(val, ref_val, rtol=0, atol=1e-12), text
        for part, ids in zip(parts, packed, strict=True):
            p_idx, p_val = features.vector(ids)
            r_idx, r_val = features.sparse_one(part)
            assert np.array_equal(p_idx, r_idx) and np.allclose(p_val, r_val), part
    assert checked > 5000
