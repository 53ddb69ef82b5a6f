"""Training for transfer: the corpus readers on the real source files, leave-one-source-out
evaluation and the reproducible model build, on a small slice of every source."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatcredit.cli import main
from chatcredit.ml.classifier import TextClassifier
from chatcredit.ml.corpus import HEADS, SOURCES, UNKNOWN, read_corpus

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def _head(src: Path, dst: Path, lines: int) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, encoding="utf-8", errors="replace") as fh:
        dst.write_text("".join(line for _, line in zip(range(lines), fh, strict=False)), "utf-8")


def _csv_head(src: Path, dst: Path, rows: int) -> list[dict[str, str]]:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        kept = [row for _, row in zip(range(rows), reader, strict=False)]
        fields = reader.fieldnames or []
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)
    return kept


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first rows of every real source, in the same layout as ../shared/data."""
    root = tmp_path_factory.mktemp("corpus")
    _head(SHARED / "sms-spam/SMSSpamCollection", root / "sms-spam/SMSSpamCollection", 700)
    _head(SHARED / "tg-spam/spam-samples.txt", root / "tg-spam/spam-samples.txt", 90)
    _head(SHARED / "tg-spam/ham-samples.txt", root / "tg-spam/ham-samples.txt", 200)
    _csv_head(
        SHARED / "davidson-hate-offensive/labeled_data.csv", root / "davidson-hate-offensive/labeled_data.csv", 900
    )
    for part in ("train", "valid", "test"):
        name = f"convabuse/ConvAbuseEMNLP{part}.csv"
        _csv_head(SHARED / name, root / name, 400)
    comments = _csv_head(SHARED / "toxic-spans/comments.csv", root / "toxic-spans/comments.csv", 700)
    ids = {c["comment_id"] for c in comments}
    with open(SHARED / "toxic-spans/annotations.csv", encoding="utf-8", newline="") as fh:
        annotations = [a for a in csv.DictReader(fh) if a["comment_id"] in ids]
    with open(root / "toxic-spans/annotations.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(annotations[0]))
        writer.writeheader()
        writer.writerows(annotations)
    wanted = {a["annotation"] for a in annotations}
    with open(SHARED / "toxic-spans/spans.csv", encoding="utf-8", newline="") as fh:
        spans = [s for s in csv.DictReader(fh) if s["annotation"] in wanted]
    with open(root / "toxic-spans/spans.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["annotation", "type", "start", "end"])
        writer.writeheader()
        writer.writerows(spans)
    return root


def test_every_source_is_read_with_its_own_labels(corpus: Path) -> None:
    records = read_corpus(corpus)
    by_source = {name: [r for r in records if r.source == name] for name in SOURCES}
    assert all(by_source.values())
    spam = HEADS.index("spam")
    assert any(r.labels[spam] == 1 for r in by_source["tg-spam"])
    assert all(r.labels[spam] == 0 for r in by_source["davidson-hate-offensive"])
    # Davidson's "offensive" says nothing about threats: unknown, not negative
    offensive = [r for r in by_source["davidson-hate-offensive"] if r.violation and r.label("hate") == 0]
    assert offensive and all(r.label("threat") == UNKNOWN for r in offensive)
    # ConvAbuse: abusive by the majority of its annotators, the rest clean
    convabuse = by_source["convabuse"]
    assert 0 < sum(r.violation for r in convabuse) < len(convabuse) / 2
    # Toxic Spans: the comments most annotators found not toxic teach no harassment either way
    toxic = by_source["toxic-spans"]
    assert any(r.label("harassment") == UNKNOWN for r in toxic) and any(r.violation for r in toxic)


def test_unknown_source_or_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="unknown source 'irc'"):
        read_corpus(tmp_path, ["irc"])
    with pytest.raises(Exception, match="no such folder"):
        read_corpus(tmp_path, ["sms-spam"])
    broken = tmp_path / "davidson-hate-offensive"
    broken.mkdir()
    (broken / "labeled_data.csv").write_text("id,text\n1,hello\n", "utf-8")
    with pytest.raises(Exception, match=r"not in the layout of 'davidson-hate-offensive'.*tweet"):
        read_corpus(tmp_path, ["davidson-hate-offensive"])


def test_leave_one_source_out_table(corpus: Path, tmp_path: Path) -> None:
    table = tmp_path / "loso.md"
    result = CliRunner().invoke(
        main, ["eval", "--corpus", str(corpus), "--markdown", str(table), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    sources = json.loads(result.stdout)
    assert {s["source"] for s in sources} == set(SOURCES)
    for s in sources:
        names = [r["name"] for r in s["results"]]
        assert "chatcredit: rules or classifier ≥ review" in names
        assert any("automated" in n for n in names) and any("(review)" in n for n in names)
        assert sum(r["tp"] + r["fn"] for r in s["results"][:1]) == s["positives"]
    # the category a notice would name, scored where a source labels it
    assert any(r["name"].startswith("category hate among harassment") for s in sources for r in s["results"])
    text = table.read_text("utf-8")
    assert all(f"**{name}** left out" in text for name in SOURCES)


def test_the_model_build_is_reproducible(corpus: Path, tmp_path: Path) -> None:
    built = []
    for n in (1, 2):
        out = tmp_path / f"model{n}.npz"
        result = CliRunner().invoke(main, ["train", "--corpus", str(corpus), "--out", str(out), "--json"])
        assert result.exit_code == 0, result.output
        built.append(out.read_bytes())
    assert built[0] == built[1]
    model = TextClassifier.load(tmp_path / "model1.npz")
    assert {"spam", "harassment"} <= set(model.heads)
    assert model.heads["hate"].summary["refines"] == "harassment"
