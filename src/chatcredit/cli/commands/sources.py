"""``train --corpus`` and ``eval --corpus``: the shipped model from every labeled source,
and the leave-one-source-out table of docs/detection.md."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import Progress

from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, err, out
from chatcredit.policy.model import Policy

if TYPE_CHECKING:
    from chatcredit.ml.evaluation import SourceResult


def train_corpus(corpus: str, out_file: str, as_json: bool) -> None:
    from chatcredit.ml.classifier import TextClassifier
    from chatcredit.ml.corpus import HEADS, read_corpus
    from chatcredit.ml.transfer import Matrix, Mix, train_model

    records = read_corpus(corpus)
    err.print(f"{len(records)} texts from {len({r.source for r in records})} sources under {corpus}")
    with Progress(console=err, disable=as_json) as bar:
        task = bar.add_task("features", total=len(HEADS) + 1)
        matrix = Matrix.of(records, TextClassifier({}))
        bar.advance(task)
        model = train_model(matrix, Mix(), progress=lambda head: bar.update(task, description=head, advance=1))
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    model.save(out_file)
    result = {"out": out_file, "heads": {name: head.summary for name, head in model.heads.items()}}
    if as_json:
        emit_json(result)
    else:
        out.print(result)


def evaluate_corpus(corpus: str, policy: Policy, baselines: bool, markdown: str | None, as_json: bool) -> None:
    from chatcredit.ml.corpus import HEADS, SOURCES, read_corpus
    from chatcredit.ml.evaluation import evaluate_sources
    from chatcredit.ml.transfer import Mix

    records = read_corpus(corpus)
    with Progress(console=err, disable=as_json) as bar:
        task = bar.add_task("leave one source out", total=len(SOURCES) * len(HEADS))
        results = evaluate_sources(
            records,
            policy,
            Mix(),
            baselines,
            progress=lambda step: bar.update(task, description=step, advance=1),
        )
    if markdown:
        Path(markdown).write_text(render_markdown(results), "utf-8")
    if as_json:
        emit_json(
            [
                {
                    "source": r.source,
                    "rows": r.rows,
                    "positives": r.positives,
                    "results": [s.as_dict() for s in r.scores],
                }
                for r in results
            ]
        )
        return
    for r in results:
        out.print(f"left out: {r.source}: {r.rows} rows, {r.positives} violations")
        terminal.print_rows(
            out,
            r.source,
            [s.as_dict() for s in r.scores],
            ["name", "precision", "recall", "f1", "roc_auc", "tp", "fp", "fn", "tn", "note"],
        )


def render_markdown(results: list[SourceResult]) -> str:
    lines = []
    for r in results:
        lines += [
            f"**{r.source}** left out: {r.rows:,} rows, {r.positives:,} violations",
            "",
            "| detector | precision | recall | F1 | ROC-AUC | tp fp fn tn |",
            "|---|---|---|---|---|---|",
        ]
        for s in r.scores:
            auc = "—" if s.roc_auc is None else f"{s.roc_auc:.3f}"
            lines.append(
                f"| {s.name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {auc} | {s.tp} {s.fp} {s.fn} {s.tn} |"
            )
        lines.append("")
    return "\n".join(lines)
