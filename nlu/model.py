"""The intent model: features -> intent, urgent and language heads, plus the safety net."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from scipy import sparse

from nlu import URGENT_INTENTS, NluResult
from nlu.data_loader import Example
from nlu.edges import ENDING_SENTENCES, core, ending, sentences
from nlu.features import FeatureConfig, FeatureSpace
from nlu.heads import BinaryHead, LinearHead
from nlu.langid import looks_english, marker_features
from nlu.normalize import normalize
from nlu.spelling import Speller
from nlu.urgent import UrgentHit, scan

TOP_K = 3
_add = np.add.reduce


@dataclass(frozen=True)
class ModelConfig:
    """Everything that decides how a model is fitted (CV picks the values, nlu/README.md)."""

    features: FeatureConfig = field(
        default_factory=lambda: FeatureConfig(stem_len=5, skip_window=6, skip_weight=1.5)
    )
    c: float = 0.5
    balanced: bool = True
    lang_c: float = 2.0
    urgent_c: float = 4.0


# One sentence of a longer message that scores this high on its own makes the message urgent
# (nlu/edges.py `sentences`). A design constant, not fitted: "clearly urgent by itself"; on
# 5-fold CV every value from 0.8 to 0.95 keeps recall and raises precision (nlu/README.md).
SENTENCE_CUT = 0.9


@dataclass
class Thresholds:
    """Confidence below `rephrase` -> ask to rephrase; urgent score >= `urgent` -> urgent; one
    sentence of a longer message scoring >= `sentence` on its own -> urgent (nlu/README.md)."""

    rephrase: float = 0.35
    urgent: float = 0.25
    sentence: float = SENTENCE_CUT


class IntentModel:
    """A fitted model; `predict` is the per-message fast path (one gather + one mat-vec)."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self.features = FeatureSpace(config.features)
        self.intent_head: LinearHead | None = None
        self.urgent_head: BinaryHead | None = None
        self.lang_head: BinaryHead | None = None
        self.thresholds = Thresholds()
        self.meta: dict[str, Any] = {}
        self._w = np.zeros((0, 0))
        self._b = np.zeros(0)
        self._urgent_cols: list[int] = []
        self._speller: Speller | None = None

    @property
    def threshold(self) -> float:
        """Confidence below which the bot asks the user to rephrase."""
        return self.thresholds.rephrase

    def fit(self, examples: Sequence[Example]) -> IntentModel:
        """Fit features and all heads on training examples."""
        x = self.features.fit_transform([normalize(e.text) for e in examples])
        self._speller = None  # a new vocabulary
        return self.fit_heads(x, examples)

    def fit_heads(self, x: sparse.csr_matrix, examples: Sequence[Example]) -> IntentModel:
        """Fit the heads on an already vectorised matrix (rows = examples)."""
        cfg = self.config
        self.intent_head = LinearHead.fit(x, [e.intent for e in examples], cfg.c, cfg.balanced)
        is_urgent = np.array([e.intent in URGENT_INTENTS for e in examples], dtype=int)
        self.urgent_head = BinaryHead.fit(x, np.zeros((len(examples), 0)), is_urgent, cfg.urgent_c)
        dense = np.vstack([marker_features(e.text) for e in examples])
        is_kk = np.array([e.lang == "kk" for e in examples], dtype=int)
        self.lang_head = BinaryHead.fit(x, dense, is_kk, cfg.lang_c)
        self._stack()
        return self

    def _stack(self) -> None:
        """All heads' sparse weights side by side: one gather serves every head."""
        ih, uh, lh = self.intent_head, self.urgent_head, self.lang_head
        assert ih is not None and uh is not None and lh is not None
        cols = [ih.coef_t, uh.coef_sparse[:, None], lh.coef_sparse[:, None]]
        # float32 halves the memory read per message (the gather is memory-bound).
        self._w = np.ascontiguousarray(np.hstack(cols), dtype=np.float32)
        self._b = np.concatenate([ih.intercept, [uh.intercept, lh.intercept]])
        self._urgent_cols = [i for i, c in enumerate(ih.classes) if c in URGENT_INTENTS]

    def _x(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.features.transform([normalize(t) for t in texts])

    def scores_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Raw intent decision scores for many texts."""
        assert self.intent_head is not None
        return self.intent_head.scores(self._x(texts))

    def proba_batch(
        self, texts: Sequence[str], x: sparse.csr_matrix | None = None
    ) -> np.ndarray:
        """Intent probabilities (columns: `self.classes`); `x`: the texts already vectorised."""
        assert self.intent_head is not None
        return self.intent_head.proba(self._x(texts) if x is None else x)

    def urgent_logits(self, x: sparse.csr_matrix) -> np.ndarray:
        """Urgent-head log-odds for a vectorised batch."""
        assert self.urgent_head is not None
        return self.urgent_head.score(x, np.zeros((x.shape[0], 0)))

    def lang_batch(self, texts: Sequence[str], x: sparse.csr_matrix | None = None) -> list[str]:
        """Language for many texts; `x`: the texts already vectorised."""
        assert self.lang_head is not None
        dense = np.vstack([marker_features(t) for t in texts])
        scores = self.lang_head.score(self._x(texts) if x is None else x, dense)
        return ["kk" if s > 0 else "ru" for s in scores]

    @property
    def classes(self) -> list[str]:
        """Intent names in probability-column order."""
        assert self.intent_head is not None
        return self.intent_head.classes

    def _raw(self, text: str, norm: str | None = None) -> tuple[np.ndarray, float, float]:
        """(intent scores, urgent log-odds, language log-odds) for one message."""
        norm = normalize(text) if norm is None else norm
        idx, val = self.features.sparse_one(norm)
        return self._heads(idx, val, marker_features(text, norm))

    def _heads(
        self, idx: np.ndarray, val: np.ndarray, markers: np.ndarray
    ) -> tuple[np.ndarray, float, float]:
        """(intent scores, urgent log-odds, language log-odds) from the feature vector."""
        assert self.lang_head is not None
        z = val.astype(np.float32) @ self._w.take(idx, axis=0) + self._b
        lang = float(z[-1]) + float(markers @ self.lang_head.coef_dense)
        return z[:-2], float(z[-2]), lang

    def detect_lang(self, text: str) -> str:
        """'kk' or 'ru' for one message."""
        return "kk" if self._raw(text)[2] > 0 else "ru"

    def predict(self, text: str) -> NluResult:
        """Classify one message: intent, calibrated confidence, urgent flag, language."""
        norm = normalize(text)  # once: the features, markers and evidence gate share it
        hit = scan(text)
        markers = marker_features(text, norm)
        idx, val, sents, packed = self.vectors(text, norm)
        english = looks_english(text)
        result = self.decide(norm, hit, markers, idx, val, english)
        if result.urgent or english:
            return result
        lang = result.lang
        return (
            self.core_alarm(norm, markers, lang)
            or self.ending_alarm(sents, packed, markers, lang)
            or self.sentence_alarm(sents, packed, markers, lang)
            or self.spelling_alarm(text, norm, markers, lang)
            or result
        )

    def vectors(
        self, text: str, norm: str
    ) -> tuple[np.ndarray, np.ndarray, list[str] | None, list[bytes] | None]:
        """The message's feature vector, its sentences and their packed ids (None for a
        message of one sentence). A message of several sentences: one pass over its words
        gives the whole message's vector and each sentence's ids (scored only if the message
        is not urgent)."""
        sents = sentences(text)
        if sents is not None and " ".join(sents) == norm:
            (idx, val), packed = self.features.split_ids(sents)
            return idx, val, sents, packed
        idx, val = self.features.sparse_one(norm)
        return idx, val, sents, None

    def core_alarm(self, norm: str, markers: np.ndarray, lang: str) -> NluResult | None:
        """The urgent result of the message without its neutral edges, if that is urgent: a
        greeting, an apology or a plea around a message can push it under the cut
        (nlu/edges.py)."""
        inner = core(norm)
        if inner is None:
            return None
        idx, val = self.features.sparse_one(inner)
        alt = self.decide(inner, None, markers, idx, val)
        return replace(alt, lang=lang) if alt.urgent else None

    def ending_alarm(
        self, sents: list[str] | None, packed: list[bytes] | None, markers: np.ndarray,
        lang: str,
    ) -> NluResult | None:
        """The urgent result of the end of a long message (its last two sentences), if that
        is urgent: a story first, the danger now last (nlu/edges.py `ending`)."""
        tail = ending(sents)
        if tail is None or sents is None:
            return None
        if packed is None:
            idx, val = self.features.sparse_one(tail)
        else:
            last = slice(-ENDING_SENTENCES, None)
            idx, val = self.features.vector(self.features.joined_ids(sents[last], packed[last]))
        alt = self.decide(tail, None, markers, idx, val)
        return replace(alt, lang=lang) if alt.urgent else None

    def sentence_alarm(
        self, sents: list[str] | None, packed: list[bytes] | None, markers: np.ndarray,
        lang: str,
    ) -> NluResult | None:
        """The urgent result of the first sentence that scores >= the sentence cut alone
        (`packed`: the sentences' ids from `FeatureSpace.split_ids`, when there)."""
        for i, sent in enumerate(sents or ()):
            idx, val = (
                self.features.sparse_one(sent) if packed is None
                else self.features.vector(packed[i])
            )
            cut = self.thresholds.sentence
            proba, p_urgent, _ = self._score(sent, markers, idx, val, gate_at=cut)
            if p_urgent >= cut:
                return self.combine(proba, p_urgent, None, lang)
        return None

    @property
    def speller(self) -> Speller:
        """Typo fixing against this model's word vocabulary (nlu/spelling.py), made on first
        use (not pickled)."""
        if self._speller is None:
            self._speller = Speller(self.features.word.vocabulary_, self.features.word.idf_)
        return self._speller

    def spelling_alarm(
        self, text: str, norm: str, markers: np.ndarray, lang: str
    ) -> NluResult | None:
        """The urgent result of the message with its typos fixed (a swapped, missing or
        doubled letter in a word the model does not know), if that is urgent: the classifier
        and the safety net read the fixed text (nlu/spelling.py)."""
        fixed = self.speller.fix(text, norm)
        if fixed is None:
            return None
        fixed_norm = normalize(fixed)
        idx, val = self.features.sparse_one(fixed_norm)
        alt = self.decide(fixed_norm, scan(fixed), markers, idx, val)
        return replace(alt, lang=lang) if alt.urgent else None

    def decide(
        self, norm: str, hit: UrgentHit | None, markers: np.ndarray, idx: np.ndarray,
        val: np.ndarray, english: bool = False,
    ) -> NluResult:
        """The last step of `predict` (heads and the urgent rule); the bench times each step.

        `english`: the message is English (`looks_english`), which the classifier cannot read;
        its urgent score is then not used, and English danger is the English safety net's.
        """
        proba, p_urgent, lang_logit = self._score(norm, markers, idx, val, english)
        return self.combine(proba, p_urgent, hit, "kk" if lang_logit > 0 else "ru")

    def _score(
        self, norm: str, markers: np.ndarray, idx: np.ndarray, val: np.ndarray,
        english: bool = False, gate_at: float | None = None,
    ) -> tuple[np.ndarray, float, float]:
        """(intent probabilities, gated urgent score, language log-odds) of one vector; the
        evidence gate is checked from `gate_at` up (default: the urgent cut)."""
        assert self.intent_head is not None
        scores, urgent_logit, lang_logit = self._heads(idx, val, markers)
        z = scores * self.intent_head.temperature
        e = np.exp(z - z.max())
        proba = e / _add(e)  # np.add.reduce is what .sum() runs, without its Python wrapper
        head = 1.0 / (1.0 + math.exp(-max(min(urgent_logit, 50.0), -50.0)))
        p_urgent = math.sqrt(float(_add(proba.take(self._urgent_cols))) * head)
        # The gate only matters when the score reaches the cut: below it, skip the check.
        gate = self.thresholds.urgent if gate_at is None else gate_at
        if p_urgent >= gate and (english or not self._has_evidence(norm, proba)):
            p_urgent = 0.0
        return proba, p_urgent, lang_logit

    def _has_evidence(self, norm: str, proba: np.ndarray) -> bool:
        """Evidence gate: the low recall-0.99 cut may act only on words the model knows.

        Without it, a time ("22:28"), a date or an unknown word carries no signal, the
        urgent probability stays near its prior, and the low cut would call it urgent.
        Unknown words (a new spelling, an emoji) can still be urgent when the intent head's own
        top answer is urgent; digits and punctuation alone never are (a time or a date is not
        a message to understand). The safety net is not gated.
        """
        if self.features.known_words(norm) > 0:
            return True
        if not any(ch.isalpha() for ch in norm):
            return False
        return self.classes[int(np.argmax(proba))] in URGENT_INTENTS

    def urgent_score(self, proba: Any, urgent_logit: Any) -> Any:
        """Geometric mean of the intent head's urgent probability mass and the urgent head's.

        Both must agree: a calm line the intent head is sure about ("жаңбыр жауып жатыр")
        stays calm even when the binary head reacts to one word (batch form; see predict).
        """
        cols = self._urgent_cols
        return np.sqrt(proba[..., cols].sum(axis=-1) * sigmoid(urgent_logit))

    def gated_urgent_scores(
        self, texts: Sequence[str], norms: Sequence[str], proba: np.ndarray,
        urgent_logit: np.ndarray,
    ) -> np.ndarray:
        """Batch urgent scores with the evidence gate (and the English rule) applied, as
        `predict` does per message."""
        urgent = np.asarray(self.urgent_score(proba, urgent_logit))
        for i, norm in enumerate(norms):
            if urgent[i] < self.thresholds.urgent:
                continue
            if looks_english(texts[i]) or not self._has_evidence(norm, proba[i]):
                urgent[i] = 0.0
        return urgent

    def combine(
        self, proba: np.ndarray, p_urgent: float, hit: UrgentHit | None, lang: str
    ) -> NluResult:
        """Apply the urgent rule with this model's classes and thresholds."""
        return combine(proba, p_urgent, self.classes, hit, lang, self.thresholds)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_w"], state["_b"] = np.zeros((0, 0)), np.zeros(0)  # rebuilt on load
        state["_speller"] = None  # remade on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_speller", None)
        if self.intent_head is not None:
            self._stack()


def sigmoid(x: Any) -> Any:
    """Logistic function (scalar or array)."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50.0, 50.0)))


def combine(
    proba: np.ndarray,
    p_urgent: float,
    classes: list[str],
    hit: UrgentHit | None,
    lang: str,
    th: Thresholds,
) -> NluResult:
    """The urgent rule (nlu/README.md): urgent score >= th.urgent OR a safety-net hit."""
    # 22 floats: plain Python is faster than numpy calls here.
    ranked = sorted(zip(proba.tolist(), classes, strict=True), reverse=True)
    ranking = tuple((c, round(p, 4)) for p, c in ranked[:TOP_K])
    clf = p_urgent >= th.urgent
    if clf or hit is not None:
        # Which urgent intent: the intent head restricted to the three, unless only the net
        # fired or it fired on English, which the head cannot read (then the net's own intent,
        # which names the danger it matched).
        if clf and not (hit is not None and hit.english):
            conf, chosen = next((p, c) for p, c in ranked if c in URGENT_INTENTS)
        else:
            chosen = hit.intent  # type: ignore[union-attr]
            conf = next(p for p, c in ranked if c == chosen)
        conf = max(conf, p_urgent if clf else 0.0, th.rephrase)
        source = "both" if clf and hit is not None else ("classifier" if clf else "lexicon")
        return NluResult(chosen, conf, True, lang, ranking, source)
    conf, best = next((p, c) for p, c in ranked if c not in URGENT_INTENTS)
    rest = 1.0 - sum(p for p, c in ranked if c in URGENT_INTENTS)
    return NluResult(best, conf / max(rest, 1e-9), False, lang, ranking, "")
