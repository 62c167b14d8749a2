"""The safe-contact card: four skippable questions before a human joins, then a case.

The answers travel in the (short) callback data itself, so an interrupted card needs no
stored state, and any press on an old card simply continues from that card's answers.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.methods import EditMessageText
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.repos.cases import CaseRepo
from bot.desk.repo import DeskRepo
from bot.desk.texts import USER_BUTTONS, user_text
from bot.keyboards import with_safety
from bot.services.hours import on_shift
from bot.texts import text
from dialogs.actions import Priority

# Step by step: question key, then (answer code, stored value, button key).
STEPS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("safe_now", (("y", "yes", "yes"), ("n", "no", "no"))),
    (
        "when",
        (
            ("a", "any", "any"),
            ("m", "morning", "morning"),
            ("d", "day", "day"),
            ("e", "evening", "evening"),
            ("f", "me_first", "me_first"),
        ),
    ),
    ("nearby", (("y", "yes", "yes"), ("n", "no", "no"))),
    ("lang", (("k", "kk", ""), ("r", "ru", ""))),
)
LANG_NAMES = {"k": "Қазақша", "r": "Русский"}
SKIP = "-"
REASONS = {
    "h": "talk_to_human",
    "m": "misunderstood",
    "s": "sexual_violence",
    "d": "danger_screen",
}
HIGH_REASONS = {"sexual_violence", "danger_screen"}


class SafeCb(CallbackData, prefix="sc"):
    """One answer on the safe-contact card: reason code, answers so far, this answer."""

    r: str
    a: str
    v: str


def _code(reason: str) -> str:
    return next((c for c, name in REASONS.items() if name == reason), "h")


def question(step: int) -> str:
    """The question text of a step (the first one carries the introduction)."""
    body = user_text(f"sc_{STEPS[step][0]}")
    return f"{user_text('sc_intro')}\n\n{body}" if step == 0 else body


def keyboard(reason: str, answers: str, step: int) -> InlineKeyboardMarkup:
    """The answer buttons of a step, Skip, and the SOS/quick-exit row."""

    def btn(caption: str, value: str) -> InlineKeyboardButton:
        data = SafeCb(r=reason, a=answers, v=value).pack()
        return InlineKeyboardButton(text=caption, callback_data=data)

    options = STEPS[step][1]
    buttons = [
        btn(LANG_NAMES[code] if not key else USER_BUTTONS[key](), code)
        for code, _value, key in options
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([btn(USER_BUTTONS["skip"](), SKIP)])
    return with_safety(rows)


def decode(answers: str) -> dict[str, str]:
    """Answer codes into the stored dict (``skipped`` for skips)."""
    out = {}
    for (key, options), code in zip(STEPS, answers, strict=False):
        out[key] = next((value for c, value, _k in options if c == code), "skipped")
    return out


async def start_safe_contact(
    app: App, session: AsyncSession, chat_id: int, lang: str, reason: str = "talk_to_human"
) -> None:
    """Ask the first question, or say a consultant already has the request."""
    with app.i18n.use_locale(lang):
        if await DeskRepo(session, app.cipher).is_banned(chat_id):
            await app.sender.text(chat_id, user_text("unavailable"), reply_markup=with_safety([]))
            return
        repo = CaseRepo(session, app.cipher)
        case = await repo.open_for_user(chat_id)
        if case is not None and "safe_contact" in repo.info(case).details:
            await app.sender.text(chat_id, user_text("sc_already"), reply_markup=with_safety([]))
            return
        await app.sender.text(chat_id, question(0), reply_markup=keyboard(_code(reason), "", 0))


async def answer(
    app: App, session: AsyncSession, chat_id: int, message_id: int, data: SafeCb, lang: str
) -> None:
    """Record one answer: show the next question or finish with a case."""
    answers = (data.a + data.v)[: len(STEPS)]
    with app.i18n.use_locale(lang):
        if len(answers) < len(STEPS):
            step = len(answers)
            await _edit(app, chat_id, message_id, question(step), keyboard(data.r, answers, step))
            return
    await finish(
        app,
        session,
        chat_id,
        message_id,
        REASONS.get(data.r, "talk_to_human"),
        decode(answers),
        lang,
    )


async def finish(
    app: App,
    session: AsyncSession,
    chat_id: int,
    message_id: int,
    reason: str,
    safe: dict[str, str],
    lang: str,
) -> None:
    """Open (or enrich) the case with the answers and tell the user what happens next."""
    from bot.desk.notify import refresh_card
    from bot.services.escalation import escalate

    case_lang = safe["lang"] if safe.get("lang") in ("kk", "ru") else lang
    priority = _priority(reason, safe)
    case, changed = await escalate(
        app, session, chat_id, case_lang, priority, reason, {"safe_contact": safe}
    )
    if case is not None and not changed:
        await refresh_card(app, session, case)
    with app.i18n.use_locale(case_lang):
        body = user_text("sc_done_unsafe" if safe.get("safe_now") == "no" else "sc_done")
        if not on_shift(app.settings):
            body += "\n\n" + text("off_hours", hours=app.settings.staff_hours)
        await _edit(app, chat_id, message_id, body, with_safety([]))


def _priority(reason: str, safe: dict[str, str]) -> Priority:
    # A high danger screen already opened a HIGH case; escalate() never lowers a priority.
    if reason in HIGH_REASONS or safe.get("nearby") == "yes":
        return Priority.HIGH
    return Priority.NORMAL


async def _edit(
    app: App, chat_id: int, message_id: int, body: str, markup: InlineKeyboardMarkup
) -> None:
    await app.sender(
        EditMessageText(chat_id=chat_id, message_id=message_id, text=body, reply_markup=markup)
    )
