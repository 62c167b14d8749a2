"""Feature extraction: word, word-stem, stem-pair and char_wb TF-IDF on normalised text, plus a
fast path."""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import cast

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

WORD_TOKEN_PATTERN = r"<emoji:[a-z0-9_]+>|\w+"  # noqa: S105 (a regex, not a secret)
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
STEM_TOKEN_PATTERN = r"\S+"  # noqa: S105 (stems are made by `stem_text`, split on spaces)
_EMPTY_IDX = np.zeros(0, dtype=np.intp)
_EMPTY_VAL = np.zeros(0, dtype=np.float64)
WORD_CACHE_MAX = 50_000  # per-word char n-gram ids kept for the fast path (bounded memory)


@dataclass(frozen=True)
class FeatureConfig:
    """Vectoriser settings (chosen by cross-validation, see nlu/README.md)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    char_weight: float = 1.5
    min_df: int = 2  # n-grams of one message only: no CV gain, 2.5x the memory traffic
    stem_len: int = 0  # > 0: add a block of words cut to this many letters (poor man's stems)
    stem_ngrams: tuple[int, int] = (1, 2)
    stem_weight: float = 1.0
    # > 0 (needs stem_len): add a block of stem pairs 2..skip_window words apart ("кеше|урды"
    # with words between): which words occur together near each other, beyond bigrams.
    skip_window: int = 0
    skip_weight: float = 1.0


_SPACES: weakref.WeakSet[FeatureSpace] = weakref.WeakSet()  # whose caches clear_caches empties


def clear_caches() -> None:
    """Forget the per-word n-gram ids of every live FeatureSpace (see `nlu.clear_caches`)."""
    for space in list(_SPACES):
        space._cache.clear()


def stems(words: list[str], length: int) -> list[str]:
    """Every word cut to its first `length` characters (Kazakh suffixes, Russian endings fall
    away); an emoji token stays whole ("<emoji:sos>" is not "<emoj", like every other emoji)."""
    return [w if w[:1] == "<" else w[:length] for w in words]


def stem_text(norm_text: str, length: int) -> str:
    """The stems of a normalised text, space-separated (the stem block's tokens)."""
    return " ".join(stems(norm_text.split(), length))


def skip_pairs(cut: list[str], window: int) -> list[str]:
    """Stem pairs 2..`window` positions apart, in order ("a|c" for "a b c"); bigrams are
    the stem block's."""
    return [
        f"{cut[i]}|{cut[j]}"
        for i in range(len(cut))
        for j in range(i + 2, min(len(cut), i + window + 1))
    ]


def skip_text(norm_text: str, length: int, window: int) -> str:
    """The stem pairs of a normalised text, space-separated (the skip block's tokens)."""
    return " ".join(skip_pairs(stems(norm_text.split(), length), window))


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


def _slicer(slices: list[slice]) -> Callable[[str], tuple[str, ...]]:
    """One C-level call that cuts all the given slices out of a string."""
    if len(slices) == 1:
        only = slices[0]
        return lambda text: (text[only],)
    return cast("Callable[[str], tuple[str, ...]]", itemgetter(*slices))


_VECTORISERS = ("word", "char", "stem", "skip")
_KEY_SEP = "\x00"  # between vocabulary keys in the pickle (normalised text has none)


class _Block:
    """One fitted vectoriser's vocabulary, with column ids already offset into the full space.

    The fast path works on packed ids (bytes, 4 per id), joined per message and read by numpy
    in one call, so no Python int is made or touched per n-gram.
    """

    def __init__(
        self, vec: TfidfVectorizer, kind: str, stem_len: int, offset: int, window: int = 0
    ) -> None:
        self.kind = kind  # "word" | "stem" | "skip" | "char"
        self.stem_len = stem_len
        self.window = window  # skip: the widest distance of a pair
        self.lo, self.hi = vec.ngram_range
        # n-gram -> its column id in the full space, packed (map and zip: no Python loop).
        vocab = vec.vocabulary_
        ids = np.fromiter(vocab.values(), dtype=np.int32, count=len(vocab)) + np.int32(offset)
        raw = ids.astype("=i4").tobytes()
        self.packed = dict(zip(vocab, map(raw.__getitem__, map(slice, range(0, len(raw), 4),
                                                                range(4, len(raw) + 4, 4))),
                               strict=True))
        # char: n-gram -> packed ids of its prefixes (>= lo long) in the vocabulary, itself too.
        self.prefixes: dict[str, bytes] = {}
        if kind == "char":
            for gram in vocab:
                grams = (gram[:n] for n in range(self.lo, len(gram) + 1))
                self.prefixes[gram] = b"".join(filter(None, map(self.packed.get, grams)))
        self._windows: dict[int, Callable[[str], tuple[str, ...]]] = {}

    def word_ids(self, word: str) -> bytes:
        """Packed ids of a char block's n-grams of one word in the vocabulary (the fast path).

        char_wb n-grams of a padded word are all its substrings lo..hi long (sklearn's loop;
        a padded word shorter than lo is the exception, done the slow way). Those starting at
        one position are the prefixes of the hi-long window there, so one look-up per window
        finds them all; a window not in the vocabulary falls back to its longest known prefix.
        """
        padded = f" {word} "
        size = len(padded)
        if size < self.lo:
            grams = char_wb_ngrams(word, self.lo, self.hi)
            return b"".join(filter(None, map(self.packed.get, grams)))
        cut = self._windows.get(size)
        if cut is None:  # one slicer per padded length, made on first use
            cut = _slicer([slice(i, i + self.hi) for i in range(size - self.lo + 1)])
            self._windows[size] = cut
        windows = cut(padded)
        prefixes = self.prefixes
        found = list(map(prefixes.get, windows))
        if None in found:
            lo = self.lo
            for j, got in enumerate(found):
                if got is None:
                    window = windows[j]
                    for n in range(len(window) - 1, lo - 1, -1):
                        got = prefixes.get(window[:n])
                        if got is not None:
                            break
                    found[j] = got
        return b"".join(filter(None, found))

    def token_ids(self, words: list[str]) -> bytes:
        """Packed ids of the word/stem n-grams of a message in the vocabulary (all in C)."""
        if self.kind == "char":
            return b""
        if self.kind == "skip":  # the pairs of `skip_pairs`, by distance, in one C-level pass
            cut = stems(words, self.stem_len)
            pairs = chain.from_iterable(
                zip(cut, cut[d:], strict=False) for d in range(2, self.window + 1)
            )
            return b"".join(filter(None, map(self.packed.get, map("|".join, pairs))))
        tokens = stems(words, self.stem_len) if self.kind == "stem" else words
        found: list[bytes] = []
        for n in range(self.lo, self.hi + 1):
            grams = map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False))
            found += filter(None, map(self.packed.get, tokens if n == 1 else grams))
        return b"".join(found)

    def crossing_ids(self, words: list[str], cuts: list[int]) -> bytes:
        """Packed ids of the n-grams and stem pairs that span a cut (a sentence start) in
        `words`: what `token_ids(words)` finds beyond the `token_ids` of each part."""
        if self.kind == "char":
            return b""
        toks = words if self.kind == "word" else stems(words, self.stem_len)
        sep, spans = ("|", range(2, self.window + 1)) if self.kind == "skip" else (
            " ", range(max(self.lo, 2) - 1, self.hi)
        )
        found = []
        for prev, cut in zip([0, *cuts[:-1]], cuts, strict=True):
            for span in spans:  # pairs (p, p + span) whose first cut after p is `cut`
                for p in range(max(prev, cut - span), cut):
                    if p + span < len(toks):
                        gram = toks[p] + sep + toks[p + span] if sep == "|" else sep.join(
                            toks[p : p + span + 1]
                        )
                        found.append(self.packed.get(gram, b""))
        return b"".join(found)


