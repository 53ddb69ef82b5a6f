"""Regenerate src/chatcredit/data/demo_messages.tsv from ../shared/data (reproducible).

    .venv/bin/python tools/make_demo_data.py ../shared/data

Takes a deduplicated random sample of the SMS Spam Collection (ham, spam) and of the
Davidson et al. tweets (neither, offensive, hate), strips retweet markers, @handles and
HTML entities, and writes ``source<TAB>label<TAB>text``.
"""

from __future__ import annotations

import csv
import html
import random
import re
import sys
from pathlib import Path

SAMPLE = {
    ("sms", "ham"): 1500,
    ("sms", "spam"): 400,
    ("davidson", "neither"): 800,
    ("davidson", "offensive"): 500,
    ("davidson", "hate"): 200,
}
_HANDLE = re.compile(r"(?:\bRT\s+)?@\w+:?")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    text = html.unescape(_HANDLE.sub("", text))
    return _SPACE.sub(" ", text.replace("!!!", "!")).strip(" :")


def main(root: Path) -> None:
    rows: dict[tuple[str, str], list[str]] = {k: [] for k in SAMPLE}
    for line in (root / "sms-spam" / "SMSSpamCollection").read_text("utf-8").splitlines():
        label, text = line.split("\t", 1)
        rows[("sms", label)].append(clean(text))
    labels = {"0": "hate", "1": "offensive", "2": "neither"}
    with open(root / "davidson-hate-offensive" / "labeled_data.csv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            rows[("davidson", labels[rec["class"]])].append(clean(rec["tweet"]))
    rng = random.Random(20261129)
    out = Path(__file__).resolve().parents[1] / "src" / "chatcredit" / "data" / "demo_messages.tsv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("source\tlabel\ttext\n")
        for (source, label), texts in rows.items():
            unique = sorted({t for t in texts if 3 <= len(t) <= 400 and "\t" not in t})
            for text in rng.sample(unique, min(SAMPLE[(source, label)], len(unique))):
                fh.write(f"{source}\t{label}\t{text}\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
