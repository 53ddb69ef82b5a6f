"""The training corpus: every labeled source in ``../shared/data``, read into one shape.

Each source is a folder with its own file format and its own labels; here each becomes a
list of :class:`Record` with one label per category of the classifier's heads: ``1``
(the source says the text is that), ``0`` (it says it is not) or ``UNKNOWN`` (the source
does not label that category for this text: a Davidson tweet marked "offensive" may or
may not be a threat). A head is trained and evaluated only on the rows its category is
known for. ``violation`` (any category) is what a source's table in docs/detection.md
scores.

| folder | text | labels |
|---|---|---|
| ``sms-spam`` | SMS | spam |
| ``tg-spam`` | Telegram group messages | spam |
| ``davidson-hate-offensive`` | tweets | hate (class 0), offensive = harassment (0, 1) |
| ``convabuse`` | user turns to a chatbot | abuse by majority; hate and sexual by the types |
| ``toxic-spans`` | news comments | toxic by majority; hate and threat by the span types |
"""

from __future__ import annotations

import csv
import html
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from chatcredit.errors import ChatcreditError

HEADS = ("spam", "harassment", "hate", "threat", "sexual")
#: Heads that name the category of what another head found: ``hate`` is trained on the
#: abusive rows only (hate against other abuse) and says which kind of abuse it is; it
#: never flags a message by itself, so a weak category head cannot add false alarms.
REFINES = {"hate": "harassment", "threat": "harassment", "sexual": "harassment"}
UNKNOWN = -1
CONVABUSE_HATE_TYPES = ("ableist", "homophobic", "racist", "sexist", "transphobic")


@dataclass(frozen=True, slots=True)
class Record:
    text: str
    source: str
    labels: tuple[int, ...]  # one per HEADS entry: 1, 0 or UNKNOWN

    @property
    def violation(self) -> bool:
        return any(v == 1 for v in self.labels)

    def label(self, head: str) -> int:
        return self.labels[HEADS.index(head)]


def _labels(**given: int) -> tuple[int, ...]:
    return tuple(given.get(h, 0) for h in HEADS)


def _sms(folder: Path) -> Iterable[tuple[str, tuple[int, ...]]]:
    for line in (folder / "SMSSpamCollection").read_text("utf-8", errors="replace").splitlines():
        label, _, text = line.partition("\t")
        if text:
            yield text, _labels(spam=int(label == "spam"))


def _tg_spam(folder: Path) -> Iterable[tuple[str, tuple[int, ...]]]:
    for name, spam in (("spam-samples.txt", 1), ("ham-samples.txt", 0)):
        for line in (folder / name).read_text("utf-8", errors="replace").splitlines():
            if line.strip():
                yield line.strip(), _labels(spam=spam)


def _davidson(folder: Path) -> Iterable[tuple[str, tuple[int, ...]]]:
    with open(folder / "labeled_data.csv", encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            text, kind = html.unescape(row["tweet"]), row["class"]
            if kind == "0":
                yield text, _labels(harassment=1, hate=1, threat=UNKNOWN, sexual=UNKNOWN)
            elif kind == "1":
                yield text, _labels(harassment=1, threat=UNKNOWN, sexual=UNKNOWN)
            else:
                yield text, _labels()


def _convabuse(folder: Path) -> Iterable[tuple[str, tuple[int, ...]]]:
    for part in ("train", "valid", "test"):
        with open(folder / f"ConvAbuseEMNLP{part}.csv", encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                votes = Counter[bool]()
                types = Counter[str]()
                for n in range(1, 9):
                    chose = [v for v in ("1", "0", "-1", "-2", "-3") if row.get(f"Annotator{n}_is_abuse.{v}") == "1"]
                    if not chose:
                        continue
                    abusive = chose[0].startswith("-")
                    votes[abusive] += 1
                    if abusive:
                        for t in (*CONVABUSE_HATE_TYPES, "sex_harassment"):
                            types[t] += row.get(f"Annotator{n}_{t}") == "1"
                if not votes:
                    continue
                abusive_votes = votes[True]
                if abusive_votes * 2 <= sum(votes.values()):
                    yield row["user"], _labels()
                    continue
                hate = max(types[t] for t in CONVABUSE_HATE_TYPES) * 2 > abusive_votes
                sexual = types["sex_harassment"] * 2 > abusive_votes
                yield row["user"], _labels(harassment=1, hate=int(hate), sexual=int(sexual), threat=UNKNOWN)


def _toxic_spans(folder: Path) -> Iterable[tuple[str, tuple[int, ...]]]:
    with open(folder / "spans.csv", encoding="utf-8", newline="") as fh:
        span_types: dict[str, set[str]] = defaultdict(set)
        for row in csv.DictReader(fh):
            span_types[row["annotation"]].add(row["type"].strip())
    clean: dict[str, list[bool]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    with open(folder / "annotations.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            clean[row["comment_id"]].append(row["not toxic"] == "True")
            for t in span_types.get(row["annotation"], ()):
                kinds[row["comment_id"]][t] += 1
    with open(folder / "comments.csv", encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            votes = clean.get(row["comment_id"])
            if not votes:
                continue
            if sum(votes) * 2 > len(votes):
                # Rated toxic by Civil Comments' raters, not toxic by most of these: what
                # "harassment" means differs between the two, so neither side is taught.
                yield row["comment_text"], _labels(harassment=UNKNOWN)
                continue
            toxic_votes = len(votes) - sum(votes)
            k = kinds[row["comment_id"]]
            yield (
                row["comment_text"],
                _labels(
                    harassment=1,
                    hate=int(k["Identity based Attack"] * 2 >= toxic_votes),
                    threat=int(k["Threat"] * 2 >= toxic_votes),
                    sexual=UNKNOWN,
                ),
            )


SOURCES: dict[str, Callable[[Path], Iterable[tuple[str, tuple[int, ...]]]]] = {
    "sms-spam": _sms,
    "tg-spam": _tg_spam,
    "davidson-hate-offensive": _davidson,
    "convabuse": _convabuse,
    "toxic-spans": _toxic_spans,
}


def read_corpus(root: str | Path, sources: Iterable[str] = SOURCES) -> list[Record]:
    """Every record of the named sources under ``root``; duplicate texts within a source dropped."""
    root = Path(root)
    out: list[Record] = []
    for name in sources:
        folder = root / name
        if name not in SOURCES:
            raise ChatcreditError(f"unknown source {name!r} (known: {', '.join(SOURCES)})")
        if not folder.is_dir():
            raise ChatcreditError(f"{folder}: no such folder (is ../shared/data beside the project?)")
        seen: set[str] = set()
        try:
            for text, labels in SOURCES[name](folder):
                text = text.strip()
                if text and text not in seen:
                    seen.add(text)
                    out.append(Record(text, name, labels))
        except (OSError, KeyError, csv.Error) as exc:  # a missing file or column, a broken CSV
            raise ChatcreditError(f"{folder}: not in the layout of {name!r} ({type(exc).__name__}: {exc})") from exc
    return out
