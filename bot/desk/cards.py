"""The case card staff see: pseudonym, priority and why, language, safe-contact, last lines."""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Sequence
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n

from bot.context import App
from bot.db.models import CaseMessage
from bot.db.repos.cases import CaseInfo, CaseRepo
from bot.desk import templates
from bot.desk.texts import ANSWERS, OUTCOMES, REASONS, STAFF, STAFF_BUTTONS, label, staff_text
from dialogs.screen import Screen, load_screen

PRIORITY_TAGS = {0: "URGENT", 1: "HIGH", 2: "NORMAL"}
LAST_LINES = 5
SAFE_CONTACT_KEYS = ("safe_now", "when", "nearby", "lang")
CLOSE_OUTCOMES = ("helped", "referred", "no_reply", "not_case", "other")


class DeskCb(CallbackData, prefix="desk"):
    """A staff button; ``sig`` is an HMAC over action and case so forged presses do nothing."""

    action: str
    case: str
    sig: str


def _sign(app: App, action: str, case: str) -> str:
    secret = app.settings.callback_secret
    key = secret.get_secret_value().encode() if secret else app.cipher.derive_key("callbacks")
    return hmac.new(key, f"{action}:{case}".encode(), hashlib.sha256).hexdigest()[:16]


def desk_button(app: App, text: str, action: str, case: str) -> InlineKeyboardButton:
    """A signed staff button."""
    data = DeskCb(action=action, case=case, sig=_sign(app, action, case)).pack()
    return InlineKeyboardButton(text=text, callback_data=data)


def verify(app: App, data: DeskCb) -> bool:
    """True when the press carries our signature."""
    return hmac.compare_digest(data.sig, _sign(app, data.action, data.case))


def topic_name(info: CaseInfo) -> str:
    """``#K-2741 · kk · URGENT`` (no user identity)."""
    return f"#{info.public_id} · {info.lang} · {PRIORITY_TAGS[info.priority]}"


def case_card_text(
    info: CaseInfo, lines: Sequence[CaseMessage], repo: CaseRepo, outcome: str | None = None
) -> str:
    """The pinned card (in the current locale, STAFF_LANG)."""
    reason = label(REASONS, info.reason)
    parts = [
        f"<b>#{escape(info.public_id)}</b> · {PRIORITY_TAGS[info.priority]}",
        staff_text("why", reason=escape(reason)),
        staff_text("lang", lang=info.lang),
        staff_text("status", status=label(STAFF, info.status)),
    ]
    if info.assignee_label and info.status == "assigned":
        parts.append(staff_text("taken_by", who=escape(info.assignee_label)))
    if outcome and info.status == "closed":
        parts.append(staff_text("outcome", outcome=label(OUTCOMES, outcome)))
    parts.extend(details_lines(info.details))
    user_lines = [m for m in lines if m.author == "user"][-LAST_LINES:]
    if user_lines:
        parts.append(staff_text("last"))
        parts.extend(f"› {escape((repo.body(m) or '[media]')[:300])}" for m in user_lines)
    return "\n".join(parts)


def details_lines(details: dict[str, object]) -> list[str]:
    """Safe-contact answers and the danger screen, translated for staff."""
    out = []
    safe = details.get("safe_contact")
    if isinstance(safe, dict):
        for key in SAFE_CONTACT_KEYS:
            value = str(safe.get(key) or "skipped")
            shown = value if key == "lang" and value != "skipped" else label(ANSWERS, value)
            shown = label(STAFF, "skipped") if value == "skipped" else shown
            out.append(staff_text(f"sc_{key}", value=escape(shown)))
    screen = details.get("screen")
    if isinstance(screen, dict):
        out.append(staff_text("screen", level=escape(str(screen.get("level")))))
        out.extend(f"  ✓ {escape(q)}" for q in _screen_yes(screen.get("yes")))
    return out


@functools.cache
def _screen() -> Screen:
    return load_screen()


def _screen_yes(ids: object) -> list[str]:
    """The danger-screen questions answered "yes", in the staff language."""
    if not isinstance(ids, list):
        return []
    screen, lang = _screen(), get_i18n().current_locale
    asked = set(screen.ids())
    known = [screen.get(str(q)) for q in ids if str(q) in asked]
    return [q.text.get(lang) or q.text["ru"] for q in known]


def case_card_markup(app: App, info: CaseInfo) -> InlineKeyboardMarkup:
    """Take / Transfer / Templates / Close; a closed case offers Reopen."""
    case = info.public_id
    if info.status == "closed":
        return InlineKeyboardMarkup(
            inline_keyboard=[[desk_button(app, STAFF_BUTTONS["reopen"](), "reopen", case)]]
        )
    row1 = [
        desk_button(app, STAFF_BUTTONS["take"](), "take", case),
        desk_button(app, STAFF_BUTTONS["transfer"](), "transfer", case),
    ]
    row2 = [
        desk_button(app, STAFF_BUTTONS["templates"](), "templates", case),
        desk_button(app, STAFF_BUTTONS["close"](), "close", case),
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row1, row2])


def templates_markup(app: App, case: str, staff_lang: str) -> InlineKeyboardMarkup:
    """One signed button per template, titled in the staff language."""
    rows = [
        [desk_button(app, t.title.get(staff_lang) or t.title["ru"], f"t_{t.id}", case)]
        for t in templates.load()
    ]
    rows.append([desk_button(app, STAFF_BUTTONS["back"](), "card", case)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def outcomes_markup(app: App, case: str) -> InlineKeyboardMarkup:
    """The outcome tags a case is closed with."""
    rows = [[desk_button(app, label(OUTCOMES, o), f"o_{o}", case)] for o in CLOSE_OUTCOMES]
    rows.append([desk_button(app, STAFF_BUTTONS["back"](), "card", case)])
    return InlineKeyboardMarkup(inline_keyboard=rows)
