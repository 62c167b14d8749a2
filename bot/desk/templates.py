"""Staff canned replies, read from ``knowledge/templates/*.yml`` (editable data files)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2] / "knowledge" / "templates"
LANGS = ("kk", "ru")
_ID = re.compile(r"^[a-z0-9_]{1,20}$")


@dataclass(frozen=True)
class Template:
    """One canned reply: staff-facing title and user-facing body, in kk and ru."""

    id: str
    title: dict[str, str]
    body: dict[str, str]

    def text(self, lang: str) -> str:
        """The body in ``lang`` (Russian when the language is unknown)."""
        return self.body.get(lang) or self.body["ru"]


def parse(items: object, where: str = "templates") -> list[Template]:
    """Validate the YAML list; a broken file fails loudly at start-up, not mid-case."""
    if not isinstance(items, list):
        raise ValueError(f"{where}: expected a list of templates")
    out = []
    for item in items:
        if not isinstance(item, dict) or not _ID.match(str(item.get("id", ""))):
            raise ValueError(f"{where}: each template needs an id of a-z, 0-9, _")
        for part in ("title", "body"):
            value = item.get(part)
            if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGS):
                raise ValueError(f"{where}: template {item['id']} needs {part} in kk and ru")
        out.append(Template(str(item["id"]), dict(item["title"]), dict(item["body"])))
    if len({t.id for t in out}) != len(out):
        raise ValueError(f"{where}: duplicate template ids")
    return out


@lru_cache(maxsize=1)
def load(root: Path = ROOT) -> tuple[Template, ...]:
    """All templates, in file then list order."""
    found: list[Template] = []
    for path in sorted(root.glob("*.yml")):
        found.extend(parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name))
    return tuple(found)


def by_id(template_id: str) -> Template | None:
    """One template by id."""
    return next((t for t in load() if t.id == template_id), None)
