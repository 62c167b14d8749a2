"""`knowledge check` passes on the shipped content and catches each class of failure."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.__main__ import main
from knowledge.base import DEFAULT_ROOT
from knowledge.check import number_problems, run_checks

CARD = "cards/report_police/police-refused.yml"
Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge directory inside a fake repo."""
    target = tmp_path / "repo" / "knowledge"
    shutil.copytree(DEFAULT_ROOT, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def edit(root: Path, rel: str, change: Mutation) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return run_checks(root, root.parent)


def test_shipped_content_passes() -> None:
    assert run_checks(DEFAULT_ROOT, DEFAULT_ROOT.parent) == []


def test_copy_passes(root: Path) -> None:
    assert problems(root) == []


def _set(*keys: str, value: Any) -> Mutation:
    def change(d: dict[str, Any]) -> None:
        for key in keys[:-1]:
            d = d[key]
        d[keys[-1]] = value

    return change


def _append_text(lang: str, extra: str) -> Mutation:
    def change(d: dict[str, Any]) -> None:
        d["text"][lang] += extra

    return change


CARD_FAILURES: list[tuple[str, Mutation, str]] = [
    ("missing kk title", lambda d: d["title"].pop("kk"), "missing kk title"),
    ("missing ru text", lambda d: d["text"].pop("ru"), "missing ru text"),
    ("missing ru questions", _set("questions", "ru", value=[]), "missing ru questions"),
    ("no sources", _set("sources", value=[]), "no sources"),
    ("unknown source id", _set("sources", value=["LF-1.5", "S99"]), "source S99 not in"),
    ("unknown section id", _set("sources", value=["LF-9.9"]), "source LF-9.9 not in"),
    ("malformed url", _set("sources", value=["https://no host/x"]), "malformed URL"),
    ("article 109-1", _append_text("ru", " См. ст. 109-1 УК."), "article number 109-1"),
    ("article 73-2", _append_text("kk", " ӘҚБтК 73-2-бабы."), "unconfirmed article number 73-2"),
    ("unknown phone", _append_text("ru", " Звоните 8 700 123 45 67."), "phone-like number"),
    ("unknown short number", _append_text("kk", " 1414 нөміріне."), "phone-like number 1414"),
    ("150 free", _append_text("ru", "\n\nЗвонок на 150 бесплатный."), "150 described as free"),
    ("money", _append_text("ru", " Штраф 738 000 тенге."), "money amount"),
    ("too long", _append_text("kk", " сөз" * 600), "limit 1500"),
    ("unknown intent", _set("intents", value=["report_police", "weather"]), "intent weather"),
    ("ui-only intent", _set("intents", value=["report_police", "greet"]), "intent greet"),
    ("missing followup", _set("followups", value=["card:no-such-card"]), "missing card"),
    ("unknown action", _set("followups", value=["action:teleport"]), "unknown followup action"),
    ("bad review", _set("review", "status", value="ok"), "unknown review status"),
    ("reviewed anonymously", _set("review", "status", value="reviewed"), "without reviewer"),
    ("id not kebab", _set("id", value="Police_Refused"), "kebab-case"),
    ("too few questions", _set("questions", "kk", value=["a b", "c d"]), "2 kk questions"),
    (
        "no latin kk question",
        _set("questions", "kk", value=["Қайда?", "Қалай?", "Қашан?"]),
        "without Kazakh letters",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in CARD_FAILURES], ids=[c[0] for c in CARD_FAILURES]
)
def test_check_catches_card_failure(root: Path, change: Mutation, expected: str) -> None:
    edit(root, CARD, change)
    found = problems(root)
    assert any(expected in p for p in found), found


def test_check_catches_duplicate_ids(root: Path) -> None:
    src = root / CARD
    dup = root / "cards" / "hotlines" / src.name
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data["intents"] = ["hotlines"]
    dup.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "duplicate card id police-refused" in problems(root)


def test_check_catches_region_without_names(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["regions"][0]["name"].pop("ru")

    edit(root, "services.yml", change)
    assert "region abai: missing ru name" in problems(root)


def test_check_catches_missing_intent_coverage(root: Path) -> None:
    shutil.rmtree(root / "cards" / "hotlines")
    for path in (root / "cards").glob("*/*.yml"):  # drop followups into the removed folder
        edit(
            root,
            str(path.relative_to(root)),
            lambda d: d.update(
                followups=[f for f in d.get("followups", []) if "hotline" not in f]
            ),
        )
    assert "no card for intent hotlines" in problems(root)


def test_check_catches_bad_quiz_answer(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["questions"][0]["correct"] = 7

    edit(root, "quizzes/bullying.yml", change)
    assert any("correct is out of range" in p for p in problems(root))


def test_check_catches_unknown_number_in_quiz_option(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["questions"][0]["options"]["ru"][2] = "звонить 101"

    edit(root, "quizzes/healthy-relationships.yml", change)
    assert any("phone-like number 101" in p for p in problems(root))


def test_check_catches_forbidden_article_in_myth(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["myths"][0]["fact"]["ru"] += " (ст. 108-1 УК)"

    edit(root, "myths.yml", change)
    assert any("unconfirmed article number 108-1" in p for p in problems(root))


def test_check_catches_stale_vendored_facts(root: Path) -> None:
    shared = root.parent.parent / "shared"
    shared.mkdir()
    (shared / "legal-facts.md").write_text("# newer sheet\n", encoding="utf-8")
    assert any("differs from" in p for p in problems(root))
    shutil.copy(root / "legal-facts.md", shared / "legal-facts.md")
    assert problems(root) == []


def test_check_reports_invalid_yaml(root: Path) -> None:
    (root / CARD).write_text("id: [unclosed\n", encoding="utf-8")
    assert any("invalid YAML" in p for p in problems(root))


def test_cli_exit_codes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(root)]) == 0
    edit(root, CARD, _set("sources", value=["S99"]))
    assert main(["check", "--root", str(root)]) == 1
    assert "S99" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text",
    [
        "Звоните 102, 112 или 111.",
        "Телефон доверия 150.",
        "в 2024 году",
        "ст. 121-1 УК",
        "10 МРП",
        "от 3 месяцев",
        "1–4 раза в месяц",
        "16 июня 2024 года",
    ],
)
def test_allowed_numbers_are_not_flagged(text: str) -> None:
    assert list(number_problems(text, {"102", "112", "111", "150", "103"})) == []
