"""Typed settings for the whole service, read once at start-up from env / .env / TOML."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

OFFICIAL_API_URL = "https://api.telegram.org"
DEFAULT_DB_URL = "sqlite+aiosqlite:///./data/qorgau.sqlite3"


class BotMode(StrEnum):
    """How updates arrive."""

    POLLING = "polling"
    WEBHOOK = "webhook"


class Settings(BaseSettings):
    """All settings; names are a stable interface (README table)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", toml_file="qorgau.toml"
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = OFFICIAL_API_URL
    database_url: str = DEFAULT_DB_URL
    redis_url: str | None = None
    staff_chat_id: int | None = None
    bot_mode: BotMode = BotMode.POLLING
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_path: str = "/telegram/webhook"
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8443

    encryption_key: SecretStr | None = None
    data_dir: Path = Path("data")
    default_lang: str = "kk"
    retention_days: int = 30
    protect_content: bool = True
    silent_notifications: bool = True

    # Neutral surface: what someone glancing at the phone may see.
    bot_display_name: str = "Qorgau"
    neutral_exit_text: str | None = None

    # Staff desk.
    staff_hours: str = "09:00-21:00"
    staff_timezone: str = "Asia/Almaty"
    staff_workdays: str = "1,2,3,4,5,6,7"
    sla_first_alert_s: int = 120
    sla_second_alert_s: int = 600
    staff_lang: str = "ru"
    note_prefix: str = "!"
    reopen_window_h: int = 72
    callback_secret: SecretStr | None = None

    nlu_backend: str = "local"
    rasa_url: str | None = None
    nlu_threshold: float | None = None

    playground_host: str = "127.0.0.1"
    playground_port: int = 8080
    log_level: str = "INFO"
    scheduler_interval_s: float = 5.0

    @field_validator("default_lang")
    @classmethod
    def _known_lang(cls, value: str) -> str:
        if value not in ("kk", "ru"):
            raise ValueError("default_lang must be kk or ru")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Env beats .env beats qorgau.toml."""
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            TomlConfigSettingsSource(settings_cls),
            file_secret_settings,
        )

    @property
    def playground(self) -> bool:
        """No token means the local playground."""
        return self.bot_token is None or not self.bot_token.get_secret_value()

    def staff_window(self) -> tuple[dt.time, dt.time]:
        """Parse STAFF_HOURS as (start, end)."""
        start, end = self.staff_hours.split("-")
        return dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())

    def staff_days(self) -> set[int]:
        """ISO weekdays (1=Monday) when staff are on shift."""
        return {int(d) for d in self.staff_workdays.split(",") if d.strip()}

    def extra(self, **updates: Any) -> Settings:
        """A copy with some fields replaced (used by the playground and tests)."""
        return self.model_copy(update=updates)


def load_settings(**overrides: Any) -> Settings:
    """Build the settings object once at start-up."""
    return Settings(**overrides)


__all__ = ["OFFICIAL_API_URL", "BotMode", "Settings", "load_settings"]
