"""Read YAML content files into plain data classes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from knowledge.models import Card, Myth, Quiz, QuizQuestion, Region, Review, Service, Text

# The C loader is several times faster; fall back to pure Python where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(ValueError):
    """A content file cannot be read into the expected shape."""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning parser errors into ContentError."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: invalid YAML: {exc}") from exc


def _mapping(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping")
    return data


def _text(data: Any) -> Text:
    """Keep only string values of a {kk:…, ru:…} mapping, stripped."""
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v).strip() for k, v in data.items() if isinstance(v, str | int)}


def _lists(data: Any) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(x) for x in (v or [])] for k, v in data.items()}


def _strs(data: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in (data or []))


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def _review(data: Any) -> Review:
    data = data if isinstance(data, dict) else {}
    return Review(str(data.get("status", "")), data.get("reviewer"), _date(data.get("date")))


def card_from_dict(data: Any, path: Path | None = None) -> Card:
    """Build a Card from a parsed YAML mapping."""
    d = _mapping(data, str(path))
    if "id" not in d:
        raise ContentError(f"{path}: card has no id")
    return Card(
        id=str(d["id"]),
        intents=_strs(d.get("intents")),
        title=_text(d.get("title")),
        text=_text(d.get("text")),
        questions=_lists(d.get("questions")),
        keywords=_lists(d.get("keywords")),
        sources=_strs(d.get("sources")),
        review=_review(d.get("review")),
        followups=_strs(d.get("followups")),
        order=int(d.get("order", 100)),
        path=path,
    )


def load_cards(root: Path) -> list[Card]:
    """Load every cards/<intent>/<id>.yml under root, sorted by path."""
    paths = sorted((root / "cards").glob("*/*.yml"))
    return [card_from_dict(read_yaml(p), p) for p in paths]


def _service(d: dict[str, Any], kind: str) -> Service:
    return Service(
        id=str(d.get("id", "")),
        name=_text(d.get("name")),
        phone=None if d.get("phone") is None else str(d["phone"]),
        hours=None if d.get("hours") is None else str(d["hours"]),
        free=d.get("free"),
        sources=_strs(d.get("sources") or ([d["source"]] if d.get("source") else [])),
        date_verified=_date(d.get("date_verified")),
        kind=str(d.get("type", kind)),
        region=d.get("region"),
        city=_text(d["city"]) if d.get("city") else None,
        description=_text(d["description"]) if d.get("description") else None,
    )


def load_services(root: Path) -> tuple[list[Service], list[Region], list[Service]]:
    """Load national lines, regions and regional centres from services.yml."""
    d = _mapping(read_yaml(root / "services.yml"), "services.yml")
    lines = d.get("national") or []
    national = [_service(_mapping(x, "national"), "national_line") for x in lines]
    regions = [
        Region(str(r.get("id", "")), _text(r.get("name")), str(r.get("kind", "region")))
        for r in (_mapping(x, "regions") for x in d.get("regions") or [])
    ]
    centres = [_service(_mapping(x, "centres"), "crisis_centre") for x in d.get("centres") or []]
    return national, regions, centres


def _question(d: dict[str, Any]) -> QuizQuestion:
    return QuizQuestion(
        id=str(d.get("id", "")),
        question=_text(d.get("question")),
        options=_lists(d.get("options")),
        correct=int(d.get("correct", -1)),
        explanation=_text(d.get("explanation")),
        sources=_strs(d.get("sources")),
    )


def load_quizzes(root: Path) -> list[Quiz]:
    """Load every quizzes/*.yml, sorted by file name."""
    quizzes = []
    for path in sorted((root / "quizzes").glob("*.yml")):
        d = _mapping(read_yaml(path), str(path))
        questions = tuple(_question(_mapping(q, str(path))) for q in d.get("questions") or [])
        quizzes.append(
            Quiz(
                str(d.get("id", path.stem)),
                _text(d.get("title")),
                questions,
                _review(d.get("review")),
            )
        )
    return quizzes


def load_myths(root: Path) -> list[Myth]:
    """Load myth/fact pairs from myths.yml."""
    path = root / "myths.yml"
    if not path.exists():
        return []
    d = _mapping(read_yaml(path), "myths.yml")
    return [
        Myth(
            str(m.get("id", "")),
            _text(m.get("myth")),
            _text(m.get("fact")),
            _strs(m.get("sources")),
            _review(m.get("review")),
        )
        for m in (_mapping(x, "myths") for x in d.get("myths") or [])
    ]
