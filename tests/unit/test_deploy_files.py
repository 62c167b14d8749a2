"""docker-compose.yml stays consistent with the settings (no Docker engine runs here)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_compose_has_the_production_stack_and_only_real_settings() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"bot", "postgres", "redis", "migrate"} <= set(services)
    env = services["bot"]["environment"]
    fields = {name.upper() for name in Settings.model_fields}
    assert set(env) <= fields, set(env) - fields
    assert env["BOT_MODE"] == "webhook" and env["DATABASE_URL"].startswith("postgresql+asyncpg")
    assert services["migrate"]["command"] == ["alembic", "upgrade", "head"]


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n.upper() for n in Settings.model_fields if n.upper() not in readme]
    assert missing == []
