"""Neutral edges (nlu/edges.py): a greeting, an apology, a filler or a plea around a message
must not take its urgency away."""

from __future__ import annotations

import pytest

from nlu import URGENT_INTENTS, load_model
from nlu.data_loader import DATA_DIR, Example, load_examples
from nlu.edges import core, ending, sentences
from nlu.normalize import normalize
from tests.unit.nlu.test_nlu_urgent import _WRAPPERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Здравствуйте. Муж бьёт меня", "муж бьет меня"),
        ("Извините, если честно, он опять пьяный", "он опять пьяныи"),
        ("Он закрыл меня в ванной, помогите пожалуйста 🙏", "он закрыл меня в ваннои"),
        ("Сәлеметсіз бе. Шынымды айтсам, ол мені ұрып жатыр", "ол мени урып жатыр"),
        ("ол келе жатыр, не істеймін? өтінемін 😢", "ол келе жатыр"),
        ("Всем привет. Девочки, он бьёт, что делать", "он бьет"),
    ],
)
def test_core_strips_only_the_edges(text: str, expected: str) -> None:
    assert core(normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Муж бьёт меня",  # nothing to strip
        "Здравствуйте",  # nothing left
        "Помогите пожалуйста 🙏",  # nothing with letters left
        "Он сказал пожалуйста и ударил",  # a plea in the middle is part of the message
        "Нужна помощь",  # "ну" only as a whole word
    ],
)
def test_no_core(text: str) -> None:
    assert core(normalize(text)) is None


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model()


def _wrapped(example: Example) -> list[str]:
    before, after = _WRAPPERS[example.lang]
    text = example.text
    return [b + text for b in before] + [text.rstrip() + a for a in after]


def test_neutral_words_never_take_urgency_away(model) -> None:  # type: ignore[no-untyped-def]
    """Every held-out urgent line the model calls urgent stays urgent with any listed greeting,
    apology, filler, plea or emoji before or after it (without the core rule: 80 of 6,278
    wrapped lines were read as calm)."""
    urgent = [
        e for e in load_examples(DATA_DIR, split="test")
        if e.intent in URGENT_INTENTS and model.predict(e.text).urgent
    ]
    assert len(urgent) > 200
    lost = [t for e in urgent for t in _wrapped(e) if not model.predict(t).urgent]
    assert not lost, lost[:10]


def test_evaluate_batch_path_scores_the_core_like_predict(model) -> None:  # type: ignore[no-untyped-def]
    """`nlu evaluate` scores held-out lines in batch, cores included; its answers must equal
    predict's."""
    from nlu.evaluate import _final_intents, held_out

    texts = [
        "Здравствуйте. муж сорвался, лупит меня кулаками, соседи слышат но молчат",
        "Сәлеметсіз бе. Өлімнен емес, ертең оянудан қорқамын",
        "Извините, 😞😞 сил жить нет. Можно анонимно?",
        "Здравствуйте, что вы умеете?",
        "Кешіріңіз, ажырасуға қалай арыз беремін? рахмет",
        "Hello. He is hitting me right now please",
    ]
    examples = [Example(t, "out_of_scope", "ru", "standard", "test", "x.yml") for t in texts]
    intents, urgent = _final_intents(held_out(model, examples), model.thresholds)
    assert intents == [model.predict(t).intent for t in texts]
    assert urgent == [model.predict(t).urgent for t in texts]
    assert any(urgent) and not all(urgent)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он бьёт меня. Помогите!", ["он бьет меня", "помогите"]),
        ("Сәлем!!! Ол келе жатыр…\nҚорқамын", ["салем", "ол келе жатыр", "коркамын"]),
        ("Один вопрос: как подать на развод?", None),  # one sentence
        ("Он пришёл. 22:30. 🆘", ["он пришел", "<emoji:sos>"]),  # an emoji counts, a time not
        ("Он пришёл. 22:30.", None),
    ],
)
def test_sentences(text: str, expected: list[str] | None) -> None:
    assert sentences(text) == expected


