"""Neutral words at the edges of a message, and the message without them (its core).

People wrap what they write in words that say nothing about danger: a greeting ("Здравствуйте",
"Сәлеметсіз бе"), an apology ("Извините", "Кешіріңіз"), a filler ("Если честно", "Шынымды
айтсам"), a plea or a closing ("пожалуйста", "что мне делать?", "өтінемін", "рахмет"), an
emoji. A linear model adds their weights to the message's, so they can push an urgent message
just under the urgent cut: on the held-out set, 80 of 6,278 wrapped urgent lines (1.3 %) were
read as calm (sixth session, `nlu/README.md`). The urgent rule therefore also scores the core,
and a message is urgent when either is (`IntentModel.predict`, `cv.out_of_fold`): a wrapper can
add urgency, never take it away.

The patterns match normalised text (`nlu.normalize.normalize`: lower case, Kazakh letters
folded, й -> и, Latin transliterated, punctuation dropped, emoji as `<emoji:name>` tokens).
"""

from __future__ import annotations

import re

# Words that open a message. Each alternative is a whole phrase; several may follow each other.
_LEAD_PHRASES = (
    # Russian greetings, apologies, fillers, openers
    r"здравствуите|здрасте|здрасьте|(всем )?привет( всем)?|приветствую|"
    r"добрыи (день|вечер)( всем)?|"
    r"доброе утро|девочки|ребята|подскажите|вот такая ситуация|ситуация такая|сразу скажу|"
    r"пишу с (чужого )?телефона( \w+)?|"
    r"доброи ночи|доброго (дня|вечера)|алло|извините( пожалуиста)?( за беспокоиство)?|"
    r"простите( что (пишу|беспокою))?|прошу прощения|если честно|честно говоря|короче|"
    r"слушаите|кстати|вообще|в общем|ну|так вот|пожалуиста|помогите( пожалуиста)?|"
    r"не знаю (кому|куда) (писать|написать|обратиться)|(я )?не знаю что делать|"
    r"можно вопрос|у меня вопрос|прошу прощения за беспокоиство|я боюсь|мне страшно|"
    # Kazakh (folded: ә->а, і->и, қ->к, ң->н, ө->о, ұ/ү->у, й->и)
    r"салем|салеметсиз бе|салеметсизбе|салеметсиздер ме|ассалаумагалеикум|"
    r"каиырлы (тан|кун|кеш|тун)|кешириниз|кешириниздер|шынымды аитсам|шынын аитсам|"
    r"аитпакшы|жалпы|сонымен|отинемин|комектесинизши|комектесиниз|"
    r"кимге (жазарымды|жазуды) билмеимин|не истеримди билмеимин|сурак коюга бола ма|"
    r"кеширим сураимын|акыл бериниз(ши)?|кыздар|мынадаи жагдаи|аитаиын дегеним|"
    r"курбымнын телефонынан жазып отырмын|(мен )?коркамын"
)
# Words that close a message.
_TRAIL_PHRASES = (
    r"пожалуиста|помогите( пожалуиста)?|умоляю|срочно|спасибо|простите|подскажите|"
    r"что (мне )?делать( то)?|как быть|я боюсь|мне страшно|можно анонимно|ответьте|вот так|"
    r"заранее спасибо|(очень )?нужен совет|помогите советом|"
    r"не знаю (что делать|к кому обратиться|кому писать)|"
    r"отинемин|комектесинизши|комектесиниз|комектесиндерши|не истеимин|не истеуим керек|"
    r"не истесем болады|коркамын|рахмет|кешириниз|анонимди ме|кимге хабарласам|"
    r"кимге жазарымды билмеимин|жауап бериниз(ши)?|акыл бериниз(ши)?|осындаи жагдаи|"
    r"алдын ала рахмет|кенес керек|комек керек"
)
_EMOJI = r"<emoji:[a-z0-9_]+>"
_LEAD_RE = re.compile(rf"^(?:(?:{_LEAD_PHRASES})\s+)+")
_TRAIL_RE = re.compile(rf"(?:\s+(?:{_TRAIL_PHRASES}|{_EMOJI}))+$")
_LETTER_RE = re.compile(r"[^\W\d_]{2,}")


SENTENCE_END = "[.!?\n\u2026]"  # what ends a sentence (also for the safety net's clauses)
_SENTENCE_RE = re.compile(f"{SENTENCE_END}+")


def sentences(text: str) -> list[str] | None:
    """The normalised sentences of a raw message that has two or more with words or emoji in
    them (None otherwise; a time or a number alone is no sentence).

    A danger told in one sentence after a long calm one ("Хотела спросить про алименты: ...
    можно ли подать без адвоката? Муж гоняется за мной с молотком") is diluted by the calm
    words in the whole message's vector. Each sentence is also scored alone, and one that is
    clearly urgent by itself makes the message urgent (`IntentModel.sentence_alarm`; its
    higher cut is `Thresholds.sentence`).
    """
    from nlu.normalize import normalize

    parts = [n for n in (normalize(s) for s in _SENTENCE_RE.split(text)) if _LETTER_RE.search(n)]
    return parts if len(parts) >= 2 else None


# The end of a long message: its last ENDING_SENTENCES sentences, when it has at least
# ENDING_MIN (fewer: the ending would be the whole message).
ENDING_SENTENCES = 2
ENDING_MIN = 3


def ending(sents: list[str] | None) -> str | None:
    """The normalised end of a message of three or more sentences (`sentences`): its last two.

    A long message often tells its story first and what is happening now at the end ("Мне 71,
    живу с сыном… Полчаса назад он ударил меня лопатой, а сейчас сидит на крыльце и точит
    её"); the story's words dilute the end in the whole message's vector. The end is scored
    like the core, against the urgent cut (eighth session, nlu/README.md).
    """
    if sents is None or len(sents) < ENDING_MIN:
        return None
    return " ".join(sents[-ENDING_SENTENCES:])


def without_trailing(norm: str) -> str:
    """Normalised text without the neutral words that close it (a plea, a thanks, an emoji);
    the safety net's clause-end patterns are matched on this (`nlu.urgent.Pattern`)."""
    return _TRAIL_RE.sub("", norm)


def core(norm: str) -> str | None:
    """The normalised message without its neutral edges; None when there were none, or when
    nothing with letters is left (a bare "Здравствуйте", "помогите 🙏")."""
    stripped = without_trailing(_LEAD_RE.sub("", norm))
    if stripped == norm or not _LETTER_RE.search(re.sub(_EMOJI, " ", stripped)):
        return None
    return stripped
