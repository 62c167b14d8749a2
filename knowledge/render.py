"""Render cards as Telegram HTML and split long HTML into sendable pieces."""

from __future__ import annotations

import html
import re

from knowledge.models import Card

TELEGRAM_LIMIT = 4096
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*", re.S)
# One atom: a whole tag, a whole entity, or one character. Pieces end only between atoms.
_ATOM_RE = re.compile(r"<[^<>]*>|&#?\w+;|.", re.S)
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")


def text_html(text: str) -> str:
    """Escape <, >, & and turn **bold** into <b>bold</b>."""
    escaped = html.escape(text, quote=False)
    return _BOLD_RE.sub(r"<b>\1</b>", escaped)


def card_html(card: Card, lang: str) -> str:
    """A card's title and text as Telegram HTML."""
    title = html.escape(card.title[lang], quote=False)
    return f"<b>{title}</b>\n\n{text_html(card.text[lang])}"


def _priority(atoms: list[str], j: int) -> int:
    """How good a break after atom j is: paragraph 3, line 2, space 1, elsewhere 0."""
    if atoms[j] == "\n":
        return 3 if j > 0 and atoms[j - 1] == "\n" else 2
    return 1 if atoms[j].isspace() else 0


def _update(stack: list[tuple[str, str]], atom: str) -> None:
    """Track open tags: push on an opening tag, pop its match on a closing tag."""
    m = _TAG_RE.match(atom) if atom.startswith("<") else None
    if not m:
        return
    closing, name = m.group(1) == "/", m.group(2).lower()
    if not closing:
        stack.append((name, atom))
        return
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            del stack[i:]
            return


def _closers(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _take(
    atoms: list[str], start: int, reopen: list[tuple[str, str]], limit: int
) -> tuple[str, int, list[tuple[str, str]]]:
    """One piece from atoms[start:]: returns its HTML, the next start and tags to reopen."""
    prefix = "".join(tag for _, tag in reopen)
    stack, length = list(reopen), len(prefix)
    best: tuple[tuple[bool, int, int], list[tuple[str, str]]] | None = None
    for j in range(start, len(atoms)):
        length += len(atoms[j])
        if length > limit:
            break
        _update(stack, atoms[j])
        if j == len(atoms) - 1 and length + len(_closers(stack)) <= limit:
            best = ((True, 9, j + 1), list(stack))
        elif length + len(_closers(stack)) <= limit:
            key = (not stack, _priority(atoms, j), j + 1)
            if best is None or key >= best[0]:
                best = (key, list(stack))
    if best is None:
        raise ValueError(f"limit {limit} is too small for a tag in this text")
    end, open_tags = best[0][2], best[1]
    body = prefix + "".join(atoms[start:end])
    return body + _closers(open_tags), end, open_tags


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML into pieces <= limit that never cut a tag or entity, preferring paragraphs.

    Pieces are cut only where no tag is open when possible, so "".join(pieces) == text; when a
    formatted span is itself longer than limit, its tags are closed and reopened across pieces.
    """
    atoms = _ATOM_RE.findall(text)
    pieces: list[str] = []
    start, reopen = 0, list[tuple[str, str]]()
    while start < len(atoms):
        piece, start, reopen = _take(atoms, start, reopen, limit)
        pieces.append(piece)
    return pieces
