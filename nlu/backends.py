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
        """Map Rasa's parse response; unknown intent names raise ValueError (-> fallback).

        Rasa names the intent; the urgent decision is never Rasa's alone. The local model's
        urgent rule (its recall-0.99 cut, the message without its neutral edges, each
        sentence alone, the safety net) runs on every message too - under a millisecond - and
        the message is urgent when either says so: Rasa's top intent carries no such
        guarantee (nlu/README.md, "The urgent rule"). The safety net is also asked directly,
        so no failure of the local classifier can silence it.
        """
        name = str(payload["intent"]["name"])
        if name not in INTENTS:
            raise ValueError("intent outside the contract")
        confidence = float(payload["intent"]["confidence"])
        ranking = tuple(
            (str(r["name"]), float(r["confidence"])) for r in payload.get("intent_ranking", [])
        )
        local = self.local.predict(text)
        hit = scan(text)
        remote_urgent = name in URGENT_INTENTS
        net = hit is not None or local.urgent_source in ("lexicon", "both")
        classifier = remote_urgent or (local.urgent and local.urgent_source != "lexicon")
        urgent = remote_urgent or local.urgent or hit is not None
        if remote_urgent or not urgent:
            intent = name
        elif local.urgent:
            intent = local.intent
        else:
            assert hit is not None
            intent = hit.intent
        if urgent and not remote_urgent:  # never "rephrase" an urgent message
            confidence = max(confidence, self.threshold)
        source = {(True, True): "both", (True, False): "classifier", (False, True): "lexicon"}
        return NluResult(
            intent=intent,
            confidence=confidence,
            urgent=urgent,
            lang=local.lang,
            ranking=ranking[:3],
            urgent_source=source.get((classifier, net), "") if urgent else "",
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
