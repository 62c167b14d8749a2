"""Language id (kk/ru): a linear head on the intent features plus Kazakh/Russian marker rules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from nlu.normalize import normalize

if TYPE_CHECKING:
    from nlu.model import IntentModel


def _words(text: str) -> frozenset[str]:
    """A whitespace-separated word list as a set."""
    return frozenset(text.split())


KK_LETTERS = frozenset("әғқңөұүһі")
KK_LATIN_LETTERS = frozenset("qäğñöūüışwáóúýǵń")  # 2021 and 2018 Kazakh Latin
# Frequent Kazakh words, in normalised (folded, Cyrillic) form; none is a common Russian word.
KK_MARKERS = _words(
    """мен сен ол биз сиз сиздер олар мени сени оны маган саган оган бизге сизге керек жок бар
    емес ма ме ба бе па пе ким нег калай кайда канша кашан истеу истей гой гана рахмет
    салем саламатсыз кош жане пен бен уй бала балам балалар куйеуим куйеу айелим айел апа
    ага аке шеше енем кайын урды урады урып жатыр коркамын корыкам комек комектесиндер
    комектесиниз кажет болады болмайды келеди келмейди айтыныз бериниз бола екен деп дейди
    деген сол осы мына анау кез казир тез ертен бугин кеше"""
)
RU_MARKERS = _words(
    """и в во на я что он она оно они меня мне мой моя мои как это с со у по за но да нет так
    все всё если только бы ли же ещё еще уже его ее её их вы вас вам ты тебя тебе был была
    было были когда где куда почему зачем можно нужно надо очень сейчас муж жена помогите
    делать хочу могу может"""
)
_WORD_RE = re.compile(r"\w+")
# A word (run of \w) containing a Kazakh letter / a Kazakh-Latin letter (the definition; the
# fast path below tests each run for the letters instead).
_KK_WORD_RE = re.compile(rf"\w*[{''.join(sorted(KK_LETTERS))}]\w*")
_KK_LATIN_WORD_RE = re.compile(rf"\w*[{''.join(sorted(KK_LATIN_LETTERS))}]\w*")
_KK_CHAR_RE = re.compile(rf"[{''.join(sorted(KK_LETTERS))}]")
_KK_LATIN_CHAR_RE = re.compile(rf"[{''.join(sorted(KK_LATIN_LETTERS))}]")
# Kazakh case/person/plural endings on a word of 4+ letters (normalised): catches Russian
# stems with Kazakh grammar ("сестрамнын", "заявлениени"), which make a message Kazakh.
_KK_SUFFIXES = (
    "нын", "нин", "дын", "дин", "тын", "тин", "ымнын", "ымды", "мды", "мди", "га", "ге", "ка",
    "ке", "дан", "ден", "тан", "тен", "нан", "нен", "мын", "мин", "пын", "пин", "бын", "бин",
    "сыз", "сиз", "лар", "лер", "дар", "дер", "тар", "тер", "ымыз", "имиз", "ынды", "инди",
)
# Russian verb/adjective endings typical of Russian grammar on a 4+ letter word.
_RU_SUFFIXES = (
    "ает", "яет", "ует", "ить", "ать", "ять", "еть", "ется", "ится", "ешь", "ишь", "ого", "его",
    "ому", "ыми", "ими", "ость", "ение",
)
# The definitions (a run of \w: 2+ characters, then an ending); the fast path below asks
# whether the run minus its first two characters ends with one, which is the same question.
_KK_SUFFIX_RE = re.compile(rf"\b\w{{2,}}(?:{'|'.join(_KK_SUFFIXES)})\b")
_RU_SUFFIX_RE = re.compile(rf"\b\w{{2,}}(?:{'|'.join(_RU_SUFFIXES)})\b")
N_MARKERS = 6


def _lettered(runs: list[str], text: str, has: re.Pattern[str], letters: frozenset[str]) -> int:
    """How many \\w runs contain one of `letters` (most texts have none: one C search)."""
    if has.search(text) is None:
        return 0
    return sum(1 for run in runs if not letters.isdisjoint(run))


def marker_features(text: str, norm: str | None = None) -> np.ndarray:
    """Shares of words that are Kazakh-lettered, Kazakh markers, Russian markers; Latin q-like.

    Counted over the whole text, a few C-level calls and one short loop over its \\w runs (no
    per-word cache needed). `norm`, when given, must be `normalize(text)` (the caller has it).
    """
    low = text.lower()
    raw = _WORD_RE.findall(low)
    norm = normalize(text) if norm is None else norm
    words = norm.split()
    # A normalised word is one \w run, unless it is an emoji token ("<emoji:sos>").
    runs = words if "<" not in norm else _WORD_RE.findall(norm)
    n_raw, n_norm = max(len(raw), 1), max(len(words), 1)
    return np.array(
        [
            _lettered(raw, low, _KK_CHAR_RE, KK_LETTERS) / n_raw,
            _lettered(raw, low, _KK_LATIN_CHAR_RE, KK_LATIN_LETTERS) / n_raw,
            sum(map(KK_MARKERS.__contains__, words)) / n_norm,
            sum(map(RU_MARKERS.__contains__, words)) / n_norm,
            sum(1 for run in runs if run[2:].endswith(_KK_SUFFIXES)) / n_norm,
            sum(1 for run in runs if run[2:].endswith(_RU_SUFFIXES)) / n_norm,
        ],
        dtype=np.float64,
    )


@lru_cache(maxsize=1)
def _default_model() -> IntentModel:
    from nlu import load_model

    return load_model()


def detect_lang(text: str) -> str:
    """'kk' or 'ru' for one message, with the default trained model."""
    model = _default_model()
    return model.detect_lang(text)


# English is outside the contract (kk/ru), but someone in danger may write in it. The classifier
# cannot read it (normalisation turns Latin letters into Cyrillic, as for Kazakh Latin and
# Russian translit), so its urgent score on English is noise ("I need a lawyer" scored urgent,
# "He is hitting me" did not). `looks_english` lets the model leave English danger to the
# English safety net. Frequent English words only; none is a common Kazakh-Latin or
# Russian-translit word ("men", "ol", "me", "be", "it", "so", "on", "da", "no" are left out).
EN_MARKERS = _words(
    """i a an the is are am was were been my mine you your he she him her his we our us they
    them their this that these those what where when how why who which can could would should
    will shall have has had do does did don't doesn't didn't can't won't isn't i'm i've it's
    he's she's not with for from about of at in into to and or but if there here please need
    want help get know think just very some any all one then than because after before now
    again also only still always never every husband wife boyfriend girlfriend partner
    children child kids police court lawyer money phone home house family friend hit hits
    hitting beat beats beating hurt hurts hurting scared afraid leave divorce"""
)
_EN_TOKEN_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def looks_english(text: str) -> bool:
    """A message written in English: no Cyrillic letter, and at least two of its words, and
    at least half of them, frequent English words (Kazakh Latin and Russian translit are not:
    checked on every data line)."""
    low = text.lower().replace("\u2019", "'")
    if _CYRILLIC_RE.search(low):
        return False
    tokens = _EN_TOKEN_RE.findall(low)
    if len(tokens) < 2:
        return False
    known = sum(map(EN_MARKERS.__contains__, tokens))
    return known >= 2 and 2 * known >= len(tokens)
