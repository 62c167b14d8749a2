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

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "rasa_parse.json").read_text("utf-8"))


class FakeLocal:
    """Stands in for the local model; records calls so fallback is observable."""

    threshold = 0.42

    def __init__(self) -> None:
        self.calls: list[str] = []

    def predict(self, text: str) -> NluResult:
        self.calls.append(text)
        return NluResult("out_of_scope", 0.5, False, "ru")

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
    assert result.lang == "ru" and local.calls == []


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
