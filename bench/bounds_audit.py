"""Every frame's bound on the classifier, read against the sources' labels, each source left out.

    .venv/bin/python bench/bounds_audit.py --corpus ../shared/data [--cache build/bounds-audit.npz]
        [--seed 0] [--show FRAME ...] [--examples 20] [--json FILE]

The frames (``ml/bounds.py``) lift a message into the review band or cap it below, by what
it says rather than by its words. Each was written from a set of our own; this asks what
each does on the five labeled sources when the model never saw the source: for each source,
a model trained and calibrated without it (``transfer.leave_one_out``) gives the heads' raw
probabilities, the frames bound them, and then each frame in turn is switched off (its
function made to answer no) and the end-to-end decision (rules, or a flagging head at the
default policy's review band) compared. A frame's rows are those whose decision it changes:

- **up**: it sends them to review (a lift, or a cap of another frame that it vetoes);
- **down**: it keeps them out of review (a cap).

A row up that the source labels a violation, or down that it labels none, agrees with the
labels. The sources' labels are noisy (docs/detection.md, "How much of this is noise"), so
a frame is worth a reading where it disagrees often, not a verdict. ``--show`` prints the
rows a frame moves against the labels. The raw probabilities (the slow part: five models)
are kept in ``--cache``, stamped with the seed and the source of every module the features
and the fit are made by (``FITTED_BY``), and made anew when either changes; the frames are
read anew on every run, so the audit can be repeated after each change to them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

import numpy as np

import chatcredit.ml.bounds as bounds
import chatcredit.ml.classifier as classifier
from chatcredit import default_policy
from chatcredit.ml.classifier import _DENSE_AT, TextClassifier, forms_of
from chatcredit.ml.corpus import HEADS, read_corpus
from chatcredit.ml.evaluation import _rule_flags
from chatcredit.ml.transfer import Matrix, Mix, leave_one_out

#: The frames that ``bound`` consults, by the name it knows them by; switching one off makes
#: it answer no (``_cap_unnamed``: the cap on "sexual" and "threat" without a naming word).
FRAMES = (
    "derogates_a_group",
    "describes_a_group",
    "about_an_attack",
    "threatens_the_addressee",
    "violence_at_a_thing",
    "solicits_sex",
    "insults_the_addressee",
    "swears_in_another_tongue",
    "blames_oneself",
    "praises_a_play",
    "means_no_one",
    "speaks_of_refuse",
    "curses_a_machine",
    "says_a_saying",
    "pitches",
    "too_short_to_pitch",
    "shares_a_link",
    "warns_of_a_scam",
    "is_courtesy",
    "_cap_unnamed",
)


def switched_off(name: str) -> Any:
    """``bounds.<name>`` answers no (or, for a procedure, does nothing) within the block."""
    off: Callable[..., Any] = (lambda *_: None) if name.startswith("_") else (lambda *_: False)
    return patch.object(bounds, name, off)


#: The modules whose source decides the raw probabilities (the features, the word lists the
#: cues count, the fit and its calibration, the corpus and the rules' policy); the frames are
#: not among them.
FITTED_BY = (
    "bytegrams", "classifier", "corpus", "cues", "datasets", "profanity", "second_opinion", "transfer", "wordlists",
)  # fmt: skip


def stamp(corpus: str, seed: int) -> str:
    """What the cached probabilities were made from: the seed, the corpus folder and a hash of
    the modules in ``FITTED_BY`` and the default policy."""
    digest = hashlib.sha256(f"{seed}|{Path(corpus).resolve()}".encode())
    folder = Path(classifier.__file__).parent
    for name in FITTED_BY:
        digest.update((folder / f"{name}.py").read_bytes())
    digest.update(repr(default_policy()).encode())
    return digest.hexdigest()


def raw_probabilities(corpus: str, cache: Path, seed: int = 0) -> dict[str, np.ndarray]:
    """Each row's unbounded probabilities from the model that left its source out, with its
    text, source, label, cue columns and whether an enforced rule hits it."""
    made_from = stamp(corpus, seed)
    if cache.exists():
        with np.load(cache, allow_pickle=False) as data:
            if "stamp" in data.files and str(data["stamp"]) == made_from:
                return {k: data[k] for k in data.files}
        print(f"{cache}: made from other features, a fit or a seed; made anew", flush=True)
    records = read_corpus(corpus)
    m = Matrix.of(records, TextClassifier({}))
    with patch.object(classifier, "bound", lambda p, *_: p):  # calibrated() without the frames
        out = leave_one_out(m, Mix(seed=seed), progress=lambda step: print(step, flush=True))
    p = np.zeros((len(records), len(HEADS)))
    for rows, probs in out.values():
        for k, head in enumerate(HEADS):
            if head in probs:  # a head no other source labels is not trained without this one
                p[rows, k] = probs[head]
    texts = [r.text for r in records]
    rules, _, _ = _rule_flags(texts, default_policy())
    data = {
        "p": p,
        "cues": m.x[:, _DENSE_AT:].toarray(),
        "texts": np.array(texts),
        "sources": np.array([r.source for r in records]),
        "violation": np.array([r.violation for r in records], dtype=bool),
        "rules": rules,
        "stamp": np.array(made_from),
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, **data)
    return data


def decided(
    p: np.ndarray, cues: np.ndarray, forms: list[tuple[str, str]], rules: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The end-to-end decision (an enforced rule, or a flagging head at the review band) and
    the classifier's automated band."""
    c = default_policy().classifier
    bounded = bounds.bound(p.copy(), list(HEADS), cues, forms)
    best = bounded[:, [HEADS.index(h) for h in c.flagging]].max(axis=1)
    return rules | (best >= c.review_at), best >= c.automate_at


