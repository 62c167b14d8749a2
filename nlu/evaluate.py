"""`python -m nlu evaluate`: cross-validation on training data and held-out test results."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score

from nlu import LANGS, URGENT_INTENTS
from nlu.cv import OutOfFold, best_rows, final_results, out_of_fold
from nlu.data_loader import DATA_DIR, Example, load_examples
from nlu.edges import core, ending, sentences
from nlu.metrics import macro_f1_by_lang, urgent_pr
from nlu.model import IntentModel, Thresholds, sigmoid
from nlu.normalize import normalize
from nlu.urgent import scan


def _final_intents(oof: OutOfFold, thresholds: Thresholds) -> tuple[list[str], list[bool]]:
    """Apply the combination rule to the scores (the same code as predict)."""
    results = final_results(oof, thresholds)
    return [r.intent for r in results], [r.urgent for r in results]


def _urgent_parts(oof: OutOfFold, th: Thresholds, gold: list[bool]) -> list[str]:
    """Each part of the urgent rule alone, then the rule itself."""
    top_urgent = [oof.classes[i] in URGENT_INTENTS for i in oof.proba.argmax(axis=1)]
    parts = [("intent head argmax", top_urgent)]
    if oof.urgent_head is not None:
        parts.append(("urgent head >= 0.5", list(oof.urgent_head >= 0.5)))
    parts += [
        (f"score >= {th.urgent:.3f}", list(oof.urgent_prob() >= th.urgent)),
        (f"a sentence >= {th.sentence:.2f}", list(oof.sentence_alarm(th.sentence))),
        ("safety net alone", oof.net),
    ]
    if oof.spelling_urgent is not None and oof.spelling_net is not None:
        fixed = (oof.spelling_urgent >= th.urgent) | oof.spelling_net
        parts.append(("typos fixed alone", list(fixed)))
    return ["urgent:", *(_line(name, gold, pred) for name, pred in parts)]


def _line(name: str, gold: list[bool], pred: list[bool]) -> str:
    recall, precision, fn, fp = urgent_pr(gold, pred)
    return f"  {name:<20} recall {recall:.3f}  precision {precision:.3f}  (FN {fn}, FP {fp})"


def report(oof: OutOfFold, thresholds: Thresholds, title: str) -> list[str]:
    """Printable metrics for one set of predictions."""
    exs = oof.examples
    final, urgent = _final_intents(oof, thresholds)
    gold_u = [e.intent in URGENT_INTENTS for e in exs]
    out = [f"== {title}: {len(exs)} examples =="]
    for lang in LANGS:
        idx = [i for i, e in enumerate(exs) if e.lang == lang]
        f1 = f1_score([exs[i].intent for i in idx], [final[i] for i in idx], average="macro")
        out.append(f"macro-F1 [{lang}] {f1:.4f}")
    out.append(f"intent head alone (argmax, no urgent rule): {macro_f1_by_lang(oof)}")
    lang_acc = np.mean([lang == e.lang for lang, e in zip(oof.langs, exs, strict=True)])
    out.append(f"language accuracy {lang_acc:.4f}")
    out += [*_urgent_parts(oof, thresholds, gold_u), _line("combined rule", gold_u, urgent)]
    out += _per_intent(exs, final) + _per_variety(exs, final) + _confusions(exs, final)
    return out


def _per_intent(exs: Sequence[Example], final: list[str]) -> list[str]:
    labels = sorted({e.intent for e in exs})
    scores = f1_score([e.intent for e in exs], final, labels=labels, average=None)
    rows = [f"  {lab:<20} {s:.3f}" for lab, s in zip(labels, scores, strict=True)]
    return ["per-intent F1:", *rows]


def _per_variety(exs: Sequence[Example], final: list[str]) -> list[str]:
    hits: dict[str, list[bool]] = defaultdict(list)
    for e, f in zip(exs, final, strict=True):
        hits[e.variety].append(e.intent == f)
    rows = [f"  {v:<12} {np.mean(h):.3f}  (n={len(h)})" for v, h in sorted(hits.items())]
    return ["per-variety accuracy:", *rows]


def _confusions(exs: Sequence[Example], final: list[str], top: int = 12) -> list[str]:
    pairs = Counter((e.intent, f) for e, f in zip(exs, final, strict=True) if e.intent != f)
    rows = [f"  {n:>3}  {g} -> {p}" for (g, p), n in pairs.most_common(top)]
    return ["top confusions (gold -> predicted):", *rows]


def held_out(model: IntentModel, examples: list[Example]) -> OutOfFold:
    """Predictions of a trained model on held-out examples, in OutOfFold form."""
    texts = [e.text for e in examples]
    norms = [normalize(t) for t in texts]
    x = model.features.transform(norms)  # once, for all three heads
    proba = model.proba_batch(texts, x)
    logits = model.urgent_logits(x)
    net = [scan(t) is not None for t in texts]
    urgent = model.gated_urgent_scores(texts, norms, proba, logits)
    langs = model.lang_batch(texts, x)
    # Each message's core (nlu/edges.py), scored as predict scores it; the English rule and the
    # evidence gate look at the core's own words, with the whole text's English check.
    core_proba, core_urgent = _view(model, texts, [core(n) for n in norms], proba.shape)
    # Each sentence of a message with two or more, scored alone as predict scores it.
    sents = [sentences(t) or [] for t in texts]
    # The end of a message of three or more sentences, scored like the core.
    ends = [ending(s or None) for s in sents]
    end_proba, end_urgent = _view(model, texts, ends, proba.shape)
    owner = np.array([i for i, s in enumerate(sents) for _ in s], dtype=int)
    s_proba, s_urgent = np.zeros_like(proba), np.full(len(texts), -1.0)
    if len(owner):
        flat = [s for ss in sents for s in ss]
        xs = model.features.transform(flat)
        p_rows = model.proba_batch(flat, xs)
        u_rows = model.gated_urgent_scores(
            [texts[i] for i in owner], flat, p_rows, model.urgent_logits(xs)
        )
        s_proba, s_urgent = best_rows(len(texts), owner, p_rows, u_rows)
    # The message with its typos fixed (nlu/spelling.py), read by the heads and the net.
    fixed = [model.speller.fix(t, n) for t, n in zip(texts, norms, strict=True)]
    fix_proba, fix_urgent = _view(
        model, texts, [None if f is None else normalize(f) for f in fixed], proba.shape
    )
    fix_net = np.array([f is not None and scan(f) is not None for f in fixed], dtype=bool)
    return OutOfFold(
        examples, model.classes, proba, urgent, langs, net, 1.0, sigmoid(logits),
        core_proba, core_urgent, s_proba, s_urgent, end_proba, end_urgent,
        fix_proba, fix_urgent, fix_net, fixed,
    )


def _view(
    model: IntentModel, texts: list[str], views: list[str | None], shape: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities and gated urgent scores of one normalised view of each message (its
    core, its ending), as predict scores it; urgent -1 where a message has no such view."""
    proba, urgent = np.zeros(shape), np.full(len(texts), -1.0)
    rows = [i for i, v in enumerate(views) if v is not None]
    if rows:
        inner = [views[i] or "" for i in rows]
        x = model.features.transform(inner)
        proba[rows] = model.proba_batch(inner, x)
        urgent[rows] = model.gated_urgent_scores(
            [texts[i] for i in rows], inner, proba[rows], model.urgent_logits(x)
        )
    return proba, urgent


