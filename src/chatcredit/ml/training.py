"""Training a classifier head: calibrated logistic regression on the classifier's features."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression

from chatcredit.errors import ChatcreditError
from chatcredit.ml.classifier import HeadWeights, TextClassifier
from chatcredit.ml.datasets import Dataset


def train_head(data: Dataset, model: TextClassifier, c: float = 16.0) -> HeadWeights:
    """Fit one head on ``data``: logistic regression, calibrated by 5-fold Platt scaling."""
    labels = np.array([e.label for e in data.examples])
    if labels.all() or not labels.any():
        raise ChatcreditError(f"{data.path}: the labels need both classes (check --positive)")
    started = time.perf_counter()
    x = model.features([e.text for e in data.examples])
    base = LogisticRegression(C=c, max_iter=5000)
    calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=5, ensemble=False).fit(x, labels)
    fitted = calibrated.calibrated_classifiers_[0]
    estimator, calibrator = fitted.estimator, fitted.calibrators[0]
    summary: dict[str, Any] = {
        "data": data.path,
        "rows": len(data.examples),
        "positives": int(labels.sum()),
        "duplicates_dropped": data.duplicates,
        "C": c,
        "seconds": round(time.perf_counter() - started, 1),
    }
    return HeadWeights(
        estimator.coef_[0].copy(), float(estimator.intercept_[0]), float(calibrator.a_), float(calibrator.b_), summary
    )
