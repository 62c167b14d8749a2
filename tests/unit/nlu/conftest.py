"""Shared fixtures: a small copy of the NLU data and a model trained on it once per session."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from nlu.artifact import save, train
from nlu.data_loader import DATA_DIR, Example, load_examples
from nlu.model import IntentModel

PER_INTENT = 25  # per intent, language and split: enough to learn, fast to train


def write_small_data(dest: Path, per_intent: int = PER_INTENT) -> Path:
    """Write a Rasa-format subset of the real data (train and test) under dest."""
    groups: dict[tuple[str, str, str], list[Example]] = defaultdict(list)
    for ex in load_examples(DATA_DIR):
        groups[(ex.split, ex.lang, ex.intent)].append(ex)
    files: dict[Path, list[dict[str, object]]] = defaultdict(list)
    for (split, lang, _intent), exs in sorted(groups.items()):
        base = dest / "test" / lang if split == "test" else dest / lang
        by_variety: dict[str, list[str]] = defaultdict(list)
        for ex in exs[:per_intent]:
            by_variety[ex.variety].append(ex.text)
        for variety, texts in by_variety.items():
            block = "".join(f"- {json.dumps(t, ensure_ascii=False)[1:-1]}\n" for t in texts)
            files[base / "data.yml"].append(
                {"intent": exs[0].intent, "metadata": {"variety": variety}, "examples": block}
            )
    for path, nlu in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": "3.1", "nlu": nlu}
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return dest


@pytest.fixture(scope="session")
def small_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small data directory (a subset of nlu/data) shared by the session."""
    return write_small_data(tmp_path_factory.mktemp("nlu_data"))


@pytest.fixture(scope="session")
def small_artifact_dir(small_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An artifact trained once on the small data."""
    art = tmp_path_factory.mktemp("nlu_artifact")
    save(train(small_data_dir, folds=2), art)
    return art


@pytest.fixture(scope="session")
def small_model(small_data_dir: Path, small_artifact_dir: Path) -> IntentModel:
    """The model trained on the small data."""
    from nlu import load_model

    return load_model(small_data_dir, small_artifact_dir, retrain=False)
