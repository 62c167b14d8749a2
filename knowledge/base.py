"""KnowledgeBase: the loaded cards, services, regions, quizzes and myths."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from knowledge.facts import Facts, load_facts
from knowledge.loader import load_cards, load_myths, load_quizzes, load_services
from knowledge.models import Card, Myth, Quiz, Region, Service
from knowledge.retrieval import CardIndex

DEFAULT_ROOT = Path(__file__).resolve().parent
FACTS_FILE = "legal-facts.md"
# Numbers that must accompany every list of services, whatever the region.
ALWAYS_NUMBERS: tuple[str, ...] = ("102", "112", "111")

_SOURCE_PREFIX = {"kk": "Дереккөз", "ru": "Источник"}
_SECTION_PREFIX = {
    "kk": "Qorgau құқықтық анықтамасы, бөлім",
    "ru": "Правовая справка Qorgau, раздел",
}


@dataclass
class KnowledgeBase:
    """All knowledge content, loaded once at start-up and read-only afterwards."""

    root: Path
    facts: Facts
    cards: list[Card]
    national: list[Service]
    region_list: list[Region]
    centres: list[Service]
    quiz_list: list[Quiz]
    myth_list: list[Myth]
    _index: dict[str, CardIndex] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path | str | None = None) -> KnowledgeBase:
        """Load the knowledge directory (default: this package's directory)."""
        root = Path(path) if path is not None else DEFAULT_ROOT
        national, regions, centres = load_services(root)
        return cls(
            root=root,
            facts=load_facts(root / FACTS_FILE),
            cards=load_cards(root),
            national=national,
            region_list=regions,
            centres=centres,
            quiz_list=load_quizzes(root),
            myth_list=load_myths(root),
        )

    def card(self, card_id: str) -> Card:
        """The card with this id (KeyError if there is none)."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def cards_for_intent(self, intent: str) -> list[Card]:
        """Cards that answer this intent, in the editors' order."""
        found = [c for c in self.cards if intent in c.intents]
        return sorted(found, key=lambda c: (c.order, c.id))

    def best_cards(self, intent: str | None, text: str, lang: str, k: int = 3) -> list[Card]:
        """Up to k cards for intent (all cards if None), ranked by similarity to text."""
        candidates = self.cards_for_intent(intent) if intent else list(self.cards)
        if not candidates:
            return []
        if lang not in self._index:
            self._index[lang] = CardIndex(self.cards, lang)
        return self._index[lang].rank(text, candidates, k)

    def regions(self) -> list[Region]:
        """All regions and cities of republican significance."""
        return list(self.region_list)

    def services_for(self, region_id: str | None) -> list[Service]:
        """National lines first, then the region's verified centres."""
        if region_id is not None and region_id not in {r.id for r in self.region_list}:
            raise KeyError(region_id)
        local = [c for c in self.centres if c.region == region_id] if region_id else []
        return [*self.national, *local]

    def sources_for(self, card: Card, lang: str) -> list[str]:
        """Human-readable source lines (title and URL) for a card."""
        return [self._source_line(ref, lang) for ref in card.sources]

    def _source_line(self, ref: str, lang: str) -> str:
        if src := self.facts.sources.get(ref):
            return f"{src.title}: {src.url}"
        if heading := self.facts.sections.get(ref):
            return f"{_SECTION_PREFIX[lang]} {ref.removeprefix('LF-')}: {heading}"
        return f"{_SOURCE_PREFIX[lang]}: {ref}"

    def quizzes(self) -> list[Quiz]:
        """Awareness quizzes for young people."""
        return list(self.quiz_list)

    def myths(self) -> list[Myth]:
        """Myth/fact pairs."""
        return list(self.myth_list)
