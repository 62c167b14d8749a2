"""Safety plan: priorities reorder and trim the catalogue; flow position resumes."""

from __future__ import annotations

import pytest

from dialogs import safety_plan as p

CAT = p.load_catalogue()


def plan_with(*priorities: str, danger: str | None = None) -> dict:
    plan = p.new_plan(danger)
    for pid in priorities:
        plan = p.toggle_priority(plan, pid, CAT)
    return plan


def section_ids(plan: dict) -> list[str]:
    return [s.id for s in p.build(plan, CAT)]


def item_ids(plan: dict) -> set[str]:
    return {i.id for s in p.build(plan, CAT) for i in s.items}


def test_catalogue_covers_the_issue_sections_and_bag_items_in_both_languages() -> None:
    assert [s.id for s in CAT.sections] == ["now", "leave", "children", "digital", "after",
                                            "emotional"]
    bag = {"id_card", "birth_cert", "marriage_cert", "bank_cards", "cash", "keys",
           "medicines", "charger"}
    assert bag <= CAT.item_ids()
    for section in CAT.sections:
        for item in section.items:
            assert item.text["kk"] and item.text["ru"]
            assert set(item.serves) <= set(CAT.priority_ids())


def test_without_children_priority_children_items_are_trimmed() -> None:
    plan = plan_with("housing")
    assert "children" not in section_ids(plan)
    assert not {"birth_cert", "toy", "kids_call"} & item_ids(plan)
    with_kids = plan_with("children")
    assert "children" in section_ids(with_kids)
    assert {"birth_cert", "toy", "kids_call"} <= item_ids(with_kids)


def test_priorities_reorder_sections_and_items() -> None:
    privacy_first = plan_with("privacy")
    assert section_ids(privacy_first)[0] == "digital"
    children_first = plan_with("children", "safety")
    assert section_ids(children_first)[0] in {"now", "leave", "children"}
    now = p.build(children_first, CAT)[0]
    assert now.id == "now" and now.items[0].id == "kids_call"
    money = plan_with("money")
    leave = next(s for s in p.build(money, CAT) if s.id == "leave")
    assert leave.items[0].id == "id_card"


def test_order_of_choosing_is_the_rank_and_toggling_removes() -> None:
    plan = plan_with("money", "children", "safety")
    assert plan["priorities"] == ["money", "children", "safety"]
    plan = p.toggle_priority(plan, "children", CAT)
    assert plan["priorities"] == ["money", "safety"]
    with pytest.raises(KeyError):
        p.toggle_priority(plan, "unknown", CAT)


def test_high_danger_puts_staying_safer_now_first() -> None:
    assert section_ids(plan_with("privacy", danger="high"))[0] == "now"
    assert section_ids(plan_with("privacy"))[0] != "now"


def test_flow_walks_sections_then_review_and_back() -> None:
    plan = p.start_sections(plan_with("safety"))
    seen = []
    while plan["step"] == "section":
        section = p.current_section(plan, CAT)
        assert section is not None
        seen.append(section.id)
        plan = p.advance(plan, CAT)
    assert plan["step"] == "review" and plan["done"] is True
    assert seen == section_ids(plan)
    first = p.back(p.start_sections(plan))
    assert first["step"] == "priorities"


def test_resume_is_just_the_stored_document() -> None:
    plan = p.advance(p.start_sections(plan_with("housing")), CAT)
    plan = p.toggle_item(plan, "keys", CAT)
    plan = p.set_note(plan, "leave", "  to my sister  ")
    restored = dict(plan)  # what the transport reads back after a restart
    assert p.current_section(restored, CAT) == p.current_section(plan, CAT)
    assert restored["notes"] == {"leave": "to my sister"}
    assert p.toggle_item(restored, "keys", CAT)["checked"] == []


def test_outline_marks_ticks_and_notes_and_progress_counts_shown_items() -> None:
    plan = p.toggle_item(plan_with("money"), "cash", CAT)
    plan = p.set_note(plan, "leave", "aunt")
    outline = dict(p.outline(plan, CAT, "ru"))
    leave_title = next(s.title["ru"] for s in CAT.sections if s.id == "leave")
    assert "☑ В сумке: немного наличных денег." in outline[leave_title]
    assert outline[leave_title][-1] == "✎ aunt"
    done, total = p.progress(plan, CAT)
    assert done == 1 and total == len(item_ids(plan))
    assert p.set_note(plan, "leave", "   ")["notes"] == {}


def test_goto_section_and_unknown_ids() -> None:
    plan = plan_with("safety")
    assert p.current_section(p.goto_section(plan, "digital", CAT), CAT).id == "digital"
    with pytest.raises(KeyError):
        p.goto_section(plan, "children", CAT)  # trimmed away
    with pytest.raises(KeyError):
        p.toggle_item(plan, "nope", CAT)
