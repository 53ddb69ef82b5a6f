"""The evaluation harness: the configured text detectors over a labeled file, scored.

Reports, for each detector and for chatcredit as a whole: precision, recall, F1,
accuracy, ROC-AUC where the detector gives a score, the confusion matrix and the
throughput. Optional baselines (word-list packages a platform might otherwise use) run
on the same rows in the same run when they are installed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.metrics import roc_auc_score

from chatcredit.detectors.rules import RuleMatcher
from chatcredit.ml.classifier import TextClassifier
from chatcredit.ml.corpus import HEADS, Record
from chatcredit.ml.datasets import Example
from chatcredit.policy.detection import CATEGORY_AT
from chatcredit.policy.model import Policy

if TYPE_CHECKING:
    from chatcredit.ml.transfer import Mix


@dataclass(frozen=True, slots=True)
class Scores:
    name: str
    n: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    roc_auc: float | None
    messages_per_second: float
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def score(
    name: str, labels: np.ndarray, flagged: np.ndarray, seconds: float, scores: np.ndarray | None = None, note: str = ""
) -> Scores:
    tp = int((flagged & labels).sum())
    fp = int((flagged & ~labels).sum())
    fn = int((~flagged & labels).sum())
    tn = int((~flagged & ~labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    auc = float(roc_auc_score(labels, scores)) if scores is not None and 0 < labels.sum() < len(labels) else None
    n = len(labels)
    return Scores(
        name,
        n,
        tp,
        fp,
        fn,
        tn,
        round(precision, 4),
        round(recall, 4),
        round(f1, 4),
        round((tp + tn) / n, 4) if n else 0.0,
        None if auc is None else round(auc, 4),
        round(n / seconds) if seconds > 0 else 0.0,
        note,
    )


def _rule_flags(texts: list[str], policy: Policy) -> tuple[np.ndarray, np.ndarray, float]:
    """Which texts an enforced rule hits, which a shadow rule hits, and the seconds it took."""
    matcher = RuleMatcher(policy.rules)
    hits, seconds = _timed(lambda: np.array([[m.rule.mode for m in matcher.match(t)] for t in texts], dtype=object))
    enforced = np.array([any(mode == "enforce" for mode in row) for row in hits], dtype=bool)
    shadow = np.array([any(mode == "shadow" for mode in row) for row in hits], dtype=bool)
    return enforced, shadow, seconds


def _timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def evaluate(
    examples: Sequence[Example],
    policy: Policy,
    model: TextClassifier | None,
    heads: Sequence[str] = (),
    baselines: bool = False,
) -> list[Scores]:
    """Score the rules, each classifier head, and chatcredit overall on ``examples``."""
    texts = [e.text for e in examples]
    labels = np.array([e.label for e in examples], dtype=bool)
    results: list[Scores] = []
    enforced, shadow, seconds = _rule_flags(texts, policy)
    results.append(score("rules", labels, enforced, seconds))
    if shadow.any():
        results.append(score("rules (shadow hits)", labels, shadow, seconds, note="shadow rules: would-be hits"))
    combined_flag, combined_score = enforced.copy(), enforced.astype(float)
    if model is not None:
        probs, seconds = _timed(lambda: np.vstack(list(model.predict(texts).values())))
        c = policy.classifier
        for name, p in zip(model.heads, probs, strict=True):
            if heads and name not in heads:
                continue
            results.append(score(f"classifier:{name} (p ≥ 0.5)", labels, p >= 0.5, seconds, p))
            results.append(
                score(f"classifier:{name} (p ≥ {c.review_at}, review)", labels, p >= c.review_at, seconds, p)
            )
            results.append(
                score(f"classifier:{name} (p ≥ {c.automate_at}, automated)", labels, p >= c.automate_at, seconds, p)
            )
            if name not in c.heads or name in c.flagging:  # a refining head names a category, it flags nothing
                combined_flag |= p >= c.review_at
                combined_score = np.maximum(combined_score, p)
    results.append(
        score(
            "chatcredit (rules or classifier ≥ review_at)",
            labels,
            combined_flag,
            0.0,
            combined_score if model is not None else None,
        )
    )
    if baselines:
        results += _baselines(texts, labels)
    return results


def _baselines(texts: list[str], labels: np.ndarray) -> list[Scores]:
    out: list[Scores] = []
    try:
        from better_profanity import profanity
    except ImportError:
        out.append(score("better-profanity", labels, np.zeros_like(labels), 0, note="not installed"))
    else:
        flagged, seconds = _timed(lambda: np.array([profanity.contains_profanity(t) for t in texts], dtype=bool))
        out.append(score("better-profanity 0.7.0 (word list)", labels, flagged, seconds))
    try:
        from profanity_check import predict_prob
    except ImportError:
        out.append(score("alt-profanity-check", labels, np.zeros_like(labels), 0, note="not installed"))
    else:
        probs, seconds = _timed(lambda: np.asarray(predict_prob(texts)))
        out.append(score("alt-profanity-check 1.9.1 (linear SVM)", labels, probs >= 0.5, seconds, probs))
    return out


@dataclass(frozen=True, slots=True)
class SourceResult:
    """One left-out source: what every detector scored on all its rows."""

    source: str
    rows: int
    positives: int
    scores: list[Scores]


def evaluate_sources(
    records: Sequence[Record],
    policy: Policy,
    mix: Mix,
    baselines: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[SourceResult]:
    """Leave one source out: for each source, a model trained and calibrated without it
    (``transfer.leave_one_out``), then the same scoring as ``evaluate`` on all its rows."""
    from chatcredit.ml.transfer import Matrix, leave_one_out

    matrix = Matrix.of(records, TextClassifier({}))
    out: list[SourceResult] = []
    for source, (rows, probs) in leave_one_out(matrix, mix, progress).items():
        texts = [records[i].text for i in rows]
        labels = np.array([records[i].violation for i in rows], dtype=bool)
        out.append(
            SourceResult(
                source,
                len(rows),
                int(labels.sum()),
                _score_bands(texts, labels, probs, policy, baselines)
                + _score_categories([records[i] for i in rows], probs, policy),
            )
        )
    return out


def _score_bands(
    texts: list[str], labels: np.ndarray, probs: dict[str, np.ndarray], policy: Policy, baselines: bool
) -> list[Scores]:
    enforced, _, seconds = _rule_flags(texts, policy)
    c = policy.classifier
    flagging = [name for name in c.flagging if name in probs]
    best = np.vstack([probs[name] for name in flagging]).max(axis=0)
    results = [score("rules", labels, enforced, seconds)]
    for name in flagging:
        results.append(score(f"head {name} ≥ review", labels, probs[name] >= c.review_at, 0.0, probs[name]))
    results += [
        score(f"classifier ≥ {c.automate_at} (automated)", labels, best >= c.automate_at, 0.0, best),
        score(f"classifier ≥ {c.review_at} (review)", labels, best >= c.review_at, 0.0, best),
        score("chatcredit: rules or classifier ≥ review", labels, enforced | (best >= c.review_at), 0.0, best),
    ]
    if baselines:
        results += _baselines(texts, labels)
    return results


def _score_categories(records: list[Record], probs: dict[str, np.ndarray], policy: Policy) -> list[Scores]:
    """Does a refining head name the right category? Among the rows the source calls a
    violation of the head it refines and labels for this category: its p ≥ 0.5 against the
    label (the category a notice would name)."""
    out: list[Scores] = []
    for name, head in policy.classifier.heads.items():
        if head.refines is None or name not in probs or name not in HEADS or head.refines not in HEADS:
            continue
        mask = np.array([r.label(head.refines) == 1 and r.label(name) >= 0 for r in records], dtype=bool)
        y = np.array([r.label(name) == 1 for r in records], dtype=bool)[mask]
        if not y.any():
            continue
        p = probs[name][mask]
        out.append(score(f"category {name} among {head.refines} (p ≥ {CATEGORY_AT})", y, p >= CATEGORY_AT, 0.0, p))
    return out
