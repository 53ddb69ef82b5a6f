"""The text classifier: hashed byte 4-grams (``bytegrams.py``) and word n-grams plus cues
that do not depend on the site (``cues.py``), one calibrated logistic-regression head per
kind of violation (``spam``, ``harassment``, ``hate``, ``threat``, ``sexual``).

Text is normalised to its skeleton first (the same one the keyword rules use), so the
evasions the rules see through do not fool the classifier either. The model file is a
plain ``.npz`` of weights and a JSON description — no pickle, so loading a model file
runs no code. Loading needs numpy, scipy and scikit-learn's stateless hashing
vectoriser; training (``training.py``) needs scikit-learn's estimators.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer

from chatcredit.detectors.normalization import fold, skeleton_of_folded, unleet
from chatcredit.ml.bounds import bound
from chatcredit.ml.bytegrams import byte_grams, unit_rows
from chatcredit.ml.cues import DENSE, cue_matrix
from chatcredit.ml.profanity import Lexicon, packaged_lexicon
from chatcredit.ml.second_opinion import profanity_probability

FORMAT = "chatcredit-classifier/3"
N_BITS = 18
N_FEATURES = 2**N_BITS
_DENSE_AT = 2 * N_FEATURES  # the first dense column (after byte 4-grams and word n-grams)
_WORD = HashingVectorizer(
    analyzer="word",
    ngram_range=(1, 2),
    n_features=N_FEATURES,
    alternate_sign=False,
    token_pattern=r"(?u)\b\w+\b",
    norm=None,  # rows scaled by bytegrams.unit_rows: the same numbers without the per-call checks
)


def forms_of(texts: list[str]) -> list[tuple[str, str]]:
    """The classifier's ``(words, skeleton)`` of each text: ``unleet(fold)``, which the word
    lists and frames read, and the skeleton, which the n-grams read."""
    out = []
    for t in texts:
        folded = fold(t)
        out.append((unleet(folded), skeleton_of_folded(folded)))
    return out


def words_forms(forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The classifier's forms from the detectors' memoised ``(fold, skeleton)`` pairs."""
    return [(unleet(f), s) for f, s in forms]


@dataclass(frozen=True)
class HeadWeights:
    """One calibrated head: p = 1 / (1 + exp(a · (w·x + b0) + b))."""

    coef: np.ndarray
    intercept: float
    a: float
    b: float
    summary: dict[str, Any] = field(default_factory=dict)


class TextClassifier:
    def __init__(self, heads: dict[str, HeadWeights], lexicon: Lexicon | None = None) -> None:
        self.heads = heads
        self.lexicon = lexicon if lexicon is not None else packaged_lexicon()
        self._names = list(heads)
        self._coef = np.column_stack([h.coef for h in heads.values()]) if heads else np.zeros((0, 0))
        self._intercept = np.array([h.intercept for h in heads.values()])
        self._a = np.array([h.a for h in heads.values()])
        self._b = np.array([h.b for h in heads.values()])

    def with_head(self, name: str, head: HeadWeights) -> TextClassifier:
        """This model with ``head`` added or replaced (the heads are stacked once, here)."""
        return TextClassifier({**self.heads, name: head}, self.lexicon)

    def features(self, texts: list[str], forms: list[tuple[str, str]] | None = None) -> csr_matrix:
        """The feature rows of ``texts`` (``forms``: as ``forms_of`` gives them)."""
        if forms is None:
            forms = forms_of(texts)
        folded = [f for f, _ in forms]
        skeletons = [s for _, s in forms]
        cues = cue_matrix(texts, folded, skeletons, self.lexicon)
        prior = profanity_probability(texts).reshape(-1, 1)
        dense = np.hstack([cues, prior, prior >= 0.5])
        words = unit_rows(_WORD.transform(skeletons))
        return hstack([byte_grams(skeletons, N_BITS), words, csr_matrix(dense)]).tocsr()

    def margins(self, x: csr_matrix) -> np.ndarray:
        """Each head's uncalibrated margin, one row per text, one column per head."""
        margins: np.ndarray = np.asarray(x @ self._coef) + self._intercept
        return margins

    def predict(self, texts: list[str], forms: list[tuple[str, str]] | None = None) -> dict[str, np.ndarray]:
        """Calibrated probabilities per head, one per text (``forms``: their ``(fold, skeleton)``
        if known, as the detectors memoise them)."""
        if not texts or not self.heads:
            return {name: np.zeros(len(texts)) for name in self.heads}
        forms = forms_of(texts) if forms is None else words_forms(forms)
        return self.calibrated(self.features(texts, forms), forms)

    def calibrated(self, x: csr_matrix, forms: list[tuple[str, str]]) -> dict[str, np.ndarray]:
        """``predict`` on features already computed (leave-one-source-out reuses them): the
        heads' calibrated probabilities, bounded by the frames (``bounds.bound``)."""
        p = 1.0 / (1.0 + np.exp(self._a * self.margins(x) + self._b))
        cues = x[:, _DENSE_AT:].toarray()  # one slice of the sparse matrix, not one a column
        p = bound(p, self._names, cues, forms)
        return {name: p[:, n] for n, name in enumerate(self._names)}

    def save(self, path: str | Path) -> None:
        arrays: dict[str, Any] = {}
        meta: dict[str, Any] = {"format": FORMAT, "n_features": N_FEATURES, "cues": DENSE, "heads": {}}
        for name, head in self.heads.items():
            arrays[f"coef_{name}"] = head.coef.astype(np.float32)
            meta["heads"][name] = {"intercept": head.intercept, "a": head.a, "b": head.b, "summary": head.summary}
        arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
        # np.savez stamps each member with the time of writing; a fixed stamp makes the same
        # model the same bytes (``make model`` is reproducible to the byte).
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                member.compress_type = zipfile.ZIP_DEFLATED
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
                archive.writestr(member, buffer.getvalue())

    @classmethod
    def load(cls, path: str | Path | None = None) -> TextClassifier:
        """A model file made by ``chatcredit train``; None = the packaged model."""
        source = resources.files("chatcredit").joinpath("data/classifier.npz") if path is None else Path(path)
        with source.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT or meta.get("n_features") != N_FEATURES or meta.get("cues") != DENSE:
                raise ValueError(f"{source}: not a {FORMAT} model file of this version (retrain it: chatcredit train)")
            heads = {
                name: HeadWeights(
                    data[f"coef_{name}"].astype(np.float64), h["intercept"], h["a"], h["b"], h.get("summary", {})
                )
                for name, h in meta["heads"].items()
            }
        return cls(heads)
