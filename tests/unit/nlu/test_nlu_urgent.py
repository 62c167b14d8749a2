"""Every safety-net pattern: its positive examples fire it, its negative examples fire nothing."""

import pytest

from nlu import URGENT_INTENTS
from nlu.urgent import Pattern, default_lexicon, scan, scan_all

PATTERNS = default_lexicon().patterns + default_lexicon().english.patterns
POSITIVES = [(p.id, t) for p in PATTERNS for t in p.positive]
NEGATIVES = [(p.id, t) for p in PATTERNS for t in p.negative]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_every_pattern_has_examples(pattern: Pattern) -> None:
    assert pattern.positive, f"{pattern.id}: add a positive example"
    assert pattern.negative, f"{pattern.id}: add a negative example"
    assert pattern.intent in URGENT_INTENTS


@pytest.mark.parametrize(("pattern_id", "text"), POSITIVES)
def test_pattern_fires_on_positive(pattern_id: str, text: str) -> None:
    assert pattern_id in [h.pattern_id for h in scan_all(text)]
    assert scan(text) is not None


@pytest.mark.parametrize(("pattern_id", "text"), NEGATIVES)
def test_nothing_fires_on_negative(pattern_id: str, text: str) -> None:
    assert scan(text) is None, [h.pattern_id for h in scan_all(text)]


# Words people put around a message that change nothing about the danger in it: a greeting, an
# apology, a filler ("если честно"), a plea, an emoji. Each positive example must still fire its
# pattern with any one of them before or after it (sixth session: "Если честно, я хочу
# покончить с собой" was read as a condition; a clause-end pattern missed "…и продолжит, что
# мне делать").
_WRAPPERS = {
    "ru": (
        ["Здравствуйте. ", "Извините, ", "Если честно, ", "Короче ", "Слушайте, ", "Пожалуйста, ",
         "Не знаю, кому писать. ", "Мне 34. ", "Я из Шымкента. ", "Можно вопрос? ", "Помогите. ",
         "Доброй ночи. "],
        [" пожалуйста", " помогите", " что делать?", " 😢", "...", " умоляю", " я боюсь",
         ", что мне делать", ", не знаю, к кому обратиться", " 🙏", ". Можно анонимно?"],
    ),
    "kk": (
        ["Сәлеметсіз бе. ", "Кешіріңіз, ", "Шынымды айтсам, ", "Өтінемін, ",
         "Кімге жазарымды білмеймін. ", "Қайырлы түн. ", "Мен 34 жастамын. ",
         "Сұрақ қоюға бола ма? ", "Көмектесіңізші. ", "Қорқамын. "],
        [" өтінемін", " көмектесіңізші", " не істеймін?", " 😢", "...", " қорқамын",
         ", не істеуім керек", ", кімге хабарласам", " 🙏", ". Анонимді ме?"],
    ),
    "en": (
        ["Hello. ", "Sorry, ", "Honestly, ", "Please ", "I don't know who to write to. "],
        [" please", " help", " what do I do?", " 😢", "...", " I'm scared", " 🙏"],
    ),
}


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_positives_survive_neutral_words(pattern: Pattern) -> None:
    before, after = _WRAPPERS[pattern.id.split("_", 1)[0]]
    missed = [
        text
        for example in pattern.positive
        for text in [b + example for b in before] + [example.rstrip() + a for a in after]
        if scan(text) is None
    ]
    assert not missed, missed


# A question about the law or "is it ..." asked first, then the danger (seventh session: a
# question sentence vetoed danger told after it, message-wide; "Можно ли подать на алименты без
# адвоката? Муж гоняется за мной с молотком" was read as calm by the net and the classifier).
_QUESTIONS_FIRST = {
    "ru": ["Можно ли подать на алименты без адвоката? ", "Какое наказание за побои? ",
           "Это считается насилием? ", "Скрин переписки будет доказательством? "],
    "kk": ["Алимент туралы арыз беруге бола ма? ", "Ұрғаны үшін қандай жаза бар? ",
           "Бұл зорлыққа жата ма? ", "Скриншот дәлел бола ма? "],
}


