"""Every user-facing UI string, by key. Content answers live in ``knowledge/``.

Msgids are English; Kazakh and Russian live in ``locales/``. Dialog actions name a key
from here; the transport looks it up at send time, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

TEXTS: dict[str, Callable[[], str]] = {
    "welcome": lambda: _(
        "Hello. I am Qorgau, a bot (not a person) that helps people facing violence at "
        "home. Violence is never your fault.\n\nI can tell you about your rights, help you "
        "make a safety plan and connect you with a consultant. If you are in danger now, "
        'call <b>102</b> or <b>112</b> (free).\n\nThe "Quick exit" button erases this chat '
        "from your phone. Which language is easier for you?"
    ),
    "menu": lambda: _("How can I help? Choose a topic or just write in your own words."),
    "help": lambda: _(
        "Write in your own words, in Kazakh or Russian, or use the buttons.\n\n"
        "/sos - help in danger now\n/exit - erase this chat\n/human - talk to a consultant\n"
        "/language - change language\n/privacy - what is stored and how to erase it\n"
        "/forget - erase everything the service holds about you\n/menu - main menu"
    ),
    "language_prompt": lambda: _("Choose a language:"),
    "language_set": lambda: _("Done, I will write in English."),
    "greet_again": lambda: _("Hello. I am here. What would you like to talk about?"),
    "bye": lambda: _(
        "Thank you for writing. You can come back at any time. If you are ever in danger, "
        "call 102 or 112. Take care of yourself."
    ),
    "rephrase": lambda: _(
        "I am not sure I understood. Could you say it in other words? You can also pick a "
        "topic below."
    ),
    "still_unclear": lambda: _(
        "I am sorry, I still do not understand. A consultant can help: would you like to "
        "talk to a person?"
    ),
    "no_card": lambda: _(
        "I do not have a good answer to this yet. A consultant of the 111 line can help."
    ),
    "case_waiting": lambda: _(
        "Your message has been passed to a consultant. Please wait; they will answer here."
    ),
    "offer_human_sv": lambda: _(
        "What happened is not your fault. If you want, a consultant can talk with you "
        "confidentially."
    ),
    "emergency_danger_now": lambda: _(
        "<b>If you are in danger, call 102 (police) or 112 now. The call is free.</b>\n\n"
        "• If you can, go to a safer place: near a door, away from the kitchen and from "
        "anything that can be used as a weapon.\n"
        "• Call out to neighbours or anyone nearby.\n"
        "• 111: advice 24/7, free.\n\n"
        "I have alerted a consultant. Write when it is safe."
    ),
    "emergency_self_harm": lambda: _(
        "<b>I am glad you wrote. What you feel matters, and you do not have to cope with "
        "it alone.</b>\n\n"
        "• If you might hurt yourself now, call 112 (free).\n"
        "• If you can, be with someone you trust right now, or call them.\n"
        "• 150: helpline for children and young people. 111: support 24/7, free.\n\n"
        "I have asked a consultant to join. Are you safe at this moment?"
    ),
    "emergency_child_danger": lambda: _(
        "<b>If a child is in danger now, call 102 (police) or 112. The call is free.</b>\n\n"
        "• Do not confront the person who is hurting the child on your own.\n"
        "• If you can, stay near and keep the child in sight, or ask others for help.\n"
        "• 150: helpline for children and young people. 111: advice 24/7, free.\n\n"
        "I have alerted a consultant."
    ),
    "emergency_repeat": lambda: _(
        "A consultant has been alerted and will answer here. If the danger is close, call "
        "<b>102</b> or <b>112</b> now (free). 111 works 24/7."
    ),
    "off_hours": lambda: _(
        "Our consultants are not on shift right now ({hours}). The 111 line works 24/7 and "
        "is free; in danger call 102 or 112. Your message is saved and a consultant will "
        "answer when the shift starts."
    ),
    "unsupported": lambda: _(
        "I can read only text. Please write in words. If you are in danger, press SOS."
    ),
    "too_long": lambda: _(
        "That is a long message; I read its beginning. If something is urgent, write it "
        "in one or two sentences."
    ),
    "unknown_command": lambda: _("I do not know this command. Here is the menu."),
    "stale_button": lambda: _("This button is out of date."),
    "possible_danger": lambda: _(
        "⚠ The last message may describe danger right now. Please check with the person "
        "and give 102/112 if needed."
    ),
    "error": lambda: _(
        "Sorry, something went wrong on my side. Please try again. If you are in danger, "
        "call 102 or 112 (free)."
    ),
    "needs_review": lambda: _(
        "This answer is waiting for a lawyer's review. A lawyer at 111 can check it for your case."
    ),
    "sources_title": lambda: _("Sources:"),
    "other_answers": lambda: _("Maybe one of these answers fits better:"),
    "topic_rights": lambda: _("Your rights and the law. Choose a question:"),
    "choose_region": lambda: _("Choose your region or city:"),
    "numbers_title": lambda: _("<b>Help by phone</b>"),
    "free": lambda: _("free"),
    "region_no_centres": lambda: _(
        "We do not yet have verified contacts of centres in this region. Call 111 (24/7, "
        "free): they will tell you the nearest family support or crisis centre."
    ),
    "no_more_cards": lambda: _(
        "I have no other answers on this. Would you like to talk to a consultant?"
    ),
    "discreet_line": lambda: _("New message"),
    "privacy": lambda: _(
        "<b>What is kept.</b> Your language and settings; if you use them, your safety plan, "
        "journal and conversation with a consultant. Everything you write is stored "
        "encrypted. We never ask for your name or address.\n\n"
        "<b>Who sees it.</b> Only a consultant of the service, and only if you ask for a "
        "person or are in danger. Consultants see a case number, not your Telegram account.\n"
        "\n<b>How long.</b> Conversations with consultants are deleted {days} days after the "
        'case is closed. /forget erases everything about you at once; "Quick exit" erases '
        "this chat from the phone."
    ),
    "auto_erase_on": lambda: _(
        "Auto-erase is on: the chat is erased {minutes} minutes after your last message."
    ),
    "auto_erase_off": lambda: _("Auto-erase is off."),
    "auto_erase_prompt": lambda: _(
        "Erase this chat automatically after how long without messages?"
    ),
    "minutes": lambda: _("{n} min"),
    "discreet_now_on": lambda: _(
        'Discreet mode is on: notifications will show only "New message".'
    ),
    "discreet_now_off": lambda: _("Discreet mode is off."),
    "phone_tips": lambda: _(
        "<b>Keeping your phone discreet</b>\n"
        "• Set a Telegram passcode: Settings → Privacy and Security → Passcode Lock.\n"
        '• Hide message previews: Settings → Notifications → turn off "Message preview".\n'
        '• Archive this chat, or delete it "for both sides" after use; the Quick exit '
        "button does this for you.\n"
        "• Check that location sharing is off in Telegram and on the phone.\n"
        "• Save hotline numbers under another name, for example a shop or a friend.\n"
        "• If someone may have access to your phone, it is safer to use a friend's phone."
    ),
    "forget_confirm": lambda: _(
        "Erase everything the service holds about you: settings, plan, journal, "
        "conversations with consultants? This cannot be undone."
    ),
    "forget_done": lambda: _(
        "Everything about you has been erased. You can start again at any time with /start."
    ),
    "exit_neutral": lambda: _("Weather today: cloudy, light wind, around 12°C."),
    "exit_leftovers": lambda: _(
        "Some older messages could not be deleted by the bot. To remove them, delete this "
        'chat in Telegram ("Delete chat", "also for the bot").'
    ),
}

BUTTONS: dict[str, Callable[[], str]] = {
    "menu": lambda: _("Menu"),
    "sos": lambda: _("SOS: danger now"),
    "exit": lambda: _("Quick exit"),
    "human": lambda: _("Talk to a consultant"),
    "hotlines": lambda: _("Phone numbers"),
    "rights": lambda: _("My rights and the law"),
    "safety_plan": lambda: _("Safety plan"),
    "youth": lambda: _("For young people"),
    "privacy": lambda: _("Privacy and erasing"),
    "language": lambda: _("Language"),
    "region": lambda: _("Help in my region"),
    "not_this": lambda: _("Not what I asked"),
    "sources": lambda: _("Sources"),
    "safe_followup": lambda: _("Check on me at a safe time"),
    "discreet_on": lambda: _("Turn on discreet mode"),
    "discreet_off": lambda: _("Turn off discreet mode"),
    "auto_erase": lambda: _("Auto-erase"),
    "auto_erase_disable": lambda: _("Turn off auto-erase"),
    "phone_tips": lambda: _("Phone safety tips"),
    "forget": lambda: _("Erase all my data"),
    "forget_yes": lambda: _("Yes, erase"),
    "forget_no": lambda: _("No"),
}


Catalogue = dict[str, Callable[[], str]]


def lookup(table: Catalogue, key: str, **params: object) -> str:
    """Translate ``key`` of a string table in the current locale and fill its parameters."""
    value = table[key]()
    return value.format(**params) if params else value


def text(key: str, **params: object) -> str:
    """The translated string for ``key`` in the current locale."""
    return lookup(TEXTS, key, **params)


def button(key: str) -> str:
    """The translated button label for ``key``."""
    return lookup(BUTTONS, key)
