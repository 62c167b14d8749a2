"""Read the Rasa-format NLU YAML files under nlu/data into plain examples."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlu import LANGS

DATA_DIR = Path(__file__).resolve().parent / "data"
VARIETIES: frozenset[str] = frozenset(
    {"standard", "no_letters", "latin", "mixed", "typos", "long", "indirect", "decoy", "emoji"}
)
_ENTITY_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


@dataclass(frozen=True)
class Example:
    """One training or test message with where it came from."""

    text: str
    intent: str
    lang: str
    variety: str
    split: str  # "train" | "test"
    file: str  # path relative to the data dir


class DataError(ValueError):
    """A data file that cannot be parsed into examples."""


def data_files(data_dir: Path = DATA_DIR) -> list[tuple[Path, str, str]]:
    """All (path, lang, split) YAML files in sorted, stable order."""
    found = []
    for split, base in (("train", data_dir), ("test", data_dir / "test")):
        for lang in LANGS:
            for path in sorted((base / lang).glob("*.y*ml")):
                found.append((path, lang, split))
    return found


def _strip_line(line: str) -> str | None:
    """One `- text` line of an examples block -> text (None for blank lines)."""
    line = line.strip()
    if not line:
        return None
    if not line.startswith("- "):
        raise DataError(f"example line does not start with '- ': {line[:60]!r}")
    text = _ENTITY_RE.sub(lambda m: m.group(1) or m.group(2), line[2:]).strip()
    if not text:
        raise DataError("empty example line")
    return text


def parse_block(block: Any) -> tuple[str, str, list[str]]:
    """One `- intent:` item -> (intent, variety, texts); raises DataError on format faults."""
    if not isinstance(block, dict) or "intent" not in block:
        raise DataError(f"nlu item without 'intent': {str(block)[:80]!r}")
    intent = str(block["intent"])
    meta = block.get("metadata")
    variety = meta.get("variety") if isinstance(meta, dict) else None
    if not isinstance(variety, str):
        raise DataError(f"intent {intent}: missing 'metadata: {{variety: ...}}'")
    examples = block.get("examples")
    if not isinstance(examples, str):
        raise DataError(f"intent {intent}/{variety}: 'examples' must be a '|' block")
    texts = [t for t in (_strip_line(x) for x in examples.splitlines()) if t is not None]
    return intent, variety, texts


def load_file(path: Path, lang: str, split: str, rel: str) -> list[Example]:
    """Parse one YAML file; raises DataError with the reason."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"YAML does not parse: {exc}") from exc
    if not isinstance(doc, dict) or str(doc.get("version")) != "3.1":
        raise DataError('file must start with version: "3.1"')
    if not isinstance(doc.get("nlu"), list):
        raise DataError("file has no 'nlu:' list")
    out: list[Example] = []
    for block in doc["nlu"]:
        intent, variety, texts = parse_block(block)
        out.extend(Example(t, intent, lang, variety, split, rel) for t in texts)
    return out


def load_examples(
    data_dir: Path = DATA_DIR, split: str | None = None, lang: str | None = None
) -> list[Example]:
    """All examples (optionally one split / language); raises DataError naming the file."""
    out: list[Example] = []
    for path, file_lang, file_split in data_files(data_dir):
        if (split and split != file_split) or (lang and lang != file_lang):
            continue
        rel = str(path.relative_to(data_dir))
        try:
            out.extend(load_file(path, file_lang, file_split, rel))
        except DataError as exc:
            raise DataError(f"{rel}: {exc}") from exc
    return out


def data_hash(data_dir: Path = DATA_DIR, split: str = "train") -> str:
    """sha256 over the training files' relative paths and bytes (what the model depends on)."""
    digest = hashlib.sha256()
    for path, _lang, file_split in data_files(data_dir):
        if file_split == split:
            digest.update(str(path.relative_to(data_dir)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
