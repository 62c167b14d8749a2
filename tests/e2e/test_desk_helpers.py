"""Helpers for the staff desk end-to-end tests (forum topics, cards, presses); no tests."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from devtools.emulator.client import EmulatorClient
from tests.e2e.helpers import button
from tests.support.botproc import STAFF_CHAT

Msg = dict[str, Any]


def body(message: Msg) -> str:
    """Text or caption."""
    return str(message.get("text") or message.get("caption") or "")


async def wait_topic(emulator: EmulatorClient, needle: str, timeout: float = 5.0) -> Msg:  # noqa: ASYNC109
    """The first topic whose name contains ``needle``."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for topic in await emulator.topics(STAFF_CHAT):
            if needle in topic["name"]:
                return topic
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no topic with {needle!r}")


async def card(emulator: EmulatorClient, topic: Msg) -> Msg:
    """The latest pinned case card in the topic (the bot message with the desk buttons)."""
    def is_card(m: Msg) -> bool:
        return bool(m.get("reply_markup")) and body(m).startswith("#K-")

    await emulator.wait_for_message(STAFF_CHAT, is_card, thread_id=topic["message_thread_id"])
    found = [m for m in await emulator.messages(STAFF_CHAT, topic["message_thread_id"])
             if is_card(m)]
    return found[-1]


async def press(emulator: EmulatorClient, who: int, message: Msg, label: str) -> str:
    """Press a button of a staff-chat message; returns the callback query id."""
    return await emulator.press(who, STAFF_CHAT, message["message_id"], button(message, label))


async def answer_text(emulator: EmulatorClient, query_id: str, timeout: float = 5.0) -> str:  # noqa: ASYNC109
    """The text the bot answered a callback query with."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        answers = await emulator.callback_answers()
        for a in answers:
            if a.get("callback_query_id") == query_id:
                return str(a.get("text") or "")
        await asyncio.sleep(0.05)
    raise TimeoutError("callback query not answered")


async def staff_says(emulator: EmulatorClient, who: int, topic: Msg, text: str) -> Msg:
    """A staff member writes in the case topic."""
    return await emulator.send(who, STAFF_CHAT, text=text,
                               message_thread_id=topic["message_thread_id"])


async def in_topic(emulator: EmulatorClient, topic: Msg, needle: str, timeout: float = 5.0,  # noqa: ASYNC109
                   from_bot: bool = True) -> Msg:
    """Wait for a message containing ``needle`` in the topic."""
    return await emulator.wait_for_message(
        STAFF_CHAT, lambda m: needle in body(m), timeout=timeout,
        thread_id=topic["message_thread_id"], from_bot=from_bot,
    )


async def user_gets(emulator: EmulatorClient, user: int, needle: str, timeout: float = 5.0) -> Msg:  # noqa: ASYNC109
    """Wait for a bot message to the user containing ``needle``."""
    return await emulator.wait_for_message(user, lambda m: needle in body(m), timeout=timeout)


async def safe_contact(emulator: EmulatorClient, user: int, answers: list[str]) -> Msg:
    """Answer the four safe-contact questions by button label (they edit one message)."""
    first = await user_gets(emulator, user, "?")
    mid = first["message_id"]
    for label in answers:
        current = await _message(emulator, user, mid)
        await emulator.press(user, user, mid, button(current, label))
        before = body(current)
        await emulator.wait_for_message(
            user, lambda m, b=before: m["message_id"] == mid and body(m) != b
        )
    return await _message(emulator, user, mid)


async def _message(emulator: EmulatorClient, chat: int, message_id: int) -> Msg:
    return next(m for m in await emulator.messages(chat) if m["message_id"] == message_id)
