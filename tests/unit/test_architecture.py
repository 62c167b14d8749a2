"""Layering: aiogram only in bot/ and devtools/, SQLAlchemy only in bot/db and its users."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "dialogs": ("aiogram", "sqlalchemy", "aiohttp"),
    "nlu": ("aiogram", "sqlalchemy"),
    "knowledge": ("aiogram", "sqlalchemy", "aiohttp"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_pure_packages_do_not_import_transport_or_orm(package: str) -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(FORBIDDEN[package]))
        for p in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from aiogram import Bot\nimport sqlalchemy.orm\n")
    assert _imports(bad) >= {"aiogram", "sqlalchemy"}


def test_only_the_sender_calls_the_bot_directly() -> None:
    """Features go through app.sender so rate limits and tracking hold everywhere."""
    offenders = []
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for needle in ("bot.send_message(", "bot.copy_message(", "bot.delete_message("):
            if needle in source:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []
