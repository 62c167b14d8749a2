"""Train, save and load the model artifact (joblib + JSON metadata keyed by the data hash)."""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy
import sklearn

from nlu.cv import choose_thresholds, out_of_fold
from nlu.data_loader import DATA_DIR, data_hash, load_examples
from nlu.metrics import macro_f1_by_lang
from nlu.model import IntentModel, ModelConfig
from nlu.normalize import normalize

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_FILE = "model.joblib"
META_FILE = "model.meta.json"
DEFAULT_CONFIG = ModelConfig()


def _log(msg: str) -> None:
    print(f"[nlu] {msg}", file=sys.stderr, flush=True)


def versions() -> dict[str, str]:
    """Library versions the artifact was built with (a mismatch forces a retrain)."""
    return {
        "python": platform.python_version(), "sklearn": sklearn.__version__,
        "numpy": np.__version__, "scipy": scipy.__version__,
    }


def train(
    data_dir: Path = DATA_DIR, config: ModelConfig = DEFAULT_CONFIG, folds: int = 3
) -> IntentModel:
    """Cross-validate (to pick thresholds and record scores), then fit on all training data."""
    started = time.perf_counter()
    examples = load_examples(data_dir, split="train")
    _log(f"training on {len(examples)} examples from {data_dir}; {folds}-fold CV")
    model = IntentModel(config)
    x = model.features.fit_transform([normalize(e.text) for e in examples])
    oof = out_of_fold(examples, config, folds=folds, x=x)
    thresholds = choose_thresholds(oof)
    _log("fitting the final model")
    model.fit_heads(x, examples)
    model.thresholds = thresholds
    assert model.intent_head is not None
    model.intent_head.temperature = oof.temperature
    model.meta = {
        "data_sha256": data_hash(data_dir), "n_train": len(examples), **versions(),
        "config": repr(config), "threshold": thresholds.rephrase,
        "urgent_threshold": thresholds.urgent, "cv_folds": folds,
        "temperature": round(oof.temperature, 4),
        "cv_macro_f1": macro_f1_by_lang(oof), "trained_at": datetime.now(UTC).isoformat(),
        "train_seconds": round(time.perf_counter() - started, 2),
    }
    _log(f"done in {model.meta['train_seconds']} s; CV macro-F1 {model.meta['cv_macro_f1']}")
    return model


def save(model: IntentModel, artifact_dir: Path = ARTIFACT_DIR) -> None:
    """Write model.joblib and model.meta.json."""
    artifact_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, artifact_dir / MODEL_FILE, compress=3)
    (artifact_dir / META_FILE).write_text(json.dumps(model.meta, indent=2) + "\n")


def _stale_reason(artifact_dir: Path, data_dir: Path) -> str | None:
    meta_path = artifact_dir / META_FILE
    if not (artifact_dir / MODEL_FILE).exists() or not meta_path.exists():
        return "no artifact"
    meta: dict[str, Any] = json.loads(meta_path.read_text())
    if meta.get("data_sha256") != data_hash(data_dir):
        return "training data changed"
    if any(meta.get(k) != v for k, v in versions().items()):
        return "library versions changed"
    return None


def load_or_train(
    data_dir: Path | str | None = None,
    artifact_dir: Path | str | None = None,
    retrain: bool = True,
) -> IntentModel:
    """Load the artifact, retraining (and saving) first when it is missing or stale."""
    data = Path(data_dir) if data_dir else DATA_DIR
    art = Path(artifact_dir) if artifact_dir else ARTIFACT_DIR
    reason = _stale_reason(art, data)
    if reason and retrain:
        _log(f"retraining: {reason}")
        save(train(data), art)
    elif reason:
        raise FileNotFoundError(f"NLU artifact unusable ({reason}); run `python -m nlu train`")
    model: IntentModel = joblib.load(art / MODEL_FILE)
    return model