def _is_blind(file: str) -> bool:
    """blind*.yml: written by someone who never read the training data."""
    return file.rsplit("/", 1)[-1].startswith("blind")


def _subsets(oof: OutOfFold, thresholds: Thresholds) -> list[str]:
    """Held-out files written blind (without reading the training data) against the rest."""
    final, urgent = _final_intents(oof, thresholds)
    out = ["held-out subsets (blind*.yml: written without reading the training data):"]
    for name, blind in (("blind", True), ("other", False)):
        idx = [i for i, e in enumerate(oof.examples) if _is_blind(e.file) == blind]
        if not idx:
            continue
        f1 = {
            lang: round(float(f1_score(
                [oof.examples[i].intent for i in idx if oof.examples[i].lang == lang],
                [final[i] for i in idx if oof.examples[i].lang == lang],
                average="macro",
            )), 4)
            for lang in LANGS
        }
        gold = [oof.examples[i].intent in URGENT_INTENTS for i in idx]
        recall, precision, _fn, _fp = urgent_pr(gold, [urgent[i] for i in idx])
        out.append(
            f"  {name:<6} n={len(idx):<5} macro-F1 {f1}  urgent recall {recall:.3f} "
            f"precision {precision:.3f}"
        )
    return out


# How a thumb mistypes one word: two neighbouring letters swapped, one left out, one doubled.
TYPO_KINDS = ("swap", "drop", "double", "swap x2", "drop x2")


def add_typo(text: str, rng: random.Random, kind: str) -> str:
    """`text` with one typo of `kind` ("swap", "drop", "double") in a random word of five or
    more letters, away from its first and last letter; unchanged if it has no such word."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    if kind == "swap":
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == "drop":
        word = word[:j] + word[j + 1 :]
    else:
        word = word[: j + 1] + word[j:]
    words[i] = word
    return " ".join(words)


def typo_probe(model: IntentModel, examples: list[Example]) -> list[str]:
    """Held-out urgent lines the model reads urgent, each with seeded typos added: how many
    are then read calm (a danger typed in a hurry must not be missed for a typo)."""
    urgent = [e.text for e in examples if e.intent in URGENT_INTENTS]
    base = [t for t in urgent if model.predict(t).urgent]
    out = [f"typos (held-out urgent lines read urgent: {len(base)} of {len(urgent)}; "
           "each with typos added, seeded):"]
    for kind in TYPO_KINDS:
        one, _, times = kind.partition(" x")
        missed = 0
        for n, text in enumerate(base):
            rng = random.Random(f"{kind}/{n}")  # noqa: S311 (seeded test data, not secrets)
            for _ in range(int(times or 1)):
                text = add_typo(text, rng, one)
            missed += not model.predict(text).urgent
        share = missed / max(len(base), 1)
        out.append(f"  {kind:<8} read calm {missed} of {len(base)} ({share:.1%})")
    return out


def run(folds: int = 5) -> str:
    """Full evaluation text."""
    from nlu import load_model

    model = load_model()
    train = load_examples(DATA_DIR, split="train")
    oof = out_of_fold(train, model.config, folds=folds)
    lines = report(oof, model.thresholds, f"{folds}-fold CV on training data")
    test = load_examples(DATA_DIR, split="test")
    if test:
        scored = held_out(model, test)
        lines += ["", *report(scored, model.thresholds, "held-out test set")]
        lines += _subsets(scored, model.thresholds)
        lines += typo_probe(model, test)
    lines.append(f"thresholds: rephrase {model.threshold}, urgent {model.thresholds.urgent}")
    return "\n".join(lines)
