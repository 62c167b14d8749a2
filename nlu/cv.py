"""Cross-validation on training data: out-of-fold predictions and threshold choice."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import softmax
from sklearn.model_selection import StratifiedKFold

from nlu import URGENT_INTENTS, NluResult
from nlu.data_loader import Example
from nlu.heads import fit_temperature
from nlu.langid import marker_features
from nlu.model import IntentModel, ModelConfig, Thresholds, combine, sigmoid
from nlu.normalize import normalize
from nlu.urgent import scan

TARGET_URGENT_RECALL = 0.99
TARGET_ACCEPTED_ACCURACY = 0.97


@dataclass
class OutOfFold:
    """Out-of-fold intent probabilities, urgent scores, languages and safety-net hits."""

    examples: list[Example]
    classes: list[str]
    proba: np.ndarray
    urgent: np.ndarray  # the combined urgent score the model thresholds (IntentModel)
    langs: list[str]
    net: list[bool]
    temperature: float = 1.0
    urgent_head: np.ndarray | None = None  # the urgent head's own probability (for reports)

    def urgent_prob(self) -> np.ndarray:
        """The urgent score compared with the urgent threshold."""
        return self.urgent

    def intent_urgent_prob(self) -> np.ndarray:
        """Total probability the intent head gives the three urgent intents."""
        cols = [i for i, c in enumerate(self.classes) if c in URGENT_INTENTS]
        return np.asarray(self.proba[:, cols].sum(axis=1))


def out_of_fold(
    examples: Sequence[Example],
    config: ModelConfig,
    folds: int = 5,
    seed: int = 13,
    x: sparse.csr_matrix | None = None,
) -> OutOfFold:
    """Stratified k-fold (by intent and language) out-of-fold predictions.

    The vectorisers are fitted once on all texts (unsupervised: n-grams seen only in a held-out
    fold get no weight from the heads), so each fold refits only the linear heads - seconds.
    """
    exs = list(examples)
    if x is None:
        x = IntentModel(config).features.fit_transform([normalize(e.text) for e in exs])
    dense = np.vstack([marker_features(e.text) for e in exs])
    strata = [f"{e.intent}/{e.lang}" for e in exs]
    scores: np.ndarray | None = None
    lang_scores, urgent_logits = np.zeros(len(exs)), np.zeros(len(exs))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for k, (tr, te) in enumerate(splitter.split(np.zeros(len(exs)), strata)):
        print(f"  fold {k + 1}/{folds}", file=sys.stderr, flush=True)
        model = IntentModel(config).fit_heads(x[tr], [exs[i] for i in tr])
        assert model.intent_head is not None and model.lang_head is not None
        if scores is None:
            classes = model.classes
            scores = np.zeros((len(exs), len(classes)))
        scores[te] = model.intent_head.scores(x[te])
        lang_scores[te] = model.lang_head.score(x[te], dense[te])
        urgent_logits[te] = model.urgent_logits(x[te])
    assert scores is not None
    gold = np.array([classes.index(e.intent) for e in exs])
    temperature = fit_temperature(scores, gold)
    langs = ["kk" if s > 0 else "ru" for s in lang_scores]
    net = [scan(e.text) is not None for e in exs]
    proba = softmax(scores * temperature, axis=1)
    urgent = model.urgent_score(proba, urgent_logits)
    return OutOfFold(
        exs, classes, proba, urgent, langs, net, temperature, sigmoid(urgent_logits)
    )


def _urgent_cut(oof: OutOfFold) -> float:
    """Highest cut keeping combined urgent recall >= 0.99 (net included), else the best F2."""
    gold = np.array([e.intent in URGENT_INTENTS for e in oof.examples])
    u_prob, net = oof.urgent_prob(), np.array(oof.net)
    best_cut, best_f2 = 0.01, -1.0
    for cut in np.unique(np.round(u_prob, 4))[::-1]:
        pred = (u_prob >= cut) | net
        tp = float((pred & gold).sum())
        recall, precision = tp / max(gold.sum(), 1), tp / max(pred.sum(), 1)
        if recall >= TARGET_URGENT_RECALL:
            return float(cut)
        f2 = 5 * precision * recall / max(4 * precision + recall, 1e-9)
        if f2 > best_f2:
            best_cut, best_f2 = float(cut), f2
    return best_cut


def final_results(oof: OutOfFold, th: Thresholds) -> list[NluResult]:
    """The combination rule applied to out-of-fold scores (the same code as predict)."""
    rows = zip(oof.examples, oof.proba, oof.urgent, oof.net, strict=True)
    return [
        combine(p, float(u), oof.classes, scan(e.text) if hit else None, "", th)
        for e, p, u, hit in rows
    ]


def _rephrase_cut(oof: OutOfFold, urgent_cut: float) -> float:
    """Lowest confidence at which accepted non-urgent answers are >= 97 % correct (cap 0.6)."""
    results = final_results(oof, Thresholds(rephrase=0.0, urgent=urgent_cut))
    pairs = zip(results, oof.examples, strict=True)
    kept = [(r.confidence, r.intent == e.intent) for r, e in pairs if not r.urgent]
    conf = np.array([k[0] for k in kept])
    correct = np.array([k[1] for k in kept])
    rephrase = 0.6
    for cut in np.arange(0.6, 0.09, -0.01):
        accepted = conf >= cut
        if accepted.any() and correct[accepted].mean() >= TARGET_ACCEPTED_ACCURACY:
            rephrase = float(cut)
    return round(rephrase, 2)


def choose_thresholds(oof: OutOfFold) -> Thresholds:
    """Both thresholds from out-of-fold predictions (never from the held-out set)."""
    urgent = _urgent_cut(oof)
    return Thresholds(rephrase=_rephrase_cut(oof, urgent), urgent=urgent)
