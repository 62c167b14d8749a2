"""Authenticated encryption of user data."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.crypto import Cipher, DecryptionError, generate_key, load_or_create_key, parse_key


def test_roundtrip_and_no_plaintext() -> None:
    cipher = Cipher(parse_key(generate_key()))
    blob = cipher.encrypt_text("он меня бьёт", "journal")
    assert "бьёт".encode() not in blob
    assert cipher.decrypt_text(blob, "journal") == "он меня бьёт"


def test_nonce_is_fresh_each_time() -> None:
    cipher = Cipher(parse_key(generate_key()))
    assert cipher.encrypt_text("x", "p") != cipher.encrypt_text("x", "p")


def test_tampering_and_wrong_purpose_are_refused() -> None:
    cipher = Cipher(parse_key(generate_key()))
    blob = bytearray(cipher.encrypt_json({"a": 1}, "plan"))
    with pytest.raises(DecryptionError):
        cipher.decrypt_json(bytes(blob), "journal")
    blob[-1] ^= 1
    with pytest.raises(DecryptionError):
        cipher.decrypt_json(bytes(blob), "plan")


def test_wrong_key_is_refused() -> None:
    blob = Cipher(parse_key(generate_key())).encrypt_text("x", "p")
    with pytest.raises(DecryptionError):
        Cipher(parse_key(generate_key())).decrypt_text(blob, "p")


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    first = load_or_create_key(None, tmp_path)
    assert (tmp_path / "encryption.key").stat().st_mode & 0o777 == 0o600
    assert load_or_create_key(None, tmp_path) == first


def test_bad_key_length_is_rejected() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        parse_key("c2hvcnQ")
