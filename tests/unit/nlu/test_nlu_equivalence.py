"""The optimised per-message path equals the unoptimised reference on every line we have.

Reference: whole-text normalisation (`_normalize_token`), sklearn's batch TF-IDF transform,
the heads' own float64 batch scoring, the language markers as whole-text regex counts and the
safety net as it was before its prefilter (one alternation of every pattern as the gate).
Every training and held-out line, every safety-net example and a few odd strings; each is
predicted cold (all caches emptied first) and warm.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlu import NluResult, clear_caches
from nlu.data_loader import DATA_DIR, load_examples
from nlu.edges import core, without_trailing
from nlu.langid import (
    _KK_LATIN_WORD_RE,
    _KK_SUFFIX_RE,
    _KK_WORD_RE,
    _RU_SUFFIX_RE,
    KK_MARKERS,
    RU_MARKERS,
    looks_english,
    marker_features,
)
from nlu.model import IntentModel
from nlu.normalize import _normalize_token, normalize
from nlu.urgent import LEXICON_PATH, Lexicon, UrgentHit, clauses, default_lexicon, scan_all

EXTRA = [
    "", "   ", "22:28", "🆘🆘", "kuieuim urip jatyr", "Он бьёт меня!!! сейчас",
    "Ол мені ұрып жатыр",
    "бьёт,меня", "убить а меня", "ПОМОГИТЕ!!! ОН С НОЖОМ", "Σ ΣΣ ς", "x" * 60, "ааааа ыыыы 🔪🔪",
    "qazır ol menı urıp jatyr", "he   is\thitting\nme", "<emoji:sos>", "с ножом", "сножом",
]


def _texts() -> list[str]:
    texts = EXTRA + [e.text for e in load_examples(DATA_DIR)]
    doc = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    for p in doc["patterns"]:
        texts += [*p.get("positive", ()), *p.get("negative", ())]
    return texts


TEXTS = _texts()


def _ref_markers(text: str, norm: str) -> np.ndarray:
    """The marker shares by regex counts over the whole text (no per-word caches)."""
    low = text.lower()
    n_raw = max(len(re.findall(r"\w+", low)), 1)
    words = norm.split()
    n_norm = max(len(words), 1)
    return np.array([
        len(_KK_WORD_RE.findall(low)) / n_raw, len(_KK_LATIN_WORD_RE.findall(low)) / n_raw,
        sum(w in KK_MARKERS for w in words) / n_norm, sum(w in RU_MARKERS for w in words) / n_norm,
        len(_KK_SUFFIX_RE.findall(norm)) / n_norm, len(_RU_SUFFIX_RE.findall(norm)) / n_norm,
    ])


def _ref_hits(lex: Lexicon, text: str) -> list[UrgentHit]:
    """The safety net before its prefilter: one alternation of all patterns as the gate."""
    english = lex.english.hits(text)  # no prefilter there: the same call
    any_pattern = re.compile("|".join(f"(?:{p.regex.pattern})" for p in lex.patterns))
    parts = clauses(text)
    # A pattern anchored at a clause end ("$") is searched in the clauses themselves, each
    # without its neutral closing words.
    anchored = [p for p in lex.patterns if "$" in p.regex.pattern]
    at_end = any(p.regex.search(without_trailing(c)) for p in anchored for c in parts)
    if not any_pattern.search(_normalize_token(text)) and not at_end:
        return english
    whole = " ".join(parts)
    if lex._fiction(whole):
        return english
    has_present = lex._has_present(whole)
    legal = lex._legal(whole)
    questioned = lex._questioned(text, parts, legal, lex._asking(whole))
    return [
        UrgentHit(p.intent, p.id)
        for p in lex.patterns
        if (has_present or not p.needs_present)
        and not (legal and p.intent == "self_harm")
        and (p.regex.search(whole) or p in anchored)
        and lex._fires(parts, p, [False] * len(parts) if p.intent == "self_harm" else questioned)
    ] + english


_PRIORITY = {"child_danger": 0, "self_harm": 1, "danger_now": 2}


def _reference(model: IntentModel, texts: list[str]) -> list[NluResult]:
    assert model.intent_head is not None and model.lang_head is not None
    norms = [_normalize_token(t) for t in texts]
    x = model.features.transform(norms)
    proba = model.intent_head.proba(x)
    logit = model.urgent_logits(x)
    dense = np.vstack([_ref_markers(t, n) for t, n in zip(texts, norms, strict=True)])
    lang = model.lang_head.score(x, dense)
    lex = default_lexicon()
    out = []
    for i, text in enumerate(texts):
        p_urgent = float(model.urgent_score(proba[i], logit[i]))
        gated = looks_english(text) or not model._has_evidence(norms[i], proba[i])
        if p_urgent >= model.thresholds.urgent and gated:
            p_urgent = 0.0
        found = _ref_hits(lex, text)
        hit = min(found, key=lambda h: _PRIORITY[h.intent]) if found else None
        result = model.combine(proba[i], p_urgent, hit, "kk" if lang[i] > 0 else "ru")
        inner = core(norms[i])
        if not result.urgent and not looks_english(text) and inner is not None:
            result = _reference_core(model, inner, result)
        if not result.urgent and not looks_english(text):
            result = _reference_ending(model, text, result)
        if not result.urgent and not looks_english(text):
            result = _reference_sentences(model, text, result)
        if not result.urgent and not looks_english(text):
            result = _reference_spelling(model, lex, text, result)
        out.append(result)
    return out


_LETTERS: dict[int, list[str]] = {}


def _reference_word(model: IntentModel, word: str) -> str:
    """The known word one thumb's edit away (nlu/spelling.py), found by trying every edit:
    each neighbour swap, each doubled letter removed, each letter of the vocabulary inserted
    between two letters (the speller looks the last up in an index instead)."""
    vocab = model.features.word.vocabulary_
    idf = model.features.word.idf_
    if len(word) < 4 or word in vocab or not word.isalpha():
        return word
    letters = _LETTERS.get(id(vocab))
    if letters is None:
        letters = _LETTERS[id(vocab)] = sorted({c for w in vocab for c in w if c.isalpha()})
    found = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    found |= {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    found |= {word[:i] + ch + word[i:] for i in range(1, len(word)) for ch in letters}
    known = [w for w in found if w != word and w in vocab and " " not in w]
    return min(known, key=lambda w: (float(idf[vocab[w]]), w)) if known else word


def _reference_spelling(
    model: IntentModel, lex: Lexicon, text: str, result: NluResult
) -> NluResult:
    """The message with each misspelt word (a whitespace token without its edge punctuation)
    replaced by its fix, read by the heads and the net like a message of its own."""
    words = _normalize_token(text).split()
    if all(_reference_word(model, w) == w for w in words):
        return result
    tokens = re.split(r"(\s+)", text)
    changed = False
    for i, token in enumerate(tokens):
        m = re.fullmatch(r"([^\w'’]*)(.*?)([^\w'’]*)", token, flags=re.S)
        assert m is not None
        lead, word, trail = m.groups()
        norm = _normalize_token(word)
        if not word or not norm or " " in norm:
            continue
        fixed = _reference_word(model, norm)
        if fixed != norm:
            tokens[i], changed = lead + fixed + trail, True
    if not changed:
        return result
    fixed_text = "".join(tokens)
    found = _ref_hits(lex, fixed_text)
    hit = min(found, key=lambda h: _PRIORITY[h.intent]) if found else None
    return _reference_core(model, _normalize_token(fixed_text), result, hit)


def _reference_split(text: str) -> list[str]:
    """The message's normalised sentences with letters in them (nlu/edges.py `sentences`)."""
    sents = [_normalize_token(s) for s in re.split(r"[.!?\n\u2026]+", text)]
    return [s for s in sents if re.search(r"[^\W\d_]{2,}", s)]


