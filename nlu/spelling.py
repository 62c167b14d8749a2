"""Typos fixed against the model's own word vocabulary (the urgent rule's "spelling" view).

A frightened person typing fast on a phone swaps two letters, drops one or doubles one:
"Я решлиа уйти из жзини", "өулге бел будым". The char n-grams absorb some of that, but a typo
in the one word that carries the danger can leave the message calm, and the safety net's
patterns match words, not near-words. So a message with such words is also read with them
fixed (`IntentModel.spelling_alarm`): a view that can add urgency, never take it away, like
the core and the ending (nlu/README.md).

A word is fixed only when all of these hold:
- it is made of letters, at least `MIN_LEN` of them after normalisation, and the word
  vocabulary (words seen in at least two training messages) does not know it;
- one edit makes it a known word, and the edit is one a thumb makes: two neighbouring letters
  swapped, a letter left out between two others, or a letter typed twice. Substituting a
  letter is not tried: Kazakh and Russian word forms one letter apart are everywhere
  ("келеді" / "кеседі"); nor is deleting a letter other than a doubled one (the Kazakh
  negative "ұрмады" is "ұрады", hits, with one more letter), nor adding one at either end of
  the word (an ending: "кричи" / "кричит", "убиваю" / "убивают", "дров" / "дрова");
- of the known words one edit away, the most frequent (lowest idf) wins; equal ones by
  alphabetical order, so the result never depends on dict order.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from itertools import filterfalse

import numpy as np

from nlu.normalize import normalize

MIN_LEN = 4  # shorter words have too many neighbours one edit away to guess which was meant
CACHE_MAX = 50_000  # fixed (or kept) words per speller: bounded memory
# A token's edges (punctuation, emoji) and its word; an apostrophe belongs to the word (ь in
# Russian translit, the 2017 Kazakh Latin letter mark: "rabotat'", "o'zim").
_TOKEN_RE = re.compile(r"([^\w'’]*)(\S*?)([^\w'’]*)(?=\s|$)")

_SPELLERS: weakref.WeakSet[Speller] = weakref.WeakSet()  # whose caches clear_caches empties


def clear_caches() -> None:
    """Forget every live speller's fixed words (see `nlu.clear_caches`)."""
    for speller in list(_SPELLERS):
        speller.clear()


class Speller:
    """Fixes unknown words of normalised text against a word vocabulary ranked by idf."""

    def __init__(self, vocabulary: Mapping[str, int], idf: np.ndarray) -> None:
        # word -> its idf (lower: more messages have it); the word block also holds bigrams.
        self.rank = {w: float(idf[i]) for w, i in vocabulary.items() if " " not in w}
        self._dropped: dict[str, list[str]] | None = None  # built on first use
        self._words: dict[str, str] = {}
        self._runs: dict[str, str] = {}
        _SPELLERS.add(self)

    def clear(self) -> None:
        self._words.clear()
        self._runs.clear()

    def dropped_index(self) -> dict[str, list[str]]:
        """Each known word with one inner letter left out -> the known words it comes from: a
        word missing a letter is found with one look-up instead of one per letter and
        position. Built on first use (about 60,000 keys; a fraction of a second), not at
        load."""
        if self._dropped is None:
            index: dict[str, list[str]] = {}
            for word in self.rank:
                if len(word) > MIN_LEN:
                    for i in range(1, len(word) - 1):
                        index.setdefault(word[:i] + word[i + 1 :], []).append(word)
            self._dropped = index
        return self._dropped

    def word(self, word: str) -> str:
        """The known word `word` was most likely meant to be (a normalised word), or itself."""
        if len(word) < MIN_LEN or word in self.rank or not word.isalpha():
            return word
        fixed = self._words.get(word)
        if fixed is not None:
            return fixed
        rank = self.rank
        found = [
            swapped for i in range(len(word) - 1)
            if word[i] != word[i + 1]
            and (swapped := word[:i] + word[i + 1] + word[i] + word[i + 2 :]) in rank
        ]
        found += [
            single for i in range(1, len(word))
            if word[i] == word[i - 1] and (single := word[:i] + word[i + 1 :]) in rank
        ]
        found += self.dropped_index().get(word, ())
        fixed = min(found, key=lambda w: (rank[w], w)) if found else word
        if len(self._words) < CACHE_MAX:
            self._words[word] = fixed
        return fixed

    def needs_fixing(self, norm: str) -> bool:
        """Whether a normalised text has a word this speller would change (the known words
        are skipped in C: most messages have only a few unknown ones)."""
        fixed = self._words
        for word in filterfalse(self.rank.__contains__, norm.split()):
            if fixed.get(word, None) == word:
                continue
            if self.word(word) != word:
                return True
        return False

    def fix(self, text: str, norm: str) -> str | None:
        """The raw message with its typos fixed (`fix_raw`), or None when its normalised text
        `norm` has no word to fix."""
        return self.fix_raw(text) if self.needs_fixing(norm) else None

    def fix_raw(self, text: str) -> str:
        """The raw message with each misspelt word replaced by the known word (normalised:
        lower case, Kazakh letters folded), punctuation and everything else kept, so the
        safety net still sees its clauses. Each whitespace-separated token is normalised
        alone, without its leading and trailing punctuation."""
        return _TOKEN_RE.sub(self._fix_token, text)

    def _fix_token(self, match: re.Match[str]) -> str:
        lead, core, trail = match.groups()
        if not core:
            return match.group(0)
        fixed = self._runs.get(core)
        if fixed is None:
            norm = normalize(core)
            fixed = core if " " in norm or not norm else self.word(norm)
            fixed = core if fixed == norm else fixed
            if len(self._runs) < CACHE_MAX:
                self._runs[core] = fixed
        return lead + fixed + trail
