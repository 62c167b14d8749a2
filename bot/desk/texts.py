"""Desk strings: what the user sees around a handover, and what staff see (in STAFF_LANG)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

from bot.texts import lookup

USER: dict[str, Callable[[], str]] = {
    "sc_intro": lambda: _(
        "Before a consultant writes to you, four quick questions. You can skip any of them."
    ),
    "sc_safe_now": lambda: _("Is it safe for you to write now?"),
    "sc_when": lambda: _("When is it safe for a consultant to write to you?"),
    "sc_nearby": lambda: _("Is the person who hurts you nearby now?"),
    "sc_lang": lambda: _("Which language is easier for you?"),
    "sc_done": lambda: _(
        "Thank you. A consultant has been told and will write here. If you are in danger, "
        "call 102 or 112 (free)."
    ),
    "sc_done_unsafe": lambda: _(
        "Thank you. A consultant has been told and will wait for you: write here when it is "
        "safe. The Quick exit button erases this chat."
    ),
    "sc_already": lambda: _(
        "A consultant already has your request. Write here: your messages go to them."
    ),
    "joined": lambda: _(
        "A consultant is with you now. Their messages are marked \u201cConsultant\u201d."
    ),
    "consultant": lambda: _("Consultant"),
    "closed": lambda: _(
        "The consultant has finished this conversation. Thank you for writing. I am the bot "
        "again: write to me or open the menu. If you write again within {hours} hours, your "
        "message goes to the consultants. In danger, call 102 or 112 (free)."
    ),
    "reopened": lambda: _(
        "Your message has been passed to the consultants again. They will answer here."
    ),
    "transferred": lambda: _(
        "Another consultant will continue this conversation. Please wait, they will answer here."
    ),
    "unavailable": lambda: _(
        "A consultant cannot be reached from this chat. In danger, call 102 or 112 (free); "
        "the 111 line works 24/7."
    ),
}

USER_BUTTONS: dict[str, Callable[[], str]] = {
    "yes": lambda: _("Yes"),
    "no": lambda: _("No"),
    "skip": lambda: _("Skip"),
    "any": lambda: _("Any time"),
    "morning": lambda: _("Morning"),
    "day": lambda: _("Afternoon"),
    "evening": lambda: _("Evening"),
    "me_first": lambda: _("Only after I write"),
}

STAFF: dict[str, Callable[[], str]] = {
    "why": lambda: _("Why: {reason}"),
    "lang": lambda: _("Language: {lang}"),
    "status": lambda: _("Status: {status}"),
    "taken_by": lambda: _("Taken by: {who}"),
    "outcome": lambda: _("Outcome: {outcome}"),
    "last": lambda: _("Last messages:"),
    "screen": lambda: _("Danger screen: {level}"),
    "sc_safe_now": lambda: _("Safe to write now: {value}"),
    "sc_when": lambda: _("Safe time to write: {value}"),
    "sc_nearby": lambda: _("Abuser nearby: {value}"),
    "sc_lang": lambda: _("Preferred language: {value}"),
    "queued": lambda: _("waiting"),
    "assigned": lambda: _("taken"),
    "closed": lambda: _("closed"),
    "skipped": lambda: _("skipped"),
    "took": lambda: _("{who} took the case."),
    "already_taken": lambda: _("Already taken by {who}."),
    "not_staff": lambda: _("Only members of the staff group can do this."),
    "refused": lambda: _("This button is not valid."),
    "released": lambda: _(
        "{who} returned case #{case} to the queue: another consultant can take it."
    ),
    "closed_by": lambda: _("{who} closed case #{case}: {outcome}."),
    "reopened_user": lambda: _("Case #{case} reopened: the user wrote again."),
    "reopened_by": lambda: _("{who} reopened case #{case}."),
    "note_saved": lambda: _("Note saved. It was not sent to the user."),
    "taken_other": lambda: _("This case is taken by {who}. Ask them, or they can press Transfer."),
    "case_closed": lambda: _("This case is closed. Press Reopen to write to the user again."),
    "not_delivered": lambda: _("Not delivered yet; the bot will retry."),
    "choose_template": lambda: _("Choose a template (it is sent in the user's language, {lang}):"),
    "template_sent": lambda: _("Template sent: {title}"),
    "choose_outcome": lambda: _("Choose the outcome to close case #{case}:"),
    "banned": lambda: _(
        "{who} banned the user of case #{case}: {reason}. Their messages no longer reach the "
        "desk. /unban {case} reverses this."
    ),
    "ban_usage": lambda: _("Write the reason: /ban <reason> (in the case topic)."),
    "unbanned": lambda: _("{who} lifted the ban of the user of case #{case}."),
    "unknown_case": lambda: _("No such case."),
    "topic_only": lambda: _("Use this command inside a case topic."),
    "queue_empty": lambda: _("No open cases."),
    "queue_head": lambda: _("<b>Open cases: {n}</b> (most urgent first)"),
    "waiting_min": lambda: _("waiting {minutes} min"),
    "stats_head": lambda: _("<b>Statistics</b>"),
    "stats_period": lambda: _(
        "<b>{period}</b>: opened {opened}, closed {closed}, open now {open}\n"
        "First human reply: median {median}, p90 {p90} ({n} cases)\nClosed by outcome: {outcomes}"
    ),
    "today": lambda: _("Today"),
    "week": lambda: _("Last 7 days"),
    "no_data": lambda: _("no data"),
    "supervisors_only": lambda: _("Only administrators of the staff group can see statistics."),
    "export_caption": lambda: _("Transcript of case #{case}. The export has been logged."),
    "sla": lambda: _("Case #{case} is still waiting for a consultant ({minutes} min)."),
}

STAFF_BUTTONS: dict[str, Callable[[], str]] = {
    "take": lambda: _("Take"),
    "transfer": lambda: _("Transfer"),
    "templates": lambda: _("Templates"),
    "close": lambda: _("Close"),
    "reopen": lambda: _("Reopen"),
    "back": lambda: _("Back"),
}

OUTCOMES: dict[str, Callable[[], str]] = {
    "helped": lambda: _("Helped"),
    "referred": lambda: _("Referred to a service"),
    "no_reply": lambda: _("User stopped replying"),
    "not_case": lambda: _("Not a case"),
    "other": lambda: _("Other"),
    "banned": lambda: _("Banned"),
}

REASONS: dict[str, Callable[[], str]] = {
    "danger_now": lambda: _("danger now (urgent message)"),
    "self_harm": lambda: _("risk of self-harm (urgent message)"),
    "child_danger": lambda: _("a child in danger (urgent message)"),
    "talk_to_human": lambda: _("asked for a person"),
    "misunderstood": lambda: _("the bot did not understand"),
    "danger_screen": lambda: _("high danger screen"),
    "sexual_violence": lambda: _("sexual violence"),
    "staff_opened": lambda: _("opened by staff"),
}

ANSWERS: dict[str, Callable[[], str]] = {
    "yes": lambda: _("yes"),
    "no": lambda: _("no"),
    "any": lambda: _("any time"),
    "morning": lambda: _("morning"),
    "day": lambda: _("afternoon"),
    "evening": lambda: _("evening"),
    "me_first": lambda: _("only after the user writes"),
}


def user_text(key: str, **params: object) -> str:
    """A user-facing desk string in the current locale."""
    return lookup(USER, key, **params)


def staff_text(key: str, **params: object) -> str:
    """A staff-facing desk string in the current locale (callers set STAFF_LANG)."""
    return lookup(STAFF, key, **params)


def label(table: dict[str, Callable[[], str]], key: str) -> str:
    """A translated label from one of the tables, or the key itself when unknown."""
    fn = table.get(key)
    return fn() if fn else key
