"""Parse the vendored legal-facts sheet into source and section ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_SOURCE_RE = re.compile(r"^- (S\d+) (.+?): (\S+)\s*$")
_SECTION_RE = re.compile(r"^#{2,3} (\d+(?:\.\d+)?)\.? (.+?)\s*$")


@dataclass(frozen=True, slots=True)
class Source:
    """One numbered source from the fact sheet."""

    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Facts:
    """Source list and section ids of the vendored legal-facts sheet."""

    sources: dict[str, Source]
    sections: dict[str, str]

    def knows(self, ref: str) -> bool:
        """Whether ref is a known source id (S12) or section id (LF-1.2)."""
        return ref in self.sources or ref in self.sections


def parse_facts(text: str) -> Facts:
    """Extract `S1`… sources and `LF-x.y` section ids from the markdown sheet."""
    sources: dict[str, Source] = {}
    sections: dict[str, str] = {}
    for line in text.splitlines():
        if m := _SOURCE_RE.match(line):
            sources[m[1]] = Source(m[1], m[2], m[3])
        elif m := _SECTION_RE.match(line):
            sections[f"LF-{m[1]}"] = m[2]
    return Facts(sources, sections)


def load_facts(path: Path) -> Facts:
    """Read and parse the fact sheet at path."""
    return parse_facts(path.read_text(encoding="utf-8"))
