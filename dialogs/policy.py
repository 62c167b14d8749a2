"""Decide what happens with one free-text message.

Order matters and is the safety contract: an urgent message gets the emergency reply
*before* anything else, and a case is escalated in the same turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.actions import (
    Action,
    CountMisunderstanding,
    Emergency,
    Escalate,
    Priority,
    RelayToStaff,
    Reply,
    ResetMisunderstanding,
    ShowCard,
    StartSafeContact,
)
from dialogs.ports import URGENT_INTENTS, IntentResult, Knowledge

MISUNDERSTOOD_OFFER_HUMAN = 2
MENU = ("menu",)


@dataclass(frozen=True)
class Turn:
    """Everything the policy needs about this message and the conversation."""

    text: str
    nlu: IntentResult
    threshold: float
    case_open: bool = False
    human_engaged: bool = False
    urgent_case_waiting: bool = False
    misunderstood: int = 0


def decide(turn: Turn, kb: Knowledge) -> list[Action]:
    """Actions for one free-text message, in the order they must run."""
    nlu = turn.nlu
    if nlu.urgent or nlu.intent in URGENT_INTENTS:
        intent = nlu.intent if nlu.intent in URGENT_INTENTS else "danger_now"
        return [Emergency(intent), Escalate(Priority.URGENT, intent), ResetMisunderstanding()]
    if turn.human_engaged:
        return [RelayToStaff()]
    if turn.urgent_case_waiting:
        # Keep the numbers visible; no small talk while a person is on the way.
        return [RelayToStaff(), Emergency("danger_now", repeat=True)]
    if turn.case_open:
        return [RelayToStaff(), Reply("case_waiting", buttons=("sos",))]
    return _answer(turn, kb)


def _answer(turn: Turn, kb: Knowledge) -> list[Action]:
    nlu = turn.nlu
    if nlu.confidence < turn.threshold or nlu.intent == "out_of_scope":
        return _misunderstood(turn)
    if nlu.intent == "greet":
        return [ResetMisunderstanding(), Reply("greet_again", buttons=MENU)]
    if nlu.intent == "thanks_bye":
        return [ResetMisunderstanding(), Reply("bye", buttons=MENU)]
    if nlu.intent == "talk_to_human":
        return [ResetMisunderstanding(), StartSafeContact()]
    return [ResetMisunderstanding(), *_card(turn, kb)]


def _card(turn: Turn, kb: Knowledge) -> list[Action]:
    cards = kb.best_cards(turn.nlu.intent, turn.text, turn.nlu.lang, k=4)
    if not cards:
        return [Reply("no_card", buttons=("human", "menu"))]
    actions: list[Action] = [ShowCard(cards[0].id, tuple(c.id for c in cards[1:]))]
    if turn.nlu.intent == "sexual_violence":
        actions.append(Reply("offer_human_sv", buttons=("human", "hotlines")))
    return actions


def _misunderstood(turn: Turn) -> list[Action]:
    if turn.misunderstood + 1 >= MISUNDERSTOOD_OFFER_HUMAN:
        return [CountMisunderstanding(), Reply("still_unclear", buttons=("human", "menu"))]
    return [CountMisunderstanding(), Reply("rephrase", buttons=MENU)]
