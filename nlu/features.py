"""Feature extraction: word and char_wb TF-IDF on normalised text, plus a fast one-text path."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

WORD_TOKEN_PATTERN = r"<emoji:[a-z0-9_]+>|\w+"


@dataclass(frozen=True)
class FeatureConfig:
    """Vectoriser settings (chosen by cross-validation, see `nlu.evaluate`)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    char_weight: float = 1.0
    min_df: int = 1


class _Block:
    """One fitted TF-IDF vectoriser reduced to what a single-text transform needs."""

    def __init__(self, vec: TfidfVectorizer, weight: float) -> None:
        self.vocab: dict[str, int] = vec.vocabulary_
        self.idf = vec.idf_.astype(np.float64)
        self.weight = weight
        self.analyzer: Callable[[str], list[str]] = vec.build_analyzer()

    def vector(self, norm_text: str) -> tuple[list[int], list[float]]:
        """Sublinear TF x IDF, L2-normalised, scaled by the block weight (as sklearn does)."""
        counts = Counter(g for g in self.analyzer(norm_text) if g in self.vocab)
        idx = [self.vocab[g] for g in counts]
        vals = [(1.0 + math.log(c)) * self.idf[i] for i, c in zip(idx, counts.values(), strict=True)]
        norm = math.sqrt(sum(v * v for v in vals)) or 1.0
        scale = self.weight / norm
        return idx, [v * scale for v in vals]


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
        self._blocks = [_Block(self.word, 1.0), _Block(self.char, self.config.char_weight)]
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
        idx = np.fromiter([*idx_w, *(i + offset for i in idx_c)], dtype=np.intp)
        return idx, np.asarray([*val_w, *val_c], dtype=np.float64)

    def __getstate__(self) -> dict[str, object]:
        # Analyzer closures are rebuilt on load; the vectorisers carry vocabularies and idf.
        state = self.__dict__.copy()
        state["_blocks"] = []
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        if hasattr(self.word, "vocabulary_"):
            self._blocks = [_Block(self.word, 1.0), _Block(self.char, self.config.char_weight)]
