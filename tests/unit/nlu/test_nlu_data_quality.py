"""The real data passes the same checks as `python -m nlu validate`."""

from pathlib import Path

from nlu.validate import near_duplicate_pairs, validate


def test_data_passes_validate() -> None:
    report = validate()
    assert not report.errors, "\n".join(report.errors[:20])


def test_validate_catches_faults(tmp_path: Path) -> None:
    (tmp_path / "kk").mkdir()
    (tmp_path / "kk" / "a.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "- intent: greet\n  metadata:\n    variety: standard\n  examples: |\n"
        "    - Сәлем\n    - Ол мені қазір ұрып жатыр, көмектесіңдер\n"
        "- intent: thanks_bye\n  metadata:\n    variety: oops\n  examples: |\n"
        "    - salem\n    - ол мени казир урып жатыр комектесиндерши\n    - 87011234567\n",
        encoding="utf-8",
    )
    errors = "\n".join(validate(tmp_path).errors)
    assert "same text under two intents" in errors  # Сәлем == salem after normalisation
    assert "near-duplicate" in errors
    assert "unknown variety" in errors
    assert "phone-like number" in errors
    assert "count: train/kk/greet has 2 < 60" in errors


def test_near_duplicate_pairs_threshold() -> None:
    keys = ["он меня бьет каждый день", "он меня бьет каждый день!", "совсем другое"]
    pairs = near_duplicate_pairs(keys, 0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
