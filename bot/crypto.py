"""Authenticated encryption of everything a user wrote (AES-256-GCM)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)
_VERSION = b"\x01"
_NONCE = 12


class DecryptionError(Exception):
    """Ciphertext was tampered with or made with another key."""


class Cipher:
    """Encrypts bytes/str/JSON; the purpose string is bound as associated data."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("encryption key must be 32 bytes")
        self._aead = AESGCM(key)
        self._key = key

    def derive_key(self, label: str) -> bytes:
        """A separate key for another purpose (e.g. signing callback data)."""
        return hmac.new(self._key, label.encode(), hashlib.sha256).digest()

    def encrypt(self, data: bytes, purpose: str) -> bytes:
        """Encrypt with a fresh random nonce."""
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, data, purpose.encode())

    def decrypt(self, blob: bytes, purpose: str) -> bytes:
        """Decrypt, refusing tampered or mis-purposed data."""
        if not blob or blob[:1] != _VERSION:
            raise DecryptionError("unknown ciphertext version")
        nonce, body = blob[1 : 1 + _NONCE], blob[1 + _NONCE :]
        try:
            return self._aead.decrypt(nonce, body, purpose.encode())
        except InvalidTag as exc:
            raise DecryptionError("ciphertext failed authentication") from exc

    def encrypt_text(self, text: str, purpose: str) -> bytes:
        """Encrypt a string."""
        return self.encrypt(text.encode("utf-8"), purpose)

    def decrypt_text(self, blob: bytes, purpose: str) -> str:
        """Decrypt a string."""
        return self.decrypt(blob, purpose).decode("utf-8")

    def encrypt_json(self, value: Any, purpose: str) -> bytes:
        """Encrypt a JSON-serialisable value."""
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode("utf-8"), purpose)

    def decrypt_json(self, blob: bytes, purpose: str) -> Any:
        """Decrypt a JSON value."""
        return json.loads(self.decrypt(blob, purpose))


def parse_key(text: str) -> bytes:
    """Decode a url-safe base64 key of 32 bytes."""
    raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    if len(raw) != 32:
        raise ValueError("ENCRYPTION_KEY must be 32 bytes, url-safe base64")
    return raw


def generate_key() -> str:
    """A new key in the ENCRYPTION_KEY format."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def load_or_create_key(configured: str | None, data_dir: Path) -> bytes:
    """Use the configured key, or a local key file (created 0600) for the embedded default."""
    if configured:
        return parse_key(configured)
    path = data_dir / "encryption.key"
    if path.exists():
        return parse_key(path.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(generate_key())
    log.warning("ENCRYPTION_KEY not set: created a local key file %s", path)
    return parse_key(path.read_text())
