"""Retrieval picks the right card for kk, kk typed in Latin/without Kazakh letters, and ru."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from nlu.normalize import normalize

YOUTH, PERP = "youth_relationships", "perpetrator_help"
ORDER, EVID, SEX = "protection_order", "evidence_medical", "sexual_violence"

# (intent, lang, text, expected card id)
CASES: list[tuple[str, str, str, str]] = [
    # laws_penalties
    ("laws_penalties", "kk", "ұрғаны үшін енді түрмеге отырғыза ма", "law-2024-battery"),
    ("laws_penalties", "kk", "urgany ushin kylmystyk zhauapkershilik bar ma", "law-2024-battery"),
    ("laws_penalties", "ru", "за побои теперь сажают?", "law-2024-battery"),
    ("laws_penalties", "kk", "Салтанат заңында не бар", "law-2024-overview"),
    ("laws_penalties", "ru", "какие новшества ввел закон о правах женщин", "law-2024-overview"),
    ("laws_penalties", "kk", "баланы зорлаған адамға өмір бойы береді ме", "law-2024-children"),
    ("laws_penalties", "ru", "пожизненное за убийство ребенка ввели?", "law-2024-children"),
    ("laws_penalties", "kk", "bulling ushin aiyppul kansha", "law-2024-bullying"),
    ("laws_penalties", "ru", "сколько штраф за травлю школьника", "law-2024-bullying"),
    ("laws_penalties", "kk", "2023 жылғы түзетулер туралы", "law-2023-changes"),
    ("laws_penalties", "ru", "поправки 2023 года про арест", "law-2023-changes"),
    # report_police
    ("report_police", "kk", "полицияға шағым қалай түсіремін", "police-how-to-report"),
    ("report_police", "ru", "как заявить на мужа в полицию", "police-how-to-report"),
    ("report_police", "kk", "aryz bergen son ne bolady", "police-after-report"),
    ("report_police", "ru", "что дальше после заявления в полицию", "police-after-report"),
    ("report_police", "kk", "арызымды кері қайтарғым келеді", "police-withdraw-reconcile"),
    ("report_police", "ru", "хочу забрать заявление обратно", "police-withdraw-reconcile"),
    ("report_police", "kk", "учаскелік арызды алмай қойды", "police-refused"),
    ("report_police", "ru", "в полиции отказались брать заявление", "police-refused"),
    # protection_order
    (ORDER, "kk", "защитное предписание деген не, қанша күн", "protective-order"),
    (ORDER, "ru", "как оформить защитное предписание на мужа", "protective-order"),
    (ORDER, "kk", "sot oga magan keluge tyiym sala ma", "behaviour-requirements"),
    (ORDER, "ru", "суд может запретить ему пить и звонить мне?", "behaviour-requirements"),
    (ORDER, "kk", "оны пәтерден шығарып жіберуге бола ма", "order-leave-home"),
    (ORDER, "ru", "как выгнать агрессора из квартиры", "order-leave-home"),
    # evidence_medical
    (EVID, "kk", "көгерген жерлерді қалай тіркеймін", "evidence-injuries"),
    (EVID, "ru", "как доказать побои, фото синяков нужно?", "evidence-injuries"),
    (EVID, "kk", "diktofonga zhazyp alsam bola ma", "evidence-recordings"),
    (EVID, "ru", "можно ли тайно записать на диктофон угрозы", "evidence-recordings"),
    (EVID, "kk", "сараптамаға қалай барамын", "forensic-examination"),
    (EVID, "ru", "где пройти судмедэкспертизу побоев", "forensic-examination"),
    # shelter_help
    ("shelter_help", "kk", "баратын жерім жоқ, дағдарыс орталығы бар ма", "crisis-centres"),
    ("shelter_help", "ru", "есть ли приют для женщин с детьми", "crisis-centres"),
    ("shelter_help", "kk", "otbasyn koldau ortalygy ne isteidi", "family-support-centres"),
    ("shelter_help", "ru", "что делает центр поддержки семьи", "family-support-centres"),
    # family_law
    ("family_law", "kk", "ажырасқым келеді, алимент ала аламын ба", "family-divorce"),
    ("family_law", "ru", "как подать на развод и алименты", "family-divorce"),
    ("family_law", "kk", "ажырасқанда балаларды кім алады", "family-children-custody"),
    ("family_law", "ru", "отец хочет забрать ребенка после развода", "family-children-custody"),
    # safety_plan
    ("safety_plan", "kk", "uide kauipsiz bolu ushin ne isteimin", "safety-plan-staying"),
    ("safety_plan", "ru", "как обезопасить себя дома во время ссоры", "safety-plan-staying"),
    ("safety_plan", "kk", "шұғыл сөмкеге қандай құжат салу керек", "safety-plan-emergency-bag"),
    ("safety_plan", "ru", "что собрать в тревожную сумку", "safety-plan-emergency-bag"),
    ("safety_plan", "kk", "балалармен үйден қалай кетемін", "safety-plan-leaving"),
    ("safety_plan", "ru", "хочу уйти от мужа безопасно", "safety-plan-leaving"),
    ("safety_plan", "kk", "telefonymdy tekseredi, geolokaciya", "safety-plan-digital"),
    ("safety_plan", "ru", "он следит за мной через телефон", "safety-plan-digital"),
    # talk_to_human
    ("talk_to_human", "kk", "тірі адаммен сөйлесуге бола ма", "human-consultant"),
    ("talk_to_human", "ru", "позовите живого консультанта", "human-consultant"),
    ("talk_to_human", "kk", "tegin zanger kerek", "human-lawyer-psychologist"),
    ("talk_to_human", "ru", "нужна консультация юриста бесплатно", "human-lawyer-psychologist"),
    # hotlines
    ("hotlines", "kk", "сенім телефонының нөмірін беріңізші", "hotlines-main"),
    ("hotlines", "ru", "номера телефонов помощи при насилии", "hotlines-main"),
    ("hotlines", "kk", "111 тегін бе", "hotline-111"),
    ("hotlines", "ru", "111 работает круглосуточно?", "hotline-111"),
    # help_other
    ("help_other", "kk", "досымның күйеуі оған қол жұмсайды, не істеймін", "help-other-friend"),
    ("help_other", "ru", "как помочь подруге которую бьет муж", "help-other-friend"),
    ("help_other", "kk", "korshi uiden aikai estiledi", "help-other-neighbour"),
    ("help_other", "ru", "соседи дерутся, слышу крики", "help-other-neighbour"),
    # perpetrator_help
    (PERP, "kk", "ашуымды тоқтата алмаймын, әйелімді ұрдым", "perpetrator-want-to-stop"),
    (PERP, "ru", "я поднимаю руку на жену, хочу измениться", "perpetrator-want-to-stop"),
    # sexual_violence
    (SEX, "kk", "мені зорлап кетті, не істерімді білмеймін", "sexual-violence-support"),
    (SEX, "ru", "меня изнасиловали вчера", "sexual-violence-support"),
    (SEX, "kk", "kuieuim zhakyndasuga mazhburleidi", "sexual-violence-partner"),
    (SEX, "ru", "муж принуждает к близости", "sexual-violence-partner"),
    # disclose_abuse
    ("disclose_abuse", "kk", "күйеуім ұрады, шыдай алмаймын", "disclose-support"),
    ("disclose_abuse", "ru", "муж бьет меня и унижает", "disclose-support"),
    ("disclose_abuse", "kk", "zhalakymdy tartyp alady", "disclose-economic"),
    ("disclose_abuse", "ru", "он отбирает всю зарплату", "disclose-economic"),
    ("disclose_abuse", "kk", "ересек ұлым маған қол жұмсайды", "disclose-relatives"),
    ("disclose_abuse", "ru", "взрослый сын бьет меня", "disclose-relatives"),
    # is_it_abuse
    ("is_it_abuse", "kk", "зорлықтың түрлері қандай", "is-it-abuse-forms"),
    ("is_it_abuse", "ru", "какие виды насилия бывают", "is-it-abuse-forms"),
    ("is_it_abuse", "kk", "kyzganyp, dostarymmen koriskizbeidi", "is-it-abuse-control"),
    ("is_it_abuse", "ru", "муж ревнует и запрещает общаться", "is-it-abuse-control"),
    # privacy_exit
    ("privacy_exit", "kk", "менің атымды ешкім білмей ме, құпия ма", "privacy-this-chat"),
    ("privacy_exit", "ru", "мои данные где-то хранятся?", "privacy-this-chat"),
    ("privacy_exit", "kk", "kuieuim telefonymdy karap koisa", "privacy-phone"),
    ("privacy_exit", "ru", "боюсь муж увидит переписку", "privacy-phone"),
    # youth_relationships
    (YOUTH, "kk", "дұрыс қарым-қатынас қандай болады", "youth-healthy-relationships"),
    (YOUTH, "ru", "как понять что отношения токсичные", "youth-healthy-relationships"),
    (YOUTH, "kk", "zhok deuge bola ma, kelisim", "youth-consent"),
    (YOUTH, "ru", "что такое согласие", "youth-consent"),
    (YOUTH, "kk", "жігітім қызғанады, телефонымды тексереді", "youth-jealousy-control"),
    (YOUTH, "ru", "парень ревнует и проверяет телефон", "youth-jealousy-control"),
    (YOUTH, "kk", "жалаңаш сурет жібер деп жатыр", "youth-sexting-pressure"),
    (YOUTH, "ru", "шантажируют моими фото", "youth-sexting-pressure"),
    (YOUTH, "kk", "сыныпта мені мазақтайды", "youth-bullying"),
    (YOUTH, "ru", "в школе травят одноклассники", "youth-bullying"),
    (YOUTH, "kk", "tiktokta meni mazaktap video salypty", "youth-cyberbullying"),
    (YOUTH, "ru", "травля в соцсетях что делать", "youth-cyberbullying"),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(("intent", "lang", "text", "expected"), CASES)
def test_best_card_within_intent(
    kb: KnowledgeBase, intent: str, lang: str, text: str, expected: str
) -> None:
    assert kb.best_cards(intent, text, lang, k=3)[0].id == expected


def test_global_ranking_without_intent_is_mostly_right(kb: KnowledgeBase) -> None:
    hits = sum(kb.best_cards(None, text, lang, k=1)[0].id == exp for _, lang, text, exp in CASES)
    assert hits / len(CASES) >= 0.9


def test_paraphrases_are_not_copies_of_card_questions(kb: KnowledgeBase) -> None:
    questions = {normalize(q) for c in kb.cards for qs in c.questions.values() for q in qs}
    assert not [text for _, _, text, _ in CASES if normalize(text) in questions]


def test_every_card_with_several_siblings_is_covered(kb: KnowledgeBase) -> None:
    expected = {exp for *_, exp in CASES}
    for intent in {c.intents[0] for c in kb.cards}:
        siblings = kb.cards_for_intent(intent)
        if len(siblings) > 1:
            # cards that share an intent with others must be reachable by a paraphrase
            assert {c.id for c in siblings if c.intents[0] == intent} <= expected


def test_each_language_has_kk_latin_and_ru_cases() -> None:
    langs = {lang for _, lang, _, _ in CASES}
    latin = [t for _, lang, t, _ in CASES if lang == "kk" and t.isascii()]
    assert langs == {"kk", "ru"} and len(latin) >= 15


def test_best_cards_respects_k_and_intent(kb: KnowledgeBase) -> None:
    cards = kb.best_cards("safety_plan", "что взять с собой", "ru", k=2)
    assert len(cards) == 2 and all("safety_plan" in c.intents for c in cards)
    assert kb.best_cards("greet", "салем", "kk") == []


def test_empty_text_falls_back_to_editor_order(kb: KnowledgeBase) -> None:
    assert kb.best_cards("laws_penalties", "", "ru", k=1)[0].id == "law-2024-overview"
