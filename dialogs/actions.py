"""Actions the dialog layer asks the transport to perform, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Priority(IntEnum):
    """Case priority; lower is more urgent (sorts first)."""

    URGENT = 0
    HIGH = 1
    NORMAL = 2


@dataclass(frozen=True)
class Reply:
    """Send the UI string ``key`` (a catalogue message) with optional parameters and buttons."""

    key: str
    params: dict[str, str] = field(default_factory=dict)
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShowCard:
    """Show a knowledge card; ``alternatives`` feed the "not what I asked" button."""

    card_id: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Emergency:
    """The emergency reply (numbers and steps) for an urgent intent; always sent first."""

    intent: str
    repeat: bool = False


@dataclass(frozen=True)
class Escalate:
    """Open or raise a staff case."""

    priority: Priority
    reason: str


@dataclass(frozen=True)
class StartSafeContact:
    """Ask the safe-contact questions before a human joins."""


@dataclass(frozen=True)
class RelayToStaff:
    """Copy the user's message into their open case."""


@dataclass(frozen=True)
class CountMisunderstanding:
    """Remember one more message the bot did not understand."""


@dataclass(frozen=True)
class ResetMisunderstanding:
    """The bot understood; forget earlier misses."""


Action = (
    Reply
    | ShowCard
    | Emergency
    | Escalate
    | StartSafeContact
    | RelayToStaff
    | CountMisunderstanding
    | ResetMisunderstanding
)