def f1(flagged: np.ndarray, y: np.ndarray) -> float:
    tp, fp, fn = (flagged & y).sum(), (flagged & ~y).sum(), (~flagged & y).sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="../shared/data")
    parser.add_argument("--cache", type=Path, default=Path("build/bounds-audit.npz"))
    parser.add_argument("--seed", type=int, default=0, help="the fit's seed (the cache is per seed)")
    parser.add_argument("--show", nargs="*", default=[], help="print the rows these frames move against the labels")
    parser.add_argument("--examples", type=int, default=20)
    parser.add_argument("--json", type=Path, help="write the table here as well")
    args = parser.parse_args()
    cache = args.cache if args.seed == 0 else args.cache.with_suffix(f".seed{args.seed}.npz")
    data = raw_probabilities(args.corpus, cache, args.seed)
    texts = [str(t) for t in data["texts"]]
    forms = forms_of(texts)
    y, sources, rules = data["violation"], data["sources"], data["rules"].astype(bool)
    full, automated = decided(data["p"], data["cues"], forms, rules)
    c = default_policy().classifier
    raw = data["p"][:, [HEADS.index(h) for h in c.flagging]].max(axis=1)
    unbounded = rules | (raw >= c.review_at)
    print(f"{len(texts):,} rows; flagged with every bound {int(full.sum()):,}, with none {int(unbounded.sum()):,}")
    print("\n| left out | end-to-end F1: every bound | none | automated precision: every bound | none |")
    print("|---|---|---|---|---|")
    for s in np.unique(sources):
        at = sources == s
        bands = (automated, raw >= c.automate_at)
        precisions = [float(y[at & a].mean()) if (at & a).any() else float("nan") for a in bands]
        print(
            f"| {s} | {f1(full[at], y[at]):.3f} | {f1(unbounded[at], y[at]):.3f} | "
            f"{precisions[0]:.3f} | {precisions[1]:.3f} |"
        )
    print("\n| frame | up: violation / none | down: violation / none | agrees with the labels |")
    print("|---|---|---|---|")
    table: dict[str, dict[str, Any]] = {}
    for name in FRAMES:
        with switched_off(name):
            without, _ = decided(data["p"], data["cues"], forms, rules)
        up, down = full & ~without, ~full & without
        counts = [int((up & y).sum()), int((up & ~y).sum()), int((down & y).sum()), int((down & ~y).sum())]
        moved = sum(counts)
        agree = (counts[0] + counts[3]) / moved if moved else float("nan")
        by_source = {
            str(s): [int((m & (sources == s) & lab).sum()) for m in (up, down) for lab in (y, ~y)]
            for s in np.unique(sources)
        }
        table[name] = {"up_violation": counts[0], "up_none": counts[1], "down_violation": counts[2]}
        table[name] |= {"down_none": counts[3], "by_source": by_source}
        print(f"| {name} | {counts[0]} / {counts[1]} | {counts[2]} / {counts[3]} | {agree:.2f} |", flush=True)
        if name in args.show:
            against = np.flatnonzero((up & ~y) | (down & y))
            for n in against[: args.examples].tolist():
                print(f"    {'up  ' if up[n] else 'down'} {sources[n]:<24} {texts[n][:160]!r}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
