"""Model behaviour: fast path equals the batch path, the urgent rule, artifact retraining."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from nlu import INTENTS, URGENT_INTENTS, NluResult, load_model
from nlu.data_loader import DATA_DIR, load_examples
from nlu.model import IntentModel, Thresholds, combine
from nlu.normalize import normalize
from nlu.urgent import UrgentHit

TEXTS = ["Сәлем", "Он бьёт меня 🆘", "kuieuim urip jatyr", "", "Какое наказание за побои?"]


def test_fast_path_equals_batch(small_model: IntentModel) -> None:
    texts = TEXTS + [e.text for e in load_examples(DATA_DIR)[::40]]
    batch = small_model.features.transform([normalize(t) for t in texts]).toarray()
    proba = small_model.proba_batch(texts)
    assert small_model.intent_head is not None
    for row, prow, text in zip(batch, proba, texts, strict=True):
        idx, val = small_model.features.sparse_one(normalize(text))
        dense = np.zeros_like(row)
        np.add.at(dense, idx, val)
        assert np.allclose(dense, row)
        scores, _urgent, _lang = small_model._raw(text)
        z = scores * small_model.intent_head.temperature
        assert np.allclose(np.exp(z - z.max()) / np.exp(z - z.max()).sum(), prow, atol=1e-5)


def test_predict_shape(small_model: IntentModel) -> None:
    result = small_model.predict("Сәлеметсіз бе")
    assert result.intent in INTENTS and result.lang in {"kk", "ru"}
    assert set(result.to_json()) == {"intent", "confidence", "urgent", "lang"}
    assert 0.0 <= small_model.threshold <= 1.0 and small_model.meta["data_sha256"]


CLASSES = ["greet", "danger_now", "self_harm", "child_danger", "laws_penalties"]
TH = Thresholds(rephrase=0.4, urgent=0.2)


def test_urgent_score_over_cut_picks_the_best_urgent_intent() -> None:
    proba = np.array([0.0, 0.05, 0.15, 0.05, 0.75])
    res = combine(proba, 0.25, CLASSES, None, "ru", TH)
    assert (res.intent, res.urgent, res.urgent_source) == ("self_harm", True, "classifier")
    assert res.confidence >= TH.rephrase  # an urgent answer is never "please rephrase"


def test_net_hit_overrides_classifier_intent() -> None:
    hit = UrgentHit("self_harm", "ru_suicide")
    res = combine(np.array([0.9, 0.0, 0.05, 0.0, 0.05]), 0.05, CLASSES, hit, "ru", TH)
    assert (res.intent, res.urgent, res.urgent_source) == ("self_harm", True, "lexicon")
    assert res.confidence >= TH.rephrase


def test_below_cut_without_hit_is_never_urgent() -> None:
    # The intent head's top class is urgent, but the urgent score says no: best other intent.
    proba = np.array([0.1, 0.5, 0.0, 0.0, 0.4])
    res = combine(proba, 0.1, CLASSES, None, "kk", TH)
    assert (res.intent, res.urgent, res.urgent_source) == ("laws_penalties", False, "")
    assert res.ranking[0] == ("danger_now", 0.5)
    assert abs(res.confidence - 0.8) < 1e-9  # renormalised over the non-urgent intents


def test_both_sources() -> None:
    hit = UrgentHit("danger_now", "ru_beating")
    res = combine(np.array([0.1, 0.6, 0.0, 0.1, 0.2]), 0.7, CLASSES, hit, "ru", TH)
    assert (res.intent, res.urgent, res.urgent_source) == ("danger_now", True, "both")


def test_urgent_flag_always_matches_intent(small_model: IntentModel) -> None:
    for text in [*TEXTS, "Ол мені қазір ұрып жатыр", "Өзімді өлтіргім келеді", "Рахмет"]:
        res = small_model.predict(text)
        assert res.urgent == (res.intent in URGENT_INTENTS)


def test_english_danger_reaches_the_urgent_path(small_model: IntentModel) -> None:
    # The classifier knows only kk/ru (Latin is transliterated to Cyrillic), so English present
    # danger is the English net's, and so is the urgent intent.
    for text, intent in [
        ("He is hitting me right now", "danger_now"),
        ("I want to kill myself", "self_harm"),
        ("my partner is shaking the baby", "child_danger"),
    ]:
        res = small_model.predict(text)
        assert (res.intent, res.urgent) == (intent, True), text
        assert res.urgent_source in ("lexicon", "both")
    # ...and its urgent score is noise on English, so it is not used: calm English stays calm.
    for text in ["I need a lawyer", "Hello, I need information about divorce",
                 "What documents should I pack if I leave?", "How do I get a protection order?"]:
        assert not small_model.predict(text).urgent, text


def test_to_json_contract() -> None:
    res = NluResult("greet", 0.123456, False, "kk")
    expected = {"intent": "greet", "confidence": 0.1235, "urgent": False, "lang": "kk"}
    assert res.to_json() == expected


def test_retrains_when_data_hash_changes(
    small_data_dir: Path, small_artifact_dir: Path, tmp_path: Path
) -> None:
    data, art = tmp_path / "data", tmp_path / "art"
    shutil.copytree(small_data_dir, data)
    shutil.copytree(small_artifact_dir, art)
    meta = lambda: json.loads((art / "model.meta.json").read_text())  # noqa: E731
    first = meta()
    load_model(data, art)
    assert meta() == first  # same data: loaded, not retrained
    target = next((data / "ru").glob("*.yml"))
    target.write_text(target.read_text("utf-8") + "\n", "utf-8")
    load_model(data, art)
    assert meta()["data_sha256"] != first["data_sha256"]
    assert meta()["trained_at"] != first["trained_at"]


def test_a_lexicon_edit_makes_the_artifact_stale(tmp_path: Path) -> None:
    # The urgent cut is chosen with the safety net's hits, so a net edit needs a retrain.
    from nlu import artifact

    root = tmp_path / "nlu"
    for name in artifact._MODEL_CODE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(artifact._HERE / name, root / name)
    before = artifact.code_hash(root)
    assert before == artifact.code_hash()
    lexicon = root / "lexicon" / "urgent.yml"
    lexicon.write_text(lexicon.read_text("utf-8") + "\n", "utf-8")
    assert artifact.code_hash(root) != before


def test_missing_artifact_without_retrain_raises(tmp_path: Path, small_data_dir: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_model(small_data_dir, tmp_path / "none", retrain=False)


def test_training_is_deterministic() -> None:
    """The same data gives the same weights whatever numpy's global generator holds
    (liblinear shuffles with a fixed seed; with random_state=None it drew from that generator)."""
    from nlu.artifact import DEFAULT_CONFIG

    examples = load_examples(DATA_DIR, split="train")[::20]
    np.random.seed(1)
    first = IntentModel(DEFAULT_CONFIG).fit(examples)
    np.random.seed(2)
    np.random.rand(100)
    second = IntentModel(DEFAULT_CONFIG).fit(examples)
    assert first.intent_head is not None and second.intent_head is not None
    assert first.urgent_head is not None and second.urgent_head is not None
    assert np.array_equal(first.intent_head.coef_t, second.intent_head.coef_t)
    assert np.array_equal(first.urgent_head.coef_sparse, second.urgent_head.coef_sparse)
