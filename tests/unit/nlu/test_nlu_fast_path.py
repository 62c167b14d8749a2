"""The single-message fast path gives the reference (sklearn batch) predictions on all data."""

import numpy as np

from nlu import NluResult
from nlu.data_loader import DATA_DIR, load_examples
from nlu.edges import core
from nlu.langid import looks_english, marker_features
from nlu.model import IntentModel
from nlu.normalize import normalize
from nlu.urgent import default_lexicon, scan
from tests.unit.nlu.test_nlu_equivalence import (
    _reference_core,
    _reference_ending,
    _reference_sentences,
    _reference_spelling,
)

EXTRA = [
    "", "   ", "22:28", "🆘🆘", "kuieuim urip jatyr", "Он бьёт меня!!! сейчас",
    "Хотела спросить про алименты. Как подать без адвоката? Он гоняется за мной с ножом",
]


def _reference(model: IntentModel, texts: list[str]) -> list[NluResult]:
    """Predictions through sklearn's transform and the heads' own batch scoring."""
    assert model.lang_head is not None
    norms = [normalize(t) for t in texts]
    x = model.features.transform(norms)
    proba = model.intent_head.proba(x) if model.intent_head else np.zeros(0)
    logit = model.urgent_logits(x)
    dense = np.vstack([marker_features(t) for t in texts])
    lang = model.lang_head.score(x, dense)
    lex = default_lexicon()
    out = []
    for i, text in enumerate(texts):
        p_urgent = float(model.urgent_score(proba[i], logit[i]))
        if looks_english(text) or not model._has_evidence(norms[i], proba[i]):
            p_urgent = 0.0
        result = model.combine(proba[i], p_urgent, scan(text), "kk" if lang[i] > 0 else "ru")
        inner = core(norms[i])
        if not result.urgent and not looks_english(text) and inner is not None:
            result = _reference_core(model, inner, result)  # the message without its edges
        if not result.urgent and not looks_english(text):
            result = _reference_ending(model, text, result)  # the end of a long message
        if not result.urgent and not looks_english(text):
            result = _reference_sentences(model, text, result)  # each sentence alone
        if not result.urgent and not looks_english(text):
            result = _reference_spelling(model, lex, text, result)  # typos fixed
        out.append(result)
    return out


def test_predict_equals_reference_on_every_line(small_model: IntentModel) -> None:
    texts = EXTRA + [e.text for e in load_examples(DATA_DIR)]
    for text, ref in zip(texts, _reference(small_model, texts), strict=True):
        got = small_model.predict(text)
        assert (got.intent, got.urgent, got.lang, got.urgent_source) == (
            ref.intent, ref.urgent, ref.lang, ref.urgent_source
        ), text
        assert abs(got.confidence - ref.confidence) < 1e-5
        # The same classes in the same order, except two whose probabilities tie to float32
        # precision (the fast path scores in float32, the reference in float64): then the
        # reference has another class as probable next to it, or the tie is with the first
        # class outside the top three.
        ref_probs = [p for _c, p in ref.ranking]
        pairs = zip(got.ranking, ref.ranking, strict=True)
        for i, ((c_got, p_got), (c_ref, p_ref)) in enumerate(pairs):
            assert abs(p_got - p_ref) < 2e-4, text
            if c_got != c_ref:
                tied = [j for j, q in enumerate(ref_probs) if j != i and abs(q - p_ref) < 2e-4]
                assert tied or i == len(ref_probs) - 1, text
