"""JSONL in/out for `python -m nlu predict` (bad lines become error objects, never a crash)."""

from __future__ import annotations

import json
import re
from typing import IO, Any, Protocol

from nlu import NluResult

_ID_RE = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


class Predictor(Protocol):
    """Anything with the model's `predict`."""

    def predict(self, text: str) -> NluResult: ...


def _salvage_id(line: str) -> Any:
    """Best-effort id from a line that is not valid JSON."""
    match = _ID_RE.search(line)
    if not match:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


def predict_line(model: Predictor, line: str) -> dict[str, Any]:
    """One input line -> one output object."""
    try:
        obj = json.loads(line)
    except ValueError:
        return {"id": _salvage_id(line), "error": "invalid JSON"}
    if not isinstance(obj, dict):
        return {"id": None, "error": "line is not a JSON object"}
    out: dict[str, Any] = {"id": obj["id"]} if "id" in obj else {}
    text = obj.get("text")
    if not isinstance(text, str):
        return {**out, "id": obj.get("id"), "error": "missing or non-string 'text'"}
    return {**out, **model.predict(text).to_json()}


def predict_stream(model: Predictor, src: IO[str], dst: IO[str]) -> None:
    """Every non-blank input line gives exactly one output line, in order."""
    for line in src:
        if line.strip():
            dst.write(json.dumps(predict_line(model, line), ensure_ascii=False) + "\n")
    dst.flush()
