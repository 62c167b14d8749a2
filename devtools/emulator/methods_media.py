"""Bot API: sendPhoto, sendDocument, getFile, copyMessage(s), forwardMessage(s)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.media import document_object, photo_sizes, resolve_upload
from devtools.emulator.params import Params
from devtools.emulator.registry import method
from devtools.emulator.sending import caption_body, post, target
from devtools.emulator.state import StoredMessage
from devtools.emulator.world import World


@method("sendPhoto")
async def send_photo(world: World, p: Params) -> Any:
    """Send a photo uploaded as multipart or referenced by file_id."""
    tgt = target(world, p)
    stored = resolve_upload(world, p, "photo", "photos")
    body = {"photo": photo_sizes(stored), **caption_body(p)}
    return world.message_to_api(post(world, tgt, body))


@method("sendDocument")
async def send_document(world: World, p: Params) -> Any:
    """Send a document uploaded as multipart or referenced by file_id."""
    tgt = target(world, p)
    stored = resolve_upload(world, p, "document", "documents")
    body = {"document": document_object(stored), **caption_body(p)}
    return world.message_to_api(post(world, tgt, body))


@method("getFile")
async def get_file(world: World, p: Params) -> Any:
    """Describe a stored file; download it from /file/bot<token>/<file_path>."""
    stored = world.files.get(p.req_str("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data), "file_path": stored.file_path}


def _source(world: World, p: Params, message_id: int, verb: str) -> StoredMessage:
    chat = world.chat(p.req_str("from_chat_id"))
    msg = chat.live_message(message_id)
    if msg is None:
        raise bad_request(f"message to {verb} not found")
    if msg.service:
        raise bad_request(f"message can't be {verb}ed" if verb == "forward" else
                          "message can't be copied")
    if msg.protect_content:
        raise bad_request(f"message has protected content and can't be {verb}ed"
                          if verb == "forward" else "message can't be copied")
    return msg


def _copy(world: World, p: Params, src: StoredMessage, override_caption: bool) -> StoredMessage:
    tgt = target(world, p)
    body = src.content()
    if override_caption and "text" not in body and p.has("caption"):
        body = {k: v for k, v in body.items() if k not in ("caption", "caption_entities")}
        body.update(caption_body(p))
    return post(world, tgt, body)


@method("copyMessage")
async def copy_message(world: World, p: Params) -> Any:
    """Copy content without any link to the original (no forward_origin)."""
    src = _source(world, p, p.req_int("message_id"), "copy")
    return {"message_id": _copy(world, p, src, override_caption=True).message_id}


def _ids(p: Params) -> list[int]:
    ids = p.json("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message identifiers are not specified")
    ids = [int(i) for i in ids]
    if any(b <= a for a, b in pairwise(ids)):
        raise bad_request("message identifiers must be in strictly increasing order")
    return ids


def _existing(world: World, p: Params, ids: list[int], verb: str) -> list[StoredMessage]:
    chat = world.chat(p.req_str("from_chat_id"))
    return [_source(world, p, i, verb) for i in ids if chat.live_message(i) is not None]


@method("copyMessages")
async def copy_messages(world: World, p: Params) -> Any:
    """Copy 1-100 messages (strictly increasing ids; missing ones skipped)."""
    sources = _existing(world, p, _ids(p), "copy")
    return [{"message_id": _copy(world, p, src, override_caption=False).message_id}
            for src in sources]


def _forward(world: World, p: Params, src: StoredMessage) -> StoredMessage:
    tgt = target(world, p)
    origin = {"type": "user", "date": src.date,
              "sender_user": world.user(src.sender_id).to_api()}
    return post(world, tgt, src.content(), forward_origin=origin)


@method("forwardMessage")
async def forward_message(world: World, p: Params) -> Any:
    """Forward with a visible origin; protected content is refused."""
    src = _source(world, p, p.req_int("message_id"), "forward")
    return world.message_to_api(_forward(world, p, src))


@method("forwardMessages")
async def forward_messages(world: World, p: Params) -> Any:
    """Forward 1-100 messages (strictly increasing ids; missing ones skipped)."""
    sources = _existing(world, p, _ids(p), "forward")
    return [{"message_id": _forward(world, p, src).message_id} for src in sources]
