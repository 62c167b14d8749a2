"""Classification that cannot take the emergency path down with it."""

from __future__ import annotations

import logging
import re

from bot.context import App
from nlu import NluResult

log = logging.getLogger(__name__)
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


async def safe_classify(app: App, text: str, fallback_lang: str) -> NluResult:
    """The NLU result; if the model fails, the urgent lexicon alone, never an exception."""
    try:
        result: NluResult = await app.nlu.classify(text)
        return result
    except Exception:
        log.exception("intent model failed; falling back to the urgent lexicon")
    lang = "kk" if _KAZAKH_LETTERS.search(text) else fallback_lang
    try:
        from nlu.urgent import scan

        hit = scan(text)
    except Exception:
        log.exception("urgent lexicon failed too")
        hit = None
    if hit is not None:
        return NluResult(hit.intent, 1.0, True, lang, urgent_source="lexicon")
    return NluResult("out_of_scope", 0.0, False, lang)
