"""Urgent safety net: lexicon + regex patterns of PRESENT danger, independent of the classifier."""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from nlu.edges import SENTENCE_END, without_trailing
from nlu.normalize import fold_cyrillic, normalize

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "urgent.yml"
EN_LEXICON_PATH = LEXICON_PATH.with_name("urgent_en.yml")
# Clauses end at punctuation or at a contrastive conjunction ("раньше бил, а сейчас бьёт").
_CLAUSE_RE = re.compile(r"[.,;:!?\n—–()]+|\s(?:а|но|однако|бирак|алайда)\s")
_PRIORITY = {"child_danger": 0, "self_harm": 1, "danger_now": 2}


@dataclass(frozen=True)
class UrgentHit:
    """A safety-net match: which urgent intent and which pattern fired."""

    intent: str
    pattern_id: str
    english: bool = False  # an English pattern: the classifier (kk/ru only) cannot name the intent


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry, compiled."""

    id: str
    intent: str
    regex: re.Pattern[str]
    needs_present: bool
    negatable: bool
    habitual_veto: bool  # also vetoed by a habitual marker in its clause (needs_present is)
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    # Anchored at a clause end ("…проснётся и продолжит$"): matched in each clause without its
    # trailing neutral words (a plea, an emoji: `nlu.edges.without_trailing`), never in the
    # whole message, where a clause end is followed by the next clause.
    clause_end: bool = False


def compile_lexicon_regex(source: str, fold: bool = True) -> re.Pattern[str]:
    """Join a multi-line YAML regex without separators and (unless `fold` is off: English is
    matched on the raw text) fold it like normalised text."""
    text = fold_cyrillic(source) if fold else source
    return re.compile("".join(line.strip() for line in text.splitlines()))


def clauses(text: str) -> list[str]:
    """Normalised clauses of a raw message (empty ones dropped)."""
    parts = (normalize(part) for part in _CLAUSE_RE.split(text.lower()))
    return [p for p in parts if p]


_CLAUSE_SPLIT = re.compile(f"({_CLAUSE_RE.pattern})")  # the same split, separators kept
_SENTENCE_END = re.compile(SENTENCE_END)


def clause_sentences(text: str) -> list[int]:
    """For each clause of `clauses(text)`, the number of the sentence it is in (`SENTENCE_END`
    in the separator before it starts a new one)."""
    pieces = _CLAUSE_SPLIT.split(text.lower())  # clause, separator, clause, ...
    found, sentence = [], 0
    for k in range(0, len(pieces), 2):
        if normalize(pieces[k]):
            found.append(sentence)
        if k + 1 < len(pieces):
            sentence += _SENTENCE_END.search(pieces[k + 1]) is not None
    return found


# English clauses: raw text (no transliteration), lower case, apostrophes unified.
_EN_CLAUSE_RE = re.compile(r"[.,;:!?\n—–()]+|\s(?:but|and then)\s")
_EN_NOISE = re.compile(r"[^\w' ]+|_")
_EN_WORD = re.compile(r"[A-Za-z]{2}")  # any Latin word at all (no lower-cased copy needed)


def english_clauses(text: str) -> list[str]:
    """Lower-case clauses of a raw message for the English patterns (empty ones dropped)."""
    low = unicodedata.normalize("NFC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    parts = (" ".join(_EN_NOISE.sub(" ", part).split()) for part in _EN_CLAUSE_RE.split(low))
    return [p for p in parts if p]


# The prefilter: every match of a pattern starts with one of a few short literal strings,
# read off the parsed regex; a pattern whose strings do not occur in a text cannot match it.
PREFIX_LEN = 4
_MAX_PREFIXES = 4096  # a pattern with more starting strings is never filtered (always run)
_BOUNDARY = "\x00"  # leading mark: the match starts after a non-word character (\b + letter)
_WORD_CHAR = re.compile(r"\w")
_sre: Any = importlib.import_module("re._parser")  # the stdlib regex parser (no public API)


def _node_prefixes(op: Any, av: Any) -> set[tuple[str, bool]]:
    """Strings one parsed regex node can start with; False: the match may go on differently."""
    name = str(op)
    if name == "LITERAL":
        return {(chr(av), True)}
    if name == "AT":  # zero width; only a word boundary is remembered
        return {(_BOUNDARY if str(av) == "AT_BOUNDARY" else "", True)}
    if name in ("ASSERT", "ASSERT_NOT"):  # zero width; ignoring a condition only adds matches
        return {("", True)}
    if name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
        return {(chr(c), True) for _, c in av}
    if name == "SUBPATTERN" and not av[1] and not av[2]:  # a group without inline flags
        return _seq_prefixes(av[3])
    if name == "BRANCH":
        return {pair for branch in av[1] for pair in _seq_prefixes(branch)}
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, sub = av
        if low == 0 and high == 1:
            return {("", True), *_seq_prefixes(sub)}
        if low >= 1:  # the first repetition, then anything
            return {(text, False) for text, _open in _seq_prefixes(sub)}
    return {("", False)}  # other classes, \w, \s, back-references...: no literal known


def _join(text: str, more: str) -> str:
    """Append, keeping a boundary mark only at the very start."""
    if more.startswith(_BOUNDARY) and (text or (len(more) > 1 and more[1] == _BOUNDARY)):
        more = more.lstrip(_BOUNDARY)
    return text + more


def _seq_prefixes(items: Iterable[tuple[Any, Any]]) -> set[tuple[str, bool]]:
    """Strings (PREFIX_LEN letters at most) one of which starts every match of a node sequence.

    A pair is (text, open): open means the matched text so far is exactly `text`, so the next
    node extends it; closed pairs stay as they are. Sound by construction: when unsure, stop.
    """
    current = {("", True)}
    for op, av in items:
        if not any(is_open for _text, is_open in current):
            break
        nxt: set[tuple[str, bool]] = set()
        for text, is_open in current:
            if not is_open:
                nxt.add((text, False))
                continue
            for more, more_open in _node_prefixes(op, av):
                joined = _join(text, more)
                limit = PREFIX_LEN + joined.startswith(_BOUNDARY)
                if len(joined) >= limit:
                    nxt.add((joined[:limit], False))
                else:
                    nxt.add((joined, more_open))
        if len(nxt) > _MAX_PREFIXES:
            return {("", False)}
        current = nxt
    return current


def match_prefixes(regex: re.Pattern[str]) -> frozenset[tuple[str, bool]]:
    """(text, at_word_start) pairs, one of which starts every match of `regex`.

    at_word_start: the match begins with a letter right after a word boundary. A pair with
    empty text means "anything": the pattern is never filtered.
    """
    if regex.flags & ~re.UNICODE:  # ignore-case, verbose...: not analysed, never filtered
        return frozenset({("", False)})
    out = set()
    for text, _open in _seq_prefixes(_sre.parse(regex.pattern).data):
        rest = text.lstrip(_BOUNDARY)
        out.add((rest, rest != text and _WORD_CHAR.match(rest) is not None))
    return frozenset(out)


def _trie_regex(strings: Iterable[str]) -> str:
    """A regex for the longest of the strings that starts here (a trie, longer tried first)."""
    trie: dict[str, Any] = {}
    for text in strings:
        node = trie
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}  # a string ends here

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # may stop here, but a longer string wins
            return body + "?" if len(alts) == 1 and len(alts[0]) == 1 else f"(?:{body})?"
        return body

    return emit(trie)


@dataclass(frozen=True)
class _Gate:
    """Where some starting strings occur in a text, and which patterns each may start."""

    regex: re.Pattern[str]  # one zero-width match per position; group 1 is the longest string
    patterns: dict[str, frozenset[int]]  # string -> patterns started by it or by its prefixes

    @classmethod
    def build(cls, starts: dict[str, set[int]], word_start: bool) -> _Gate | None:
        if not starts:
            return None
        closure = {
            text: frozenset().union(*(starts.get(text[:n], ()) for n in range(1, len(text) + 1)))
            for text in starts
        }
        before = r"(?<!\w)" if word_start else ""
        return cls(re.compile(f"{before}(?=({_trie_regex(starts)}))"), closure)


def _pattern(entry: dict[str, Any]) -> Pattern:
    regex = compile_lexicon_regex(entry["regex"])
    return Pattern(
        id=entry["id"], intent=entry["intent"], regex=regex,
        needs_present=bool(entry.get("needs_present")), negatable=bool(entry.get("negatable")),
        habitual_veto=bool(entry.get("habitual_veto")),
        positive=tuple(entry.get("positive", ())), negative=tuple(entry.get("negative", ())),
        clause_end="$" in regex.pattern,
    )


@dataclass(frozen=True)
class EnglishNet:
    """Present danger in English (`lexicon/urgent_en.yml`), on the raw lower-cased text."""

    patterns: tuple[Pattern, ...]
    now: re.Pattern[str]
    vetoes: dict[str, re.Pattern[str]]

    @classmethod
    def from_yaml(cls, path: Path = EN_LEXICON_PATH) -> EnglishNet:
        """Load and compile the English lexicon."""
        doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        patterns = tuple(
            replace(_pattern(p), regex=compile_lexicon_regex(p["regex"], fold=False))
            for p in doc["patterns"]
        )
        vetoes = {k: compile_lexicon_regex(src, fold=False) for k, src in doc["vetoes"].items()}
        return cls(patterns, compile_lexicon_regex(doc["now"], fold=False), vetoes)

    def hits(self, text: str) -> list[UrgentHit]:
        """Every English pattern that fires and is not vetoed (nothing without Latin words)."""
        if _EN_WORD.search(text) is None:
            return []
        parts = english_clauses(text)
        matched = [p for p in self.patterns if any(p.regex.search(c) for c in parts)]
        if not matched:
            return []
        whole = " ".join(parts)
        now = self.now.search(whole) is not None
        # Fiction vetoes everything, a law or "is it ..." question all but self_harm; a "now"
        # anywhere in the message cancels both.
        if not now and self.vetoes["fiction"].search(whole):
            return []
        asking = not now and self.vetoes["legal"].search(whole) is not None
        return [
            UrgentHit(p.intent, p.id, english=True)
            for p in matched
            if not (asking and p.intent != "self_harm") and self._fires(parts, p)
        ]

    def _fires(self, parts: list[str], pattern: Pattern) -> bool:
        v = self.vetoes
        for i, clause in enumerate(parts):
            for match in pattern.regex.finditer(clause):
                if pattern.negatable and v["negation_before"].search(clause[: match.start()]):
                    continue
                if self.now.search(clause):
                    return True
                if v["past"].search(" ".join(parts[max(i - 1, 0) : i + 1])):
                    continue
                if v["hypothetical"].search(" ".join(parts[max(i - 1, 0) : i + 2])):
                    continue
                return True
        return False


@dataclass(frozen=True)
class Lexicon:
    """All patterns plus the context regexes that confirm or veto them."""

    patterns: tuple[Pattern, ...]
    present: re.Pattern[str]
    strong_present: re.Pattern[str]
    progressive: re.Pattern[str]
    vetoes: dict[str, re.Pattern[str]]
    gates: tuple[_Gate, ...]  # the prefilter: word-start strings, then any-position ones
    always: frozenset[int]  # patterns without a known starting string (never filtered)
    english: EnglishNet  # someone in danger may write English; the classifier reads kk/ru only

    @classmethod
    def from_yaml(cls, path: Path = LEXICON_PATH, english: Path = EN_LEXICON_PATH) -> Lexicon:
        """Load and compile the YAML lexicon (Kazakh and Russian, plus the English one)."""
        doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        vetoes = {name: compile_lexicon_regex(src) for name, src in doc["vetoes"].items()}
        patterns = tuple(_pattern(p) for p in doc["patterns"])
        starts: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        always = set()
        for i, p in enumerate(patterns):
            for text, word_start in match_prefixes(p.regex):
                if text:
                    starts[word_start].setdefault(text, set()).add(i)
                else:
                    always.add(i)
        gates = (_Gate.build(starts[True], True), _Gate.build(starts[False], False))
        return cls(
            patterns,
            compile_lexicon_regex(doc["present"]),
            compile_lexicon_regex(doc["strong_present"]),
            compile_lexicon_regex(doc["progressive"]),
            vetoes,
            tuple(g for g in gates if g is not None),
            frozenset(always),
            EnglishNet.from_yaml(english),
        )

    def candidates(self, text: str) -> set[int]:
        """Indices of the patterns that may match somewhere in `text` (a superset, cheap)."""
        found = set(self.always)
        for gate in self.gates:
            closure = gate.patterns
            for start in gate.regex.findall(text):
                found |= closure[start]
        return found

    def _fiction(self, whole: str) -> bool:
        """Fiction framing (a film, a game, a dream, a joke), unless a strong "now"."""
        return not self.strong_present.search(whole) and bool(self.vetoes["fiction"].search(whole))

    def _legal(self, whole: str) -> bool:
        """Legal framing (a law, a penalty, an article), unless a strong "now" or a Kazakh
        progressive form."""
        return (
            self.vetoes["legal"].search(whole) is not None
            and self.strong_present.search(whole) is None
            and self.progressive.search(whole) is None
        )

    def _questioned(self, text: str, parts: list[str], legal: bool, asking: bool) -> list[bool]:
        """Which clauses a legal or "is it ..." question covers: those of its own sentence and
        of the sentences before it ("Он кричит «убью». Это считается угрозой?"), never a
        sentence after it: "Можно ли подать на алименты? Муж гоняется за мной с молотком" is a
        question first and danger after it."""
        if not (legal or asking):
            return [False] * len(parts)
        sentence = clause_sentences(text)
        asked = [
            (legal and self.vetoes["legal"].search(c) is not None)
            or (asking and self.vetoes["inquiry"].search(c) is not None)
            for c in parts
        ]
        last = max((sentence[i] for i, a in enumerate(asked) if a), default=-1)
        return [s <= last for s in sentence]

    def _has_present(self, whole: str) -> bool:
        """A "now" word outside calm phrases ("сейчас он на работе" is no "now" of danger)."""
        return self.present.search(self.vetoes["calm"].sub(" ", whole)) is not None

    def _asking(self, whole: str) -> bool:
        """A question about what it is or what follows ("это считается угрозой?", "бұл зорлық
        па?") is not a report of danger now: it vetoes danger_now / child_danger, never
        self_harm, unless a strong "now" or a Kazakh progressive form says it is happening."""
        return (
            self.vetoes["inquiry"].search(whole) is not None
            and self.strong_present.search(whole) is None
            and self.progressive.search(whole) is None
        )

    def _negated(self, clause: str, match: re.Match[str]) -> bool:
        """Negation right before (ru "не бьёт") or right after (kk "ұрып жатқан жоқ")."""
        before = self.vetoes["negation_before"].search(clause[: match.start()])
        after = self.vetoes["negation_after"].search(clause[match.end() :])
        return before is not None or after is not None

    def _clause_vetoed(self, parts: list[str], i: int, pattern: Pattern) -> bool:
        """Calm now, past (here/before), hypothetical, habitual (nlu/README.md); unless now."""
        v = self.vetoes
        # "сейчас" inside a calm phrase ("он сейчас на работе") is not a "now" of danger.
        own = v["calm"].sub(" ", parts[i])
        if self.strong_present.search(own) or self.progressive.search(own):
            return False
        window = " ".join(parts[max(i - 1, 0) : i + 2])
        if pattern.intent == "self_harm":
            # Someone else's suicide threat used as control is not the writer's self_harm.
            if v["threatened"].search(parts[i]):
                return True
        # The abuser away or the danger over (calm) is about another person, so it never vetoes
        # self_harm; nor a threat due within hours in the pattern's own clause (soon). A thing
        # that "kills" ("цены убивают", "бағасы мені өлтіреді") is a figure of speech; the
        # writer's own words ("«өлтіремін» деп айқайладым") are theirs, not a threat to them.
        else:
            soon = v["soon"].search(parts[i])
            calm = v["calm"].search(window) and not soon
            if calm or v["figurative"].search(parts[i]) or v["own_words"].search(parts[i]):
                return True
            if v["yesterday"].search(parts[i]) and not v["soon"].search(window):
                return True
            # Weeks or more since it, said here or in the next clause ("«өлтіремін» дегеніне
            # бір ай болды", "…угрожал ножом. Прошло три месяца").
            later = " ".join(parts[i : i + 2])
            if v["elapsed"].search(later) and not v["soon"].search(later):
                return True
        if v["past"].search(" ".join(parts[max(i - 1, 0) : i + 1])):
            return True
        if i + 1 < len(parts) and v["past_next"].search(parts[i + 1]):
            return True  # "«убью и детей заберу», это было в прошлом месяце
        if v["hypothetical"].search(window):
            return True
        habitual = pattern.needs_present or pattern.habitual_veto
        return habitual and v["habitual"].search(parts[i]) is not None

    def _fires(self, parts: list[str], pattern: Pattern, skip: list[bool]) -> bool:
        for i, clause in enumerate(parts):
            if skip[i]:
                continue
            # A clause without its trailing words is a prefix of it: match offsets still hold.
            searched = without_trailing(clause) if pattern.clause_end else clause
            for match in pattern.regex.finditer(searched):
                if pattern.negatable and self._negated(clause, match):
                    continue
                if not self._clause_vetoed(parts, i, pattern):
                    return True
        return False

    def hits(self, text: str) -> list[UrgentHit]:
        """Every pattern that fires on a raw message and is not vetoed, in lexicon order
        (Kazakh and Russian, then English)."""
        english = self.english.hits(text)
        norm = normalize(text)
        near = self.candidates(norm)
        patterns = self.patterns
        if not any(patterns[i].clause_end or patterns[i].regex.search(norm) for i in sorted(near)):
            return english  # the common case: no pattern anywhere, skip the clause analysis
        parts = clauses(text)
        whole = " ".join(parts)
        if self._fiction(whole):
            return english
        near |= self.candidates(whole)  # a pattern must match `whole` too (below)
        has_present = self._has_present(whole)
        legal = self._legal(whole)
        # A legal or "is it ..." question vetoes danger_now / child_danger in its own sentence
        # and the ones before it; legal framing anywhere vetoes self_harm (as it always has).
        questioned = self._questioned(text, parts, legal, self._asking(whole))
        nowhere = [False] * len(parts)
        # Every clause is a substring of `whole`, so a pattern absent from it cannot fire
        # (except at a clause end: `Pattern.clause_end`).
        return [
            UrgentHit(p.intent, p.id)
            for i, p in enumerate(self.patterns)
            if i in near
            and (has_present or not p.needs_present)
            and not (legal and p.intent == "self_harm")
            and (p.clause_end or p.regex.search(whole))
            and self._fires(parts, p, nowhere if p.intent == "self_harm" else questioned)
        ] + english


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
