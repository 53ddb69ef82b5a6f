"""``alt-profanity-check``'s probability, computed from its fitted parts.

The package (MIT) ships a TF-IDF vectoriser and a calibrated linear SVM trained on
Davidson et al.'s tweets and Wikipedia talk-page comments. Its ``predict_prob`` costs
about 4 ms a call whatever the batch (scikit-learn's checks, five calibrated copies):
on a delivery of one message that is most of the classifier's cost. Here the same
arithmetic runs on the package's own fitted arrays, once per batch, in microseconds;
``tests/test_classifier.py`` checks that the numbers are the package's.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from scipy.sparse import csr_matrix


@cache
def _parts() -> tuple[re.Pattern[str], dict[str, int], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from profanity_check import profanity_check as package

    vectorizer, model = package.vectorizer, package.model
    fitted = model.calibrated_classifiers_
    coef = np.column_stack([c.estimator.coef_[0] for c in fitted])
    intercept = np.array([c.estimator.intercept_[0] for c in fitted])
    a = np.array([c.calibrators[0].a_ for c in fitted])
    b = np.array([c.calibrators[0].b_ for c in fitted])
    # The package's analyser is lower case, its token pattern, unigrams, less 7 stop words;
    # no stop word is in its vocabulary, so looking every token up is the same thing, faster.
    assert vectorizer.lowercase and vectorizer.ngram_range == (1, 1) and vectorizer.analyzer == "word"
    assert not set(vectorizer.get_stop_words() or ()) & set(vectorizer.vocabulary_)
    token = re.compile(vectorizer.token_pattern)
    return token, vectorizer.vocabulary_, vectorizer.idf_ * 1.0, coef * 1.0, intercept, np.stack([a, b])


def profanity_probability(texts: list[str]) -> np.ndarray:
    """What ``profanity_check.predict_prob(texts)`` returns."""
    token, vocabulary, idf, coef, intercept, ab = _parts()
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        indices.extend(k for k in map(vocabulary.get, token.findall(text.lower())) if k is not None)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(texts), len(idf)))
    x.sum_duplicates()  # term counts
    x.data *= idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    margins = (x @ coef) / norms[:, None] + intercept
    probs: np.ndarray = (1.0 / (1.0 + np.exp(ab[0] * margins + ab[1]))).mean(axis=1)
    return probs