# A long calm question first, then the danger (seventh session: of 1,053 held-out urgent lines
# buried after one of three such openings, 202 were read as calm before the sentence rule).
_OPENINGS = {
    "ru": "Здравствуйте, хотела спросить про алименты: муж работает неофициально, как суд "
    "считает сумму, если у нас двое детей и квартира в ипотеке, и можно ли подать без адвоката? ",
    "kk": "Сәлеметсіз бе, алимент туралы сұрайын деп едім: күйеуім ресми жұмыс істемейді, сот "
    "соманы қалай есептейді, екі балам бар, пәтер ипотекада, адвокатсыз арыз беруге бола ма? ",
}


def test_a_clearly_urgent_sentence_is_not_buried(model) -> None:  # type: ignore[no-untyped-def]
    """Every one-sentence held-out urgent line that scores above the sentence cut alone stays
    urgent after a long calm question."""
    from nlu.langid import marker_features

    clear = []
    for e in load_examples(DATA_DIR, split="test"):
        if e.intent not in URGENT_INTENTS or sentences(e.text) is not None:
            continue
        norm = normalize(e.text)
        idx, val = model.features.sparse_one(norm)
        _proba, score, _lang = model._score(norm, marker_features(e.text, norm), idx, val)
        if score >= model.thresholds.sentence:
            clear.append(e)
    assert len(clear) > 50
    lost = [e.text for e in clear if not model.predict(_OPENINGS[e.lang] + e.text).urgent]
    assert not lost, lost[:10]


def test_evaluate_batch_path_scores_sentences_like_predict(model) -> None:  # type: ignore[no-untyped-def]
    from nlu.evaluate import _final_intents, held_out

    texts = [_OPENINGS["ru"] + "Муж душит меня, я не могу дышать",
             _OPENINGS["kk"] + "Күйеуім пышақ алып, мені өлтіремін деп тұр",
             _OPENINGS["ru"] + "Спасибо заранее.", "Он спит. Я собираю вещи. Куда ехать?"]
    examples = [Example(t, "out_of_scope", "ru", "long", "test", "x.yml") for t in texts]
    intents, urgent = _final_intents(held_out(model, examples), model.thresholds)
    assert intents == [model.predict(t).intent for t in texts]
    assert urgent == [model.predict(t).urgent for t in texts]
    assert urgent[:2] == [True, True] and not urgent[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он бьёт меня. Помогите!", None),  # two sentences: the ending would be the whole
        ("Мне 71. Живу с сыном. Он ударил меня лопатой. Сейчас точит её.",
         "он ударил меня лопатои сеичас точит ее"),
        ("Сәлем! Ол келді…\nҚорқамын 🆘", "ол келди коркамын <emoji:sos>"),
        ("Один вопрос: как подать на развод?", None),
    ],
)
def test_ending(text: str, expected: str | None) -> None:
    assert ending(sentences(text)) == expected


def test_evaluate_batch_path_scores_the_ending_like_predict(model) -> None:  # type: ignore[no-untyped-def]
    """Lines the ending alone makes urgent (the whole message, its core and every sentence
    under their cuts, no safety-net hit): `evaluate`'s batch path must agree with predict."""
    from nlu.evaluate import _final_intents, held_out
    from nlu.langid import marker_features
    from nlu.urgent import scan

    def score(norm: str, raw: str) -> float:
        idx, val = model.features.sparse_one(norm)
        return float(model._score(norm, marker_features(raw, norm), idx, val)[1])

    cut, found = model.thresholds.urgent, []
    for e in load_examples(DATA_DIR, split="train"):
        sents = sentences(e.text)
        tail = ending(sents)
        if tail is None or scan(e.text) is not None or score(tail, e.text) < cut:
            continue
        norm = normalize(e.text)
        inner = core(norm)
        if score(norm, e.text) >= cut or (inner is not None and score(inner, e.text) >= cut):
            continue
        if max(score(s, e.text) for s in sents or ()) < model.thresholds.sentence:
            found.append(e)
    assert found, "no line is urgent by its ending alone"
    assert all(model.predict(e.text).urgent for e in found)
    intents, urgent = _final_intents(held_out(model, found), model.thresholds)
    assert urgent == [True] * len(found)
    assert intents == [model.predict(e.text).intent for e in found]
