"""Awareness quiz engine: ask, answer or skip, show the explanation, move on, score.

State is a plain JSON-able dict, so the transport can keep it in FSM data and resume after a
restart: ``{"quiz": id, "pos": int, "phase": "ask"|"feedback", "answers": {qid: int|None}}``
(``None`` = skipped). Every function takes state and returns new state; nothing is mutated.
See ``quiz.mmd`` for the state diagram.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knowledge.models import Quiz, QuizQuestion

ASK, FEEDBACK = "ask", "feedback"


class QuizError(ValueError):
    """A press that does not fit the quiz or its state (stale, forged or repeated)."""


@dataclass(frozen=True)
class Feedback:
    """What to tell after an answer."""

    question: QuizQuestion
    chosen: int
    correct: bool


@dataclass(frozen=True)
class Score:
    """How it went: right answers out of the answered ones, and how many were skipped."""

    right: int
    answered: int
    skipped: int
    total: int


def start(quiz: Quiz) -> dict[str, Any]:
    """A new run of the quiz, at its first question."""
    return {"quiz": quiz.id, "pos": 0, "phase": ASK, "answers": {}}


def resume(quiz: Quiz, data: Any) -> dict[str, Any]:
    """Check a stored state against the quiz (QuizError if it does not fit)."""
    if not isinstance(data, dict) or data.get("quiz") != quiz.id:
        raise QuizError("state belongs to another quiz")
    pos, phase, answers = data.get("pos"), data.get("phase"), data.get("answers")
    if not isinstance(pos, int) or not 0 <= pos <= len(quiz.questions):
        raise QuizError("bad position")
    if phase not in (ASK, FEEDBACK) or not isinstance(answers, dict):
        raise QuizError("bad phase or answers")
    if phase == FEEDBACK and pos == len(quiz.questions):
        raise QuizError("feedback after the end")
    ids = [q.id for q in quiz.questions]
    if set(answers) != set(ids[: pos + (phase == FEEDBACK)]):
        raise QuizError("answers do not match the position")
    for qid, value in answers.items():
        if value is not None and not _valid_option(_question(quiz, qid), value):
            raise QuizError("bad stored answer")
    return {"quiz": quiz.id, "pos": pos, "phase": phase, "answers": dict(answers)}


def current(quiz: Quiz, state: dict[str, Any]) -> QuizQuestion | None:
    """The question being asked or explained; None when the quiz is finished."""
    pos = state["pos"]
    return quiz.questions[pos] if pos < len(quiz.questions) else None


def finished(quiz: Quiz, state: dict[str, Any]) -> bool:
    """Whether every question has been answered or skipped and explained."""
    return current(quiz, state) is None


def answer(
    quiz: Quiz, state: dict[str, Any], qid: str, option: int
) -> tuple[dict[str, Any], Feedback]:
    """Record option ``option`` for the asked question; the state waits for "next"."""
    question = _asked(quiz, state, qid)
    if not _valid_option(question, option):
        raise QuizError("no such option")
    answers = {**state["answers"], qid: option}
    new = {**state, "phase": FEEDBACK, "answers": answers}
    return new, Feedback(question, option, option == question.correct)


def skip(quiz: Quiz, state: dict[str, Any], qid: str) -> dict[str, Any]:
    """Leave the asked question unanswered and go straight to the next one."""
    _asked(quiz, state, qid)
    answers = {**state["answers"], qid: None}
    return {**state, "pos": state["pos"] + 1, "phase": ASK, "answers": answers}


def next_question(quiz: Quiz, state: dict[str, Any], qid: str) -> dict[str, Any]:
    """After the explanation of ``qid``, move on (to the end after the last question)."""
    question = current(quiz, state)
    if question is None or question.id != qid or state["phase"] != FEEDBACK:
        raise QuizError("nothing to move on from")
    return {**state, "pos": state["pos"] + 1, "phase": ASK}


def score(quiz: Quiz, state: dict[str, Any]) -> Score:
    """Right answers among the recorded ones."""
    answers = state["answers"]
    right = sum(1 for q in quiz.questions if q.id in answers and answers[q.id] == q.correct)
    skipped = sum(1 for value in answers.values() if value is None)
    return Score(right, len(answers) - skipped, skipped, len(quiz.questions))


def option_count(question: QuizQuestion) -> int:
    """How many options the question has in every language."""
    return min(len(opts) for opts in question.options.values()) if question.options else 0


def _valid_option(question: QuizQuestion, option: Any) -> bool:
    return (
        isinstance(option, int)
        and not isinstance(option, bool)
        and (0 <= option < option_count(question))
    )


def _asked(quiz: Quiz, state: dict[str, Any], qid: str) -> QuizQuestion:
    question = current(quiz, state)
    if question is None:
        raise QuizError("the quiz is finished")
    if question.id != qid or state["phase"] != ASK:
        raise QuizError("this question is not being asked")
    return question


def _question(quiz: Quiz, qid: str) -> QuizQuestion:
    for question in quiz.questions:
        if question.id == qid:
            return question
    raise QuizError("no such question")
