"""Text normalisation against common evasions, shared by every text detector.

Two forms are produced:

* ``fold``: NFKC, case folding, zero-width and bidi controls removed, combining marks
  stripped, letters from other scripts that look like Latin ones mapped to them, curly
  quotes made straight. Regular-expression rules run on this form (digits survive).
* ``skeleton``: ``fold`` plus leetspeak digits and symbols mapped to letters
  (``0→o 1→i 3→e 4→a 5→s 7→t @→a $→s €→e``), ``l`` unified with ``i``, punctuation
  turned to spaces and runs of spaces collapsed. Keywords are compared in this form, so
  ``FR€€ M0NEY``, ``frее mоney`` (Cyrillic) and ``free, money`` all match ``free money``.
"""

from __future__ import annotations

import unicodedata

_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u3164\ufeff\uffa0"
)
# Lower-case letters of other scripts that are drawn like Latin letters (after casefold).
_LOOKALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ԁ": "d",
    "һ": "h",
    "ӏ": "l",
    "ԛ": "q",
    "ԝ": "w",
    "ү": "y",
    "ɡ": "g",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "ς": "c",
    # quotes
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "`": "'",
}
_LEET = {"0": "o", "1": "i", "l": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e"}
_PUNCT = ',.;:!?"()[]{}<>-_/\\*+=~^#%&|…·•'

_FOLD_TABLE = {ord(c): None for c in _INVISIBLE} | {ord(k): v for k, v in _LOOKALIKES.items()}
_SKELETON_TABLE = {ord(k): v for k, v in _LEET.items()} | {ord(c): " " for c in _PUNCT}


def fold(text: str) -> str:
    """NFKC + casefold + invisible characters removed + look-alikes mapped to Latin."""
    if text.isascii():
        return text.lower().translate(_FOLD_TABLE)
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_TABLE)


def skeleton_of_folded(folded: str) -> str:
    return " ".join(folded.translate(_SKELETON_TABLE).split())


def skeleton(text: str) -> str:
    """The form keywords are matched in; see the module docstring."""
    return skeleton_of_folded(fold(text))
