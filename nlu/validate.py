"""Data checks behind `python -m nlu validate` and the data-quality test."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from nlu import INTENTS, LANGS
from nlu.data_loader import DATA_DIR, VARIETIES, DataError, Example, data_files, load_file
from nlu.normalize import char_trigrams, normalize, strip_emoji

MIN_TRAIN = 60
MIN_TEST = 15
NEAR_DUP_JACCARD = 0.8
REQUIRED_VARIETIES = ("standard", "latin", "typos", "indirect", "mixed")
ALLOWED_NUMBERS = {"102", "112", "103", "111", "150"}
_PHONE_RE = re.compile(r"(?<!\d)(?:\+?\d[\s\-()]*){5,}(?!\d)")


@dataclass
class Report:
    """Errors and warnings, each a printable (possibly multi-line) string."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)  # split, lang, intent


def _where(ex: Example) -> str:
    return f"  {ex.file} [{ex.intent}/{ex.variety}]: {ex.text}"


def sim_key(text: str) -> str:
    """Text as compared for duplicates: normalised, emoji dropped unless nothing else is left."""
    norm = normalize(text)
    return strip_emoji(norm) or norm


def load_all(data_dir: Path, report: Report) -> list[Example]:
    """Load every file, turning parse faults into errors instead of exceptions."""
    examples: list[Example] = []
    for path, lang, split in data_files(data_dir):
        rel = str(path.relative_to(data_dir))
        try:
            examples.extend(load_file(path, lang, split, rel))
        except DataError as exc:
            report.errors.append(f"format: {rel}: {exc}")
    return examples


def check_labels(examples: list[Example], report: Report) -> None:
    """Intent names from the contract and variety names from the allowed list."""
    seen: set[tuple[str, str, str]] = set()
    for ex in examples:
        key = (ex.file, ex.intent, ex.variety)
        if key in seen:
            continue
        seen.add(key)
        if ex.intent not in INTENTS:
            report.errors.append(f"unknown intent: {ex.file}: {ex.intent!r}")
        if ex.variety not in VARIETIES:
            report.errors.append(f"unknown variety: {ex.file} [{ex.intent}]: {ex.variety!r}")


def check_phones(examples: list[Example], report: Report) -> None:
    """No phone-like numbers except the public emergency short numbers."""
    for ex in examples:
        for match in _PHONE_RE.finditer(ex.text):
            if re.sub(r"\D", "", match.group(0)) not in ALLOWED_NUMBERS:
                number = match.group(0).strip()
                report.errors.append(f"phone-like number {number!r}:\n{_where(ex)}")


def check_exact(examples: list[Example], report: Report) -> None:
    """The same normalised text twice in one language (same or different intent)."""
    groups: dict[tuple[str, str], list[Example]] = defaultdict(list)
    for ex in examples:
        groups[(ex.lang, sim_key(ex.text))].append(ex)
    for (lang, _key), exs in groups.items():
        if len(exs) < 2:
            continue
        kind = "same text under two intents" if len({e.intent for e in exs}) > 1 else "duplicate"
        report.errors.append(f"{kind} [{lang}]:\n" + "\n".join(_where(e) for e in exs))


def _trigram_matrix(keys: list[str]) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, key in enumerate(keys):
        for gram in char_trigrams(key):
            rows.append(i)
            cols.append(vocab.setdefault(gram, len(vocab)))
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(keys), max(len(vocab), 1)))


def near_duplicate_pairs(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of distinct keys with char-trigram Jaccard >= threshold."""
    if len(keys) < 2:
        return []
    mat = _trigram_matrix(keys)
    sizes = np.asarray(mat.sum(axis=1)).ravel()
    inter = sparse.triu(mat @ mat.T, k=1).tocoo()
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    hit = jac >= threshold
    rows, cols = inter.row[hit].tolist(), inter.col[hit].tolist()
    return list(zip(rows, cols, jac[hit].tolist(), strict=True))


def check_near_duplicates(examples: list[Example], report: Report) -> None:
    """Near-duplicates across all files of one language, train and test together."""
    for lang in LANGS:
        exs = [e for e in examples if e.lang == lang]
        keys = [sim_key(e.text) for e in exs]
        for i, j, jac in near_duplicate_pairs(keys, NEAR_DUP_JACCARD):
            if keys[i] == keys[j]:
                continue  # reported by check_exact
            a, b = exs[i], exs[j]
            kind = "held-out near-duplicates training" if a.split != b.split else "near-duplicate"
            report.errors.append(f"{kind} (J={jac:.2f}) [{lang}]:\n{_where(a)}\n{_where(b)}")


def check_counts(examples: list[Example], report: Report, partial: bool) -> None:
    """Minimum examples per intent per language and split; required varieties present."""
    counts = Counter((e.split, e.lang, e.intent) for e in examples)
    varieties: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for e in examples:
        varieties[(e.split, e.lang, e.intent)].add(e.variety)
    sink = report.warnings if partial else report.errors
    for split, minimum in (("train", MIN_TRAIN), ("test", MIN_TEST)):
        for lang in LANGS:
            for intent in INTENTS:
                n = report.counts[(split, lang, intent)] = counts[(split, lang, intent)]
                if n < minimum:
                    sink.append(f"count: {split}/{lang}/{intent} has {n} < {minimum}")
                missing = _missing_varieties(lang, varieties[(split, lang, intent)])
                if n and split == "train" and missing:
                    lacks = ", ".join(missing)
                    report.warnings.append(f"varieties: {lang}/{intent} lacks {lacks}")


def _missing_varieties(lang: str, have: set[str]) -> list[str]:
    need = REQUIRED_VARIETIES + (("no_letters",) if lang == "kk" else ())
    return [v for v in need if v not in have]


def validate(data_dir: Path = DATA_DIR, partial: bool = False) -> Report:
    """Run every check over the data directory."""
    report = Report()
    examples = load_all(data_dir, report)
    check_labels(examples, report)
    check_phones(examples, report)
    check_exact(examples, report)
    check_near_duplicates(examples, report)
    check_counts(examples, report, partial)
    return report


def counts_table(report: Report) -> str:
    """Intent x (train kk, train ru, test kk, test ru) table."""
    cols = [(s, lang) for s in ("train", "test") for lang in LANGS]
    lines = [f"{'intent':22}" + "".join(f"{s + '/' + lang:>9}" for s, lang in cols)]
    for intent in INTENTS:
        cells = "".join(f"{report.counts.get((s, lang, intent), 0):>9}" for s, lang in cols)
        lines.append(f"{intent:22}{cells}")
    totals = "".join(
        f"{sum(v for k, v in report.counts.items() if k[:2] == c):>9}" for c in cols
    )
    lines.append(f"{'TOTAL':22}{totals}")
    return "\n".join(lines)
