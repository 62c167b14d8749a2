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
from nlu.edges import core, ending, sentences
from nlu.features import FeatureSpace
from nlu.heads import fit_temperature
from nlu.langid import marker_features
from nlu.model import SENTENCE_CUT, IntentModel, ModelConfig, Thresholds, combine, sigmoid
from nlu.normalize import normalize
from nlu.spelling import Speller
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
    # The same for each message's core (nlu/edges.py: without its greeting, apology, plea...);
    # core_urgent is -1 where a message has no neutral edges.
    core_proba: np.ndarray | None = None
    core_urgent: np.ndarray | None = None
    # The highest-scoring sentence of a message with two or more (nlu/edges.py `sentences`):
    # its probabilities and urgent score; sentence_urgent is -1 where there is no such sentence.
    sentence_proba: np.ndarray | None = None
    sentence_urgent: np.ndarray | None = None
    # The same for the end of a message of three or more sentences (nlu/edges.py `ending`);
    # ending_urgent is -1 where there is none.
    ending_proba: np.ndarray | None = None
    ending_urgent: np.ndarray | None = None
    # The same for the message with its typos fixed (nlu/spelling.py; spelling_urgent is -1
    # where nothing was fixed), and whether the safety net fires on the fixed text.
    spelling_proba: np.ndarray | None = None
    spelling_urgent: np.ndarray | None = None
    spelling_net: np.ndarray | None = None
    fixed: list[str | None] | None = None  # each message with its typos fixed (None: no typo)

    def urgent_prob(self) -> np.ndarray:
        """The urgent score compared with the urgent threshold (the highest of the message's,
        its core's, its ending's and its fixed text's, as in `IntentModel.predict`)."""
        out = self.urgent
        for other in (self.core_urgent, self.ending_urgent, self.spelling_urgent):
            if other is not None:
                out = np.maximum(out, other)
        return out

    def sentence_alarm(self, cut: float = SENTENCE_CUT) -> np.ndarray:
        """Messages with one sentence urgent on its own (score >= the sentence cut)."""
        if self.sentence_urgent is None:
            return np.zeros(len(self.examples), dtype=bool)
        return np.asarray(self.sentence_urgent >= cut)

    def net_alarm(self) -> np.ndarray:
        """Messages the safety net fires on, as written or with their typos fixed."""
        net = np.array(self.net, dtype=bool)
        return net if self.spelling_net is None else net | self.spelling_net

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
    features: FeatureSpace | None = None,
) -> OutOfFold:
    """Stratified k-fold (by intent and language) out-of-fold predictions.

    The vectorisers are fitted once on all texts (unsupervised: n-grams seen only in a held-out
    fold get no weight from the heads), so each fold refits only the linear heads - seconds.
    """
    exs = list(examples)
    norms = [normalize(e.text) for e in exs]
    if x is None or features is None:
        features = IntentModel(config).features
        x = features.fit_transform(norms)
    # Views of a message scored alone, out of fold (each with the heads of its message's
    # fold), as predict scores them: its core, its ending, each of its sentences.
    cores = [core(n) for n in norms]
    sents = [sentences(e.text) or [] for e in exs]
    ends = [ending(s or None) for s in sents]
    owner = [i for i, ss in enumerate(sents) for _ in ss]
    speller = Speller(features.word.vocabulary_, features.word.idf_)
    fixed = [speller.fix(e.text, n) for e, n in zip(exs, norms, strict=True)]
    views = [
        _Rows.one_each(features, cores),
        _Rows.one_each(features, ends),
        _Rows(features, owner, [s for ss in sents for s in ss]),
        _Rows.one_each(features, [None if f is None else normalize(f) for f in fixed]),
    ]
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
        for view in views:
            view.fill(model, te)
    assert scores is not None
    gold = np.array([classes.index(e.intent) for e in exs])
    temperature = fit_temperature(scores, gold)
    langs = ["kk" if s > 0 else "ru" for s in lang_scores]
    net = [scan(e.text) is not None for e in exs]
    proba = softmax(scores * temperature, axis=1)
    urgent = model.urgent_score(proba, urgent_logits)
    (core_proba, core_urgent), (end_proba, end_urgent), (s_proba, s_urgent), (
        fix_proba, fix_urgent
    ) = (view.best(model, temperature, len(exs)) for view in views)
    fix_net = np.array([f is not None and scan(f) is not None for f in fixed], dtype=bool)
    return OutOfFold(
        exs, classes, proba, urgent, langs, net, temperature, sigmoid(urgent_logits),
        core_proba, core_urgent, s_proba, s_urgent, end_proba, end_urgent,
        fix_proba, fix_urgent, fix_net, fixed,
    )


