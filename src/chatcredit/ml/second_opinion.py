"""``alt-profanity-check``'s probability, computed from its fitted parts.

The package (MIT) ships a TF-IDF vectoriser and a calibrated linear SVM trained on
Davidson et al.'s tweets and Wikipedia talk-page comments. Its ``predict_prob`` costs
about 4 ms a call whatever the batch (scikit-learn's checks, five calibrated copies):
on a delivery of one message that is most of the classifier's cost. Here the same
arithmetic runs on the package's own fitted arrays, once per batch, in microseconds;
``tests/test_classifier.py`` checks that the numbers are the package's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from scipy.sparse import csr_matrix


@cache
def _parts() -> tuple[Callable[[str], list[str]], dict[str, int], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from profanity_check import profanity_check as package

    vectorizer, model = package.vectorizer, package.model
    fitted = model.calibrated_classifiers_
    coef = np.column_stack([c.estimator.coef_[0] for c in fitted])
    intercept = np.array([c.estimator.intercept_[0] for c in fitted])
    a = np.array([c.calibrators[0].a_ for c in fitted])
    b = np.array([c.calibrators[0].b_ for c in fitted])
    analyze = vectorizer.build_analyzer()
    return analyze, vectorizer.vocabulary_, vectorizer.idf_ * 1.0, coef * 1.0, intercept, np.stack([a, b])


def profanity_probability(texts: list[str]) -> np.ndarray:
    """What ``profanity_check.predict_prob(texts)`` returns."""
    analyze, vocabulary, idf, coef, intercept, ab = _parts()
    rows, cols, vals = [], [], []
    for n, text in enumerate(texts):
        counts: dict[int, int] = {}
        for token in analyze(text):
            k = vocabulary.get(token)
            if k is not None:
                counts[k] = counts.get(k, 0) + 1
        for k, c in counts.items():
            rows.append(n)
            cols.append(k)
            vals.append(c * idf[k])
    x = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(idf)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    margins = (x @ coef) / norms[:, None] + intercept
    probs: np.ndarray = (1.0 / (1.0 + np.exp(ab[0] * margins + ab[1]))).mean(axis=1)
    return probs
