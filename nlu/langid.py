"""Language id (kk/ru): a linear head on the intent features plus Kazakh/Russian marker rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
KK_LATIN_LETTERS = frozenset("qäğñöūüışw")
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
# A word (run of \w) containing a Kazakh letter / a Kazakh-Latin letter, counted in C.
_KK_WORD_RE = re.compile(rf"\w*[{''.join(sorted(KK_LETTERS))}]\w*")
_KK_LATIN_WORD_RE = re.compile(rf"\w*[{''.join(sorted(KK_LATIN_LETTERS))}]\w*")
# Kazakh case/person/plural endings on a word of 5+ letters (normalised): catches Russian
# stems with Kazakh grammar ("сестрамнын", "заявлениени"), which make a message Kazakh.
_KK_SUFFIX_RE = re.compile(
    r"\b\w{2,}(?:нын|нин|дын|дин|тын|тин|ымнын|ымды|мды|мди|га|ге|ка|ке|дан|ден|тан|тен|нан|нен|"
    r"мын|мин|пын|пин|бын|бин|сыз|сиз|лар|лер|дар|дер|тар|тер|ымыз|имиз|ынды|инди)\b"
)
# Russian verb/adjective endings typical of Russian grammar on a 5+ letter word.
_RU_SUFFIX_RE = re.compile(
    r"\b\w{2,}(?:ает|яет|ует|ить|ать|ять|еть|ется|ится|ешь|ишь|ого|его|ому|ыми|ими|ость|ение)\b"
)
N_MARKERS = 6


@lru_cache(maxsize=65536)
def _raw_word(token: str) -> tuple[int, int, int]:
    """(words, Kazakh-lettered words, Kazakh-Latin words) in one lower-cased raw token."""
    return (
        len(_WORD_RE.findall(token)), len(_KK_WORD_RE.findall(token)),
        len(_KK_LATIN_WORD_RE.findall(token)),
    )


@lru_cache(maxsize=65536)
def _norm_word(word: str) -> tuple[int, int, int, int]:
    """(Kazakh marker, Russian marker, Kazakh endings, Russian endings) of one normalised word."""
    return (
        word in KK_MARKERS, word in RU_MARKERS,
        len(_KK_SUFFIX_RE.findall(word)), len(_RU_SUFFIX_RE.findall(word)),
    )


def clear_caches() -> None:
    """Forget the per-word marker counts (see `nlu.clear_caches`)."""
    _raw_word.cache_clear()
    _norm_word.cache_clear()


def _col_sums(rows: Sequence[tuple[int, ...]], width: int) -> list[int]:
    """Column sums of per-word count tuples (zeros for an empty message)."""
    return [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * width


def marker_features(text: str, norm: str | None = None) -> np.ndarray:
    """Shares of words that are Kazakh-lettered, Kazakh markers, Russian markers; Latin q-like.

    Counted per word with cached look-ups (words repeat across messages); a \\w run never
    spans whitespace, so this equals running the regexes over the whole text. `norm`, when
    given, must be `normalize(text)` (the caller already has it).
    """
    raw = [_raw_word(t) for t in text.lower().split()]
    n_raw, kk_lettered, kk_latin = _col_sums(raw, 3)
    counts = [_norm_word(w) for w in (normalize(text) if norm is None else norm).split()]
    kk_words, ru_words, kk_suffix, ru_suffix = _col_sums(counts, 4)
    n_raw, n_norm = max(n_raw, 1), max(len(counts), 1)
    return np.array(
        [kk_lettered / n_raw, kk_latin / n_raw, kk_words / n_norm, ru_words / n_norm,
         kk_suffix / n_norm, ru_suffix / n_norm], dtype=np.float64,
    )


@lru_cache(maxsize=1)
def _default_model() -> IntentModel:
    from nlu import load_model

    return load_model()


def detect_lang(text: str) -> str:
    """'kk' or 'ru' for one message, with the default trained model."""
    model = _default_model()
    return model.detect_lang(text)