class _Rows:
    """Texts that belong to messages (`owner[row]`: its core, its ending, its sentences),
    scored out of fold by the heads of the fold their message is in."""

    def __init__(self, features: FeatureSpace, owner: list[int], texts: list[str]) -> None:
        self.owner = np.array(owner, dtype=int)
        self.x = features.transform(texts) if texts else None
        self.scores: np.ndarray | None = None
        self.logits = np.zeros(len(owner))

    @classmethod
    def one_each(cls, features: FeatureSpace, texts: list[str | None]) -> _Rows:
        """At most one text per message (None: the message has none)."""
        rows = [i for i, t in enumerate(texts) if t is not None]
        return cls(features, rows, [texts[i] or "" for i in rows])

    def fill(self, model: IntentModel, te: np.ndarray) -> None:
        """Score the rows of the messages in `te` with this fold's heads."""
        assert model.intent_head is not None
        if self.scores is None:
            self.scores = np.zeros((len(self.owner), len(model.classes)))
        rows = np.flatnonzero(np.isin(self.owner, te))
        if len(rows) and self.x is not None:
            self.scores[rows] = model.intent_head.scores(self.x[rows])
            self.logits[rows] = model.urgent_logits(self.x[rows])

    def best(
        self, model: IntentModel, temperature: float, n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per message, the probabilities and urgent score of its highest-scoring row."""
        assert self.scores is not None
        proba = softmax(self.scores * temperature, axis=1)
        urgent = np.asarray(model.urgent_score(proba, self.logits))
        return best_rows(n, self.owner, proba, urgent)


def best_rows(
    n: int, owner: np.ndarray, proba: np.ndarray, urgent: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per message, the probabilities and urgent score of its highest-scoring row (rows of
    `proba`/`urgent` belong to message `owner[row]`); -1 and zeros where a message has none."""
    best_u = np.full(n, -1.0)
    best_p = np.zeros((n, proba.shape[1]))
    for row in np.argsort(urgent, kind="stable"):  # ascending: the highest is written last
        best_u[owner[row]] = urgent[row]
        best_p[owner[row]] = proba[row]
    return best_p, best_u


def _urgent_cut(oof: OutOfFold) -> float:
    """Highest cut keeping combined urgent recall >= 0.99 (net included), else the best F2."""
    gold = np.array([e.intent in URGENT_INTENTS for e in oof.examples])
    u_prob, net = oof.urgent_prob(), oof.net_alarm() | oof.sentence_alarm()
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
    """The combination rule applied to out-of-fold scores (the same code as predict: when
    the message is not urgent, its core decides if the core is)."""
    out = []
    rows = zip(oof.examples, oof.proba, oof.urgent, oof.net, strict=True)
    for i, (e, p, u, hit) in enumerate(rows):
        result = combine(p, float(u), oof.classes, scan(e.text) if hit else None, "", th)
        if not result.urgent and oof.core_urgent is not None and oof.core_urgent[i] >= th.urgent:
            assert oof.core_proba is not None
            inner_u = float(oof.core_urgent[i])
            result = combine(oof.core_proba[i], inner_u, oof.classes, None, "", th)
        end_u = -1.0 if oof.ending_urgent is None else float(oof.ending_urgent[i])
        if not result.urgent and end_u >= th.urgent:
            assert oof.ending_proba is not None
            result = combine(oof.ending_proba[i], end_u, oof.classes, None, "", th)
        if not result.urgent and oof.sentence_urgent is not None:
            s_u = float(oof.sentence_urgent[i])
            if s_u >= th.sentence:
                assert oof.sentence_proba is not None
                result = combine(oof.sentence_proba[i], s_u, oof.classes, None, "", th)
        result = _spelling(oof, i, th, result)
        out.append(result)
    return out


def _spelling(oof: OutOfFold, i: int, th: Thresholds, result: NluResult) -> NluResult:
    """The message with its typos fixed decides when the others did not make it urgent."""
    if result.urgent or oof.spelling_urgent is None or oof.spelling_urgent[i] < -0.5:
        return result
    assert oof.spelling_proba is not None and oof.spelling_net is not None
    assert oof.fixed is not None
    fixed = oof.fixed[i]
    hit = scan(fixed) if oof.spelling_net[i] and fixed is not None else None
    alt = combine(oof.spelling_proba[i], float(oof.spelling_urgent[i]), oof.classes, hit, "", th)
    return alt if alt.urgent else result


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
