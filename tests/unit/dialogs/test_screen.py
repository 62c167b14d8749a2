"""Danger screen: the Lethality-Screen-style rule, skips, resume and what goes to staff."""

from __future__ import annotations

import pytest

from dialogs import screen as s

SCREEN = s.load_screen()
TRIGGERS = ["weapon", "kill_threat", "may_kill"]
OTHERS = ["gun", "choking", "control", "separation", "unemployed", "suicide",
          "child_not_his", "stalking"]


def answers(yes: list[str], default: str = "no") -> dict[str, str]:
    return {q: ("yes" if q in yes else default) for q in SCREEN.ids()}


def test_catalogue_has_eleven_questions_in_both_languages_and_is_marked_for_review() -> None:
    assert SCREEN.ids() == TRIGGERS + OTHERS
    assert all(q.text["kk"] and q.text["ru"] and q.text["kk"] != q.text["ru"]
               for q in SCREEN.questions)
    assert SCREEN.review == "needs_professional_review"
    assert "Lethality" in SCREEN.citation


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_any_single_trigger_yes_is_high(trigger: str) -> None:
    assert s.score(answers([trigger]), SCREEN).level == "high"


def test_three_others_is_not_high_four_is_high() -> None:
    assert s.score(answers(OTHERS[:3]), SCREEN).level == "not_high"
    result = s.score(answers(OTHERS[:4]), SCREEN)
    assert result.level == "high"
    assert result.yes == tuple(OTHERS[:4])


def test_all_no_is_not_high() -> None:
    result = s.score(answers([]), SCREEN)
    assert (result.level, result.yes, result.skipped) == ("not_high", (), ())


def test_skipped_answers_never_count_as_yes_and_are_reported() -> None:
    all_skipped = answers([], default="skip")
    result = s.score(all_skipped, SCREEN)
    assert result.level == "not_high"
    assert len(result.skipped) == 11
    mixed = {**answers(OTHERS[:3], default="skip"), "stalking": "yes"}
    assert s.score(mixed, SCREEN).level == "high"
    assert s.score({**mixed, "stalking": "skip"}, SCREEN).level == "not_high"


def test_unanswered_questions_count_as_skipped() -> None:
    result = s.score({"weapon": "no"}, SCREEN)
    assert len(result.skipped) == 10


def test_answering_moves_on_and_resumes_at_first_open_question() -> None:
    state = s.new_state()
    state = s.answer(state, "weapon", "no", SCREEN)
    state = s.answer(state, "kill_threat", "skip", SCREEN)
    nxt = s.next_question(state["answers"], SCREEN)
    assert nxt is not None and nxt.id == "may_kill"
    assert s.progress(state["answers"], SCREEN) == (3, 11)
    assert state["done"] is False


def test_done_after_last_answer() -> None:
    state = s.new_state()
    for qid in SCREEN.ids():
        state = s.answer(state, qid, "no", SCREEN)
    assert state["done"] is True
    assert s.next_question(state["answers"], SCREEN) is None


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        s.answer(s.new_state(), "weapon", "maybe", SCREEN)
    with pytest.raises(KeyError):
        s.answer(s.new_state(), "nope", "yes", SCREEN)


def test_alert_once_when_high_is_reached() -> None:
    state = s.answer(s.new_state(), "weapon", "no", SCREEN)
    assert not s.alert_due(state, SCREEN)
    state = s.answer(state, "kill_threat", "yes", SCREEN)
    assert s.alert_due(state, SCREEN)
    state = s.mark_alerted(state, SCREEN)
    assert state["level"] == "high"
    assert not s.alert_due(s.answer(state, "may_kill", "yes", SCREEN), SCREEN)


def test_case_details_carry_level_and_yes_ids() -> None:
    result = s.score(answers(["weapon", "gun"]), SCREEN)
    assert s.case_details(result) == {"screen": {"level": "high", "yes": ["weapon", "gun"]}}
