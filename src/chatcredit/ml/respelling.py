"""An evader's spellings of a group's word, put right for the search of ``derogation`` only.

A letter dropped, doubled or two swapped in a group's word, in "hate" or in what a group is
called or threatened with ("wmoen", "Msulims", "haet", "disgsting", "scumm", "klil"), letters
masked by stars ("sc*m"), letters spaced out ("M u s l i m s", "s c u m."), leetspeak in every
token ("W0m3n 4r3 ...", "d3$p1$3").
The model's features never see the respelled text. Misspellings that are words of their own
("gas", "back") are left alone, so "I hate gas prices" is not read as "I hate gays".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from chatcredit.ml.wordlists import whole_word

# What a derogation calls a group or threatens it with, as ``derogation`` reads it.
# fmt: off
DEROGATORY = (
    "vermin", "parasites", "scum", "disease", "cancer", "plague", "trash", "garbage", "filth", "disgusting",
    "subhuman", "cockroaches", "worthless", "pathetic", "inferior", "vile", "revolting", "repulsive", "despicable",
    "savages", "animals", "rats", "criminals", "terrorists", "rapists", "degenerates", "perverts", "leeches",
    "maggots", "evil", "stupid", "useless", "idiots", "morons", "dirty", "kill", "exterminate", "murder",
    "slaughter", "sick", "thieves",
)
# Misspellings of the groups' words, of "hate" and of the derogatory words that keep them
# readable: a letter dropped, doubled or two swapped ("wmen", "wmoen", "Msulims", "haet",
# "vrmin", "scumm"), generated (``RESPELL``).
SPELLED = (
    "women", "woman", "muslims", "muslim", "immigrants", "immigrant", "refugees", "migrants", "people", "person",
    "disabled", "jews", "black", "blacks", "trans", "gays", "lesbians", "hate", "despise", "loathe", "asians",
    "mexicans", "africans", "arabs", "christians", "hindus", "jewish", *DEROGATORY,
)
# fmt: on


def _misspellings(word: str) -> set[str]:
    dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
    return {w for w in dropped | swapped | doubled if len(w) >= 3} - {word}


NOT_A_GROUP = ("hate", "despise", "loathe", "people", "person", *DEROGATORY)
# Misspellings that are words of their own, or a singular ("gas", "back", "lathe", "refuges",
# "christian", "arts", "garage", "animal"; found by counting them in the five sources' texts
# and the chat exports), are not put right: "I hate gas prices" is no "I hate gays", "women
# are arts" no "women are rats". "blck", "pepole" or "disgsting" mean nothing else.
NOT_MISSPELT = frozenset(SPELLED) | {
    "hat", "has", "ate", "he", "jew", "arab", "asian", "hinds", "peope", "back", "backs", "gas", "gay", "lathe",
    "loath", "tans", "tran", "tras", "tarns", "refuges", "migrant", "immigrant", "african", "mexican", "lesbian",
    "christian", "christinas", "hindu", "refugee", "disable", "jes", "peron", "arbs", "aras", "perso", "wome",
    "sum", "garage", "vie", "arts", "ras", "rast", "rat", "rts", "animal", "animas", "parasite", "savage", "criminal",
    "terrorist", "rapist", "degenerate", "pervert", "maggot", "moron", "idiot", "moons", "morns", "dirt", "veil",
    "sic", "tash", "caner", "leches", "thieve", "ville",
}  # fmt: skip
RESPELL = {wrong: word for word in SPELLED for wrong in sorted(_misspellings(word)) if wrong not in NOT_MISSPELT}
RESPELL |= {"ppl": "people", "ppls": "people"}  # "black ppl"
# a plural's "s" written "z": "jewz", "muslimz", "gayz"
RESPELL |= {word[:-1] + "z": word for word in SPELLED if word.endswith("s") and word[:-1] + "z" not in NOT_MISSPELT}
_WORD = re.compile(r"[a-z']+")
# "m u s l i m s", "c a n ' t", "s c u m." (a stop or comma after the last letter)
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[\w'] ){2,}[\w'](?=[.,!?;:]*(?:\s|$))")
_SPACED_HINT = re.compile(r" [\w'] [\w'] ")  # a literal first: scanned fast
_LONE_A = re.compile(r"(?<= )4(?= [a-z])")  # "4r3 4 pl4gu3": a leet "a" on its own
# "4r3", "4ll" (unleet keeps them as quantities), "d3$p1$3", "r4t$": "$" for "s" inside a token
_LEETISH = re.compile(r"(?<![\w$])(?=[\w$]*[a-z])(?=[\w$]*[0134578])[\w$]*\w\$?")
_LEET_DIGIT = re.compile("[0134578]")  # a character class first: scanned fast
_LEET_LETTERS = str.maketrans("0134578$", "oieastis")
_HATE_IN_DIGITS = re.compile(r"\bh8(?:te?|e)?(?=s?\b)")  # "i h8 muslims": a rebus, not leetspeak
# Misspellings that are words of their own are put right only before "people" ("back people")
AS_WORDS = {"back": "black", "tans": "trans", "tras": "trans", "tarns": "trans", "tran": "trans"}
_BEFORE_PEOPLE = re.compile(rf"\b(?:{'|'.join(AS_WORDS)})(?= (?:people|ppl|men|women|folks?)\b)")


def _joined(run: re.Match[str]) -> str:
    """Spaced-out letters joined, the pronoun and the article kept apart: "i h a t e" is
    "i hate" and "a d i s e a s e" is "a disease", but "i m m i g r a n t s" is "immigrants"
    and "a r a b s" is "arabs"."""
    letters = run.group(0).replace(" ", "")
    if letters.startswith("i") and len(letters) > 3 and letters not in SPELLED_TOKENS:
        return "i " + letters[1:]
    if letters.startswith("a") and letters not in SPELLED_TOKENS and letters[1:] in SPELLED_TOKENS:
        return "a " + letters[1:]
    return letters


# A word with letters masked by stars ("sc*m", "k*ll", "w*men"): put right where one spelled
# word alone fits it, with at least two letters shown.
_MASKED = re.compile(r"(?<![\w*])(?=[a-z*]*\*)[a-z*]*[a-z][a-z*]*(?![\w*])")
_BY_LENGTH: dict[int, list[str]] = {}
for _word in SPELLED:
    _BY_LENGTH.setdefault(len(_word), []).append(_word)


@lru_cache(maxsize=4096)
def _unmask(token: str) -> str:
    if len(token) - token.count("*") < 2:
        return token
    fits = [w for w in _BY_LENGTH.get(len(token), ()) if all(c in ("*", d) for c, d in zip(token, w, strict=True))]
    return fits[0] if len(fits) == 1 else token


def _unmasked(match: re.Match[str]) -> str:
    return _unmask(match.group(0))


_MISSPELT = ahocorasick.Automaton()
for _wrong in RESPELL:
    _MISSPELT.add_word(_wrong, _wrong)
_MISSPELT.make_automaton()


def respelled(folded: str) -> str:
    """``folded`` as it would be spelled plainly: spaced-out letters joined ("m u s l i m s"),
    leetspeak spelled out in every token that has a letter ("4r3", "d3$p1$3"), letters masked by
    stars ("sc*m"), and the groups' words, "hate" and the derogatory words misspelt by one
    letter put right ("wmoen", "Mslims", "haet", "disgsting", "scumm")."""
    text = _SPACED_LETTERS.sub(_joined, folded) if spaced_out(folded) else folded
    if "h8" in text:
        text = _HATE_IN_DIGITS.sub("hate", text)
    if _LEET_DIGIT.search(text) is not None and _LEETISH.search(text) is not None:
        text = _LONE_A.sub("a", _LEETISH.sub(lambda m: m.group(0).translate(_LEET_LETTERS), text))
    if "*" in text:
        text = _MASKED.sub(_unmasked, text)
    if _BEFORE_PEOPLE.search(text) is not None:
        text = _BEFORE_PEOPLE.sub(lambda m: AS_WORDS[m.group(0)], text)
    wrong = [(end + 1 - len(w), end + 1) for end, w in _MISSPELT.iter(text)]
    if not any(whole_word(text, start, end) for start, end in wrong):
        return text
    return _WORD.sub(lambda m: RESPELL.get(m.group(0), m.group(0)), text)


def unmasks(folded: str) -> bool:
    """A word masked by stars that one spelled word alone fits ("j*ws", "sc*m")."""
    return "*" in folded and any(_unmask(m.group(0)) != m.group(0) for m in _MASKED.finditer(folded))


def spaced_out(folded: str) -> bool:
    """Letters spaced out ("m u s l i m s"): a cheap look for three in a row first."""
    return _SPACED_HINT.search(" " + folded) is not None and _SPACED_LETTERS.search(folded) is not None


def token_forms(words: Iterable[str]) -> frozenset[str]:
    """Each word as a token of its own, with the endings a plural or a possessive gives it
    ("muslim", "muslims", "muslim's", "churches")."""
    return frozenset(form for word in words for form in (word, word + "s", word + "'s", word + "es"))


#: every form of the spelled words and their misspellings as a token of its own ("women",
#: "immigrants", "jews'"): a token of these is not glued to its neighbours
SPELLED_TOKENS = token_forms((*SPELLED, *RESPELL, *NOT_MISSPELT))