def _reference_ending(model: IntentModel, text: str, result: NluResult) -> NluResult:
    """The last two sentences of a message of three or more, scored like the core."""
    sents = _reference_split(text)
    if len(sents) < 3:
        return result
    return _reference_core(model, " ".join(sents[-2:]), result)


def _reference_sentences(model: IntentModel, text: str, result: NluResult) -> NluResult:
    """Each sentence of a message with two or more (with words), scored in one batch: the
    first one at or above the sentence cut makes the message urgent."""
    assert model.intent_head is not None
    sents = _reference_split(text)
    if len(sents) < 2:
        return result
    x = model.features.transform(sents)
    proba = model.intent_head.proba(x)
    logits = model.urgent_logits(x)
    for i, sent in enumerate(sents):
        p_urgent = float(model.urgent_score(proba[i], logits[i]))
        if p_urgent >= model.thresholds.urgent and not model._has_evidence(sent, proba[i]):
            p_urgent = 0.0
        if p_urgent >= model.thresholds.sentence:
            return model.combine(proba[i], p_urgent, None, result.lang)
    return result


def _reference_core(
    model: IntentModel, inner: str, result: NluResult, hit: UrgentHit | None = None
) -> NluResult:
    """The message without its neutral edges (nlu/edges.py), scored in batch form: urgent when
    the core is, with the whole message's language (`hit`: the net's on that text, if read)."""
    assert model.intent_head is not None
    x = model.features.transform([inner])
    proba = model.intent_head.proba(x)[0]
    p_urgent = float(model.urgent_score(proba, model.urgent_logits(x)[0]))
    if p_urgent >= model.thresholds.urgent and not model._has_evidence(inner, proba):
        p_urgent = 0.0
    alt = model.combine(proba, p_urgent, hit, result.lang)
    return alt if alt.urgent else result


