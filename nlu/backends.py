"""NLU backends for the bot: the local model, or a remote Rasa server with local fallback."""

from __future__ import annotations

import logging
from typing import Any, Protocol

import aiohttp

from nlu import INTENTS, URGENT_INTENTS, NluResult
from nlu.urgent import scan

log = logging.getLogger(__name__)


class Backend(Protocol):
    """What the bot calls."""

    @property
    def threshold(self) -> float:
        """Confidence below which the bot asks the user to rephrase."""
        ...

    async def classify(self, text: str) -> NluResult: ...


class Model(Protocol):
    """The local model's surface used here."""

    @property
    def threshold(self) -> float:
        """The model's rephrase threshold (chosen by cross-validation)."""
        ...

    def predict(self, text: str) -> NluResult: ...

    def detect_lang(self, text: str) -> str: ...


class LocalBackend:
    """The in-process scikit-learn model (CPU-bound but well under a millisecond)."""

    def __init__(self, model: Model) -> None:
        self.model = model

    @property
    def threshold(self) -> float:
        """The local model's rephrase threshold."""
        return float(self.model.threshold)

    async def classify(self, text: str) -> NluResult:
        """Classify locally."""
        return self.model.predict(text)


class RasaBackend:
    """POST {"text"} to RASA_URL/model/parse; safety net and language always local."""

    def __init__(
        self, url: str, local: Model, timeout_s: float = 2.0, threshold: float | None = None
    ) -> None:
        self.url = url.rstrip("/") + "/model/parse"
        self.local = local
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._threshold = threshold

    @property
    def threshold(self) -> float:
        """Rephrase threshold: the one given (Rasa's scale) or else the local model's."""
        return float(self.local.threshold if self._threshold is None else self._threshold)

    async def classify(self, text: str) -> NluResult:
        """Remote intent; on any error or timeout, the local model's answer."""
        try:
            async with (
                aiohttp.ClientSession(timeout=self.timeout) as session,
                session.post(self.url, json={"text": text}) as resp,
            ):
                resp.raise_for_status()
                payload: dict[str, Any] = await resp.json()
            return self.from_rasa(payload, text)
        except (TimeoutError, aiohttp.ClientError, ValueError, KeyError, TypeError):
            log.warning("Rasa backend unavailable; using the local model")  # no text logged
            return self.local.predict(text)

    def from_rasa(self, payload: dict[str, Any], text: str) -> NluResult:
        """Map Rasa's parse response; unknown intent names raise ValueError (-> fallback)."""
        name = str(payload["intent"]["name"])
        if name not in INTENTS:
            raise ValueError("intent outside the contract")
        ranking = tuple(
            (str(r["name"]), float(r["confidence"])) for r in payload.get("intent_ranking", [])
        )
        hit = scan(text)
        clf_urgent = name in URGENT_INTENTS
        intent = name if clf_urgent or hit is None else hit.intent
        source = {(True, True): "both", (True, False): "classifier", (False, True): "lexicon"}
        return NluResult(
            intent=intent,
            confidence=float(payload["intent"]["confidence"]),
            urgent=clf_urgent or hit is not None,
            lang=self.local.detect_lang(text),
            ranking=ranking[:3],
            urgent_source=source.get((clf_urgent, hit is not None), ""),
        )


def make_backend(name: str, url: str | None = None, model: Model | None = None) -> Backend:
    """'local' or 'rasa' (needs url); the local model is loaded if not given."""
    if model is None:
        from nlu import load_model

        model = load_model()
    if name == "local":
        return LocalBackend(model)
    if name == "rasa":
        if not url:
            raise ValueError("NLU_BACKEND=rasa needs RASA_URL")
        return RasaBackend(url, model)
    raise ValueError(f"unknown NLU backend {name!r} (expected 'local' or 'rasa')")
