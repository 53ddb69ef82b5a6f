"""Labeled text files for training and evaluation: CSV, TSV or JSON Lines.

The held-out split is deterministic and leak-proof: examples are deduplicated on their
normalised text (the SMS corpus repeats spam templates), and an example is in the test
split when a hash of that normalised text says so (one in five). The same text always
lands on the same side, whichever file or order it comes from.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from chatcredit.detectors.normalization import skeleton
from chatcredit.errors import ChatcreditError

Split = Literal["train", "test", "all"]
TEST_SHARE = 5  # one in five


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: bool
    raw_label: str


@dataclass(slots=True)
class Dataset:
    examples: list[Example]
    path: str
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    duplicates: int = 0

    @property
    def positives(self) -> int:
        return sum(e.label for e in self.examples)


def in_test_split(text: str) -> bool:
    digest = hashlib.blake2b(skeleton(text).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % TEST_SHARE == 0


def _format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    suffix = path.suffix.lower()
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}.get(suffix, "tsv")


def _rows(path: Path, fmt: str, header: bool) -> list[tuple[int, dict[str, str] | list[str]]]:
    text = path.read_text("utf-8", errors="replace")
    if fmt == "jsonl":
        out: list[tuple[int, dict[str, str] | list[str]]] = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    value = {"\x00error": str(exc)}
                out.append((n, {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}))
        return out
    reader = csv.reader(text.splitlines(), delimiter="," if fmt == "csv" else "\t", quotechar='"')
    rows = list(reader)
    if header and rows:
        names = rows[0]
        return [(n, dict(zip(names, r, strict=False))) for n, r in enumerate(rows[1:], 2)]
    return [(n, r) for n, r in enumerate(rows, 1)]


def _cell(row: dict[str, str] | list[str], column: str) -> str | None:
    if isinstance(row, dict):
        return row.get(column)
    index = int(column) if column.isdigit() else -1
    return row[index] if 0 <= index < len(row) else None


def read_labeled(
    path: str | Path,
    text_column: str,
    label_column: str,
    positive: Sequence[str],
    fmt: str | None = None,
    header: bool = True,
    split: Split = "all",
) -> Dataset:
    """Read a labeled file; rows without the columns are rejected with their line number."""
    path = Path(path)
    if not path.is_file():
        raise ChatcreditError(f"no such file: {path}")
    kind = _format_of(path, fmt)
    if kind == "tsv" and header is True and not path.suffix:
        header = False  # a bare tab-separated file (like SMSSpamCollection) has no header line
    data = Dataset([], str(path))
    seen: set[str] = set()
    wanted = set(positive)
    rows = _rows(path, kind, header)
    if rows and isinstance(rows[0][1], dict) and text_column not in rows[0][1]:
        raise ChatcreditError(f"{path}: no column {text_column!r} (columns: {', '.join(rows[0][1])})")
    for line, row in rows:
        text, label = _cell(row, text_column), _cell(row, label_column)
        if text is None or label is None:
            data.rejected.append((line, f"missing column {text_column if text is None else label_column!r}"))
            continue
        key = skeleton(text)
        if key in seen:
            data.duplicates += 1
            continue
        seen.add(key)
        if split != "all" and in_test_split(text) != (split == "test"):
            continue
        data.examples.append(Example(text, label.strip() in wanted, label.strip()))
    if not data.examples:
        raise ChatcreditError(f"{path}: no usable rows (check --text-column, --label-column and --split)")
    return data
