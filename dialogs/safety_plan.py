"""Safety plan: myPlan-style priorities that reorder and trim a catalogue of hotline-plan items.

The plan document is a plain dict, stored encrypted by the transport::

    {"step": "priorities" | "section" | "review", "section": int, "priorities": [ids in rank
     order], "checked": [item ids], "notes": {section id: text}, "danger": "high" | None,
     "done": bool (went through every section once)}

A flow position lives in the document itself, so the plan resumes after restarts or days.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().parents[1] / "knowledge" / "safety_plan.yml"
MAX_NOTE = 500
SAFETY_FIRST = "now"


@dataclass(frozen=True)
class Item:
    """One thing to do or to have, in both languages."""

    id: str
    text: dict[str, str]
    serves: tuple[str, ...]
    only_if: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A part of the plan (staying safer now, preparing to leave, ...)."""

    id: str
    title: dict[str, str]
    serves: tuple[str, ...]
    only_if: tuple[str, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Catalogue:
    """Priorities and sections as read from the YAML file."""

    priorities: tuple[tuple[str, dict[str, str]], ...]
    sections: tuple[Section, ...]

    def priority_ids(self) -> list[str]:
        """Priority ids in catalogue order."""
        return [pid for pid, _ in self.priorities]

    def item_ids(self) -> set[str]:
        """Every item id."""
        return {i.id for s in self.sections for i in s.items}


def _item(d: dict[str, Any]) -> Item:
    return Item(
        d["id"],
        {"kk": d["kk"], "ru": d["ru"]},
        tuple(d.get("serves", ())),
        tuple(d.get("only_if", ())),
    )


@cache
def load_catalogue(path: Path = CATALOGUE) -> Catalogue:
    """Read the plan catalogue."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    priorities = tuple((p["id"], {"kk": p["kk"], "ru": p["ru"]}) for p in data["priorities"])
    sections = tuple(
        Section(
            s["id"],
            dict(s["title"]),
            tuple(s.get("serves", ())),
            tuple(s.get("only_if", ())),
            tuple(_item(i) for i in s["items"]),
        )
        for s in data["sections"]
    )
    return Catalogue(priorities, sections)


def new_plan(danger: str | None = None) -> dict[str, Any]:
    """A fresh plan that starts with choosing priorities."""
    return {
        "step": "priorities",
        "section": 0,
        "priorities": [],
        "checked": [],
        "notes": {},
        "danger": danger,
    }


def toggle_priority(plan: dict[str, Any], pid: str, cat: Catalogue) -> dict[str, Any]:
    """Add a priority at the next rank, or remove it (ranks follow the order of choosing)."""
    if pid not in cat.priority_ids():
        raise KeyError(pid)
    chosen = list(plan.get("priorities", []))
    chosen = [p for p in chosen if p != pid] if pid in chosen else [*chosen, pid]
    return {**plan, "priorities": chosen}


def _rank(serves: tuple[str, ...], chosen: list[str]) -> int:
    """Best (lowest) rank of the chosen priorities this serves; unchosen ones go last."""
    ranks = [chosen.index(p) for p in serves if p in chosen]
    return min(ranks) if ranks else len(chosen)


def _kept(only_if: tuple[str, ...], chosen: list[str]) -> bool:
    return all(p in chosen for p in only_if)


def build(plan: dict[str, Any], cat: Catalogue) -> list[Section]:
    """Sections and items, trimmed by ``only_if`` and ordered by the user's priorities.

    High danger puts "staying safer now" first whatever the priorities (safety first).
    """
    chosen = list(plan.get("priorities", []))
    sections = []
    for section in cat.sections:
        if not _kept(section.only_if, chosen):
            continue
        items = [i for i in section.items if _kept(i.only_if, chosen)]
        items.sort(key=lambda i: _rank(i.serves, chosen))  # stable: catalogue order on ties
        sections.append(
            Section(section.id, section.title, section.serves, section.only_if, tuple(items))
        )
    sections.sort(key=lambda s: _rank(s.serves, chosen))
    if plan.get("danger") == "high":
        sections.sort(key=lambda s: s.id != SAFETY_FIRST)
    return sections


def start_sections(plan: dict[str, Any]) -> dict[str, Any]:
    """Priorities chosen: go to the first section."""
    return {**plan, "step": "section", "section": 0}


def advance(plan: dict[str, Any], cat: Catalogue) -> dict[str, Any]:
    """Next section, or the review when the last one is done."""
    nxt = int(plan.get("section", 0)) + 1
    if nxt >= len(build(plan, cat)):
        return {**plan, "step": "review", "section": 0, "done": True}
    return {**plan, "step": "section", "section": nxt}


def back(plan: dict[str, Any]) -> dict[str, Any]:
    """Previous section (or back to priorities from the first)."""
    prev = int(plan.get("section", 0)) - 1
    if prev < 0:
        return {**plan, "step": "priorities", "section": 0}
    return {**plan, "step": "section", "section": prev}


def current_section(plan: dict[str, Any], cat: Catalogue) -> Section | None:
    """The section the user is on (None outside the section step or if out of range)."""
    sections = build(plan, cat)
    index = int(plan.get("section", 0))
    if plan.get("step") != "section" or not 0 <= index < len(sections):
        return None
    return sections[index]


def goto_section(plan: dict[str, Any], section_id: str, cat: Catalogue) -> dict[str, Any]:
    """Open a section by id (checklist and edit views)."""
    ids = [s.id for s in build(plan, cat)]
    if section_id not in ids:
        raise KeyError(section_id)
    return {**plan, "step": "section", "section": ids.index(section_id)}


def toggle_item(plan: dict[str, Any], item_id: str, cat: Catalogue) -> dict[str, Any]:
    """Tick or untick an item."""
    if item_id not in cat.item_ids():
        raise KeyError(item_id)
    checked = list(plan.get("checked", []))
    checked = [i for i in checked if i != item_id] if item_id in checked else [*checked, item_id]
    return {**plan, "checked": checked}


def set_note(plan: dict[str, Any], section_id: str, note: str) -> dict[str, Any]:
    """Set (or with empty text clear) the user's own note for a section."""
    notes = dict(plan.get("notes", {}))
    note = note.strip()[:MAX_NOTE]
    if note:
        notes[section_id] = note
    else:
        notes.pop(section_id, None)
    return {**plan, "notes": notes}


def progress(plan: dict[str, Any], cat: Catalogue) -> tuple[int, int]:
    """(ticked, total) over the items the plan shows."""
    shown = {i.id for s in build(plan, cat) for i in s.items}
    return len(shown & set(plan.get("checked", []))), len(shown)


def outline(plan: dict[str, Any], cat: Catalogue, lang: str) -> list[tuple[str, list[str]]]:
    """The plan as (section title, lines) with check marks and notes, for views and export."""
    checked = set(plan.get("checked", []))
    notes = plan.get("notes", {})
    result = []
    for section in build(plan, cat):
        lines = [("☑ " if i.id in checked else "☐ ") + i.text[lang] for i in section.items]
        if section.id in notes:
            lines.append("✎ " + notes[section.id])
        result.append((section.title[lang], lines))
    return result
