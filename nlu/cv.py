"""Cross-validation on training data: out-of-fold predictions and threshold choice."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import softmax
from sklearn.model_selection import StratifiedKFold

from nlu import URGENT_INTENTS
from nlu.data_loader import Example
from nlu.heads import fit_temperature
from nlu.langid import marker_features
from nlu.model import IntentModel, ModelConfig, Thresholds
from nlu.normalize import normalize
from nlu.urgent import scan

TARGET_URGENT_RECALL = 0.99
TARGET_ACCEPTED_ACCURACY = 0.97


@dataclass
class OutOfFold:
    """Out-of-fold classifier probabilities, languages and safety-net hits for each example."""

    examples: list[Example]
    classes: list[str]
    proba: np.ndarray
    langs: list[str]
    net: list[bool]
    temperature: float = 1.0

    def urgent_prob(self) -> np.ndarray:
        """Highest probability among the urgent intents."""
        cols = [i for i, c in enumerate(self.classes) if c in URGENT_INTENTS]
        return np.asarray(self.proba[:, cols].max(axis=1))


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
    lang_scores = np.zeros(len(exs))
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
    assert scores is not None
    gold = np.array([classes.index(e.intent) for e in exs])
    temperature = fit_temperature(scores, gold)
    langs = ["kk" if s > 0 else "ru" for s in lang_scores]
    net = [scan(e.text) is not None for e in exs]
    proba = softmax(scores * temperature, axis=1)
    return OutOfFold(exs, classes, proba, langs, net, temperature)


def _urgent_cut(oof: OutOfFold) -> float:
    """Highest cut keeping combined urgent recall >= 0.99, else the best F2 (recall x2)."""
    gold = np.array([e.intent in URGENT_INTENTS for e in oof.examples])
    u_prob, net = oof.urgent_prob(), np.array(oof.net)
    best_cut, best_f2, recall_cut = 0.05, -1.0, None
    for cut in np.round(np.arange(0.05, 0.51, 0.01), 2):
        pred = (u_prob >= cut) | net
        tp = float((pred & gold).sum())
        recall, precision = tp / max(gold.sum(), 1), tp / max(pred.sum(), 1)
        if recall >= TARGET_URGENT_RECALL:
            recall_cut = float(cut)
        f2 = 5 * precision * recall / max(4 * precision + recall, 1e-9)
        if f2 > best_f2:
            best_cut, best_f2 = float(cut), f2
    return recall_cut if recall_cut is not None else best_cut


def _rephrase_cut(oof: OutOfFold) -> float:
    """Lowest confidence at which accepted predictions are >= 97 % correct (cap 0.6)."""
    top = oof.proba.argmax(axis=1)
    conf = oof.proba.max(axis=1)
    pairs = zip(top, oof.examples, strict=True)
    correct = np.array([oof.classes[t] == e.intent for t, e in pairs])
    rephrase = 0.6
    for cut in np.arange(0.6, 0.09, -0.01):
        accepted = conf >= cut
        if accepted.any() and correct[accepted].mean() >= TARGET_ACCEPTED_ACCURACY:
            rephrase = float(cut)
    return round(rephrase, 2)


def choose_thresholds(oof: OutOfFold) -> Thresholds:
    """Both thresholds from out-of-fold predictions (never from the held-out set)."""
    return Thresholds(rephrase=_rephrase_cut(oof), urgent=_urgent_cut(oof))
