"""Urgent safety net: lexicon + regex patterns of PRESENT danger, independent of the classifier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from nlu.normalize import fold_cyrillic, normalize

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "urgent.yml"
# Clauses end at punctuation or at a contrastive conjunction ("раньше бил, а сейчас бьёт").
_CLAUSE_RE = re.compile(r"[.,;:!?\n—–()]+|\s(?:а|но|однако|бирак|алайда)\s")
_PRIORITY = {"child_danger": 0, "self_harm": 1, "danger_now": 2}


@dataclass(frozen=True)
class UrgentHit:
    """A safety-net match: which urgent intent and which pattern fired."""

    intent: str
    pattern_id: str


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry, compiled."""

    id: str
    intent: str
    regex: re.Pattern[str]
    needs_present: bool
    negatable: bool
    positive: tuple[str, ...]
    negative: tuple[str, ...]


def compile_lexicon_regex(source: str) -> re.Pattern[str]:
    """Join a multi-line YAML regex without separators and fold it like normalised text."""
    return re.compile("".join(line.strip() for line in fold_cyrillic(source).splitlines()))


def clauses(text: str) -> list[str]:
    """Normalised clauses of a raw message (empty ones dropped)."""
    parts = (normalize(part) for part in _CLAUSE_RE.split(text.lower()))
    return [p for p in parts if p]


def _pattern(entry: dict[str, Any]) -> Pattern:
    return Pattern(
        id=entry["id"], intent=entry["intent"], regex=compile_lexicon_regex(entry["regex"]),
        needs_present=bool(entry.get("needs_present")), negatable=bool(entry.get("negatable")),
        positive=tuple(entry.get("positive", ())), negative=tuple(entry.get("negative", ())),
    )


@dataclass(frozen=True)
class Lexicon:
    """All patterns plus the context regexes that confirm or veto them."""

    patterns: tuple[Pattern, ...]
    present: re.Pattern[str]
    strong_present: re.Pattern[str]
    progressive: re.Pattern[str]
    vetoes: dict[str, re.Pattern[str]]
    any_pattern: re.Pattern[str]

    @classmethod
    def from_yaml(cls, path: Path = LEXICON_PATH) -> Lexicon:
        """Load and compile the YAML lexicon."""
        doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        vetoes = {name: compile_lexicon_regex(src) for name, src in doc["vetoes"].items()}
        patterns = tuple(_pattern(p) for p in doc["patterns"])
        any_pattern = re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns))
        return cls(
            patterns,
            compile_lexicon_regex(doc["present"]),
            compile_lexicon_regex(doc["strong_present"]),
            compile_lexicon_regex(doc["progressive"]),
            vetoes,
            any_pattern,
        )

    def _message_vetoed(self, whole: str) -> bool:
        """Fiction or legal framing, unless a strong "now" (a progressive form: legal only)."""
        if self.strong_present.search(whole):
            return False
        if self.vetoes["fiction"].search(whole):
            return True
        return bool(self.vetoes["legal"].search(whole)) and not self.progressive.search(whole)

    def _negated(self, clause: str, match: re.Match[str]) -> bool:
        """Negation right before (ru "не бьёт") or right after (kk "ұрып жатқан жоқ")."""
        before = self.vetoes["negation_before"].search(clause[: match.start()])
        after = self.vetoes["negation_after"].search(clause[match.end() :])
        return before is not None or after is not None

    def _clause_vetoed(self, parts: list[str], i: int, pattern: Pattern) -> bool:
        """Calm now, past (here/before), hypothetical, habitual (nlu/README.md); unless now."""
        if self.strong_present.search(parts[i]) or self.progressive.search(parts[i]):
            return False
        window = " ".join(parts[max(i - 1, 0) : i + 2])
        # The abuser away or the danger over is about another person: never vetoes self_harm.
        calm = self.vetoes.get("calm")
        if pattern.intent != "self_harm" and calm is not None and calm.search(window):
            return True
        if self.vetoes["past"].search(" ".join(parts[max(i - 1, 0) : i + 1])):
            return True
        if self.vetoes["hypothetical"].search(window):
            return True
        return pattern.needs_present and self.vetoes["habitual"].search(parts[i]) is not None

    def _fires(self, parts: list[str], pattern: Pattern) -> bool:
        for i, clause in enumerate(parts):
            for match in pattern.regex.finditer(clause):
                if pattern.negatable and self._negated(clause, match):
                    continue
                if not self._clause_vetoed(parts, i, pattern):
                    return True
        return False

    def hits(self, text: str) -> list[UrgentHit]:
        """Every pattern that fires on a raw message and is not vetoed, in lexicon order."""
        if not self.any_pattern.search(normalize(text)):
            return []  # the common case: no pattern anywhere, skip the clause analysis
        parts = clauses(text)
        whole = " ".join(parts)
        if self._message_vetoed(whole):
            return []
        has_present = self.present.search(whole) is not None
        # Every clause is a substring of `whole`, so a pattern absent from it cannot fire.
        return [
            UrgentHit(p.intent, p.id)
            for p in self.patterns
            if (has_present or not p.needs_present)
            and p.regex.search(whole)
            and self._fires(parts, p)
        ]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in nlu/lexicon/urgent.yml."""
    return Lexicon.from_yaml()


@lru_cache(maxsize=65536)
def scan(text: str) -> UrgentHit | None:
    """The safety net's verdict for one raw message (None: no present danger found)."""
    found = default_lexicon().hits(text)
    return min(found, key=lambda h: _PRIORITY[h.intent]) if found else None


def clear_caches() -> None:
    """Forget the per-message verdicts (the compiled lexicon stays; see `nlu.clear_caches`)."""
    scan.cache_clear()


def scan_all(text: str) -> list[UrgentHit]:
    """All non-vetoed hits (for tests and evaluation)."""
    return default_lexicon().hits(text)