def _same(text: str) -> str:
    return text


def _tfidf(
    analyzer: str, ngrams: tuple[int, int], min_df: int, pattern: str | None
) -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=False, analyzer=analyzer, token_pattern=pattern, ngram_range=ngrams,
        sublinear_tf=True, min_df=min_df, dtype=np.float64,
    )


class FeatureSpace:
    """Word n-grams, char_wb n-grams (and optional stem n-grams), fitted on normalised texts."""

    def __init__(self, config: FeatureConfig) -> None:
        self.config = config
        cfg = config
        self.word = _tfidf("word", cfg.word_ngrams, cfg.min_df, WORD_TOKEN_PATTERN)
        self.char = _tfidf("char_wb", cfg.char_ngrams, cfg.min_df, None)
        self.stem = _tfidf("word", cfg.stem_ngrams, cfg.min_df, STEM_TOKEN_PATTERN)
        self.skip = _tfidf("word", (1, 1), cfg.min_df, STEM_TOKEN_PATTERN)
        self._blocks: list[_Block] = []
        self._idf = self._weights = _EMPTY_VAL
        self._block_of = _EMPTY_IDX
        self._cache: dict[str, bytes] = {}
        self._token_blocks: list[_Block] = []  # word and stem: looked up per message
        self._char_blocks: list[_Block] = []  # char_wb: per word, cached
        self.n_features = 0
        _SPACES.add(self)

    def _parts(self) -> list[tuple[TfidfVectorizer, float, Callable[[str], str]]]:
        return [(vec, w, f) for _kind, vec, w, f in self._kinds()]

    def _kinds(self) -> list[tuple[str, TfidfVectorizer, float, Callable[[str], str]]]:
        """The blocks in column order: (kind, vectoriser, weight, text -> its tokens' text)."""
        cfg = self.config
        parts: list[tuple[str, TfidfVectorizer, float, Callable[[str], str]]] = [
            ("word", self.word, 1.0, _same), ("char", self.char, cfg.char_weight, _same),
        ]
        if cfg.stem_len:
            parts.append(
                ("stem", self.stem, cfg.stem_weight, lambda t: stem_text(t, cfg.stem_len))
            )
            if cfg.skip_window:
                parts.append((
                    "skip", self.skip, cfg.skip_weight,
                    lambda t: skip_text(t, cfg.stem_len, cfg.skip_window),
                ))
        return parts

    def fit_transform(self, norm_texts: Sequence[str]) -> sparse.csr_matrix:
        """Fit the vectorisers and return the stacked training matrix."""
        mats = [vec.fit_transform([f(t) for t in norm_texts]) * w for vec, w, f in self._parts()]
        self._make_blocks()
        return sparse.hstack(mats, format="csr")

    def transform(self, norm_texts: Sequence[str]) -> sparse.csr_matrix:
        """Batch transform (the reference implementation the fast path must equal)."""
        mats = [vec.transform([f(t) for t in norm_texts]) * w for vec, w, f in self._parts()]
        return sparse.hstack(mats, format="csr")

    def sparse_one(self, norm_text: str) -> tuple[np.ndarray, np.ndarray]:
        """Fast path for one text: (column indices, values) of its feature vector.

        Sublinear TF x IDF, L2-normalised per block and scaled by the block weight, exactly as
        the batch path, with a fixed number of numpy calls whatever the vocabulary size.
        """
        return self.vector(self.packed_ids(norm_text.split()))

    def packed_ids(self, words: list[str]) -> bytes:
        """Packed ids of every feature of a text's words (normalised text: tokens are exactly
        its words), in no order."""
        cached = list(map(self._cache.get, words))  # a loop over the message's words only
        parts = [
            self._word_ids(w) if p is None else p for w, p in zip(words, cached, strict=True)
        ]
        parts += [b.token_ids(words) for b in self._token_blocks]
        return b"".join(parts)

    def split_ids(self, parts: list[str]) -> tuple[tuple[np.ndarray, np.ndarray], list[bytes]]:
        """The vector of `" ".join(parts)` (as `sparse_one` gives it) and each part's packed
        ids (for `vector`), from one pass over the words: each n-gram is looked up once, and
        only those spanning two parts are added for the whole."""
        words = [p.split() for p in parts]
        packed = [self.packed_ids(w) for w in words]
        return self.vector(self._joined(words, packed)), packed

    def joined_ids(self, parts: list[str], packed: list[bytes]) -> bytes:
        """Packed ids of `" ".join(parts)` from its parts' packed ids (from `split_ids`): only
        the n-grams and stem pairs across a part start are looked up."""
        return self._joined([p.split() for p in parts], packed)

    def _joined(self, words: list[list[str]], packed: list[bytes]) -> bytes:
        every = [w for ws in words for w in ws]
        cuts = list(np.cumsum([len(ws) for ws in words[:-1]]).tolist())
        crossing = b"".join(b.crossing_ids(every, cuts) for b in self._token_blocks)
        return b"".join(packed) + crossing

    def vector(self, packed: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of the feature vector of packed ids."""
        if not packed:
            return _EMPTY_IDX, _EMPTY_VAL
        # Sorted unique ids with counts (what np.unique does, in fewer calls), sklearn's order.
        arr = np.frombuffer(packed, dtype=np.int32).astype(np.intp)
        arr.sort()
        edge = np.empty(len(arr) + 1, dtype=bool)
        edge[0] = edge[-1] = True
        np.not_equal(arr[1:], arr[:-1], out=edge[1:-1])
        pos = edge.nonzero()[0]  # (methods and operators: np.flatnonzero/np.diff cost more)
        idx, counts = arr[pos[:-1]], pos[1:] - pos[:-1]
        tf = (1.0 + np.log(counts)) * self._idf[idx]
        block = self._block_of[idx]
        norm_sq = np.bincount(block, weights=tf * tf, minlength=len(self._blocks))
        scale = self._weights / np.sqrt(np.maximum(norm_sq, 1e-300))
        return idx, tf * scale[block]

    def known_words(self, norm_text: str) -> int:
        """How many of the message's words the model has seen in training (evidence gate)."""
        vocab = self.word.vocabulary_
        return sum(1 for token in _WORD_RE.findall(norm_text) if token in vocab)

    def _word_ids(self, word: str) -> bytes:
        """Packed ids of a word's char_wb n-grams (cached: words repeat)."""
        ids = b"".join([b.word_ids(word) for b in self._char_blocks])
        if len(self._cache) < WORD_CACHE_MAX:
            self._cache[word] = ids
        return ids

    def __getstate__(self) -> dict[str, object]:
        # Analyzer closures and caches are rebuilt on load; vectorisers carry idf. Vocabularies
        # travel as one string of keys and one int32 array each: joblib unpickles in Python,
        # and 250,000 small strings took most of the load time.
        state = self.__dict__.copy()
        for key in ("_blocks", "_idf", "_block_of", "_weights", "_cache", "_token_blocks",
                    "_char_blocks"):
            state.pop(key, None)
        packed: dict[str, tuple[str, np.ndarray]] = {}
        for name in _VECTORISERS:
            vec = state.get(name)
            if isinstance(vec, TfidfVectorizer) and hasattr(vec, "vocabulary_"):
                vocab = vec.vocabulary_
                packed[name] = (_KEY_SEP.join(vocab), np.fromiter(vocab.values(), np.int32))
                state[name] = bare = copy.copy(vec)
                del bare.vocabulary_
        state["_packed_vocabularies"] = packed
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        packed = cast("dict[str, tuple[str, np.ndarray]]", state.pop("_packed_vocabularies", {}))
        self.__dict__.update(state)
        for name, (keys, values) in packed.items():
            vec = getattr(self, name)
            vec.vocabulary_ = dict(zip(keys.split(_KEY_SEP), values.tolist(), strict=True))
        self._blocks = []
        self._cache = {}
        _SPACES.add(self)
        if hasattr(self.word, "vocabulary_"):
            self._make_blocks()

    def _make_blocks(self) -> None:
        """Precompute everything the fast path needs: offset vocabularies, idf, block ids."""
        kinds = self._kinds()
        sizes = [len(vec.vocabulary_) for _kind, vec, _w, _f in kinds]
        offsets = np.cumsum([0, *sizes[:-1]])
        cfg = self.config
        self._blocks = [
            _Block(vec, kind, cfg.stem_len, int(off), cfg.skip_window)
            for (kind, vec, _w, _f), off in zip(kinds, offsets, strict=True)
        ]
        self._idf = np.concatenate([vec.idf_ for _k, vec, _w, _f in kinds]).astype(np.float64)
        self._block_of = np.repeat(np.arange(len(kinds), dtype=np.intp), sizes)
        self._weights = np.array([w for _k, _v, w, _f in kinds], dtype=np.float64)
        self._cache = {}
        self._token_blocks = [b for b in self._blocks if b.kind != "char"]
        self._char_blocks = [b for b in self._blocks if b.kind == "char"]
        self.n_features = sum(sizes)
