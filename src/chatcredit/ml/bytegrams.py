"""Hashed byte 4-grams of a batch of texts, computed in numpy.

The classifier's character features: every run of four bytes of the text (lower case,
whitespace runs made one space, a space at each end, UTF-8), counted, hashed into a fixed
number of columns, each row scaled to unit (L2) length. A word of one character ("u",
"2") is followed by a marker byte, so that its grams differ from those of the letter
inside a word.

scikit-learn's ``HashingVectorizer(analyzer="char_wb")`` did this before at 26 to 46 µs
a text, most of it hashing one Python string per n-gram; here the batch is one byte
buffer, each 4-gram one 32-bit integer read off it and mixed by MurmurHash3's finaliser,
in a few array operations: 5 to 13 µs a text. Leaving one source out, over three seeds,
the two score the same (docs/detection.md). Changing these features changes the model
file's format (``classifier.FORMAT``).
"""

from __future__ import annotations

import re

import numpy as np
from scipy.sparse import csr_matrix

_ONE_CHARACTER = re.compile(r"(?<!\S)(\S)(?!\S)")


def byte_grams(texts: list[str], bits: int) -> csr_matrix:
    """One row per text, ``2 ** bits`` columns: its byte 4-grams, counted and hashed, the
    row scaled to unit length (an empty text: a row of zeros)."""
    padded = [f" {_ONE_CHARACTER.sub(_mark, ' '.join(t.lower().split()))} ".encode() for t in texts]
    shape = (len(texts), 2**bits)
    buf = np.frombuffer(b"".join(padded), dtype=np.uint8).astype(np.uint32)
    if len(buf) < 4:
        return csr_matrix(shape)
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    doc = np.repeat(np.arange(len(texts)), lengths)
    grams = buf[:-3] | buf[1:-2] << 8 | buf[2:-1] << 16 | buf[3:] << 24
    keep = doc[:-3] == doc[3:]  # a gram lies within one text
    columns = _mix(grams[keep]) >> np.uint32(32 - bits)
    counts = csr_matrix((np.ones(int(keep.sum())), (doc[:-3][keep], columns.astype(np.int64))), shape=shape)
    counts.sum_duplicates()
    return unit_rows(counts)


def unit_rows(counts: csr_matrix) -> csr_matrix:
    """``counts`` with each row scaled to unit length, in place (an empty row stays zero).
    The same numbers as scikit-learn's ``normalize(norm="l2")`` for counts, whose squares
    sum exactly in any order, without its per-call validation (a third of the cost of a
    batch of 20)."""
    lengths = np.diff(counts.indptr)
    filled = lengths > 0
    sums = np.zeros(len(lengths))
    if counts.nnz:
        sums[filled] = np.add.reduceat(counts.data**2, counts.indptr[:-1][filled])
    norms = np.where(filled, np.sqrt(sums), 1.0)
    counts.data /= np.repeat(norms, lengths)
    return counts


def _mark(match: re.Match[str]) -> str:
    return match.group(1) + "\x01"


def _mix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser on 32-bit integers: every input bit moves every output bit."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = h ^ (h >> np.uint32(16))
    return mixed
