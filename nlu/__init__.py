"""Qorgau intent model: contract names, result type and the model loader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nlu.model import IntentModel

INTENTS: tuple[str, ...] = (
    "greet", "thanks_bye", "danger_now", "self_harm", "child_danger", "sexual_violence",
    "disclose_abuse", "is_it_abuse", "laws_penalties", "report_police", "protection_order",
    "evidence_medical", "shelter_help", "family_law", "safety_plan", "talk_to_human",
    "hotlines", "help_other", "perpetrator_help", "youth_relationships", "privacy_exit",
    "out_of_scope",
)
URGENT_INTENTS: frozenset[str] = frozenset({"danger_now", "self_harm", "child_danger"})
LANGS: tuple[str, ...] = ("kk", "ru")


@dataclass(frozen=True)
class NluResult:
    """One classified message, as the bot and the CLI see it."""

    intent: str
    confidence: float
    urgent: bool
    lang: str
    ranking: tuple[tuple[str, float], ...] = field(default=())
    urgent_source: str = ""

    def to_json(self) -> dict[str, Any]:
        """The contract's output keys (without `id`)."""
        return {
            "intent": self.intent,
            "confidence": round(float(self.confidence), 4),
            "urgent": bool(self.urgent),
            "lang": self.lang,
        }


def load_model(
    data_dir: Path | str | None = None,
    artifact_dir: Path | str | None = None,
    *,
    retrain: bool = True,
) -> IntentModel:
    """Load the trained artifact ($NLU_ARTIFACT_DIR or nlu/artifacts); retrain if stale."""
    from nlu.artifact import load_or_train

    return load_or_train(data_dir=data_dir, artifact=artifact_dir, retrain=retrain)


def clear_caches() -> None:
    """Empty every per-word and per-message cache (normalisation, n-gram ids, typo fixes,
    safety net), so the next messages are processed as first-seen (the cold bench)."""
    from nlu import features, normalize, spelling, urgent

    normalize.clear_caches()
    features.clear_caches()
    spelling.clear_caches()
    urgent.clear_caches()


__all__ = ["INTENTS", "LANGS", "URGENT_INTENTS", "NluResult", "clear_caches", "load_model"]
