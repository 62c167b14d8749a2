"""Linear classifier heads reduced to arrays, so one message is a small sparse dot product."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC


class LinearHead:
    """One-vs-rest LinearSVC scores -> probabilities via a CV-fitted softmax temperature."""

    def __init__(self, classes: list[str], coef: np.ndarray, intercept: np.ndarray) -> None:
        self.classes = [str(c) for c in classes]
        self.coef_t = np.ascontiguousarray(coef.T, dtype=np.float64)  # (n_features, n_classes)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.temperature = 1.0

    @classmethod
    def fit(cls, x: sparse.csr_matrix, y: list[str], c: float, balanced: bool) -> LinearHead:
        """Fit a LinearSVC and keep its arrays (temperature stays 1 until calibrated)."""
        # A fixed seed: liblinear shuffles the data, and with random_state=None it draws from
        # numpy's global generator, so the same data could give a slightly different model.
        svc = LinearSVC(C=c, class_weight="balanced" if balanced else None, random_state=0)
        svc.fit(x, y)
        return cls(list(svc.classes_), svc.coef_, svc.intercept_)

    def scores(self, x: sparse.csr_matrix) -> np.ndarray:
        """Raw decision scores for a batch."""
        return np.asarray(x @ self.coef_t) + self.intercept

    def proba(self, x: sparse.csr_matrix) -> np.ndarray:
        """Batch probabilities, columns in `self.classes` order."""
        return np.asarray(softmax(self.scores(x) * self.temperature, axis=1))


def fit_temperature(scores: np.ndarray, gold: np.ndarray) -> float:
    """Softmax temperature minimising log-loss of out-of-fold scores (gold: column indices)."""

    def loss(t: float) -> float:
        logp = log_softmax(scores * t, axis=1)
        return float(-logp[np.arange(len(gold)), gold].mean())

    result = minimize_scalar(loss, bounds=(0.1, 50.0), method="bounded")
    return float(result.x)


class BinaryHead:
    """Logistic regression on the features plus a few dense extras; returns log-odds."""

    def __init__(self, coef: np.ndarray, intercept: float, n_sparse: int) -> None:
        self.coef_sparse = np.ascontiguousarray(coef[:n_sparse], dtype=np.float64)
        self.coef_dense = np.ascontiguousarray(coef[n_sparse:], dtype=np.float64)
        self.intercept = float(intercept)

    @classmethod
    def fit(cls, x: sparse.csr_matrix, dense: np.ndarray, y: np.ndarray, c: float) -> BinaryHead:
        """Fit on hstack(x, dense) with y in {0, 1}."""
        full = sparse.hstack([x, sparse.csr_matrix(dense)], format="csr")
        lr = LogisticRegression(
            C=c, solver="liblinear", class_weight="balanced", random_state=0
        ).fit(full, y)
        return cls(lr.coef_[0], lr.intercept_[0], x.shape[1])

    def score(self, x: sparse.csr_matrix, dense: np.ndarray) -> np.ndarray:
        """Batch log-odds."""
        return np.asarray(x @ self.coef_sparse).ravel() + dense @ self.coef_dense + self.intercept
