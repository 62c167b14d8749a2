"""Text normalisation shared by training, prediction, language id and the safety net."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kazakh-specific letters folded to their "phone keyboard" look-alikes, plus ё/й/ъ variants
# (й->и so that translit "seichas", "soboi" meet Cyrillic "сейчас", "собой").
_FOLD = str.maketrans(
    {
        "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
        "і": "и", "ё": "е", "й": "и", "ъ": "ь",
    }
)

# Latin (2021 Kazakh alphabet, informal phone Latin, Russian translit) -> Cyrillic.
# Multi-letter sequences first; longest match wins.
_LATIN_MULTI = {
    "shch": "щ", "sch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц",
    "gh": "г", "ya": "я", "yu": "ю", "yo": "е", "ye": "е", "ia": "я", "iu": "ю",
    "ıa": "я", "ıu": "ю", "ıý": "ю",  # 2018 Kazakh Latin ("oıanýdan" = оянудан)
}
# 2021 alphabet: "ı" is і (folded to и), "y" is ы ("bılım" = білім, "qorqamyn").
_LATIN_SINGLE = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х",
    "y": "ы", "z": "з", "ä": "а", "ğ": "г", "ñ": "н", "ö": "о", "ū": "у", "ü": "у",
    "ı": "и", "ş": "ш", "ç": "ч", "é": "е", "'": "ь", "’": "ь",
    # the 2018 Kazakh Latin alphabet (acute accents): á ә, ó ө, ú ү, ý у, ǵ ғ, ń ң
    "á": "а", "ó": "о", "ú": "у", "ý": "у", "ǵ": "г", "ń": "н",
}
# An apostrophe after a consonant is the ь of Russian translit ("b'et"); after a vowel it is
# the 2017 Kazakh Latin alphabet's letter mark ("o'ltiremin" = өлтіремін) and is dropped.
_LATIN_RE = re.compile(
    "|".join(sorted(_LATIN_MULTI, key=len, reverse=True))
    + "|[a-zäğñöūüışçéáóúýǵń]|(?<=[a-z])['’]"
)

# "y" after a vowel is the й of "moy", "seychas", not the ы of "qorqamyn".
_Y_AS_I_RE = re.compile("(?<=[aeiouäöüū])y(?![aeiouäöüū])")

# Emoji that carry meaning for this bot become stable word tokens.
EMOJI_NAMES = {
    "🆘": "sos", "🔪": "knife", "🗡": "knife", "🔫": "gun", "🪓": "axe", "😢": "cry", "😭": "cry",
    "😿": "cry", "🥺": "cry", "😰": "fear", "😨": "fear", "😱": "fear", "😥": "fear",
    "🙏": "pray", "💔": "broken_heart", "😡": "angry", "🤬": "angry", "😠": "angry",
    "👊": "fist", "🤜": "fist", "✊": "fist", "🩸": "blood", "🤕": "hurt", "🚓": "police",
    "🚨": "police", "👮": "police", "☎": "phone", "📞": "phone", "📱": "phone",
    "❤": "heart", "💕": "heart", "🥰": "heart", "😍": "heart", "👋": "wave",
    "😊": "smile", "🙂": "smile", "😀": "smile", "😃": "smile", "😄": "smile", "😁": "smile",
    "👍": "ok", "👌": "ok", "😂": "laugh", "🤣": "laugh", "😔": "sad", "😞": "sad",
    "🙁": "sad", "☹": "sad", "😩": "sad", "💀": "skull", "☠": "skull", "⚰": "coffin",
    "🏠": "house", "🏡": "house", "👶": "child", "👧": "child", "👦": "child", "🧒": "child",
    "💊": "pills", "🪢": "rope", "🔒": "lock", "🔐": "lock", "🚪": "door", "🤐": "secret",
    "🗑": "delete", "❓": "question", "❔": "question", "🤔": "question", "⚖": "law",
    "🚑": "ambulance", "🏥": "hospital", "💸": "money", "💰": "money", "🧳": "bag",
}
_IGNORABLE = {"\ufe0f", "\ufe0e", "\u200d", "\u200b", "\u00ad"}
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
_SPACE_RE = re.compile(r"\s+")
_NONWORD_RE = re.compile(r"[^\w\s]|_")
_EMOJI_TOKEN_RE = re.compile(r"<emoji:[a-z0-9_]+>")
_HAS_LATIN_RE = re.compile(r"[a-zäğñöūüışçéáóúýǵń]")
# Common ASCII punctuation/symbols -> space in one C-level pass; the rest goes through _map_char.
_PUNCT = str.maketrans({ch: " " for ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„…–—№"})
# Both tables as one sequence indexed by code point: str.translate then does a C-level index
# per character instead of a dict miss (a raised and caught KeyError) per unmapped one.
# Characters past its end (emoji, rare symbols) raise IndexError, which also keeps them.
_FOLD_PUNCT: tuple[int | str, ...] = tuple(
    {**_FOLD, **_PUNCT}.get(i, i) for i in range(max({**_FOLD, **_PUNCT}) + 1)
)


def _latin_to_cyrillic(text: str) -> str:
    """Transliterate every Latin letter run; Cyrillic passes through untouched."""

    def repl(match: re.Match[str]) -> str:
        chunk = match.group(0)
        if chunk in "'’" and match.string[match.start() - 1] in "aeiou":
            return ""
        return _LATIN_MULTI.get(chunk) or _LATIN_SINGLE.get(chunk, chunk)

    return _LATIN_RE.sub(repl, _Y_AS_I_RE.sub("i", text))


def _is_emoji(ch: str) -> bool:
    """Symbols outside the letter/digit/punctuation classes (pictographs, dingbats)."""
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


def _map_char(ch: str) -> str:
    """Letters and digits stay, emoji become tokens, everything else a space."""
    if ch.isalnum() or ch == "ь":
        return ch
    if ch in _IGNORABLE:
        return ""
    name = EMOJI_NAMES.get(ch)
    if name:
        return f" <emoji:{name}> "
    if _is_emoji(ch):
        return f" <emoji:u{ord(ch):x}> "
    return " "


def fold_cyrillic(text: str) -> str:
    """Only the Cyrillic letter folding (used on hand-written regexes, which contain Latin)."""
    return text.translate(_FOLD)


TOKEN_CACHE_MAX = 65536  # normalised tokens kept (emptied when full: bounded memory)
_TOKENS: dict[str, str] = {}


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFC, lower case, Kazakh letter folding, Latin->Cyrillic, squeeze repeats, emoji tokens.

    Every step stays inside one whitespace-separated token (NFC and lower case never cross a
    space, the regexes never match one), so tokens are normalised through a cache: a new
    message usually has one or two words not seen before, and those are done in one pass.
    """
    tokens = text.split()
    got = list(map(_TOKENS.get, tokens))
    if None in got:  # (a local dict: safe even if another thread empties the cache)
        missing = [t for t, n in zip(tokens, got, strict=True) if n is None]
        fresh = dict(zip(missing, _normalize_tokens(missing), strict=True))
        if len(_TOKENS) + len(fresh) > TOKEN_CACHE_MAX:
            _TOKENS.clear()
        _TOKENS.update(fresh)
        got = [fresh[t] if n is None else n for t, n in zip(tokens, got, strict=True)]
    return " ".join([n for n in got if n])


