"""`python -m nlu predict`: JSONL in, JSONL out per the contract, same order, ids echoed."""

import json
import subprocess
import sys
from pathlib import Path

from nlu import INTENTS

ROOT = Path(__file__).resolve().parents[3]


def test_predict_cli(small_data_dir: Path, small_artifact_dir: Path) -> None:
    lines = [
        {"text": "Он меня бьёт прямо сейчас, помогите", "id": 1},
        {"text": "Сәлеметсіз бе"},
        {"text": "Қандай жаза бар?", "id": "x-3"},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    stdin += '\n{"text": broken, "id": 9}\n{"id": 10}\n'
    cmd = [sys.executable, "-m", "nlu", "predict", "--data-dir", str(small_data_dir),
           "--artifact-dir", str(small_artifact_dir)]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=True)
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(out) == 5
    assert [o.get("id") for o in out] == [1, None, "x-3", 9, 10]
    assert "id" not in out[1]
    for o in out[:3]:
        assert set(o) - {"id"} == {"intent", "confidence", "urgent", "lang"}
        assert o["intent"] in INTENTS and 0.0 <= o["confidence"] <= 1.0
    assert out[0]["urgent"] is True and out[0]["lang"] == "ru"
    assert out[1]["lang"] == "kk" and out[1]["urgent"] is False
    assert out[3]["error"] and out[4]["error"]
