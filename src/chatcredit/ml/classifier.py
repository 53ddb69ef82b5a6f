"""The text classifier: hashed character and word n-grams plus a lexicon feature, one
calibrated logistic-regression head per kind of violation (``spam``, ``abuse``).

Text is normalised to its skeleton first (the same one the keyword rules use), so the
evasions the rules see through do not fool the classifier either. The model file is a
plain ``.npz`` of weights and a JSON description — no pickle, so loading a model file
runs no code. Loading needs numpy, scipy and scikit-learn's stateless hashing
vectoriser; training (``training.py``) needs scikit-learn's estimators.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer

from chatcredit.detectors.normalization import skeleton

FORMAT = "chatcredit-classifier/1"
N_FEATURES = 2**18
_CHAR = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 4), n_features=N_FEATURES, alternate_sign=False)
_WORD = HashingVectorizer(
    analyzer="word", ngram_range=(1, 2), n_features=N_FEATURES, alternate_sign=False, token_pattern=r"(?u)\b\w+\b"
)


def packaged_lexicon() -> frozenset[str]:
    words = resources.files("chatcredit").joinpath("data/profanity_wordlist.txt").read_text("utf-8").split()
    return frozenset(skeleton(w) for w in words)


@dataclass(frozen=True)
class HeadWeights:
    """One calibrated head: p = 1 / (1 + exp(a · (w·x + b0) + b))."""

    coef: np.ndarray
    intercept: float
    a: float
    b: float
    summary: dict[str, Any] = field(default_factory=dict)


class TextClassifier:
    def __init__(self, heads: dict[str, HeadWeights], lexicon: frozenset[str] | None = None) -> None:
        self.heads = heads
        self.lexicon = lexicon if lexicon is not None else packaged_lexicon()

    def features(self, texts: list[str], skeletons: list[str] | None = None) -> csr_matrix:
        if skeletons is None:
            skeletons = [skeleton(t) for t in texts]
        counts = np.array([[sum(1 for w in s.split() if w in self.lexicon)] for s in skeletons], dtype=np.float64)
        lexical = np.hstack([counts > 0, np.minimum(counts, 5) / 5])
        return hstack([_CHAR.transform(skeletons), _WORD.transform(skeletons), csr_matrix(lexical)]).tocsr()

    def predict(self, texts: list[str], skeletons: list[str] | None = None) -> dict[str, np.ndarray]:
        """Calibrated probabilities per head, one per text (``skeletons``: if already known)."""
        if not texts:
            return {name: np.zeros(0) for name in self.heads}
        x = self.features(texts, skeletons)
        out = {}
        for name, head in self.heads.items():
            margin = x @ head.coef + head.intercept
            out[name] = 1.0 / (1.0 + np.exp(head.a * margin + head.b))
        return out

    def save(self, path: str | Path) -> None:
        arrays: dict[str, Any] = {}
        meta: dict[str, Any] = {"format": FORMAT, "n_features": N_FEATURES, "heads": {}}
        for name, head in self.heads.items():
            arrays[f"coef_{name}"] = head.coef.astype(np.float32)
            meta["heads"][name] = {"intercept": head.intercept, "a": head.a, "b": head.b, "summary": head.summary}
        arrays["meta"] = np.array(json.dumps(meta))
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)

    @classmethod
    def load(cls, path: str | Path | None = None) -> TextClassifier:
        """A model file made by ``chatcredit train``; None = the packaged model."""
        source = resources.files("chatcredit").joinpath("data/classifier.npz") if path is None else Path(path)
        with source.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT or meta.get("n_features") != N_FEATURES:
                raise ValueError(f"{source}: not a {FORMAT} model file")
            heads = {
                name: HeadWeights(
                    data[f"coef_{name}"].astype(np.float64), h["intercept"], h["a"], h["b"], h.get("summary", {})
                )
                for name, h in meta["heads"].items()
            }
        return cls(heads)
