"""The intent model: features -> intent head + language head, combined with the safety net."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from nlu import URGENT_INTENTS, NluResult
from nlu.data_loader import Example
from nlu.features import FeatureConfig, FeatureSpace
from nlu.heads import BinaryHead, LinearHead
from nlu.langid import marker_features
from nlu.normalize import normalize
from nlu.urgent import UrgentHit, scan

TOP_K = 3


@dataclass(frozen=True)
class ModelConfig:
    """Everything that decides how a model is fitted (CV picks the values)."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    c: float = 0.5
    balanced: bool = True
    lang_c: float = 5.0


@dataclass
class Thresholds:
    """Confidence below `rephrase` -> ask to rephrase; urgent prob >= `urgent` -> urgent."""

    rephrase: float = 0.35
    urgent: float = 0.25


class IntentModel:
    """A fitted model; `predict` is the per-message fast path."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self.features = FeatureSpace(config.features)
        self.intent_head: LinearHead | None = None
        self.lang_head: BinaryHead | None = None
        self.thresholds = Thresholds()
        self.meta: dict[str, Any] = {}

    @property
    def threshold(self) -> float:
        """Confidence below which the bot asks the user to rephrase."""
        return self.thresholds.rephrase

    def fit(self, examples: Sequence[Example]) -> IntentModel:
        """Fit features, the intent head and the language head on training examples."""
        x = self.features.fit_transform([normalize(e.text) for e in examples])
        return self.fit_heads(x, examples)

    def fit_heads(self, x: sparse.csr_matrix, examples: Sequence[Example]) -> IntentModel:
        """Fit both heads on an already vectorised matrix (rows = examples)."""
        cfg = self.config
        labels = [e.intent for e in examples]
        self.intent_head = LinearHead.fit(x, labels, cfg.c, cfg.balanced)
        dense = np.vstack([marker_features(e.text) for e in examples])
        is_kk = np.array([e.lang == "kk" for e in examples], dtype=int)
        self.lang_head = BinaryHead.fit(x, dense, is_kk, cfg.lang_c)
        return self

    def proba_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Intent probabilities for many texts (columns: `self.classes`)."""
        assert self.intent_head is not None
        return self.intent_head.proba(self.features.transform([normalize(t) for t in texts]))

    def scores_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Raw intent decision scores for many texts."""
        assert self.intent_head is not None
        return self.intent_head.scores(self.features.transform([normalize(t) for t in texts]))

    def lang_batch(self, texts: Sequence[str]) -> list[str]:
        """Language for many texts."""
        assert self.lang_head is not None
        x = self.features.transform([normalize(t) for t in texts])
        dense = np.vstack([marker_features(t) for t in texts])
        return ["kk" if s > 0 else "ru" for s in self.lang_head.score(x, dense)]

    @property
    def classes(self) -> list[str]:
        """Intent names in probability-column order."""
        assert self.intent_head is not None
        return self.intent_head.classes

    def detect_lang(self, text: str) -> str:
        """'kk' or 'ru' for one message."""
        assert self.lang_head is not None
        idx, val = self.features.sparse_one(normalize(text))
        return "kk" if self.lang_head.score_one(idx, val, marker_features(text)) > 0 else "ru"

    def predict(self, text: str) -> NluResult:
        """Classify one message: intent, calibrated confidence, urgent flag, language."""
        assert self.intent_head is not None and self.lang_head is not None
        idx, val = self.features.sparse_one(normalize(text))
        proba = self.intent_head.proba_one(idx, val)
        lang_score = self.lang_head.score_one(idx, val, marker_features(text))
        return self.combine(proba, scan(text), "kk" if lang_score > 0 else "ru")

    def combine(self, proba: np.ndarray, hit: UrgentHit | None, lang: str) -> NluResult:
        """Apply the urgent rule with this model's classes and thresholds."""
        return combine(proba, self.classes, hit, lang, self.thresholds)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def combine(
    proba: np.ndarray, classes: list[str], hit: UrgentHit | None, lang: str, th: Thresholds
) -> NluResult:
    """The urgent rule (nlu/README.md): classifier urgent prob >= th.urgent OR a net hit."""
    order = np.argsort(-proba)[:TOP_K]
    ranking = tuple((classes[i], round(float(proba[i]), 4)) for i in order)
    intent, conf = ranking[0]
    urgent_idx = [i for i, c in enumerate(classes) if c in URGENT_INTENTS]
    best_urgent = max(urgent_idx, key=lambda i: proba[i])
    clf_urgent = bool(proba[best_urgent] >= th.urgent)
    if clf_urgent and intent not in URGENT_INTENTS:
        intent, conf = classes[best_urgent], float(proba[best_urgent])
    if hit is not None and not clf_urgent:
        # A lexicon hit is trusted at least at the rephrase threshold: never "rephrase?".
        intent, conf = hit.intent, max(float(proba[classes.index(hit.intent)]), th.rephrase)
    source = {(True, True): "both", (True, False): "classifier", (False, True): "lexicon"}
    urgent_source = source.get((clf_urgent, hit is not None), "")
    return NluResult(intent, float(conf), bool(urgent_source), lang, ranking, urgent_source)
