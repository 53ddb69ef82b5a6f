"""Commands for detection quality: train a classifier head, evaluate on labeled data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, err, json_option, main, out
from chatcredit.policy import default_policy, load_policy

data_options = [
    click.option("--data", "data_file", default=None, help="Labeled file: CSV, TSV or JSON Lines."),
    click.option("--text-column", default=None, help="Column (name, or 0-based index without header)."),
    click.option("--label-column", default=None, help="Column holding the label."),
    click.option("--positive", multiple=True, help="A label value that means 'violation'."),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["csv", "tsv", "jsonl"]),
        default=None,
        help="Default: from the file name (no extension = TSV without header).",
    ),
    click.option("--no-header", is_flag=True, help="The first row is data, columns are indexes."),
    click.option(
        "--corpus",
        "corpus",
        default=None,
        metavar="DIR",
        help="Instead of --data: every source folder under DIR (../shared/data), left out one at a time.",
    ),
]


def _file_options(
    data_file: str | None, text_column: str | None, label_column: str | None, positive: tuple[str, ...]
) -> tuple[str, str, str]:
    if not (data_file and text_column and label_column and positive):
        raise click.UsageError("give --corpus DIR, or --data, --text-column, --label-column and --positive")
    return data_file, text_column, label_column


F = TypeVar("F", bound=Callable[..., Any])


def _with(options: list[Callable[[F], F]]) -> Callable[[F], F]:
    def wrap(fn: F) -> F:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return wrap


@main.command()
@_with(data_options)
@click.option("--head", default=None, help="The head to train, e.g. spam or harassment (with --data).")
@click.option(
    "--split",
    type=click.Choice(["train", "all"]),
    default="train",
    show_default=True,
    help="'train' leaves the held-out fifth out (and scores the head on it).",
)
@click.option("--base", default=None, help="Start from this model file (its other heads are kept).")
@click.option("--fresh", is_flag=True, help="Start from an empty model instead of the packaged one.")
@click.option("--c", "c", default=16.0, show_default=True, help="Inverse regularisation strength.")
@click.option(
    "--negatives",
    "negatives",
    multiple=True,
    metavar="FILE#COLUMN",
    help="Texts from another source that are all negative for this head (its training split "
    "only); repeatable. Other domains make a head transfer better.",
)
@click.option("--out", "out_file", required=True, help="Where to write the model file (.npz).")
@json_option
def train(
    data_file: str | None,
    text_column: str | None,
    label_column: str | None,
    positive: tuple[str, ...],
    fmt: str | None,
    no_header: bool,
    corpus: str | None,
    head: str | None,
    split: str,
    base: str | None,
    fresh: bool,
    c: float,
    negatives: tuple[str, ...],
    out_file: str,
    as_json: bool,
) -> None:
    """Train a classifier head on labeled data and write a model file the policy can use.

    With --corpus, build the whole model (every head) from the sources under DIR, the way
    the shipped one is built (``make model``)."""
    from chatcredit.ml.classifier import TextClassifier
    from chatcredit.ml.datasets import Example, read_labeled
    from chatcredit.ml.evaluation import score
    from chatcredit.ml.training import train_head

    if corpus:
        from chatcredit.cli.commands.sources import train_corpus

        train_corpus(corpus, out_file, as_json)
        return
    data_file, text_column, label_column = _file_options(data_file, text_column, label_column, positive)
    if not head:
        raise click.UsageError("--head is needed with --data")
    data = read_labeled(data_file, text_column, label_column, positive, fmt, not no_header, split)  # type: ignore[arg-type]
    for spec in negatives:
        path, _, column = spec.rpartition("#")
        extra = read_labeled(path or spec, column or "0", column or "0", [], split=split)  # type: ignore[arg-type]
        data.examples += [Example(e.text, False, "negative") for e in extra.examples]
        data.duplicates += extra.duplicates
    model = TextClassifier({}) if fresh else TextClassifier.load(base)
    err.print(
        f"training head {head!r} on {len(data.examples)} rows ({data.positives} positive, "
        f"{data.duplicates} duplicates dropped, {len(data.rejected)} rejected)"
    )
    model = model.with_head(head, train_head(data, model, c))
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    model.save(out_file)
    result: dict[str, object] = {"head": head, "out": out_file, **model.heads[head].summary}
    if split == "train":
        import numpy as np

        held = read_labeled(data_file, text_column, label_column, positive, fmt, not no_header, "test")
        started = time.perf_counter()
        probs = model.predict([e.text for e in held.examples])[head]
        labels = np.array([e.label for e in held.examples], dtype=bool)
        result["held_out"] = score(head, labels, probs >= 0.5, time.perf_counter() - started, probs).as_dict()
    if as_json:
        emit_json(result)
    else:
        out.print(result)


@main.command(name="eval")
@_with(data_options)
@click.option(
    "--split",
    type=click.Choice(["test", "train", "all"]),
    default="test",
    show_default=True,
    help="Which rows: the held-out fifth (never used for training), the rest, or all.",
)
@click.option("--model", "model_file", default=None, help="Model file; default: the policy's.")
@click.option("--head", "heads", multiple=True, help="Only these classifier heads (default: all).")
@click.option("--baselines", is_flag=True, help="Also run word-list packages on the same rows, if installed.")
@click.option("--markdown", "markdown", default=None, help="With --corpus: also write the table as Markdown here.")
@click.option("--limit", default=0, help="Use only the first N rows (0 = all).")
@json_option
@click.pass_context
def evaluate_command(
    ctx: click.Context,
    data_file: str | None,
    text_column: str | None,
    label_column: str | None,
    positive: tuple[str, ...],
    fmt: str | None,
    no_header: bool,
    corpus: str | None,
    split: str,
    model_file: str | None,
    heads: tuple[str, ...],
    baselines: bool,
    markdown: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Run the policy's rules and classifier over a labeled file and score them; with
    --corpus, leave each source out in turn (train and calibrate without it, score on it)."""
    from chatcredit.ml.classifier import TextClassifier
    from chatcredit.ml.datasets import read_labeled
    from chatcredit.ml.evaluation import evaluate

    path = ctx.find_root().obj["policy"]
    policy = load_policy(path) if path else default_policy()
    if corpus:
        from chatcredit.cli.commands.sources import evaluate_corpus

        evaluate_corpus(corpus, policy, baselines, markdown, as_json)
        return
    data_file, text_column, label_column = _file_options(data_file, text_column, label_column, positive)
    data = read_labeled(data_file, text_column, label_column, positive, fmt, not no_header, split)  # type: ignore[arg-type]
    examples = data.examples[:limit] if limit else data.examples
    model = None
    if policy.classifier.enabled:
        model = TextClassifier.load(model_file or policy.classifier.model or None)
    results = [r.as_dict() for r in evaluate(examples, policy, model, heads, baselines)]
    summary = {
        "data": data_file,
        "split": split,
        "rows": len(examples),
        "positives": sum(e.label for e in examples),
        "duplicates_dropped": data.duplicates,
        "rejected": len(data.rejected),
        "results": results,
    }
    if as_json:
        emit_json(summary)
        return
    out.print(
        f"{data_file} [{split}]: {summary['rows']} rows, {summary['positives']} positive, "
        f"{data.duplicates} duplicates dropped"
    )
    rows = [{**r, "confusion (tp fp fn tn)": f"{r['tp']} {r['fp']} {r['fn']} {r['tn']}"} for r in results]
    terminal.print_rows(
        out,
        "evaluation",
        rows,
        [
            "name",
            "precision",
            "recall",
            "f1",
            "accuracy",
            "roc_auc",
            "confusion (tp fp fn tn)",
            "messages_per_second",
            "note",
        ],
    )
