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
N_MARKERS = 4


def marker_features(text: str) -> np.ndarray:
    """Shares of words that are Kazakh-lettered, Kazakh markers, Russian markers; Latin q-like."""
    raw_words = _WORD_RE.findall(text.lower())
    norm_words = _WORD_RE.findall(normalize(text))
    n_raw, n_norm = max(len(raw_words), 1), max(len(norm_words), 1)
    kk_lettered = sum(1 for w in raw_words if KK_LETTERS.intersection(w)) / n_raw
    kk_latin = sum(1 for w in raw_words if KK_LATIN_LETTERS.intersection(w)) / n_raw
    kk_words = sum(1 for w in norm_words if w in KK_MARKERS) / n_norm
    ru_words = sum(1 for w in norm_words if w in RU_MARKERS) / n_norm
    return np.array([kk_lettered, kk_latin, kk_words, ru_words], dtype=np.float64)


@lru_cache(maxsize=1)
def _default_model() -> IntentModel:
    from nlu import load_model

    return load_model()


def detect_lang(text: str) -> str:
    """'kk' or 'ru' for one message, with the default trained model."""
    model = _default_model()
    return model.detect_lang(text)
