"""`python -m nlu bench` runs end to end and reports every step (numbers, not timed asserts)."""

from __future__ import annotations

import re

from nlu.bench import STAGES, run


def test_bench_reports_every_condition_and_step() -> None:
    out = run(n=20, repeats=1)
    for heading in ("warm caches", "new messages", "cold caches", "model load", "resident mem"):
        assert heading in out, heading
    steps = re.search(r"cold cpu per message \(µs\): (.*); total ([\d.]+)", out)
    assert steps is not None, out
    found = dict(part.rsplit(" ", 1) for part in steps.group(1).split(", "))
    assert list(found) == list(STAGES)
    assert all(float(v) >= 0 for v in found.values()) and float(steps.group(2)) > 0
