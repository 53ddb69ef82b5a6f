"""The classifier's byte 4-grams (ml/bytegrams.py)."""

from __future__ import annotations

import numpy as np
import pytest

from chatcredit.ml.bytegrams import byte_grams


def test_each_text_is_its_own_row_of_unit_length() -> None:
    texts = ["you absolute idiot", "", "a", "naïve café ☕", "x" * 5000]
    x = byte_grams(texts, 18)
    assert x.shape == (5, 2**18)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    assert norms == pytest.approx([1, 0, 1, 1, 1])
    # no gram runs from one text into the next: a batch is its texts one by one
    alone = [byte_grams([t], 18) for t in texts]
    for n, row in enumerate(alone):
        assert (x[n] != row).nnz == 0


def test_the_grams_of_a_word() -> None:
    """' abcd ' has three 4-grams: ' abc', 'abcd', 'bcd '."""
    x = byte_grams(["abcd"], 18)
    assert x.nnz == 3
    assert x.data == pytest.approx([3**-0.5] * 3)


def test_case_and_whitespace_do_not_matter_and_nothing_is_random() -> None:
    a = byte_grams(["Hello   World\n"], 18)
    b = byte_grams(["hello world"], 18)
    assert (a != b).nnz == 0
    assert (byte_grams(["hello world"], 18) != b).nnz == 0  # no per-process hash seed


def test_a_one_character_word_is_not_the_letter_inside_a_word() -> None:
    assert (byte_grams(["u r"], 18) != byte_grams(["ur"], 18)).nnz > 0


def test_no_texts() -> None:
    assert byte_grams([], 18).shape == (0, 2**18)
    assert byte_grams(["", " "], 10).nnz == 0


def test_unit_rows_are_scikit_learns_l2_rows_to_the_bit() -> None:
    """The rows of counts scaled without scikit-learn's per-call checks: the same numbers,
    empty rows (first, inside, last) left at zero."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    from chatcredit.ml.bytegrams import unit_rows

    rng = np.random.default_rng(0)
    for _ in range(20):
        counts = rng.integers(0, 4, size=(12, 40)).astype(np.float64)
        counts[[0, 5, 11]] = 0
        expected = normalize(csr_matrix(counts), norm="l2")
        got = unit_rows(csr_matrix(counts))
        assert np.array_equal(got.toarray(), expected.toarray())
    assert unit_rows(csr_matrix((3, 8))).nnz == 0