@pytest.mark.parametrize(
    "pattern",
    [p for p in PATTERNS if p.intent != "self_harm" and not p.id.startswith("en_")],
    ids=lambda p: p.id,
)
def test_danger_after_a_question_still_fires(pattern: Pattern) -> None:
    questions = _QUESTIONS_FIRST[pattern.id.split("_", 1)[0]]
    missed = [q + ex for ex in pattern.positive for q in questions if scan(q + ex) is None]
    assert not missed, missed


def test_unique_pattern_ids() -> None:
    ids = [p.id for p in PATTERNS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Раньше он меня бил, а сейчас снова бьёт, помогите", "danger_now"),  # present wins
        ("Отчим прямо сейчас бьёт ребёнка", "child_danger"),  # child outranks danger_now
        ("Он бьёт меня прямо сейчас, какая это статья?", "danger_now"),  # contract example
        # an inquiry never vetoes self_harm; a progressive form or a strong now cancels it
        ("Это считается насилием? Всё равно, хочу покончить с собой", "self_harm"),
        ("Бұл зорлық па? Ол мені ұрып жатыр", "danger_now"),
        ("Это считается угрозой? Он прямо сейчас кричит, что убьёт меня", "danger_now"),
        # someone else's threat vetoes only its own clause
        ("Он угрожает мне, а я хочу покончить с собой", "self_harm"),
        # the abuser away now, but the threat is due tonight: the calm veto does not apply
        ("Муж сейчас на работе, а вечером обещал убить", "danger_now"),
        ("Ол қазір жұмыста, бірақ кешке келгенде өлтіремін деді", "danger_now"),
        # the figurative veto is about things, not people: a person's threat still fires
        ("Он сейчас орёт, что цены выросли, и что убьёт меня", "danger_now"),
        ("Муж убивает меня, помогите", "danger_now"),
        # fifth session: each new veto next to a message it must not silence
        ("Хотела спросить про алименты, но сначала: он вернулся и выбивает дверь, пока я пишу",
         "danger_now"),  # a topic question first, danger after it; "пока я пишу" is now
        ("Свидетели были, а сейчас он опять душит меня", "danger_now"),  # strong now wins
        ("Муж пьяный, бьёт меня прямо сейчас, когда злится всегда так", "danger_now"),
        ("Я в другом городе, мама позвонила: брат её бьёт и не выпускает, помогите",
         "danger_now"),  # the writer, not the abuser, is in another city
        ("Ол қазір жұмысқа кетпей, мені пышақпен қуып жүр", "danger_now"),
        ("Ол маған «өлтіремін» деп айқайлап тұр", "danger_now"),  # his words, not the writer's
        ("Он бьёт меня прямо сейчас, это уже насилие?", "danger_now"),  # "прямо сейчас" is now
        ("Куда мне бежать, он опять бьёт", "danger_now"),  # asking where to run is now
        ("Он грозился убить меня, это было только что", "danger_now"),  # recent: not past
        ("Ол әлі үйде, мені ұрады", "danger_now"),  # "he is still at home" is now
        ("Дядя смотрит телевизор и не даёт ключ, бабушка заперта, он её бьёт, помогите",
         "danger_now"),  # an activity is calm only as "сейчас … смотрит телевизор"
        # sixth session: a filler ("если честно", "шынымды айтсам", "мүмкін болса") is no
        # condition
        ("Если честно, я хочу покончить с собой", "self_harm"),
        ("Егер шынымды айтсам, өзімді өлтіргім келеді", "self_harm"),
        ("Если можно, помогите, он меня бьёт", "danger_now"),
        ("Мүмкін болса көмектесіңіз, ол мені ұрып жатыр", "danger_now"),
        # "yesterday" vetoes a danger_now act in its clause, never self_harm, and not when
        # today, tonight or "he is on his way" is next to it
        ("Вчера снова порезала себя, сегодня хочу ещё", "self_harm"),
        ("Кеше тағы өзімді жаралап алдым", "self_harm"),
        ("Кеше пышақпен қорқытты, ол қазір келе жатыр", "danger_now"),
        ("Вчера избил, а сегодня обещал убить", "danger_now"),
        # seventh session: weeks since a threat veto it, unless it is due within hours; "что
        # убью" is the writer's own words only in indirect speech; "өзімді өлтіремін" is
        # self_harm, never a threat against the writer
        ("Ажырасқанымызға бір жыл болды, бүгін мас келіп өлтіремін деп тұр", "danger_now"),
        ("Месяц прошёл с развода, а сегодня он пришёл и обещал убить", "danger_now"),
        ("Он орёт «убью», дверь ломает", "danger_now"),
        ("Бүгін түнде өзімді өзім өлтіремін деп шештім", "self_harm"),
        ("Екі күн болды, үйден шығармайды, кілтті жасырды, өлтіремін дейді", "danger_now"),
        ("Один раз уже душил, а сейчас снова душит", "danger_now"),  # strong now wins
        # a question vetoes its own sentence and the ones before it, never danger told after it
        ("Можно ли подать на алименты без адвоката? Муж гоняется за мной с молотком",
         "danger_now"),
        ("Бұл зорлыққа жата ма? Ол мені жертөлеге қамап кетті", "danger_now"),
        ("Какая статья за побои? Он снова достал нож", "danger_now"),
        ("Өткен жексенбіде ұрған, қазір тағы ұрып жатыр", "danger_now"),  # progressive wins
        ("Он в шутку сказал, но сейчас реально держит нож у горла", "danger_now"),
    ],
)
def test_context_rules(text: str, intent: str) -> None:
    hit = scan(text)
    assert hit is not None and hit.intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "Раньше он угрожал, что убьёт меня",  # past
        "Смотрела сериал, где муж душит жену",  # fiction
        "Какое наказание, если муж избивает жену?",  # legal question
        "Что делать, если он придёт с ножом?",  # hypothetical
        "Если честно, что делать, если он придёт с ножом?",  # a filler, then a condition
        "Если он уйдёт, я покончу с собой, говорит он",  # a condition before it still vetoes
        "Кеше мойнымнан қысып, тұншықтыра жаздады. Ол таңертең жұмысқа кетті",  # yesterday
        "Он вчера выбил дверь, а сейчас сидит в телефоне как ни в чем не бывало",  # yesterday
        "«Закопаю» он говорит раз по пять на дню, я не реагирую",  # habitual
        "Вчера тағы ұрды, но сейчас ол на работе",  # "ол на работе": the abuser at work
        "Он душил меня прошлой зимой. Сейчас мы живём раздельно, но это не отпускает",
        "Он в ссоре кричит «убью», это считается угрозой?",  # inquiry
        "Өлтіремін деп қорқытқаны үшін не болады?",  # inquiry
        "Кеше тағы ұрды, қазір ол жұмыста",  # calm: the abuser at work
        "Вчера бил, сейчас он на работе, пишу спокойно",  # calm
        "Снилось, что он меня душит",  # a dream
        "Отчим бьёт меня ремнём, он сейчас на работе",  # "сейчас" of a calm phrase
        "Муж бьёт меня, когда пьёт. Последний раз в мае. Сейчас он на работе, дома тихо",
        "Он грозится наглотаться таблеток, стоит мне заговорить о разводе",  # his threat
        "Кетемін десем, өзіме қол жұмсаймын деп қорқытады",  # the same in Kazakh
        "У сестры муж её унижает, детей не трогает",  # negated child pattern
        "Цены просто убивают, картошка 400 тенге",  # a thing that "kills": a figure of speech
        "Дедлайн меня убивает, как сделать оглавление в Word?",
        "Меня убивает этот отчёт, помогите со сводной таблицей",
        "Мына қызанақтың бағасы мені өлтіреді",
        "В CS меня постоянно убивают, как поднять рейтинг?",  # a game
        "За «закопаю» в голосовом привлекают?",  # legal framing
        # fifth session
        "Демалыста буындырды, мойнымда ізі қалды, сараптама керек пе",  # evidence process
        "Он кричал «закопаю», было это в марте. Соседи могут быть свидетелями?",
        "Көршінің «өлтіремін» дегенін естідім, мені куә ретінде шақыра ма?",
        "Нам по 14, она кидает стикеры «убью тебя»",  # a sticker
        "Жігітім «буындыру челленджін» жасайық дейді",  # a social-media challenge
        "Полгода назад в ссоре приставил нож к шее брата, нужна помощь психолога",  # past
        "Кеше «өлтіремін» деп айқайлады да, вахтаға кетіп қалды",  # he left for his shift
        "Он грозился убить, сейчас он живёт у матери",  # the abuser away
        "Муж бьёт меня раз в месяц, сейчас он смотрит хоккей",  # habitual, calm now
        "Күйеуім мас келсе ұрады, қазір бәрі дастарқан басында",  # habitual (Kazakh)
        "Петух орёт в четыре утра, я его когда-нибудь задушу",  # "someday"
        "Последний месяц на работе просто убивает: отчёты, проверки",  # figurative
        "Кеше ашуланып «өлтіремін» деп айқайладым, әйелім төркініне кетті",  # the writer's words
        "Жена сейчас на кухне моет посуду, а вообще она бьёт меня, когда злится",  # calm now
        "Грозился убить, но его уже посадили",  # the abuser in prison
        "Он тогда приставил нож к горлу. Можно сейчас заявить?",  # "тогда": then, not now
        "Ипотека душит, не знаю, как дотянуть до зарплаты",  # figurative
        "Начальник так орал, что я думал, он меня придушит",  # a thought, not an act
        "Когда злится, бьёт кулаком в стену прямо рядом с моей головой. Это уже насилие?",
        "Сын кидался на меня с молотком, сейчас он лечится в наркологии",  # away
        "Он кричал «убью и детей заберу», это было в прошлом месяце",  # told when, after it
        "Досымның күйеуі оны пышақпен қорқытқан екен",  # Kazakh reported past
        "Буындырғаннан кейін дауысым қарлығып қалды, дәрігер жазып бере ме",  # medical papers
        # seventh session
        "Ол «өлтіремін» дегеніне бір апта болды, содан бері үндемейді",  # weeks since
        "Мойнымнан қысқан түнді ұмыта алмаймын, бір жыл өтті",
        "Угрожал ножом. Прошло три месяца, а я всё вздрагиваю",  # told when, after it
        "В ссоре сказала мужу, что убью его, сама испугалась",  # the writer's own words
        "ugrozhala muzhu chto zarezhu, nuzhen psiholog",
        "Жігітім тастасаң өзімді өлтіремін дейді, 16 жастамын",  # his threat, not hers
        "Пышақпен қорқытты, бұл үш жыл бұрын",  # told when, after it
        "Один раз он запер меня в кладовке, я до сих пор боюсь темноты",  # once: past
        "Өткен сенбіде ол мені ұрды, қазір анамдамын",  # last Saturday
        "Он в прошлую субботу приставил нож к горлу",
        "Менде өлтіремін деген ештеңе жоқ, жай сұрайын деп едім",  # "nothing like that"
        "Ол мені өлтіремін деп қорқытқан, қазір бөлек тұрады",  # he lives apart
        "Інім «өлтіремін» деп ойнап айтады, мен қорқамын ба?",  # said in play
        "Вчера смотрели ужастик, где маньяк душит жертву",  # a film genre
        "Он кричит «убью», такие слова считаются угрозой?",  # inquiry, plural form
        "Он кричал, что зарежет. Это считается угрозой?",  # the question asks about before
        "Он приставил нож к горлу. Какое за это наказание?",
    ],
)
def test_vetoes(text: str) -> None:
    assert scan(text) is None
