"""copyMessage/forwardMessage identity rules and file upload round-trips."""

from __future__ import annotations

import struct
import zlib

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile

from devtools.emulator.client import EmulatorClient
from devtools.emulator.demo import DEMO_USER_ID, STAFF_CHAT_ID


def _png(width: int, height: int) -> bytes:
    """A valid PNG of the given size (one grey pixel row repeated)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) \
        + chunk(b"IEND", b"")


async def test_copy_hides_origin_forward_shows_it(bot: Bot, world: EmulatorClient) -> None:
    topic = await bot.create_forum_topic(STAFF_CHAT_ID, "Case")
    incoming = await world.send(DEMO_USER_ID, text="I need help")
    copied = await bot.copy_message(STAFF_CHAT_ID, DEMO_USER_ID, incoming["message_id"],
                                    message_thread_id=topic.message_thread_id)
    msgs = await world.messages(STAFF_CHAT_ID, thread_id=topic.message_thread_id)
    copy = next(m for m in msgs if m["message_id"] == copied.message_id)
    assert copy["text"] == "I need help" and "forward_origin" not in copy
    assert copy["from"]["is_bot"]  # the copy is the bot's message, not the user's
    fwd = await bot.forward_message(STAFF_CHAT_ID, DEMO_USER_ID, incoming["message_id"])
    assert fwd.forward_origin is not None


async def test_protected_content_cannot_be_forwarded(bot: Bot, world: EmulatorClient) -> None:
    sent = await bot.send_message(DEMO_USER_ID, "private", protect_content=True)
    with pytest.raises(TelegramBadRequest, match="protected content"):
        await bot.forward_message(STAFF_CHAT_ID, DEMO_USER_ID, sent.message_id)


async def test_copy_messages_new_ids_in_order(bot: Bot, world: EmulatorClient) -> None:
    a = await world.send(DEMO_USER_ID, text="one")
    b = await world.send(DEMO_USER_ID, text="two")
    ids = await bot.copy_messages(STAFF_CHAT_ID, DEMO_USER_ID, [a["message_id"],
                                                                b["message_id"], 99])
    texts = {m["message_id"]: m["text"] for m in await world.messages(STAFF_CHAT_ID)}
    assert [texts[i.message_id] for i in ids] == ["one", "two"]
    with pytest.raises(TelegramBadRequest, match="increasing"):
        await bot.copy_messages(STAFF_CHAT_ID, DEMO_USER_ID, [b["message_id"], a["message_id"]])


async def test_document_round_trip(bot: Bot, world: EmulatorClient) -> None:
    payload = "дәлел evidence\n".encode() * 100
    sent = await bot.send_document(DEMO_USER_ID, BufferedInputFile(payload, "notes.txt"),
                                   caption="<b>file</b>", parse_mode="HTML")
    assert sent.document is not None and sent.document.file_name == "notes.txt"
    assert sent.caption == "file"
    info = await bot.get_file(sent.document.file_id)
    downloaded = await bot.download_file(info.file_path or "")
    assert downloaded is not None and downloaded.read() == payload
    again = await bot.send_document(STAFF_CHAT_ID, sent.document.file_id)  # reuse by file_id
    assert again.document is not None and again.document.file_id == sent.document.file_id


async def test_photo_round_trip_and_user_photo_copy(bot: Bot, world: EmulatorClient) -> None:
    image = _png(12, 7)
    sent = await bot.send_photo(DEMO_USER_ID, BufferedInputFile(image, "p.png"))
    assert sent.photo is not None and (sent.photo[-1].width, sent.photo[-1].height) == (12, 7)
    info = await bot.get_file(sent.photo[-1].file_id)
    downloaded = await bot.download_file(info.file_path or "")
    assert downloaded is not None and downloaded.read() == image
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(DEMO_USER_ID, BufferedInputFile(b"not an image", "x.png"))
    user_photo = await world.send(DEMO_USER_ID, photo=_png(3, 3), caption="bruise")
    copied = await bot.copy_message(STAFF_CHAT_ID, DEMO_USER_ID, user_photo["message_id"])
    copy = next(m for m in await world.messages(STAFF_CHAT_ID)
                if m["message_id"] == copied.message_id)
    assert copy["caption"] == "bruise" and copy["photo"][0]["width"] == 3
