"""The case card staff see: pseudonym, priority and why, language, safe-contact, last lines."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.context import App
from bot.db.models import CaseMessage
from bot.db.repos.cases import CaseInfo, CaseRepo

PRIORITY_TAGS = {0: "URGENT", 1: "HIGH", 2: "NORMAL"}
LAST_LINES = 5


class DeskCb(CallbackData, prefix="desk"):
    """A staff button; ``sig`` is an HMAC over action and case so forged presses do nothing."""

    action: str
    case: str
    sig: str


def _sign(app: App, action: str, case: str) -> str:
    secret = app.settings.callback_secret
    key = secret.get_secret_value().encode() if secret else app.cipher.derive_key("callbacks")
    return hmac.new(key, f"{action}:{case}".encode(), hashlib.sha256).hexdigest()[:16]


def desk_button(app: App, label: str, action: str, case: str) -> InlineKeyboardButton:
    """A signed staff button."""
    data = DeskCb(action=action, case=case, sig=_sign(app, action, case)).pack()
    return InlineKeyboardButton(text=label, callback_data=data)


def verify(app: App, data: DeskCb) -> bool:
    """True when the press carries our signature."""
    return hmac.compare_digest(data.sig, _sign(app, data.action, data.case))


def topic_name(info: CaseInfo) -> str:
    """``#K-2741 · kk · URGENT`` (no user identity)."""
    return f"#{info.public_id} · {info.lang} · {PRIORITY_TAGS[info.priority]}"


def case_card_text(info: CaseInfo, lines: Sequence[CaseMessage], repo: CaseRepo) -> str:
    """The pinned card."""
    parts = [
        f"<b>#{escape(info.public_id)}</b> · {PRIORITY_TAGS[info.priority]}",
        _("Why: {reason}").format(reason=escape(info.reason)),
        _("Language: {lang}").format(lang=info.lang),
        _("Status: {status}").format(status=escape(info.status)),
    ]
    if info.assignee_label:
        parts.append(_("Taken by: {who}").format(who=escape(info.assignee_label)))
    parts.extend(_details(info))
    user_lines = [m for m in lines if m.author == "user"][-LAST_LINES:]
    if user_lines:
        parts.append(_("Last messages:"))
        parts.extend(f"› {escape((repo.body(m) or '[media]')[:300])}" for m in user_lines)
    return "\n".join(parts)


def _details(info: CaseInfo) -> list[str]:
    out = []
    safe = info.details.get("safe_contact")
    if isinstance(safe, dict):
        for key, value in safe.items():
            out.append(f"{escape(str(key))}: {escape(str(value))}")
    screen = info.details.get("screen")
    if isinstance(screen, dict):
        out.append(_("Danger screen: {level}").format(level=escape(str(screen.get("level")))))
    return out


def case_card_markup(app: App, info: CaseInfo) -> InlineKeyboardMarkup:
    """Take / Transfer / Close / Templates."""
    row1 = [
        desk_button(app, _("Take"), "take", info.public_id),
        desk_button(app, _("Transfer"), "transfer", info.public_id),
    ]
    row2 = [
        desk_button(app, _("Templates"), "templates", info.public_id),
        desk_button(app, _("Close"), "close", info.public_id),
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row1, row2])
