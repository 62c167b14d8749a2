"""What the dialog layer needs from the NLU and the knowledge base (structural types)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

URGENT_INTENTS = frozenset({"danger_now", "self_harm", "child_danger"})


class IntentResult(Protocol):
    """The part of an NLU result the dialogs read."""

    @property
    def intent(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def urgent(self) -> bool: ...
    @property
    def lang(self) -> str: ...


class CardLike(Protocol):
    """A knowledge card as seen by the dialogs."""

    @property
    def id(self) -> str: ...


class Knowledge(Protocol):
    """Retrieval of cards for an intent and a question."""

    def best_cards(self, intent: str, text: str, lang: str, k: int = 3) -> Sequence[CardLike]:
        """Up to ``k`` cards for the intent, best first."""
        ...
