"""Text normalisation against common evasions, shared by every text detector.

Two forms are produced:

* ``fold``: NFKC, case folding, zero-width and bidi controls removed, combining marks
  stripped, letters of other scripts that look like Latin ones mapped to them, curly
  quotes made straight. Regular-expression rules run on this form (digits survive).
* ``unleet(fold)``: ``fold`` with leetspeak spelled out inside words only (``h4te w0men``
  → ``hate women``; ``2015``, ``4am`` and ``$40`` stay): the form the classifier's word
  lists and frames read, where a whole word must still be a word.
* ``skeleton``: ``fold`` plus leetspeak digits and symbols mapped to letters
  (``0→o 1→i 3→e 4→a 5→s 7→t @→a $→s €→e``), ``l`` unified with ``i``, punctuation
  inside a word removed (``fr.ee`` → ``free``), other punctuation turned to spaces, runs of
  three or more single letters joined (``f r e e`` → ``free``) and repeated letters
  collapsed (``freeeee`` → ``fre``, and ``free`` → ``fre`` too). Keywords are compared in
  this form, so ``FR€€ M0NEY``, ``frее mоney`` (Cyrillic), ``f r e e  m o n e y``,
  ``fr.ee m.o.n.e.y`` and ``freeeee money`` all match ``free money``.

``locate`` finds where in the original text a keyword matched, for the evidence span.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from importlib import resources

_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u3164\ufeff\uffa0"
)
# Look-alikes checked by hand (they win over the confusables data below), and quotes.
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ү": "y", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "c",
    # quotes
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "`": "'",
}  # fmt: skip
#: The hand-checked Cyrillic letters drawn like a Latin one ("frее" with Cyrillic е).
CYRILLIC_LOOKALIKES = "".join(c for c in _LOOKALIKES if unicodedata.name(c, "").startswith("CYRILLIC"))
_LEET = {"0": "o", "1": "i", "l": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e"}
_PUNCT = ",.;:!?\"()[]{}<>-_/\\*+=~^#%&|…·•'"


def _confusables() -> dict[str, str]:
    """Letters of every script drawn like a Latin letter, from the Unicode confusables data
    (UTS #39, as bundled by confusable-homoglyphs): each maps to that letter."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    found: dict[str, str] = {}
    for char, entry in data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [h["c"].lower() for h in entry if len(h["c"]) == 1 and h["c"].isascii()]
        letters = [c for c in latin if "a" <= c <= "z"]
        key = char.casefold() if len(char.casefold()) == 1 else char
        if letters and not key.isascii():  # "ſ" casefolds to "s": never remap a Latin letter itself
            found[key] = letters[0]
    return found


_FOLD_TABLE = (
    {ord(k): v for k, v in _confusables().items()}
    | {ord(k): v for k, v in _LOOKALIKES.items()}
    | {ord(c): None for c in _INVISIBLE}
)
_LEET_TABLE = str.maketrans(_LEET)
_PUNCT_TABLE = {ord(c): " " for c in _PUNCT}
_INNER_PUNCT = re.compile(r"(?<=[^\W_])[.\-_*'|~]+(?=[^\W_])")
_REPEATS = re.compile(r"(.)\1+")
_FIRST = operator.methodcaller("group", 1)  # a C-level replacement callable: no template expansion
_COMBINING = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SINGLES = re.compile(r"(?<!\S)(?:\S )+\S(?!\S)")  # runs of single-character tokens


def fold(text: str) -> str:
    """NFKC + casefold + invisible characters removed + look-alikes mapped to Latin."""
    if text.isascii():
        return text.lower().translate(_FOLD_TABLE)
    text = unicodedata.normalize("NFKC", text).casefold()
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_TABLE)


_LEET_DIGITS = str.maketrans({k: v for k, v in _LEET.items() if k != "l"})
_LEET_CHARS = frozenset(k for k in _LEET if k != "l")
# a leet character next to a letter (a leading "@" is a mention's, not a letter's)
# (written to start with one character class, so a text is scanned fast, 0.4 µs)
_LEET_TOUCH = re.compile(r"[0134578@$€](?:(?<=[a-z].)|(?<!@)(?=[a-z]))")
_TOKEN = re.compile(r"[\w@$€]+")
_NOT_LEET = re.compile(r"^@|[269]|^\d+[a-z]{1,5}$")  # a mention, a code or id, a quantity (4am, 12hrs)


def _spell_out(match: re.Match[str]) -> str:
    word = match.group(0)
    if not _LEET_TOUCH.search(word) or _NOT_LEET.search(word):
        return word
    leet = sum(map(_LEET_CHARS.__contains__, word))
    letters = sum(c.isalpha() for c in word)
    return word.translate(_LEET_DIGITS) if letters >= 2 and letters >= leet else word


def unleet(folded: str) -> str:
    """``folded`` with leetspeak spelled out in every token where a leet character touches a
    letter, the token has at least two letters and no more leet characters than letters
    (``h4te`` → ``hate``, ``n1gg3r``, ``$hit``); numbers, quantities (``2015``, ``4am``,
    ``12hrs``, ``$40``), codes with other digits and mentions (``@b0b``) are left as they are."""
    if _LEET_TOUCH.search(folded) is None:
        return folded
    return _TOKEN.sub(_spell_out, folded)


def _join_singles(match: re.Match[str]) -> str:
    run = match.group(0)
    return run.replace(" ", "") if len(run) >= 5 else run  # at least three letters


def skeleton_of_folded(folded: str) -> str:
    text = _INNER_PUNCT.sub("", folded.translate(_LEET_TABLE))
    text = " ".join(text.translate(_PUNCT_TABLE).split())
    if " " in text:
        text = _SINGLES.sub(_join_singles, text)
    return _REPEATS.sub(_FIRST, text)


def skeleton(text: str) -> str:
    """The form keywords are matched in; see the module docstring."""
    return skeleton_of_folded(fold(text))


def _letters(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text`` in skeleton spelling, repeats collapsed, with the
    offset in ``text`` each one came from."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in skeleton_of_folded(fold(ch)):
            if c.isalnum() and not (out and out[-1] == c):
                out.append(c)
                offsets.append(i)
    return "".join(out), offsets


def locate(text: str, keyword: str) -> tuple[int, int] | None:
    """The span ``[start, end)`` of ``text`` where ``keyword`` (any spelling) occurs."""
    target = "".join(c for c in skeleton(keyword) if c.isalnum())
    letters, offsets = _letters(text)
    found = letters.find(target) if target else -1
    if found < 0:
        return None
    last = offsets[found + len(target) - 1]
    end = last + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return offsets[found], end