def _normalize_tokens(tokens: list[str]) -> list[str]:
    """`_normalize_token` of each token, in one pass over the tokens joined by newlines.

    No step creates, removes or looks across a newline (it is whitespace, not a letter or
    punctuation, composes with nothing and is not case-ignorable), so each line comes out
    as its token would alone; `" ".join(line.split())` is `_SPACE_RE.sub(" ", line).strip()`.
    """
    return [" ".join(line.split()) for line in _unsqueezed("\n".join(tokens)).split("\n")]


def _normalize_token(text: str) -> str:
    """`normalize` of one token (or of any text: the reference, used by the equality test)."""
    return _SPACE_RE.sub(" ", _unsqueezed(text)).strip()


def _unsqueezed(text: str) -> str:
    """Every normalisation step but the last (runs of whitespace are not squeezed yet)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("i̇", "i")  # Turkish dotted capital I lower-cases to i + combining dot
    if _HAS_LATIN_RE.search(text):  # most messages are Cyrillic only: skip the Latin pass
        text = _latin_to_cyrillic(text)
    text = text.translate(_FOLD_PUNCT)  # = .translate(_FOLD).translate(_PUNCT)
    text = _NONWORD_RE.sub(lambda m: _map_char(m.group(0)), text)
    return _REPEAT_RE.sub(r"\1", text)


def clear_caches() -> None:
    """Forget every normalised message and token (see `nlu.clear_caches`)."""
    normalize.cache_clear()
    _TOKENS.clear()


def strip_emoji(norm: str) -> str:
    """Drop emoji tokens from an already normalised text (for similarity checks)."""
    return _SPACE_RE.sub(" ", _EMOJI_TOKEN_RE.sub(" ", norm)).strip()


def char_trigrams(norm: str) -> set[str]:
    """Character trigrams of a normalised text padded with spaces."""
    padded = f" {norm} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
