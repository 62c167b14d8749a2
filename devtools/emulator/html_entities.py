"""Telegram's HTML parse mode: validate tags and turn markup into text + entities."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from devtools.emulator.errors import ApiError, bad_request

SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "code": "code", "pre": "pre",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entities and limits."""
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    """Collects plain text and entities; raises ApiError on unsupported or unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[dict[str, Any]] = []
        self.stack: list[tuple[str, dict[str, Any] | None]] = []

    def _fail(self, what: str, tag: str) -> ApiError:
        _, col = self.getpos()
        return bad_request(f'can\'t parse entities: {what} "{tag}" at byte offset {col}')

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        entity = self._entity_for(tag, dict(attrs))
        if entity is not None:
            entity["offset"] = utf16_len(self.text)
        self.stack.append((tag, entity))

    def _entity_for(self, tag: str, attrs: dict[str, str | None]) -> dict[str, Any] | None:
        if tag in SIMPLE_TAGS:
            return {"type": SIMPLE_TAGS[tag]}
        if tag == "span" and attrs.get("class") == "tg-spoiler":
            return {"type": "spoiler"}
        if tag == "a":
            return {"type": "text_link", "url": attrs.get("href") or ""}
        if tag == "blockquote":
            kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
            return {"type": kind}
        if tag == "tg-emoji":
            return {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id") or ""}
        raise self._fail("Unsupported start tag", tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            raise self._fail("Unmatched end tag", tag)
        _, entity = self.stack.pop()
        if entity is None:
            return
        entity["length"] = utf16_len(self.text) - entity["offset"]
        if entity["type"] == "code" and self.stack and self.stack[-1][0] == "pre":
            return  # <pre><code class=...> is one pre entity in Telegram
        if entity["length"] > 0:
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain_text, entities) for an HTML-formatted message, as Telegram parses it."""
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    if parser.stack:
        tag = parser.stack[-1][0]
        raise bad_request(
            f'can\'t parse entities: Can\'t find end tag corresponding to start tag "{tag}"'
        )
    parser.entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return _strip(parser.text, parser.entities)


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace like Telegram, shifting entity offsets to match."""
    stripped = text.strip()
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] - shift + entity["length"], limit)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Apply a parse mode (HTML supported; Markdown modes passed through as plain text)."""
    if parse_mode is None or parse_mode == "":
        return text.strip(), list(entities or [])
    if parse_mode.lower() == "html":
        return parse_html(text)
    if parse_mode.lower() in ("markdown", "markdownv2"):
        return text.strip(), []
    raise bad_request(f"unsupported parse_mode {parse_mode}")
