"""aiohttp app serving the Bot API, file downloads, the control API and the playground."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web

from devtools.emulator import control
from devtools.emulator.dispatch import execute
from devtools.emulator.errors import ApiError
from devtools.emulator.params import Params
from devtools.emulator.world import World

log = logging.getLogger(__name__)
PLAYGROUND_DIR = Path(__file__).resolve().parent.parent / "playground" / "static"


async def _read_params(request: web.Request) -> Params:
    """Parse query string plus a urlencoded, multipart or JSON body."""
    values: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.read()
        values.update(json.loads(body) if body else {})
        return Params(values)
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request, values)
    if request.can_read_body:
        values.update(dict(await request.post()))
    return Params(values)


async def _read_multipart(request: web.Request, values: dict[str, Any]) -> Params:
    params = Params(values)
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename is not None:
            params.files[part.name] = bytes(await part.read())
            params.filenames[part.name] = part.filename
        else:
            values[part.name] = await part.text()
    return params


async def bot_api(request: web.Request) -> web.Response:
    """`/bot{token}/{method}`: run a method and answer in Telegram's envelope."""
    world = request.app[control.WORLD_KEY]
    try:
        world.use_token(request.match_info["token"])
        params = await _read_params(request)
        result = await execute(world, request.match_info["method"], params)
    except ApiError as exc:
        return web.json_response(exc.payload(), status=exc.code)
    except Exception:  # an emulator bug must look like a server error, not a hang
        log.exception("emulator failure in %s", request.match_info["method"])
        body = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        return web.json_response(body, status=500)
    return web.json_response({"ok": True, "result": result})


async def file_download(request: web.Request) -> web.Response:
    """`/file/bot{token}/{path}`: download bytes stored by an upload."""
    world = request.app[control.WORLD_KEY]
    path = request.match_info["path"]
    for stored in world.files.values():
        if stored.file_path == path:
            return web.Response(body=stored.data,
                                content_type=stored.mime_type or "application/octet-stream")
    return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"},
                             status=404)


async def playground_index(request: web.Request) -> web.FileResponse:
    """Serve the playground single page."""
    return web.FileResponse(PLAYGROUND_DIR / "index.html")


def build_app(world: World | None = None) -> web.Application:
    """Create the aiohttp application around a (new) World."""
    app = web.Application(middlewares=[control.control_errors], client_max_size=60 * 2**20)
    app[control.WORLD_KEY] = world or World()
    app.router.add_route("*", "/bot{token}/{method}", bot_api)
    app.router.add_get("/file/bot{token}/{path:.+}", file_download)
    app.add_routes(control.routes)
    if PLAYGROUND_DIR.is_dir():
        app.router.add_get("/", playground_index)
        app.router.add_static("/static/", PLAYGROUND_DIR)
    app.on_cleanup.append(_close_world)
    return app


async def _close_world(app: web.Application) -> None:
    await app[control.WORLD_KEY].updates.close()


class EmulatorServer:
    """In-process emulator: `await EmulatorServer(port=0).start()`, then use `.url`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host, self.port = host, port
        self.world = World()
        self.app = build_app(self.world)
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """Base URL for `TelegramAPIServer.from_base(...)` and the control client."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> EmulatorServer:
        """Bind and start serving; with port=0 a free port is chosen."""
        # Long polls still open at stop() must not hold shutdown for the default 60 s.
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop serving and the webhook deliverer."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> EmulatorServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
