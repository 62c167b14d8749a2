"""Control API (`/_control/...`): drive simulated people and inspect emulator state."""

from __future__ import annotations

from collections import deque
from typing import Any

from aiohttp import web

from devtools.emulator import actions
from devtools.emulator.errors import ApiError, too_many_requests
from devtools.emulator.world import World

DEFAULT_DESCRIPTIONS = {400: "Bad Request: injected failure", 403: "Forbidden: bot was blocked "
                        "by the user", 404: "Not Found", 409: "Conflict: injected failure",
                        500: "Internal Server Error", 502: "Bad Gateway"}
routes = web.RouteTableDef()
WORLD_KEY = web.AppKey("world", World)


def _world(request: web.Request) -> World:
    return request.app[WORLD_KEY]


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


@web.middleware
async def control_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Turn ApiError/KeyError in control calls into JSON errors."""
    try:
        return await handler(request)
    except ApiError as exc:
        return web.json_response(exc.payload(), status=exc.code)
    except (KeyError, ValueError, TypeError) as exc:
        body = {"ok": False, "error_code": 400, "description": f"bad control request: {exc!r}"}
        return web.json_response(body, status=400)


@routes.post("/_control/users")
async def create_user(request: web.Request) -> web.Response:
    """Create a user (and their private chat with the bot)."""
    user = actions.create_user(_world(request), await request.json())
    return _ok(user.to_api())


@routes.post("/_control/users/{user_id}/block")
async def block_bot(request: web.Request) -> web.Response:
    """Make a user block (or unblock) the bot; sends then fail with 403."""
    world, spec = _world(request), await request.json()
    world.user(int(request.match_info["user_id"])).blocked_bot = bool(spec.get("blocked", True))
    return _ok(True)


@routes.post("/_control/forums")
async def create_forum(request: web.Request) -> web.Response:
    """Create a forum supergroup with members and bot rights."""
    world = _world(request)
    chat = actions.create_forum(world, await request.json())
    return _ok(world.chat_to_api(chat))


@routes.post("/_control/chats/{chat_id}/bot")
async def set_bot(request: web.Request) -> web.Response:
    """Change the bot's membership in a group (sends my_chat_member)."""
    world, spec = _world(request), await request.json()
    chat = world.chat(request.match_info["chat_id"])
    actions.set_bot_membership(world, chat, spec.get("status", "administrator"),
                               spec.get("rights"), spec.get("from_user_id"))
    return _ok(chat.bot_member.to_api(world.bot))


@routes.post("/_control/messages")
async def send(request: web.Request) -> web.Response:
    """A user sends a message (text, photo, document, sticker, voice, location, contact)."""
    world = _world(request)
    return _ok(world.message_view(actions.user_sends(world, await request.json())))


@routes.post("/_control/edit")
async def edit(request: web.Request) -> web.Response:
    """A user edits one of their messages."""
    world = _world(request)
    return _ok(world.message_view(actions.user_edits(world, await request.json())))


@routes.post("/_control/press")
async def press(request: web.Request) -> web.Response:
    """A user presses an inline button."""
    return _ok({"callback_query_id": actions.user_presses(_world(request),
                                                          await request.json())})


@routes.get("/_control/chats")
async def list_chats(request: web.Request) -> web.Response:
    """List every chat."""
    world = _world(request)
    return _ok([world.chat_to_api(chat) for chat in world.chats.values()])


@routes.get("/_control/chats/{chat_id}/messages")
async def messages(request: web.Request) -> web.Response:
    """Visible messages of a chat (`thread_id=N`, `thread_id=0` for General)."""
    world, query = _world(request), request.query
    chat = world.chat(request.match_info["chat_id"])
    wanted = query.get("thread_id")
    include_deleted = query.get("include_deleted") in ("1", "true")
    result = [world.message_view(m) for m in chat.messages.values()
              if (include_deleted or not m.deleted)
              and (wanted is None or (m.thread_id or 0) == int(wanted))]
    return _ok(result)


