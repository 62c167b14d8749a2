"""Content checks run by `python -m knowledge check` (and by the tests)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from knowledge.base import FACTS_FILE, KnowledgeBase
from knowledge.models import LANGS, Card, Review, Text
from nlu import INTENTS, URGENT_INTENTS

TEXT_LIMIT = 1500
# Answered by UI strings (locales), not cards; urgent intents are answered by dialogs.
UI_ONLY_INTENTS = frozenset({"greet", "thanks_bye", "out_of_scope"})
CARD_INTENTS = tuple(i for i in INTENTS if i not in UI_ONLY_INTENTS | URGENT_INTENTS)
REVIEW_STATUSES = frozenset({"needs_legal_review", "reviewed"})
ACTIONS = frozenset(
    {"human", "safety_plan", "hotlines", "region", "quiz", "myths", "exit", "forget"}
)
# Article numbers legal-facts marks UNCONFIRMED: never shown to users.
FORBIDDEN_ARTICLES: tuple[str, ...] = ("108-1", "109-1", "73-1", "73-2", "73-3")
_ARTICLE_RE = re.compile(
    r"(?<![\d.,])(" + "|".join(re.escape(a) for a in FORBIDDEN_ARTICLES) + r")(?![\d])"
)
# Short service numbers (1xx, 1xxx) and long phone numbers (7+ digits with separators).
_SHORT_PHONE_RE = re.compile(r"(?<![\d.,\-–])\b1\d{2,3}\b(?![\d\-–.,]\d)(?!\s*%)")
_LONG_PHONE_RE = re.compile(r"(?<!\d)\+?\d(?:[\s\-()]*\d){6,}(?!\d)")
_MONEY_RE = re.compile(r"\d[\d\s.,]*\s*(?:тенге|теңге|tenge|₸)", re.I)
_FREE_WORDS = re.compile(r"бесплатн|тегін|free", re.I)
_SENTENCE_RE = re.compile(r"[^.!?\n]+")
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/\S*)?$")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def number_problems(text: str, allowed: set[str]) -> Iterator[str]:
    """Unconfirmed article numbers, unknown phone numbers, money amounts, "150 is free"."""
    for m in _ARTICLE_RE.finditer(text):
        yield f"unconfirmed article number {m[1]}"
    for m in [*_SHORT_PHONE_RE.finditer(text), *_LONG_PHONE_RE.finditer(text)]:
        if _digits(m[0]) not in allowed:
            yield f"phone-like number {m[0].strip()} not in services.yml"
    for m in _MONEY_RE.finditer(text):
        yield f"money amount {m[0].strip()} (penalty amounts are unconfirmed)"
    for sentence in _SENTENCE_RE.findall(text):
        if re.search(r"\b150\b", sentence) and _FREE_WORDS.search(sentence):
            yield "150 described as free (UNCONFIRMED)"


def _both(value: Text | dict[str, list[str]], what: str) -> Iterator[str]:
    for lang in LANGS:
        if not value.get(lang):
            yield f"missing {lang} {what}"


def _review_problems(review: Review) -> Iterator[str]:
    if review.status not in REVIEW_STATUSES:
        yield f"unknown review status {review.status!r}"
    elif review.status == "reviewed" and not (review.reviewer and review.date):
        yield "reviewed without reviewer and date"


def _ref_problems(refs: tuple[str, ...], kb: KnowledgeBase, required: bool) -> Iterator[str]:
    if required and not refs:
        yield "no sources"
    for ref in refs:
        if ref.startswith(("http://", "https://")):
            if not _URL_RE.match(ref):
                yield f"malformed URL {ref}"
        elif not kb.facts.knows(ref):
            yield f"source {ref} not in {FACTS_FILE}"


def _text_problems(kb: KnowledgeBase, texts: Text, allowed: set[str]) -> Iterator[str]:
    for lang, text in texts.items():
        if len(text) > TEXT_LIMIT:
            yield f"{lang} text has {len(text)} characters (limit {TEXT_LIMIT})"
        yield from (f"{lang}: {p}" for p in number_problems(text, allowed))


def card_problems(card: Card, kb: KnowledgeBase, allowed: set[str]) -> Iterator[str]:
    """Everything wrong with one card."""
    if not _ID_RE.match(card.id):
        yield "id is not kebab-case"
    if card.path is not None and card.path.stem != card.id:
        yield f"file name {card.path.name} does not match id"
    if card.path is not None and card.path.parent.name not in card.intents:
        yield f"folder {card.path.parent.name} is not one of the card's intents"
    if not card.intents:
        yield "no intents"
    for intent in card.intents:
        if intent not in INTENTS or intent in UI_ONLY_INTENTS:
            yield f"unknown or UI-only intent {intent}"
    for value, what in ((card.title, "title"), (card.text, "text"), (card.questions, "questions")):
        yield from _both(value, what)
    yield from _question_problems(card)
    yield from _ref_problems(card.sources, kb, required=True)
    yield from _review_problems(card.review)
    shown = {**card.text, **{f"{k} title": v for k, v in card.title.items()}}
    yield from _text_problems(kb, shown, allowed)
    yield from _followup_problems(card, {c.id for c in kb.cards})


def _question_problems(card: Card) -> Iterator[str]:
    for lang in LANGS:
        count = len(card.questions.get(lang, []))
        if count and not 3 <= count <= 8:
            yield f"{count} {lang} questions (want 3-8)"
    kk = card.questions.get("kk", [])
    if kk and all(_KK_LETTERS.search(q) for q in kk):
        yield "no kk question typed without Kazakh letters"


def _followup_problems(card: Card, ids: set[str]) -> Iterator[str]:
    for ref in card.followups:
        kind, _, target = ref.partition(":")
        if kind == "card" and target not in ids:
            yield f"followup to missing card {target}"
        elif kind == "action" and target not in ACTIONS:
            yield f"unknown followup action {target}"
        elif kind not in ("card", "action"):
            yield f"malformed followup {ref}"


def allowed_numbers(kb: KnowledgeBase) -> set[str]:
    """Digits of every phone number in services.yml."""
    return {_digits(s.phone) for s in [*kb.national, *kb.centres] if s.phone}


def service_problems(kb: KnowledgeBase) -> Iterator[str]:
    """National lines, regions and centres: names, sources, known regions."""
    region_ids = {r.id for r in kb.region_list}
    for s in [*kb.national, *kb.centres]:
        where = f"service {s.id or '?'}"
        yield from (f"{where}: {p}" for p in _both(s.name, "name"))
        yield from (f"{where}: {p}" for p in _ref_problems(s.sources, kb, required=True))
        if s.free not in (True, False, None):
            yield f"{where}: free must be true, false or null"
        if not s.date_verified:
            yield f"{where}: no date_verified"
        if s.kind != "national_line" and s.region not in region_ids:
            yield f"{where}: unknown region {s.region}"
    for r in kb.region_list:
        yield from (f"region {r.id or '?'}: {p}" for p in _both(r.name, "name"))
    for number in ("102", "112", "111"):
        if number not in {s.phone for s in kb.national}:
            yield f"national line {number} missing"


def quiz_problems(kb: KnowledgeBase, allowed: set[str]) -> Iterator[str]:
    """Quizzes: both languages, same option count, a valid correct answer."""
    for quiz in kb.quiz_list:
        yield from (f"quiz {quiz.id}: {p}" for p in _both(quiz.title, "title"))
        yield from (f"quiz {quiz.id}: {p}" for p in _review_problems(quiz.review))
        for q in quiz.questions:
            where = f"quiz {quiz.id}/{q.id}"
            for value, what in (
                (q.question, "question"),
                (q.explanation, "explanation"),
                (q.options, "options"),
            ):
                yield from (f"{where}: {p}" for p in _both(value, what))
            sizes = {len(q.options.get(lang, [])) for lang in LANGS}
            if len(sizes) != 1 or not 0 <= q.correct < min(sizes):
                yield f"{where}: options differ between languages or correct is out of range"
            yield from (f"{where}: {p}" for p in _ref_problems(q.sources, kb, required=False))
            shown = {
                **q.question,
                **{f"{k} explanation": v for k, v in q.explanation.items()},
                **{f"{k} options": " | ".join(v) for k, v in q.options.items()},
            }
            yield from (f"{where}: {p}" for p in _text_problems(kb, shown, allowed))


def myth_problems(kb: KnowledgeBase, allowed: set[str]) -> Iterator[str]:
    """Myth/fact pairs: both languages, valid sources and numbers."""
    for m in kb.myth_list:
        for value, what in ((m.myth, "myth"), (m.fact, "fact")):
            yield from (f"myth {m.id}: {p}" for p in _both(value, what))
        yield from (f"myth {m.id}: {p}" for p in _ref_problems(m.sources, kb, required=False))
        yield from (f"myth {m.id}: {p}" for p in _review_problems(m.review))
        shown = {**m.fact, **{f"{k} myth": v for k, v in m.myth.items()}}
        yield from (f"myth {m.id}: {p}" for p in _text_problems(kb, shown, allowed))


def coverage_problems(kb: KnowledgeBase) -> Iterator[str]:
    """Every card-answered intent of the contract needs at least one card."""
    covered = {i for c in kb.cards for i in c.intents}
    for intent in CARD_INTENTS:
        if intent not in covered:
            yield f"no card for intent {intent}"


def _duplicates(ids: list[str], what: str) -> Iterator[str]:
    for item, count in Counter(ids).items():
        if count > 1:
            yield f"duplicate {what} id {item}"


def facts_problems(root: Path, repo_root: Path) -> Iterator[str]:
    """The vendored fact sheet must equal ../shared/legal-facts.md when that file exists."""
    shared = repo_root.parent / "shared" / FACTS_FILE
    vendored = root / FACTS_FILE
    if shared.exists() and shared.read_bytes() != vendored.read_bytes():
        yield f"{vendored} differs from {shared}: copy the shared file again"


def run_checks(root: Path, repo_root: Path) -> list[str]:
    """All problems in the knowledge directory; an empty list means it may ship."""
    problems = list(facts_problems(root, repo_root))
    try:
        kb = KnowledgeBase.load(root)
    except (ValueError, OSError) as exc:
        return [*problems, f"cannot load: {exc}"]
    allowed = allowed_numbers(kb)
    for card in kb.cards:
        problems += [f"card {card.id}: {p}" for p in card_problems(card, kb, allowed)]
    problems += _duplicates([c.id for c in kb.cards], "card")
    problems += _duplicates([s.id for s in [*kb.national, *kb.centres]], "service")
    problems += _duplicates([r.id for r in kb.region_list], "region")
    problems += list(coverage_problems(kb))
    problems += list(service_problems(kb))
    problems += list(quiz_problems(kb, allowed))
    problems += list(myth_problems(kb, allowed))
    return problems
