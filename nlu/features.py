"""Feature extraction: word and char_wb TF-IDF on normalised text, plus a fast one-text path."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

WORD_TOKEN_PATTERN = r"<emoji:[a-z0-9_]+>|\w+"  # noqa: S105 (a regex, not a secret)
_TOKEN_RE = re.compile(WORD_TOKEN_PATTERN)
_EMPTY_IDX = np.zeros(0, dtype=np.intp)
_EMPTY_VAL = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True)
class FeatureConfig:
    """Vectoriser settings (chosen by cross-validation, see `nlu.evaluate`)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    char_weight: float = 1.5
    min_df: int = 1


def char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Exactly sklearn's char_wb analyzer (on already normalised text), without its overhead."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, hi + 1):
            if size <= n:  # sklearn emits a short word once, then stops growing n
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return grams


def word_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Exactly sklearn's word analyzer with WORD_TOKEN_PATTERN (no stop words)."""
    tokens = _TOKEN_RE.findall(text)
    grams = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


class _Block:
    """One fitted TF-IDF vectoriser reduced to what a single-text transform needs."""

    def __init__(self, vec: TfidfVectorizer, weight: float, char: bool) -> None:
        self.vocab: dict[str, int] = vec.vocabulary_
        self.idf = vec.idf_.astype(np.float64)
        self.weight = weight
        self.char = char
        self.lo, self.hi = vec.ngram_range

    def vector(self, norm_text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear TF x IDF, L2-normalised, scaled by the block weight (as sklearn does)."""
        grams = (char_wb_ngrams if self.char else word_ngrams)(norm_text, self.lo, self.hi)
        # map(get, grams, repeat(-1)) runs the dict look-ups in C; -1 marks unknown n-grams.
        ids = np.fromiter(map(self.vocab.get, grams, repeat(-1)), dtype=np.intp, count=len(grams))
        ids = ids[ids >= 0]
        if not ids.size:
            return _EMPTY_IDX, _EMPTY_VAL
        idx, counts = np.unique(ids, return_counts=True)
        vals = (1.0 + np.log(counts)) * self.idf[idx]
        vals *= self.weight / np.sqrt(vals @ vals)
        return idx, vals


class FeatureSpace:
    """Word n-grams and char_wb n-grams side by side, fitted on normalised texts."""

    def __init__(self, config: FeatureConfig) -> None:
        self.config = config
        self.word = TfidfVectorizer(
            lowercase=False, token_pattern=WORD_TOKEN_PATTERN, ngram_range=config.word_ngrams,
            sublinear_tf=True, min_df=config.min_df, dtype=np.float64,
        )
        self.char = TfidfVectorizer(
            lowercase=False, analyzer="char_wb", ngram_range=config.char_ngrams,
            sublinear_tf=True, min_df=config.min_df, dtype=np.float64,
        )
        self._blocks: list[_Block] = []
        self.n_features = 0

    def fit_transform(self, norm_texts: Sequence[str]) -> sparse.csr_matrix:
        """Fit both vectorisers and return the stacked training matrix."""
        xw = self.word.fit_transform(norm_texts)
        xc = self.char.fit_transform(norm_texts) * self.config.char_weight
        self._make_blocks()
        self.n_features = xw.shape[1] + xc.shape[1]
        return sparse.hstack([xw, xc], format="csr")

    def transform(self, norm_texts: Sequence[str]) -> sparse.csr_matrix:
        """Batch transform (the reference implementation the fast path must equal)."""
        xw = self.word.transform(norm_texts)
        xc = self.char.transform(norm_texts) * self.config.char_weight
        return sparse.hstack([xw, xc], format="csr")

    def sparse_one(self, norm_text: str) -> tuple[np.ndarray, np.ndarray]:
        """Fast path for one text: (column indices, values) of its feature vector."""
        idx_w, val_w = self._blocks[0].vector(norm_text)
        idx_c, val_c = self._blocks[1].vector(norm_text)
        offset = len(self._blocks[0].vocab)
        return np.concatenate([idx_w, idx_c + offset]), np.concatenate([val_w, val_c])

    def __getstate__(self) -> dict[str, object]:
        # Analyzer closures are rebuilt on load; the vectorisers carry vocabularies and idf.
        state = self.__dict__.copy()
        state["_blocks"] = []
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        if hasattr(self.word, "vocabulary_"):
            self._make_blocks()

    def _make_blocks(self) -> None:
        self._blocks = [
            _Block(self.word, 1.0, char=False),
            _Block(self.char, self.config.char_weight, char=True),
        ]
