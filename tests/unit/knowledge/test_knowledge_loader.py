"""Loading the shipped knowledge base: cards, facts, services, quizzes, myths, export."""

from __future__ import annotations

import json
import re

import pytest

from knowledge import Card, KnowledgeBase, Region, Service
from knowledge.__main__ import main
from knowledge.check import CARD_INTENTS

REGION_IDS = {
    "abai",
    "akmola",
    "aktobe",
    "almaty",
    "atyrau",
    "east_kazakhstan",
    "jambyl",
    "jetisu",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "pavlodar",
    "north_kazakhstan",
    "turkestan",
    "ulytau",
    "west_kazakhstan",
    "astana",
    "almaty_city",
    "shymkent",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_facts_are_parsed(kb: KnowledgeBase) -> None:
    assert set(kb.facts.sources) == {f"S{i}" for i in range(1, 66)}
    assert kb.facts.sources["S28"].url.startswith("https://resourcehub.bakermckenzie.com/")
    assert {"LF-1.2", "LF-1.7", "LF-3.2", "LF-5.2", "LF-6", "LF-8"} <= set(kb.facts.sections)


def test_cards_load_with_both_languages(kb: KnowledgeBase) -> None:
    assert len(kb.cards) >= 40
    for card in kb.cards:
        assert isinstance(card, Card)
        assert card.title.keys() >= {"kk", "ru"} and card.text.keys() >= {"kk", "ru"}


def test_every_card_intent_has_cards(kb: KnowledgeBase) -> None:
    for intent in CARD_INTENTS:
        assert kb.cards_for_intent(intent), intent


def test_card_lookup(kb: KnowledgeBase) -> None:
    assert kb.card("protective-order").intents == ("protection_order",)
    with pytest.raises(KeyError):
        kb.card("nope")


def test_cards_for_intent_follow_editor_order(kb: KnowledgeBase) -> None:
    assert kb.cards_for_intent("safety_plan")[0].id == "safety-plan-staying"
    multi = kb.cards_for_intent("family_law")
    assert "order-leave-home" in {c.id for c in multi}  # second intent of a protection card


def test_law_cards_stay_in_legal_review(kb: KnowledgeBase) -> None:
    for card in kb.cards_for_intent("laws_penalties"):
        assert not card.reviewed


def test_sources_for_gives_readable_lines(kb: KnowledgeBase) -> None:
    lines = kb.sources_for(kb.card("evidence-recordings"), "ru")
    assert any("https://resourcehub.bakermckenzie.com/" in line for line in lines)
    assert any(line.startswith("Правовая справка Qorgau, раздел 6") for line in lines)
    kk = kb.sources_for(kb.card("safety-plan-staying"), "kk")
    assert any(line.startswith("Дереккөз: https://") for line in kk)


def test_regions(kb: KnowledgeBase) -> None:
    regions = kb.regions()
    assert all(isinstance(r, Region) for r in regions)
    assert {r.id for r in regions} == REGION_IDS
    assert sum(r.kind == "city" for r in regions) == 3


@pytest.mark.parametrize("region_id", sorted(REGION_IDS))
def test_services_for_every_region_include_111_and_police(
    kb: KnowledgeBase, region_id: str
) -> None:
    phones = {s.phone for s in kb.services_for(region_id)}
    assert "111" in phones and {"102", "112"} <= phones


def test_services_for_unknown_region(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError):
        kb.services_for("atlantis")
    assert {s.phone for s in kb.services_for(None)} >= {"102", "111", "112"}


def test_national_lines_free_flags_follow_legal_facts(kb: KnowledgeBase) -> None:
    by_phone: dict[str | None, Service] = {s.phone: s for s in kb.services_for(None)}
    assert all(by_phone[n].free is True for n in ("102", "112", "103", "111"))
    assert by_phone["150"].free is None  # free of charge is UNCONFIRMED
    assert all(s.date_verified and s.sources for s in by_phone.values())


def test_quizzes_and_myths(kb: KnowledgeBase) -> None:
    quizzes = kb.quizzes()
    assert 2 <= len(quizzes) <= 3
    assert all(4 <= len(q.questions) <= 6 for q in quizzes)
    assert len(kb.myths()) >= 10


def test_no_kk_text_uses_ty_form(kb: KnowledgeBase) -> None:
    # Сіз form: no informal "сен/саған/сені" addressing the user in Kazakh card texts
    informal = re.compile(r"\b(сен|саған|сені|сенің)\b", re.I)
    assert not [c.id for c in kb.cards if informal.search(c.text["kk"])]


def test_export_json_lines(capsys: pytest.CaptureFixture[str], kb: KnowledgeBase) -> None:
    assert main(["export"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(kb.cards)
    first = rows[0]
    assert set(first) == {"id", "intents", "kk", "ru", "sources", "review"}
    assert first["kk"]["text"] and first["ru"]["title"] and first["review"]["status"]
