"""Train, save and load the model artifact (joblib + JSON metadata keyed by the data hash)."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
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
ARTIFACT_ENV = "NLU_ARTIFACT_DIR"  # overrides ARTIFACT_DIR for load_model() and `train`
MODEL_FILE = "model.joblib"
META_FILE = "model.meta.json"
MODEL_FORMAT = 2  # bump when the pickled classes change shape (forces a retrain on load)
DEFAULT_CONFIG = ModelConfig()


def _log(msg: str) -> None:
    print(f"[nlu] {msg}", file=sys.stderr, flush=True)


# What shapes the fitted model: its modules, and the safety net, whose hits take part in
# choosing the urgent cut at training time (a lexicon edit must not leave a stale cut).
_MODEL_CODE = (
    "artifact.py", "cv.py", "edges.py", "features.py", "heads.py", "langid.py", "model.py",
    "normalize.py", "spelling.py", "urgent.py", "lexicon/urgent.yml", "lexicon/urgent_en.yml",
)
_HERE = Path(__file__).resolve().parent


def code_hash(root: Path = _HERE) -> str:
    """sha256 of the files that shape the fitted model (an edit forces a retrain)."""
    digest = hashlib.sha256()
    for name in _MODEL_CODE:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """Library versions the artifact was built with (a mismatch forces a retrain)."""
    return {
        "python": platform.python_version(), "sklearn": sklearn.__version__,
        "numpy": np.__version__, "scipy": scipy.__version__,
    }


def train(
    data_dir: Path = DATA_DIR, config: ModelConfig = DEFAULT_CONFIG, folds: int = 5
) -> IntentModel:
    """Cross-validate (to pick thresholds and record scores), then fit on all training data."""
    started = time.perf_counter()
    examples = load_examples(data_dir, split="train")
    _log(f"training on {len(examples)} examples from {data_dir}; {folds}-fold CV")
    model = IntentModel(config)
    x = model.features.fit_transform([normalize(e.text) for e in examples])
    oof = out_of_fold(examples, config, folds=folds, x=x, features=model.features)
    thresholds = choose_thresholds(oof)
    _log("fitting the final model")
    model.fit_heads(x, examples)
    model.thresholds = thresholds
    assert model.intent_head is not None
    model.intent_head.temperature = oof.temperature
    model.meta = {
        "format": MODEL_FORMAT, "code_sha256": code_hash(), "data_sha256": data_hash(data_dir),
        "n_train": len(examples),
        **versions(),
        "config": repr(config), "threshold": thresholds.rephrase,
        "urgent_threshold": thresholds.urgent, "cv_folds": folds,
        "temperature": round(oof.temperature, 4),
        "cv_macro_f1": macro_f1_by_lang(oof), "trained_at": datetime.now(UTC).isoformat(),
        "train_seconds": round(time.perf_counter() - started, 2),
    }
    _log(f"done in {model.meta['train_seconds']} s; CV macro-F1 {model.meta['cv_macro_f1']}")
    return model


def artifact_dir(explicit: Path | str | None = None) -> Path:
    """The artifact directory: explicit argument, else $NLU_ARTIFACT_DIR, else nlu/artifacts."""
    chosen = explicit or os.environ.get(ARTIFACT_ENV)
    return Path(chosen) if chosen else ARTIFACT_DIR


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write via a temp file in the same directory, then os.replace (readers never see half)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(model: IntentModel, directory: Path | str | None = None) -> None:
    """Write model.joblib, then model.meta.json (the meta marks the model as current)."""
    target = artifact_dir(directory)
    target.mkdir(parents=True, exist_ok=True)
    meta = json.dumps(model.meta, indent=2) + "\n"
    _atomic_write(target / MODEL_FILE, lambda p: joblib.dump(model, p, compress=3))
    _atomic_write(target / META_FILE, lambda p: p.write_text(meta, encoding="utf-8"))


def stale_reason(
    directory: Path | str | None = None, data_dir: Path | str | None = None
) -> str | None:
    """Why the artifact must be retrained (None: it is current)."""
    return _stale_reason(artifact_dir(directory), Path(data_dir) if data_dir else DATA_DIR)


def _stale_reason(art: Path, data_dir: Path) -> str | None:
    meta_path = art / META_FILE
    if not (art / MODEL_FILE).exists() or not meta_path.exists():
        return "no artifact"
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError:
        return "unreadable metadata"
    if meta.get("data_sha256") != data_hash(data_dir):
        return "training data changed"
    if meta.get("format") != MODEL_FORMAT or meta.get("code_sha256") != code_hash():
        return "model code changed"
    if any(meta.get(k) != v for k, v in versions().items()):
        return "library versions changed"
    return None


def load_or_train(
    data_dir: Path | str | None = None,
    artifact: Path | str | None = None,
    retrain: bool = True,
) -> IntentModel:
    """Load the artifact, retraining (and saving) first when it is missing or stale."""
    data = Path(data_dir) if data_dir else DATA_DIR
    art = artifact_dir(artifact)
    reason = _stale_reason(art, data)
    if reason and retrain:
        _log(f"retraining: {reason}")
        save(train(data), art)
    elif reason:
        raise FileNotFoundError(f"NLU artifact unusable ({reason}); run `python -m nlu train`")
    model: IntentModel = joblib.load(art / MODEL_FILE)
    return model
