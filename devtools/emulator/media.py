"""File uploads: resolve attach:// parts or file_ids, read image sizes, build media objects."""

from __future__ import annotations

import mimetypes
import struct
from typing import Any

from devtools.emulator.errors import bad_request
from devtools.emulator.params import Params
from devtools.emulator.state import StoredFile
from devtools.emulator.world import World

MAX_UPLOAD = 50 * 1024 * 1024
MAX_PHOTO = 10 * 1024 * 1024


def image_size(data: bytes) -> tuple[int, int] | None:
    """Return (width, height) of a PNG or JPEG image, or None if it is neither."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker, length = data[pos + 1], struct.unpack(">H", data[pos + 2: pos + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[pos + 5: pos + 9])
            return int(width), int(height)
        pos += 2 + length
    return None


def resolve_upload(world: World, p: Params, key: str, folder: str) -> StoredFile:
    """Return the stored file for a parameter: an uploaded part or an existing file_id."""
    value = p.str(key)
    if value and value.startswith("attach://"):
        part = value[len("attach://"):]
        if part not in p.files:
            raise bad_request(f"wrong file identifier/HTTP URL specified ({part} missing)")
        return _store_upload(world, p, part, folder)
    if key in p.files:
        return _store_upload(world, p, key, folder)
    if value in world.files:
        return world.files[value]
    if value and value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    raise bad_request("wrong file identifier/HTTP URL specified")


def _store_upload(world: World, p: Params, part: str, folder: str) -> StoredFile:
    data = p.files[part]
    if not data:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_UPLOAD:
        raise bad_request("Request Entity Too Large")
    name = p.filenames.get(part)
    mime = mimetypes.guess_type(name)[0] if name else None
    return world.store_file(data, folder, name, mime or "application/octet-stream")


def photo_sizes(stored: StoredFile) -> list[dict[str, Any]]:
    """Build the PhotoSize list for a stored image (one size: the original)."""
    size = image_size(stored.data)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED")
    if len(stored.data) > MAX_PHOTO:
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return [{"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
             "width": size[0], "height": size[1], "file_size": len(stored.data)}]


def document_object(stored: StoredFile) -> dict[str, Any]:
    """Build a Bot API Document for a stored file."""
    data: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                            "file_size": len(stored.data)}
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data