def _check(model: IntentModel) -> None:
    refs = _reference(model, TEXTS)
    for cold in (True, False):
        for text, ref in zip(TEXTS, refs, strict=True):
            if cold:
                clear_caches()
            got = model.predict(text)
            assert (got.intent, got.urgent, got.urgent_source, got.lang) == (
                ref.intent, ref.urgent, ref.urgent_source, ref.lang
            ), (cold, text)
            assert abs(got.confidence - ref.confidence) < 1e-6, (cold, text)


def test_predict_equals_reference_small_model(small_model: IntentModel) -> None:
    _check(small_model)


def test_predict_equals_reference_trained_artifact() -> None:
    from nlu import load_model
    from nlu.artifact import stale_reason

    if stale_reason() is not None:
        pytest.skip(f"nlu/artifacts not current ({stale_reason()}); `python -m nlu train`")
    _check(load_model(retrain=False))


def test_safety_net_equals_reference_on_every_line() -> None:
    lex = default_lexicon()
    for cold in (True, False):
        for text in TEXTS:
            if cold:
                clear_caches()
            assert scan_all(text) == _ref_hits(lex, text), text


def test_markers_equal_reference_on_every_line() -> None:
    for cold in (True, False):
        for text in TEXTS:
            if cold:
                clear_caches()
            norm = _normalize_token(text)
            assert np.array_equal(marker_features(text, norm), _ref_markers(text, norm)), text
            assert np.array_equal(marker_features(text), _ref_markers(text, norm)), text


_WORDS = sorted({w for t in TEXTS[:: max(len(TEXTS) // 3000, 1)] for w in t.split()})
_ODD = [
    *"aAqäıİ_1 .,!?-—()\n\t\u00a0ӘәҚқІіҰұЁё🆘🔪\ufe0f\u200dΣ",
    "нын", "ымды", "лар", "ется", "ость", "не", "а", "но", "сейчас", "если", "бурын", "фильм",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS) | st.sampled_from(_ODD), max_size=12))
def test_random_mixtures_equal_reference(parts: list[str]) -> None:
    text = " ".join(parts) if len(parts) % 2 else "".join(parts)
    norm = _normalize_token(text)
    assert np.array_equal(marker_features(text), _ref_markers(text, norm))
    assert scan_all(text) == _ref_hits(default_lexicon(), text)


_TRICKY = (
    "aAsShHyYıIİi'’.,!?-_ \t\n\r\x1c\x85\u2028\u00a0\u2003ЁёЙйӘәΣσς🆘🔪❤"
    "\ufe0f\u200d\u0301\u0307x1"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40))
def test_normalize_new_tokens_together(text: str) -> None:
    clear_caches()  # every token is new: they are normalised in one joined pass
    assert normalize(text) == _normalize_token(text)
