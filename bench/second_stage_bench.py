"""What a second stage of static embeddings would add, leaving one source out, and its cost.

    .venv/bin/pip install -e ".[embeddings]"
    .venv/bin/python bench/second_stage_bench.py --corpus ../shared/data [--seeds 0 1 2]

Issue #13, item 5: a heavier model run beside the first stage where it helps. WordLlama
(``wordllama``, MIT) is the one package on PyPI found to carry its weights inside the wheel
(``l2_supercat_256.safetensors``: 32,000 tokens × 256 dimensions, from Llama 2's token
embeddings), so it runs with no download. Three ways of using it are measured against the
shipped design, each source left out in turn and scored as ``chatcredit eval`` scores it
(rules or the flagging heads at the review band):

- **features**: the 256 dimensions (each row at unit length) as columns beside the
  first stage's, every head refitted and recalibrated out of source;
- **alone**: a logistic regression on the embeddings only (ROC-AUC of the harassment and
  spam heads on the left-out source);
- **band**: the first stage's probability averaged with the embeddings' own in the band
  0.2 ≤ p < 0.98 (where a second stage would run: a few percent of messages), weight 0.3.

It prints one table a seed and the embedding's cost per distinct text. docs/detection.md
has the results and why the second stage is not shipped.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from chatcredit import default_policy
from chatcredit.ml.bounds import bound
from chatcredit.ml.classifier import _DENSE_AT, TextClassifier
from chatcredit.ml.corpus import HEADS, read_corpus
from chatcredit.ml.evaluation import _rule_flags
from chatcredit.ml.transfer import Matrix, Mix, source_weights, train_model


def embedder() -> Any:
    """WordLlama from the files in its wheel. ``WordLlama.load()`` looks for the tokenizer
    in ``wordllama/tokenizer/`` while the wheel ships it in ``wordllama/tokenizers/``, and
    then tries Hugging Face; reading both files directly needs no network."""
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        weights = f.get_tensor("embedding.weight")
    return WordLlamaInference(weights, tokenizer)


def f1(flagged: np.ndarray, y: np.ndarray) -> float:
    tp, fp, fn = (flagged & y).sum(), (flagged & ~y).sum(), (~flagged & y).sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def probabilities(model: TextClassifier, x: csr_matrix, cues: np.ndarray, forms: list[tuple[str, str]]) -> np.ndarray:
    """The calibrated, bounded probabilities (``TextClassifier.calibrated``), for a matrix
    whose columns may include the embeddings before the cues."""
    a = np.array([h.a for h in model.heads.values()])
    b = np.array([h.b for h in model.heads.values()])
    p = 1.0 / (1.0 + np.exp(a * model.margins(x) + b))
    return bound(p, list(model.heads), cues, forms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="../shared/data")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    args = parser.parse_args()
    records = read_corpus(args.corpus)
    texts = [r.text for r in records]
    m = Matrix.of(records, TextClassifier({}))
    wl = embedder()
    wl.embed(texts[:100])
    started = time.perf_counter()
    emb = np.asarray(wl.embed(texts), dtype=np.float64)
    cost = (time.perf_counter() - started) / len(texts) * 1e6
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    print(f"{len(texts):,} texts; WordLlama: {cost:.0f} µs a text in one batch")
    policy = default_policy()
    review = policy.classifier.review_at
    rules, _, _ = _rule_flags(texts, policy)
    violation = np.array([r.violation for r in records], dtype=bool)
    cues = m.x[:, _DENSE_AT:].toarray()
    with_emb = Matrix(
        hstack([m.x[:, :_DENSE_AT], csr_matrix(emb), m.x[:, _DENSE_AT:]]).tocsr(), m.labels, m.sources, m.train, m.forms
    )
    flagging = [HEADS.index(h) for h in policy.classifier.flagging]
    for seed in args.seeds:
        mix = Mix(seed=seed)
        print(f"\nseed {seed}: end-to-end F1 (rules or classifier ≥ {review}); ROC-AUC of the embeddings alone")
        alone_columns = " | ".join(f"alone: {HEADS[h]} AUC" for h in flagging)
        print(f"| left out | shipped | + features | band (0.2–0.98, w 0.3) | {alone_columns} |")
        print("|---|---|---|---|" + "---|" * len(flagging))
        for source in np.unique(m.sources):
            held = m.sources == source
            rows = np.flatnonzero(held)
            forms = [m.forms[i] for i in rows]
            y = violation[rows]
            base = probabilities(train_model(m, mix, ~held), m.x[rows], cues[rows], forms)
            feat = probabilities(train_model(with_emb, mix, ~held), with_emb.x[rows], cues[rows], forms)
            alone, aucs = base.copy(), []
            for h in flagging:
                train = np.flatnonzero(~held & m.train & (m.labels[:, h] >= 0))
                labels = m.labels[train, h]
                fit = LogisticRegression(max_iter=2000).fit(
                    emb[train], labels, sample_weight=source_weights(m.sources[train], labels, mix.balance)
                )
                s = fit.predict_proba(emb[rows])[:, 1]
                if HEADS[h] == "spam":  # at the spam head's prior odds
                    s = 1.0 / (1.0 + np.exp(-(np.log(s / (1 - s)) - np.log((1 - mix.spam_prior) / mix.spam_prior))))
                alone[:, h] = s
                # against the source's own label for the head; Toxic Spans rates only its toxic
                # comments for harassment, so there the violation label stands in (as in eval)
                known = m.labels[rows, h]
                rated = known >= 0
                truth, scored = known[rated] == 1, s[rated]
                if truth.all() and HEADS[h] == "harassment":
                    truth, scored = y, s
                aucs.append(f"{roc_auc_score(truth, scored):.3f}" if 0 < truth.sum() < len(truth) else "—")
            band = (base >= 0.2) & (base < 0.98)
            mixed = np.where(band, 0.7 * base + 0.3 * alone, base)
            scores = [f1(rules[rows] | (p[:, flagging].max(axis=1) >= review), y) for p in (base, feat, mixed)]
            print(
                f"| {source} | " + " | ".join(f"{s:.3f}" for s in scores) + " | " + " | ".join(aucs) + " |", flush=True
            )


if __name__ == "__main__":
    main()
