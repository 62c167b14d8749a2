"""`python -m nlu bench`: per-message latency, throughput, load time and memory."""

from __future__ import annotations

import resource
import time

import numpy as np

from nlu.artifact import MODEL_FILE, artifact_dir
from nlu.data_loader import DATA_DIR, load_examples


def run(n: int = 2000) -> str:
    """Measure with the trained artifact on up to n real messages (train + test, cycled)."""
    import joblib

    from nlu import load_model

    load_model()  # make sure a fresh artifact exists before timing the load itself
    started = time.perf_counter()
    model = joblib.load(artifact_dir() / MODEL_FILE)
    load_s = time.perf_counter() - started
    texts = [e.text for e in load_examples(DATA_DIR)]
    texts = (texts * (n // max(len(texts), 1) + 1))[:n]
    # Distinct strings so the normalisation/safety-net caches do not flatter the numbers.
    texts = [f"{t} {i}" for i, t in enumerate(texts)]
    lat = np.empty(len(texts))
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        model.predict(text)
        lat[i] = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return "\n".join([
        f"messages         {len(texts)}",
        f"latency p50      {np.percentile(lat, 50) * 1000:.3f} ms",
        f"latency p99      {np.percentile(lat, 99) * 1000:.3f} ms",
        f"latency max      {lat.max() * 1000:.3f} ms",
        f"throughput       {len(texts) / lat.sum():.0f} msg/s (single core)",
        f"model load       {load_s:.3f} s",
        f"max resident mem {rss_mb:.0f} MB",
    ])
