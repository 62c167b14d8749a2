"""Rasa backend contract: recorded /model/parse response served by a local aiohttp server."""

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from nlu import NluResult
from nlu.backends import LocalBackend, RasaBackend, make_backend
from nlu.urgent import scan

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "rasa_parse.json").read_text("utf-8"))


class FakeLocal:
    """Stands in for the local model; records calls so its use is observable."""

    threshold = 0.42

    def __init__(self, answer: NluResult | None = None) -> None:
        self.calls: list[str] = []
        self.answer = answer or NluResult("out_of_scope", 0.5, False, "ru")

    def predict(self, text: str) -> NluResult:
        self.calls.append(text)
        return self.answer

    def detect_lang(self, text: str) -> str:
        return "ru"


async def _serve(handler: Any) -> TestServer:
    app = web.Application()
    app.router.add_post("/model/parse", handler)
    server = TestServer(app)
    await server.start_server()
    return server


async def test_maps_recorded_response() -> None:
    seen: list[dict[str, Any]] = []

    async def parse(request: web.Request) -> web.Response:
        seen.append(await request.json())
        return web.json_response(FIXTURE)

    server = await _serve(parse)
    local = FakeLocal()
    try:
        result = await RasaBackend(str(server.make_url("/")), local).classify(FIXTURE["text"])
    finally:
        await server.close()
    assert seen == [{"text": FIXTURE["text"]}]
    assert (result.intent, result.confidence, result.urgent) == ("is_it_abuse", 0.8731, False)
    assert result.ranking[0] == ("is_it_abuse", 0.8731) and len(result.ranking) == 3
    # The local model is asked once, for its urgent rule and the language, never for the intent.
    assert result.lang == "ru" and local.calls == [FIXTURE["text"]]
    assert result.urgent_source == ""


async def test_local_urgent_rule_overrides_a_calm_remote_intent() -> None:
    """Rasa's top intent has no recall guarantee: a message the local rule calls urgent (here
    without the safety net: a danger the classifier, its core or a sentence caught) stays
    urgent, with the local intent, a confidence that is never 'rephrase', Rasa's ranking."""

    async def parse(request: web.Request) -> web.Response:
        return web.json_response(FIXTURE)  # is_it_abuse, whatever the text

    server = await _serve(parse)
    answer = NluResult("child_danger", 0.31, True, "kk", urgent_source="classifier")
    local = FakeLocal(answer)
    try:
        backend = RasaBackend(str(server.make_url("/")), local, threshold=0.9)
        result = await backend.classify("Балам жылап жатыр, ол оны тағы ұстап алды")
    finally:
        await server.close()
    assert result.urgent and result.intent == "child_danger"
    assert result.urgent_source == "classifier" and result.lang == "kk"
    assert result.confidence == 0.9 and result.ranking[0] == ("is_it_abuse", 0.8731)


async def test_remote_urgent_intent_is_kept() -> None:
    payload = {"intent": {"name": "self_harm", "confidence": 0.55}, "intent_ranking": []}

    async def parse(request: web.Request) -> web.Response:
        return web.json_response(payload)

    server = await _serve(parse)
    local = FakeLocal(NluResult("danger_now", 0.7, True, "ru", urgent_source="lexicon"))
    try:
        result = await RasaBackend(str(server.make_url("/")), local).classify("не хочу жить")
    finally:
        await server.close()
    assert (result.intent, result.urgent, result.urgent_source) == ("self_harm", True, "both")
    assert result.confidence == 0.55


async def test_safety_net_overrides_remote_intent() -> None:
    async def parse(request: web.Request) -> web.Response:
        return web.json_response(FIXTURE)  # says is_it_abuse whatever the text

    server = await _serve(parse)
    try:
        backend = RasaBackend(str(server.make_url("/")), FakeLocal())
        result = await backend.classify("Он меня душит, помогите")
    finally:
        await server.close()
    assert result.urgent and result.intent == "danger_now" and result.urgent_source == "lexicon"


@pytest.mark.parametrize("mode", ["500", "timeout", "bad-intent"])
async def test_falls_back_to_local(mode: str) -> None:
    async def parse(request: web.Request) -> web.Response:
        if mode == "timeout":
            await asyncio.sleep(1.0)
        if mode == "bad-intent":
            return web.json_response({"intent": {"name": "nlu_fallback", "confidence": 0.3}})
        return web.Response(status=500)

    server = await _serve(parse)
    local = FakeLocal()
    try:
        backend = RasaBackend(str(server.make_url("/")), local, timeout_s=0.2)
        result = await backend.classify("привет")
    finally:
        await server.close()
    assert local.calls == ["привет"] and result.intent == "out_of_scope"


async def test_make_backend() -> None:
    local = FakeLocal()
    assert isinstance(make_backend("local", None, model=local), LocalBackend)
    assert isinstance(make_backend("rasa", "http://127.0.0.1:1", model=local), RasaBackend)
    with pytest.raises(ValueError):
        make_backend("rasa", None, model=local)
    with pytest.raises(ValueError):
        make_backend("spacy", None, model=local)


def test_both_backends_expose_the_rephrase_threshold() -> None:
    local = FakeLocal()
    assert LocalBackend(local).threshold == 0.42
    assert RasaBackend("http://127.0.0.1:1", local).threshold == 0.42
    assert RasaBackend("http://127.0.0.1:1", local, threshold=0.7).threshold == 0.7


async def test_real_model_keeps_a_buried_danger_urgent() -> None:
    """With the real model: Rasa reads the long alimony question first and answers
    family_law; the danger told after it still makes the message urgent, as it does with the
    local backend alone. Lines that only the classifier side catches (no safety-net hit)."""
    from nlu import load_model

    model = load_model()
    payload = {"intent": {"name": "family_law", "confidence": 0.93}, "intent_ranking": []}

    async def parse(request: web.Request) -> web.Response:
        return web.json_response(payload)

    server = await _serve(parse)
    opening = (
        "Здравствуйте, хотела спросить про алименты: муж платит не каждый месяц, суммы разные, "
        "можно ли подать на твёрдую сумму без адвоката и сколько это длится? "
    )
    dangers = [
        "Он допивает вторую бутылку и смотрит на меня не моргая",
        "Сижу в шкафу с сыном, слышу его шаги",
    ]
    backend = RasaBackend(str(server.make_url("/")), model)
    try:
        for danger in dangers:
            local = model.predict(opening + danger)
            # The premise: the local rule catches it, and not by the safety net.
            assert local.urgent and scan(opening + danger) is None, danger
            result = await backend.classify(opening + danger)
            assert result.urgent and result.intent == local.intent, danger
            assert result.urgent_source == local.urgent_source
    finally:
        await server.close()
