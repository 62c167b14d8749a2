"""`python -m nlu bench`: per-message latency, throughput, load time and memory."""

from __future__ import annotations

import gc
import resource
import time
from collections.abc import Callable

import numpy as np

from nlu.artifact import MODEL_FILE, artifact_dir
from nlu.data_loader import DATA_DIR, load_examples


def _timed(predict: Callable[[str], object], texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock and CPU (this thread) seconds per message."""
    wall, cpu = np.empty(len(texts)), np.empty(len(texts))
    for i, text in enumerate(texts):
        w0, c0 = time.perf_counter(), time.thread_time()
        predict(text)
        cpu[i], wall[i] = time.thread_time() - c0, time.perf_counter() - w0
    return wall, cpu


def _rows(name: str, lat: np.ndarray) -> list[str]:
    return [
        f"{name} latency p50 {np.percentile(lat, 50) * 1000:.3f} ms, "
        f"p99 {np.percentile(lat, 99) * 1000:.3f} ms, max {lat.max() * 1000:.3f} ms; "
        f"throughput {len(lat) / lat.sum():.0f} msg/s (one thread)"
    ]


def run(n: int = 2000, repeats: int = 5) -> str:
    """Best of `repeats` runs (the least disturbed by other processes) on n real messages."""
    import joblib

    from nlu import load_model

    load_model()  # make sure a fresh artifact exists before timing the load itself
    started = time.perf_counter()
    model = joblib.load(artifact_dir() / MODEL_FILE)
    load_s = time.perf_counter() - started
    gc.collect()
    gc.freeze()  # the bot does the same after loading: no GC passes over the model's objects
    texts = [e.text for e in load_examples(DATA_DIR)]
    texts = (texts * (n // max(len(texts), 1) + 1))[:n]
    _timed(model.predict, texts[:200])  # warm-up
    runs = []
    for r in range(repeats):
        # Distinct strings so the normalisation/safety-net caches do not flatter the numbers.
        runs.append(_timed(model.predict, [f"{t} {r}x{i}" for i, t in enumerate(texts)]))
    wall, cpu = min(runs, key=lambda pair: float(np.percentile(pair[0], 99)))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return "\n".join([
        f"messages         {len(texts)} x {repeats} runs (best run by wall p99 shown)",
        *_rows("wall", wall), *_rows("cpu ", cpu),
        f"model load       {load_s:.3f} s",
        f"max resident mem {rss_mb:.0f} MB",
    ])
