"""UI strings of the young people's area (msgids in English; kk/ru in ``locales/``)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

from bot.texts import lookup

TEXTS: dict[str, Callable[[], str]] = {
    "hub": lambda: _(
        "<b>For young people</b>\nRelationships, consent, bullying: honest answers, no "
        "lectures. Read a topic, test yourself in a quiz, or check some common myths."
    ),
    "quiz_list": lambda: _("Choose a quiz. Each has a few short questions; you can skip any."),
    "quiz_review": lambda: _(
        "Some answers are waiting for a lawyer's review. A lawyer at 111 can check them."
    ),
    "quiz_question": lambda: _("Question {i} of {n}\n\n<b>{question}</b>\n\n{options}"),
    "quiz_right": lambda: _("<b>Right!</b>"),
    "quiz_wrong": lambda: _("<b>Not quite.</b> The right answer: {answer}."),
    "quiz_result": lambda: _("<b>Done! Right answers: {right} of {total}.</b>"),
    "quiz_skipped": lambda: _("Skipped: {skipped}."),
    "quiz_closing": lambda: _(
        "Whatever your score, it is good that you are thinking about this. If something "
        "like this is happening to you or a friend, you are not to blame, and you do not "
        "have to deal with it alone. Tell an adult you trust, or call <b>150</b>, the "
        "helpline for children and young people, or <b>111</b> (24/7, free). If someone "
        "is in danger right now, call <b>102</b>."
    ),
    "myth": lambda: _("Myth {i} of {n}\n\n<b>Myth:</b> «{myth}»"),
    "fact": lambda: _("<b>Fact:</b> {fact}"),
    "myths_end": lambda: _("That was the last myth. Thank you for reading to the end."),
}

BUTTONS: dict[str, Callable[[], str]] = {
    "quizzes": lambda: _("Quizzes"),
    "myths": lambda: _("Myths and facts"),
    "skip": lambda: _("Skip"),
    "next": lambda: _("Next"),
    "result": lambda: _("See my result"),
    "show_fact": lambda: _("Show the fact"),
    "next_myth": lambda: _("Next myth"),
    "other_quiz": lambda: _("Another quiz"),
}


def t(key: str, **params: object) -> str:
    """A translated youth string in the current locale."""
    return lookup(TEXTS, key, **params)


def b(key: str) -> str:
    """A translated youth button label."""
    return BUTTONS[key]()
