"""Scores shared by training metadata and `python -m nlu evaluate`."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sklearn.metrics import f1_score

from nlu import LANGS

if TYPE_CHECKING:
    from nlu.cv import OutOfFold


def macro_f1_by_lang(oof: OutOfFold) -> dict[str, float]:
    """Macro-F1 of the classifier's top intent, per language."""
    top = [oof.classes[i] for i in oof.proba.argmax(axis=1)]
    out = {}
    for lang in LANGS:
        idx = [i for i, e in enumerate(oof.examples) if e.lang == lang]
        if idx:
            gold = [oof.examples[i].intent for i in idx]
            pred = [top[i] for i in idx]
            out[lang] = round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4)
    return out


def urgent_pr(gold: list[bool], pred: list[bool]) -> tuple[float, float, int, int]:
    """(recall, precision, false negatives, false positives) for the urgent flag."""
    counts = Counter(zip(gold, pred, strict=True))
    tp, fn, fp = counts[(True, True)], counts[(True, False)], counts[(False, True)]
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    return recall, precision, fn, fp
