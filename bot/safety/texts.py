"""UI strings of the safety feature (msgids in English; kk/ru in ``locales/``)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

from bot.texts import lookup

TEXTS: dict[str, Callable[[], str]] = {
    "hub": lambda: _(
        "<b>Safety plan</b>\nHere you can check how dangerous the situation is, make a "
        "plan, keep a journal of incidents for the police or a court, and set up quiet "
        "check-ins. Everything is stored encrypted, and you can delete it at any time."
    ),
    "screen_intro": lambda: _(
        "These {n} questions help to see how dangerous the situation is. They follow the "
        "Lethality Screen that police and helplines use; our version is waiting for review "
        'by specialists.\n\n"This person" means the one who hurts you. Answer yes or no; '
        "you can skip any question, or stop and continue later. Answers are stored encrypted."
    ),
    "screen_question": lambda: _("Question {i} of {n}\n\n{question}"),
    "screen_paused": lambda: _(
        "Saved. You can continue the questions at any time from the safety plan menu."
    ),
    "screen_high": lambda: _(
        "<b>Your answers show a high danger. This is serious, and it is not your fault.</b>"
        "\n\nIn situations like this, people have been badly hurt or killed. I am telling "
        "you this because your safety matters.\n"
        "• <b>102</b> police, <b>112</b> emergency: free\n"
        "• <b>111</b>: advice and support 24/7, free\n\n"
        "I have asked a consultant to contact you as a priority. You can talk to a person now, "
        "and we can make a safety plan together."
    ),
    "screen_not_high": lambda: _(
        "Thank you. Your answers do not reach the high-danger mark of this screen. But "
        "danger can change quickly, and your own feeling counts most: if you feel unsafe, "
        "call 102 or 112 (free), or 111 for advice (24/7).\n\nA safety plan helps in any "
        "situation."
    ),
    "screen_skipped": lambda: _(
        "You skipped {n} question(s); answers to them could change the result."
    ),
    "screen_done_high": lambda: _(
        "Those were all the questions. A consultant has been asked to contact you. In "
        "danger call 102 or 112 (free)."
    ),
    "plan_priorities": lambda: _(
        "<b>Safety plan</b>\nWhat matters most to you now? Tap in order of importance; you "
        'can choose several. Then press "Next".\n\nThe plan is stored encrypted; you can '
        "stop at any time and continue later."
    ),
    "plan_danger_first": lambda: _(
        "Because the danger is high, we start with staying safer now. Leaving is often the "
        "most dangerous time: if you can, plan it with a consultant (111)."
    ),
    "plan_section": lambda: _(
        "<b>{title}</b> ({i}/{n})\n\n{items}\n\nTap a number to tick what you have done "
        "or will do."
    ),
    "plan_note_prompt": lambda: _(
        "Write a short note for this part (for example, where you could go). It is stored "
        "encrypted. Do not write anything that would put you at risk if someone saw this chat."
    ),
    "plan_note_saved": lambda: _("Note saved."),
    "plan_view": lambda: _("<b>Your safety plan</b> ({done} of {total} ticked)\n\n{body}"),
    "plan_menu": lambda: _("Your plan is saved. What would you like to do?"),
    "plan_checklist": lambda: _("Choose a part of the plan to tick items:"),
    "plan_delete_confirm": lambda: _("Delete your safety plan? This cannot be undone."),
    "plan_deleted": lambda: _("Your safety plan has been deleted."),
    "file_sent": lambda: _(
        "Here is the file, with a neutral name. Save it where only you can open it, then "
        "delete it from this chat."
    ),
    "file_deleted": lambda: _("The file has been deleted from the chat."),
    "journal_menu": lambda: _(
        "<b>Incident journal</b>\nWrite down what happened while you remember it well: "
        "when, what happened, injuries, witnesses, photos. This can help the police, a "
        "lawyer or a court. Entries are stored encrypted; photos are moved out of the chat."
        "\n\nEntries: {n}."
    ),
    "j_when": lambda: _(
        "When did it happen? I have put: {when}.\nIf it was on another day, choose it below "
        "or write the date and time, for example 25.11.2026 21:30. Otherwise press "
        '"That\'s right".'
    ),
    "j_hour": lambda: _(
        "At what time, roughly? Choose below or write the time, for example 21:30."
    ),
    "j_bad_date": lambda: _(
        "I could not read the date. Please write it like 25.11.2026 21:30, or just 21:30 "
        "for today."
    ),
    "j_what": lambda: _(
        "What happened? Describe it in your own words: what was said and done. Facts help "
        "most. I keep your answers encrypted and remove them from the chat."
    ),
    "j_injuries": lambda: _(
        'Were you hurt? Describe any injuries and whether you saw a doctor. If not, press "Skip".'
    ),
    "j_witnesses": lambda: _(
        "Did anyone see or hear it (neighbours, relatives, children)? You can describe them "
        'without names. Or press "Skip".'
    ),
    "j_media": lambda: _(
        "You can now send photos or documents (for example, photos of injuries or a medical "
        "certificate). I will store them encrypted and delete them from the chat. Then press "
        '"Save".'
    ),
    "j_media_saved": lambda: _("Stored and removed from the chat: {n}."),
    "j_text_needed": lambda: _("Please write this in words, or use the buttons."),
    "j_saved": lambda: _("The incident has been saved in your journal."),
    "j_cancelled": lambda: _("The entry was not saved."),
    "j_empty": lambda: _("The journal is empty."),
    "j_delete_confirm": lambda: _(
        "Delete the whole journal with all photos? This cannot be undone."
    ),
    "j_deleted": lambda: _("The journal has been deleted."),
    "checkin_intro": lambda: _(
        "<b>Check-ins</b>\nI can write to you now and then to ask how you are. The message "
        "is neutral, with no words about this topic, and comes only at the times you mark "
        "as safe (Kazakhstan time). If you do not answer, nothing else is sent.\n\n"
        'Mark the safe hours and how often, then press "Turn on".'
    ),
    "checkin_is_on": lambda: _("Check-ins are on. Next: {when}."),
    "checkin_is_off": lambda: _("Check-ins are off."),
    "checkin_need_window": lambda: _("Please mark at least one safe time first."),
    "checkin_msg": lambda: _("Hello! How are you today?"),
    "checkin_ok_reply": lambda: _("Glad to hear it. Have a good day!"),
    "pdf_plan_title": lambda: _("My plan"),
    "pdf_journal_title": lambda: _("Record of incidents"),
    "pdf_made": lambda: _("Prepared on {date}."),
    "pdf_order": lambda: _("Entries are in the order the incidents happened."),
    "pdf_when": lambda: _("Date and time"),
    "pdf_what": lambda: _("What happened"),
    "pdf_injuries": lambda: _("Injuries"),
    "pdf_witnesses": lambda: _("Witnesses"),
    "pdf_attachments": lambda: _("Attached photos and documents: {n}"),
    "pdf_legal_note": lambda: _(
        "Note on evidence: evidence must be obtained lawfully. A secret audio or video "
        "recording of the other person made without permission may be ruled inadmissible "
        "by a court. Medical records, photos of injuries, witness statements, messages you "
        "received and the police record are more reliable. A lawyer (for example through "
        "111) can check this for your case."
    ),
    "pdf_plan_review": lambda: _(
        "Based on the safety-planning guides of domestic violence hotlines; waiting for "
        "review by specialists."
    ),
    "every_1": lambda: _("every day"),
    "every_3": lambda: _("every 3 days"),
    "every_7": lambda: _("once a week"),
}

BUTTONS: dict[str, Callable[[], str]] = {
    "screen": lambda: _("Danger check"),
    "plan": lambda: _("My safety plan"),
    "journal": lambda: _("Incident journal"),
    "checkin": lambda: _("Check-ins"),
    "hub": lambda: _("Back"),
    "start": lambda: _("Start"),
    "resume": lambda: _("Continue"),
    "restart": lambda: _("Start again"),
    "yes": lambda: _("Yes"),
    "no": lambda: _("No"),
    "skip": lambda: _("Skip"),
    "stop": lambda: _("Stop for now"),
    "continue_screen": lambda: _("Continue the questions"),
    "make_plan": lambda: _("Make a safety plan"),
    "talk_now": lambda: _("Talk to a person now"),
    "next": lambda: _("Next"),
    "back": lambda: _("Previous"),
    "note": lambda: _("Add a note"),
    "view": lambda: _("View the plan"),
    "checklist": lambda: _("Checklist"),
    "edit": lambda: _("Change priorities"),
    "export": lambda: _("Send as a file"),
    "delete": lambda: _("Delete"),
    "yes_delete": lambda: _("Yes, delete"),
    "delete_file": lambda: _("Delete the file from the chat"),
    "add": lambda: _("Add an incident"),
    "report": lambda: _("Report (PDF)"),
    "delete_journal": lambda: _("Delete the journal"),
    "ok_time": lambda: _("That's right"),
    "yesterday": lambda: _("Yesterday"),
    "save": lambda: _("Save"),
    "cancel": lambda: _("Cancel"),
    "turn_on": lambda: _("Turn on"),
    "turn_off": lambda: _("Turn off"),
    "im_ok": lambda: _("I'm OK"),
    "need_help": lambda: _("I need help"),
}


def t(key: str, **params: object) -> str:
    """The translated string for ``key`` in the current locale."""
    return lookup(TEXTS, key, **params)


def b(key: str) -> str:
    """The translated button label for ``key``."""
    return BUTTONS[key]()
