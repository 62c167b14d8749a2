"""Plain data classes for knowledge content (cards, services, regions, quizzes, myths)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LANGS: tuple[str, ...] = ("kk", "ru")
Text = dict[str, str]


@dataclass(frozen=True, slots=True)
class Review:
    """Review state of a piece of content."""

    status: str
    reviewer: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """One answer card, in both languages, with sources and review status."""

    id: str
    intents: tuple[str, ...]
    title: Text
    text: Text
    questions: dict[str, list[str]]
    keywords: dict[str, list[str]]
    sources: tuple[str, ...]
    review: Review
    followups: tuple[str, ...] = ()
    order: int = 100
    path: Path | None = field(default=None, compare=False)

    @property
    def reviewed(self) -> bool:
        """Whether a reviewer has signed the card off."""
        return self.review.status == "reviewed"


@dataclass(frozen=True, slots=True)
class Service:
    """A phone line or a help centre (national or regional)."""

    id: str
    name: Text
    phone: str | None
    hours: str | None
    free: bool | None
    sources: tuple[str, ...]
    date_verified: str | None
    kind: str = "national_line"
    region: str | None = None
    city: Text | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """A region (облыс/область) or a city of republican significance."""

    id: str
    name: Text
    kind: str = "region"


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    """One multiple-choice question with its explanation."""

    id: str
    question: Text
    options: dict[str, list[str]]
    correct: int
    explanation: Text
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quiz:
    """A short awareness quiz."""

    id: str
    title: Text
    questions: tuple[QuizQuestion, ...]
    review: Review


@dataclass(frozen=True, slots=True)
class Myth:
    """A common myth and the fact that answers it."""

    id: str
    myth: Text
    fact: Text
    sources: tuple[str, ...]
    review: Review
