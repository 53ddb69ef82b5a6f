"""Cues that do not depend on the site: a few counts and word lists, the same on SMS,
tweets, news comments and group chat.

Each cue is a number in [0, 1], computed from the original text (for shouting and
links), its fold (lower case, look-alike letters mapped: for the word lists of
``wordlists.py``, counted in one pass) or its skeleton (for the profanity list, so
``f.u.c.k`` counts).
"""

from __future__ import annotations

import math
import re
import string
from typing import TYPE_CHECKING

import numpy as np

from chatcredit.detectors.normalization import CYRILLIC_LOOKALIKES
from chatcredit.ml.wordlists import WORDS

if TYPE_CHECKING:
    from chatcredit.ml.profanity import Lexicon

_TLD = "com|net|org|ly|io|me|gg|ru|xyz|info|biz|co|ltd|fr|de|uk"
_LINK = re.compile(rf"https?://|www\.|[\w-]\.(?:{_TLD})\b", re.I)
# Every invite is a link: only texts with a link are searched for one.
_INVITE = re.compile(r"(?:t|telegram)\.me/|joinchat|discord\.(?:gg|com/invite)|chat\.whatsapp\.com|wa\.me/", re.I)
_MENTION = re.compile(r"(?<![\w.])@\w{2,}")
# A phone number, not digits inside a link ("story_fbid=2126885224"), a host name
# ("b62-248-137-93.example.fi"), a date ("2004-11-02 22:07"), a longer number or a decimal
# ("0.0000000000").
_PHONE = re.compile(r"(?<![\d=/%&_.-])\+?\d[\d ()-]{7,}\d(?![\d/_]|\.\w|-\d)")
_PHONE_LIKE = re.compile(r"\d[\d ()-]{7,}\d")  # the cheap first look: most texts have no such run
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
#: A short code to text, the way SMS spam asks for an answer ("txt WIN to 80086").
SHORT_CODE = re.compile(r"\b(?:txt|text|send|reply|sms)\b[^.!?\n]{0,30}?\bto\s*\d{4,6}\b", re.I)
_MONEY_SYMBOL = re.compile(r"[$€£₽]\s?\d|\d\s?(?:[$€£₽]|usd|usdt|eur|k\b)", re.I)
_REPEAT = re.compile(r"(.)\1{3,}")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ASCII_LETTERS = string.ascii_letters.encode()
_DIGIT = re.compile(r"\d")
_QUOTES = ('"', "“", "”", "«", "»")
# A letter of one script set among letters of another, where the two look alike: "Вeдy поиcк
# людeй" (Latin e, y, c among Cyrillic), "frее" (Cyrillic е among Latin). Spam writes so to pass
# word filters; a word typed in one keyboard layout never does ("SSDшник", "iPhone'а" switch
# script once, at a word's edge, and are not counted).
_CYRILLIC = "а-яё"
# Latin letters drawn like Cyrillic ones, printed or handwritten (u for и, m for т). Not the
# reverse of the fold's table: Latin i among Cyrillic is how Ukrainian and Belarusian are
# typed on a Russian keyboard, which has no і.
_LATIN_LIKE = "aceopxykmthbu"
_CYRILLIC_LIKE = CYRILLIC_LOOKALIKES  # Cyrillic letters drawn like Latin ones (the fold's own)
_LOOKALIKE = re.compile(
    rf"(?<=[{_CYRILLIC}])[{_LATIN_LIKE}](?=[{_CYRILLIC}])|(?<=[a-z])[{_CYRILLIC_LIKE}](?=[a-z])", re.I
)
# cue_vector unpacks the counts in this order
assert WORDS.names == (
    "money",
    "promotion",
    "contact",
    "action",
    "you",
    "slur",
    "identity",
    "dehumanise",
    "threat",
    "sexual",
    "negation",
    "counter",
)


NAMES = (
    "profanity",
    "profanity_count",
    "link",
    "invite_link",
    "mention",
    "phone",
    "money_symbol",
    "money_words",
    "promotion",
    "contact",
    "call_to_action",
    "spam_cues",
    "shouting",
    "repeated_chars",
    "exclamations",
    "you_and_profanity",
    "identity",
    "identity_and_dehumanising",
    "slur",
    "threat_words",
    "you_and_threat",
    "sexual_words",
    "negation",
    "counter_speech",
    "quoted",
    "length",
    "lookalike_letters",
)
#: The classifier's dense columns, the last of its features: these cues, then the second
#: opinion's probability (``second_opinion.py``) and whether it reaches 0.5.
DENSE = [*NAMES, "profanity_check", "profanity_check_0.5"]


def _letters(text: str) -> tuple[int, int]:
    """How many letters ``text`` has, and how many of them are capitals (ASCII by
    ``bytes.translate`` deleting them, which runs in C on a table: most texts are ASCII)."""
    if text.isascii():
        raw = text.encode()
        return len(raw) - len(raw.translate(None, _ASCII_LETTERS)), len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    letters_only = _NOT_LETTERS.sub("", text)
    return len(letters_only), sum(map(str.isupper, letters_only))


def has_phone(text: str) -> bool:
    """A phone number in ``text`` (not a date, a host name, a decimal, nor digits in a link
    after ``=``, ``/`` and the like)."""
    if _PHONE_LIKE.search(text) is None:
        return False
    return any(_DATE.search(found.group()) is None for found in _PHONE.finditer(text))


def cue_vector(text: str, folded: str, skeleton: str, lexicon: Lexicon) -> list[float]:
    """The cues of one text (given also as its ``fold`` and ``skeleton``), in the order of ``NAMES``."""
    money, promotion, contact, action, you, slur, identity, dehumanise, threat, sexual, negation, counter = (
        min(n, 3) / 3 for n in WORDS.count(folded)
    )
    profane = lexicon.count(folded, skeleton)
    letters, upper = _letters(text)
    links = _LINK.search(text) is not None
    invite = links and _INVITE.search(text) is not None
    digits = _DIGIT.search(text) is not None
    return [
        float(profane > 0),
        min(profane, 5) / 5,
        float(links),
        float(invite),
        float("@" in text and _MENTION.search(text) is not None),
        float(digits and has_phone(text)),
        float(digits and _MONEY_SYMBOL.search(text) is not None),
        money,
        promotion,
        contact,
        action,
        min(money + promotion + contact + action + links + invite, 4) / 4,
        float(letters >= 8 and upper / letters > 0.7),
        float(_REPEAT.search(text) is not None),
        min(text.count("!"), 3) / 3,
        float(you > 0 and profane > 0),
        float(identity > 0),
        float(identity > 0 and dehumanise > 0),
        float(slur > 0),
        threat,
        float(you > 0 and threat > 0),
        sexual,
        float(negation > 0 or "n't" in folded),
        counter,
        float(any(q in text for q in _QUOTES)),
        min(math.log1p(len(folded.split())) / math.log(200), 1.0),
        0.0 if text.isascii() else min(len(_LOOKALIKE.findall(text)), 3) / 3,
    ]


def cue_matrix(texts: list[str], folded: list[str], skeletons: list[str], lexicon: Lexicon) -> np.ndarray:
    rows = [cue_vector(t, f, s, lexicon) for t, f, s in zip(texts, folded, skeletons, strict=True)]
    return np.array(rows, dtype=np.float64).reshape(len(texts), len(NAMES))