@routes.get("/_control/chats/{chat_id}/deleted")
async def deleted(request: web.Request) -> web.Response:
    """Ids of deleted messages in a chat."""
    chat = _world(request).chat(request.match_info["chat_id"])
    return _ok([m.message_id for m in chat.messages.values() if m.deleted])


@routes.get("/_control/chats/{chat_id}/topics")
async def topics(request: web.Request) -> web.Response:
    """Topics of a forum with open/closed/deleted flags."""
    chat = _world(request).chat(request.match_info["chat_id"])
    return _ok([{**t.to_api(), "closed": t.closed, "deleted": t.deleted}
                for t in chat.topics.values()])


@routes.get("/_control/chats/{chat_id}/members")
async def members(request: web.Request) -> web.Response:
    """Members of a group with status and rights."""
    world = _world(request)
    chat = world.chat(request.match_info["chat_id"])
    return _ok([m.to_api(world.user(uid)) for uid, m in chat.members.items()])


@routes.get("/_control/calls")
async def calls(request: web.Request) -> web.Response:
    """The Bot API calls log, optionally filtered by `method`."""
    method = request.query.get("method", "").lower()
    since = int(request.query.get("since", "0"))
    entries = _world(request).calls[since:]
    return _ok([c for c in entries if not method or c["method"].lower() == method])


@routes.get("/_control/callback_answers")
async def callback_answers(request: web.Request) -> web.Response:
    """Recorded answerCallbackQuery calls."""
    return _ok(_world(request).callback_answers)


@routes.post("/_control/fail")
async def fail(request: web.Request) -> web.Response:
    """Make the next `count` calls of `method` fail with `error_code` (429: retry_after)."""
    world, spec = _world(request), await request.json()
    code = int(spec.get("error_code", 429))
    queue = world.failures.setdefault(str(spec["method"]).lower(), deque())
    for _ in range(int(spec.get("count", 1))):
        if code == 429:
            queue.append(too_many_requests(int(spec.get("retry_after", 1))))
        else:
            queue.append(ApiError(code, spec.get("description") or DEFAULT_DESCRIPTIONS.get(
                code, "Bad Request: injected failure")))
    return _ok(True)


@routes.post("/_control/rate_limit")
async def rate_limit(request: web.Request) -> web.Response:
    """Enforce N sends per second per chat (null turns it off)."""
    value = (await request.json()).get("per_chat_per_second")
    _world(request).rate_per_chat = float(value) if value else None
    return _ok(True)


@routes.post("/_control/clock/advance")
async def advance_clock(request: web.Request) -> web.Response:
    """Move the emulated clock forward."""
    world = _world(request)
    world.clock.advance(float((await request.json())["seconds"]))
    return _ok({"now": world.now()})


@routes.get("/_control/events")
async def events(request: web.Request) -> web.Response:
    """Long-poll for events newer than `since` (up to `timeout` seconds, default 25)."""
    world = _world(request)
    since = int(request.query.get("since", "0"))
    timeout = min(float(request.query.get("timeout", "25")), 60.0)
    found = await world.events.wait_since(since, wait=timeout)
    return _ok({"seq": world.events.seq, "events": found})


@routes.get("/_control/state")
async def state(request: web.Request) -> web.Response:
    """Bot identity, webhook, pending updates and event sequence."""
    world = _world(request)
    hook = world.updates.webhook
    return _ok({"bot": world.bot.to_api(), "webhook_url": hook.url, "now": world.now(),
                "pending_updates": len(world.updates.pending), "seq": world.events.seq,
                "users": [u.to_api() for u in world.users.values()]})


@routes.get("/_control/files/{file_id}")
async def file_bytes(request: web.Request) -> web.Response:
    """Raw bytes of a stored file (for the playground's image previews)."""
    stored = _world(request).files.get(request.match_info["file_id"])
    if stored is None:
        raise web.HTTPNotFound()
    return web.Response(body=stored.data,
                        content_type=stored.mime_type or "application/octet-stream")
