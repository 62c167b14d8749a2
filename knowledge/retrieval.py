"""TF-IDF retrieval of cards by a user's message, one index per language."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.models import Card
from nlu.normalize import normalize


def card_document(card: Card, lang: str) -> str:
    """The text a card is found by: title, questions and keywords in one language."""
    parts = [card.title.get(lang, ""), *card.questions.get(lang, []), *card.keywords.get(lang, [])]
    return normalize(" . ".join(parts))


class CardIndex:
    """Character n-gram TF-IDF over the cards of one language."""

    def __init__(self, cards: Sequence[Card], lang: str) -> None:
        self.cards = list(cards)
        self.lang = lang
        # Character n-grams within word bounds survive Kazakh suffixes and typos.
        self._vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        docs = [card_document(c, lang) for c in self.cards]
        self._matrix = self._vec.fit_transform(docs or [""])
        self._row = {c.id: i for i, c in enumerate(self.cards)}

    def scores(self, text: str, candidates: Sequence[Card]) -> list[float]:
        """Cosine similarity between text and each candidate card (0 for unknown cards)."""
        query = self._vec.transform([normalize(text)])
        sims = (self._matrix @ query.T).toarray().ravel()
        return [float(sims[self._row[c.id]]) if c.id in self._row else 0.0 for c in candidates]

    def rank(self, text: str, candidates: Sequence[Card], k: int) -> list[Card]:
        """Top k candidates by similarity; ties keep the editors' order."""
        scores = np.asarray(self.scores(text, candidates))
        order = sorted(
            range(len(candidates)),
            key=lambda i: (-scores[i], candidates[i].order, candidates[i].id),
        )
        return [candidates[i] for i in order[:k]]
