"""Artifact handling: atomic writes, NLU_ARTIFACT_DIR, `train --if-stale`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import joblib
import pytest

from nlu import load_model
from nlu.artifact import MODEL_FILE, artifact_dir, save
from nlu.model import IntentModel

ROOT = Path(__file__).resolve().parents[3]


def test_save_leaves_no_temp_files_and_replaces(small_model: IntentModel, tmp_path: Path) -> None:
    save(small_model, tmp_path)
    first_inode = (tmp_path / MODEL_FILE).stat().st_ino
    save(small_model, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [MODEL_FILE, "model.meta.json"]
    assert (tmp_path / MODEL_FILE).stat().st_ino != first_inode  # a new file renamed in place
    assert isinstance(joblib.load(tmp_path / MODEL_FILE), IntentModel)


def test_failed_save_keeps_the_old_artifact(
    small_model: IntentModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(small_model, tmp_path)
    before = (tmp_path / MODEL_FILE).read_bytes()

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(joblib, "dump", boom)
    with pytest.raises(OSError):
        save(small_model, tmp_path)
    assert (tmp_path / MODEL_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MODEL_FILE, "model.meta.json"]


def test_env_var_chooses_the_artifact_dir(
    small_data_dir: Path, small_artifact_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = tmp_path / "elsewhere"
    shutil.copytree(small_artifact_dir, art)
    monkeypatch.setenv("NLU_ARTIFACT_DIR", str(art))
    assert artifact_dir() == art and artifact_dir(tmp_path) == tmp_path
    model = load_model(small_data_dir, retrain=False)
    assert model.meta["n_train"] > 0
    monkeypatch.setenv("NLU_ARTIFACT_DIR", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        load_model(small_data_dir, retrain=False)


def _train_if_stale(data: Path, art: Path) -> list[str]:
    env = {**os.environ, "NLU_ARTIFACT_DIR": str(art)}
    cmd = [sys.executable, "-m", "nlu", "train", "--if-stale", "--data-dir", str(data)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=300, check=True)
    return proc.stdout.splitlines()


def test_train_if_stale(small_data_dir: Path, small_artifact_dir: Path, tmp_path: Path) -> None:
    art = tmp_path / "art"
    shutil.copytree(small_artifact_dir, art)
    out = _train_if_stale(small_data_dir, art)
    assert len(out) == 1 and "up to date" in out[0]
    (art / MODEL_FILE).unlink()
    out = _train_if_stale(small_data_dir, art)
    assert len(out) == 1 and out[0].startswith("nlu: trained (no artifact)")
    assert (art / MODEL_FILE).exists()
