"""The dialog policy: safety first, then answers; no Telegram involved."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dialogs.actions import (
    CountMisunderstanding,
    Emergency,
    Escalate,
    Priority,
    RelayToStaff,
    Reply,
    ShowCard,
    StartSafeContact,
)
from dialogs.policy import Turn, decide


@dataclass(frozen=True)
class Nlu:
    intent: str
    confidence: float = 0.9
    urgent: bool = False
    lang: str = "ru"


@dataclass(frozen=True)
class Card:
    id: str


class Kb:
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.asked: list[tuple[str, str, str]] = []

    def best_cards(self, intent: str, text: str, lang: str, k: int = 3) -> list[Card]:
        self.asked.append((intent, text, lang))
        return [Card(i) for i in self.ids[:k]]


@pytest.mark.parametrize("intent", ["danger_now", "self_harm", "child_danger"])
def test_urgent_gets_emergency_first_then_escalation(intent: str) -> None:
    actions = decide(Turn("...", Nlu(intent, urgent=True), 0.5), Kb([]))
    assert actions[0] == Emergency(intent)
    assert actions[1] == Escalate(Priority.URGENT, intent)


def test_urgent_flag_wins_even_with_a_non_urgent_intent_name() -> None:
    actions = decide(Turn("...", Nlu("laws_penalties", urgent=True), 0.5), Kb(["c1"]))
    assert isinstance(actions[0], Emergency)


def test_urgent_even_while_a_human_has_the_case() -> None:
    turn = Turn("...", Nlu("danger_now", urgent=True), 0.5, case_open=True, human_engaged=True)
    assert isinstance(decide(turn, Kb([]))[0], Emergency)


def test_human_engaged_means_relay_only() -> None:
    turn = Turn("hi", Nlu("greet"), 0.5, case_open=True, human_engaged=True)
    assert decide(turn, Kb([])) == [RelayToStaff()]


def test_waiting_urgent_case_keeps_numbers_visible_no_small_talk() -> None:
    turn = Turn("hi", Nlu("greet"), 0.5, case_open=True, urgent_case_waiting=True)
    actions = decide(turn, Kb([]))
    assert actions == [RelayToStaff(), Emergency("danger_now", repeat=True)]


def test_card_retrieval_uses_the_question_and_language() -> None:
    kb = Kb(["a", "b", "c"])
    actions = decide(Turn("побои статья", Nlu("laws_penalties", lang="ru"), 0.5), kb)
    assert actions[1] == ShowCard("a", ("b", "c"))
    assert kb.asked == [("laws_penalties", "побои статья", "ru")]


def test_low_confidence_asks_to_rephrase_then_offers_a_person() -> None:
    first = decide(Turn("ээ", Nlu("hotlines", confidence=0.2), 0.5), Kb(["x"]))
    assert first[0] == CountMisunderstanding() and first[1].key == "rephrase"  # type: ignore[union-attr]
    second = decide(Turn("ээ", Nlu("hotlines", confidence=0.2), 0.5, misunderstood=1), Kb([]))
    reply = second[1]
    assert isinstance(reply, Reply) and reply.key == "still_unclear" and "human" in reply.buttons


def test_talk_to_human_starts_the_safe_contact_card() -> None:
    assert StartSafeContact() in decide(Turn("оператор", Nlu("talk_to_human"), 0.5), Kb([]))


def test_sexual_violence_offers_a_person_with_the_card() -> None:
    actions = decide(Turn("...", Nlu("sexual_violence"), 0.5), Kb(["sv"]))
    assert ShowCard("sv", ()) in actions
    assert any(isinstance(a, Reply) and a.key == "offer_human_sv" for a in actions)


def test_no_card_offers_a_person() -> None:
    actions = decide(Turn("...", Nlu("family_law"), 0.5), Kb([]))
    assert any(isinstance(a, Reply) and a.key == "no_card" for a in actions)
