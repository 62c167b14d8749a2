"""Entry point: `python -m nlu <command>`."""

import os

# One thread per process: a single message is tiny, and BLAS thread pools only add latency.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from nlu.cli import main  # noqa: E402 (after the thread settings, which numpy reads on import)

raise SystemExit(main())
