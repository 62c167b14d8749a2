"""Danger screen: 11 yes/no questions, skippable and resumable; the scoring rule as data.

State is a plain dict (stored encrypted by the transport): ``{"answers": {qid: "yes"|"no"|
"skip"}, "done": bool}``. Every function takes data and returns new data; nothing is mutated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().parents[1] / "knowledge" / "danger_screen.yml"
ANSWERS = ("yes", "no", "skip")


@dataclass(frozen=True)
class Question:
    """One yes/no question in both languages."""

    id: str
    text: dict[str, str]


@dataclass(frozen=True)
class Screen:
    """The questions, the scoring rule and where they come from."""

    questions: tuple[Question, ...]
    triggers: frozenset[str]
    others_needed: int
    citation: str
    review: str

    def ids(self) -> list[str]:
        """Question ids in asking order."""
        return [q.id for q in self.questions]

    def get(self, qid: str) -> Question:
        """A question by id (KeyError for an unknown id)."""
        return next(q for q in self.questions if q.id == qid) if qid in self.ids() else _miss(qid)


@dataclass(frozen=True)
class Result:
    """The outcome: ``high`` or ``not_high``, which questions were "yes" and which skipped."""

    level: str
    yes: tuple[str, ...]
    skipped: tuple[str, ...]


def _miss(qid: str) -> Question:
    raise KeyError(qid)


@cache
def load_screen(path: Path = CATALOGUE) -> Screen:
    """Read the screen from its YAML file."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = tuple(Question(q["id"], {"kk": q["kk"], "ru": q["ru"]}) for q in data["questions"])
    rule = data["rule"]
    return Screen(
        questions,
        frozenset(rule["triggers"]),
        int(rule["others_needed"]),
        " ".join(data["citation"]["name"].split()),
        data["review"],
    )


def new_state() -> dict[str, Any]:
    """An empty screen."""
    return {"answers": {}, "done": False}


def answer(state: dict[str, Any], qid: str, value: str, screen: Screen) -> dict[str, Any]:
    """Record one answer (a repeated press simply overwrites)."""
    if value not in ANSWERS:
        raise ValueError(f"unknown answer {value!r}")
    screen.get(qid)
    answers = {**state.get("answers", {}), qid: value}
    return {**state, "answers": answers, "done": next_question(answers, screen) is None}


def next_question(answers: dict[str, str], screen: Screen) -> Question | None:
    """The first question not yet answered or skipped; None when all are through."""
    return next((q for q in screen.questions if q.id not in answers), None)


def progress(answers: dict[str, str], screen: Screen) -> tuple[int, int]:
    """(number of the next question, total) for "3/11" style progress."""
    return min(len([q for q in screen.ids() if q in answers]) + 1, len(screen.questions)), len(
        screen.questions
    )


def score(answers: dict[str, str], screen: Screen) -> Result:
    """High if any trigger is "yes" or enough other "yes"; a skip never counts as "yes"."""
    yes = tuple(q for q in screen.ids() if answers.get(q) == "yes")
    skipped = tuple(q for q in screen.ids() if answers.get(q, "skip") == "skip")
    others = [q for q in yes if q not in screen.triggers]
    high = any(q in screen.triggers for q in yes) or len(others) >= screen.others_needed
    return Result("high" if high else "not_high", yes, skipped)


def case_details(result: Result) -> dict[str, Any]:
    """What travels with the case to staff: the level and which answers were "yes"."""
    return {"screen": {"level": result.level, "yes": list(result.yes)}}


def alert_due(state: dict[str, Any], screen: Screen) -> bool:
    """True once the answers show high danger and the user has not yet been told."""
    return score(state.get("answers", {}), screen).level == "high" and not state.get("alerted")


def mark_alerted(state: dict[str, Any], screen: Screen) -> dict[str, Any]:
    """Remember that the high-danger message went out (and the result that caused it)."""
    result = score(state.get("answers", {}), screen)
    return {**state, "alerted": True, "level": result.level}
