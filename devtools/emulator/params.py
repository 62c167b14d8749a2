"""Typed access to Bot API parameters sent as urlencoded, multipart or JSON."""

from __future__ import annotations

import json
from typing import Any

from devtools.emulator.errors import bad_request

Text = str
Int = int
Bool = bool


class Params:
    """Request parameters; form values arrive as strings, JSON bodies as typed values."""

    def __init__(self, values: dict[Text, Any], files: dict[Text, bytes] | None = None) -> None:
        self.values = values
        self.files = files or {}
        self.filenames: dict[Text, str] = {}

    def has(self, key: Text) -> bool:
        """Tell whether the parameter was sent."""
        return self.values.get(key) not in (None, "")

    def str(self, key: Text, default: Text | None = None) -> Text | None:
        """Return a string parameter (numbers are stringified like Telegram does)."""
        value = self.values.get(key)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def req_str(self, key: Text) -> Text:
        """Return a required string parameter or fail like Telegram."""
        value = self.str(key)
        if value is None:
            raise bad_request(f"{key} is empty")
        return value

    def int(self, key: Text, default: Int | None = None) -> Int | None:
        """Return an integer parameter."""
        value = self.values.get(key)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {key} specified") from None

    def req_int(self, key: Text) -> Int:
        """Return a required integer parameter."""
        value = self.int(key)
        if value is None:
            raise bad_request(f"{key} is empty")
        return value

    def bool(self, key: Text, default: Bool = False) -> Bool:
        """Return a boolean parameter ('true'/'false'/'1'/'0' or JSON bool)."""
        value = self.values.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def json(self, key: Text) -> Any:
        """Return a JSON-encoded parameter (aiogram serialises objects and lists)."""
        value = self.values.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None

    def public(self) -> dict[Text, Any]:
        """Return the parameters for the calls log (uploaded bytes summarised)."""
        data: dict[Text, Any] = dict(self.values)
        for key, blob in self.files.items():
            data[key] = f"<{len(blob)} bytes>"
        return data
