"""Quiz engine: scoring, skipping, resuming, bad presses, the finished quiz."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dialogs import quiz as q
from knowledge import KnowledgeBase
from knowledge.models import Quiz, QuizQuestion, Review


def _question(qid: str, correct: int, n: int = 3) -> QuizQuestion:
    opts = [f"o{i}" for i in range(n)]
    return QuizQuestion(
        id=qid,
        question={"kk": qid, "ru": qid},
        options={"kk": opts, "ru": opts},
        correct=correct,
        explanation={"kk": f"{qid} kk", "ru": f"{qid} ru"},
    )


QUIZ = Quiz(
    id="t",
    title={"kk": "T", "ru": "T"},
    questions=(_question("a", 1), _question("b", 0), _question("c", 2)),
    review=Review("reviewed"),
)


def _play(moves: list[tuple[str, str, int]]) -> dict[str, Any]:
    """Apply ("answer"|"skip", qid, option) moves, pressing "next" after each answer."""
    state = q.start(QUIZ)
    for kind, qid, option in moves:
        if kind == "skip":
            state = q.skip(QUIZ, state, qid)
        else:
            state, _ = q.answer(QUIZ, state, qid, option)
            state = q.next_question(QUIZ, state, qid)
    return state


def test_start_asks_the_first_question() -> None:
    state = q.start(QUIZ)
    assert q.current(QUIZ, state) == QUIZ.questions[0]
    assert not q.finished(QUIZ, state)
    assert q.score(QUIZ, state) == q.Score(0, 0, 0, 3)


def test_answer_gives_feedback_and_waits_for_next() -> None:
    state = q.start(QUIZ)
    after, fb = q.answer(QUIZ, state, "a", 1)
    assert fb.correct and fb.chosen == 1 and fb.question.id == "a"
    assert q.current(QUIZ, after).id == "a" and after["phase"] == q.FEEDBACK
    assert state == q.start(QUIZ)  # the input was not mutated
    _, wrong = q.answer(QUIZ, state, "a", 2)
    assert not wrong.correct and wrong.chosen == 2
    assert q.current(QUIZ, q.next_question(QUIZ, after, "a")).id == "b"


def test_scoring_counts_right_answers_only() -> None:
    state = _play([("answer", "a", 1), ("answer", "b", 2), ("answer", "c", 2)])
    assert q.finished(QUIZ, state)
    assert q.score(QUIZ, state) == q.Score(right=2, answered=3, skipped=0, total=3)


def test_skipping_moves_on_and_is_not_counted_as_answered() -> None:
    state = _play([("skip", "a", 0), ("answer", "b", 0), ("skip", "c", 0)])
    assert q.finished(QUIZ, state)
    assert q.score(QUIZ, state) == q.Score(right=1, answered=1, skipped=2, total=3)


def test_bad_option_index_is_refused_and_changes_nothing() -> None:
    state = q.start(QUIZ)
    for bad in (-1, 3, 99, True):
        with pytest.raises(q.QuizError):
            q.answer(QUIZ, state, "a", bad)
    assert state == q.start(QUIZ)


def test_presses_for_another_question_or_twice_are_refused() -> None:
    state = q.start(QUIZ)
    with pytest.raises(q.QuizError):
        q.answer(QUIZ, state, "b", 0)
    with pytest.raises(q.QuizError):
        q.skip(QUIZ, state, "nope")
    with pytest.raises(q.QuizError):
        q.next_question(QUIZ, state, "a")  # no explanation shown yet
    after, _ = q.answer(QUIZ, state, "a", 0)
    with pytest.raises(q.QuizError):
        q.answer(QUIZ, after, "a", 1)  # a second answer cannot fix the score
    with pytest.raises(q.QuizError):
        q.skip(QUIZ, after, "a")


def test_finished_quiz_refuses_every_move() -> None:
    state = _play([("answer", "a", 1), ("skip", "b", 0), ("answer", "c", 0)])
    assert q.finished(QUIZ, state) and q.current(QUIZ, state) is None
    for move in (
        lambda: q.answer(QUIZ, state, "c", 0),
        lambda: q.skip(QUIZ, state, "c"),
        lambda: q.next_question(QUIZ, state, "c"),
    ):
        with pytest.raises(q.QuizError):
            move()


def test_resume_from_a_json_round_trip_continues_where_it_stopped() -> None:
    state, _ = q.answer(QUIZ, _play([("skip", "a", 0)]), "b", 0)
    stored = json.loads(json.dumps(state))
    resumed = q.resume(QUIZ, stored)
    assert resumed == state
    resumed = q.next_question(QUIZ, resumed, "b")
    final = q.next_question(QUIZ, q.answer(QUIZ, resumed, "c", 2)[0], "c")
    assert q.score(QUIZ, final) == q.Score(right=2, answered=2, skipped=1, total=3)


@pytest.mark.parametrize(
    "broken",
    [
        None,
        [],
        {"quiz": "other", "pos": 0, "phase": "ask", "answers": {}},
        {"quiz": "t", "pos": 7, "phase": "ask", "answers": {}},
        {"quiz": "t", "pos": "1", "phase": "ask", "answers": {"a": 1}},
        {"quiz": "t", "pos": 1, "phase": "ask", "answers": {}},
        {"quiz": "t", "pos": 1, "phase": "done", "answers": {"a": 1}},
        {"quiz": "t", "pos": 1, "phase": "ask", "answers": {"a": 5}},
        {"quiz": "t", "pos": 1, "phase": "ask", "answers": {"zz": 1}},
        {"quiz": "t", "pos": 3, "phase": "feedback", "answers": {"a": 1, "b": 0, "c": 1}},
    ],
)
def test_resume_refuses_state_that_does_not_fit(broken: Any) -> None:
    with pytest.raises(q.QuizError):
        q.resume(QUIZ, broken)


def test_every_shipped_quiz_can_be_played_to_a_full_score() -> None:
    quizzes = KnowledgeBase.load().quizzes()
    assert quizzes
    for quiz in quizzes:
        state = q.start(quiz)
        while (question := q.current(quiz, state)) is not None:
            state, fb = q.answer(quiz, state, question.id, question.correct)
            assert fb.correct
            state = q.next_question(quiz, state, question.id)
        assert q.score(quiz, state).right == len(quiz.questions) > 0
