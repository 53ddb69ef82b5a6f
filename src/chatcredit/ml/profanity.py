"""The profanity list: which words count as swearing, read by the cues and the frames.

The one-word entries of ``better-profanity``'s list (MIT; ``data/profanity_wordlist.txt``)
less the words that name who someone is or are not abuse in chat (``NOT_PROFANE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chatcredit.detectors.normalization import fold, skeleton_of_folded

#: One-word entries of the list that are not abuse in chat ("god" is a word of prayer as
#: much as of cursing; "lmao" and "omg" are laughter and surprise; "gay" and "queer" name
#: who someone is, and counting them as swearing flagged "my cousin is gay").
NOT_PROFANE = frozenset({"god", "omg", "lmao", "fat", "weed", "gai", "poop", "hell", "he11", "damn", "gay", "queer"})


@dataclass(frozen=True)
class Lexicon:
    """The profanity list's one-word entries as folded words, and in skeleton spelling where
    that is long enough not to collide with an everyday word (``milf`` and ``miss`` share
    the skeleton ``mif``; ``b.i.t.c.h`` and ``bitch`` share ``bitch``)."""

    folded: frozenset[str]
    skeletons: frozenset[str]

    def count(self, folded: str, skeleton: str) -> int:
        plain = sum(map(self.folded.__contains__, _TOKEN.findall(folded)))
        return max(plain, sum(map(self.skeletons.__contains__, skeleton.split())))

    def swears(self, folded: str, besides: frozenset[str] = frozenset()) -> bool:
        """Some word of the list, as written and not one of ``besides``, is in ``folded``."""
        return any(w in self.folded and w not in besides for w in _TOKEN.findall(folded))


_TOKEN = re.compile(r"\w+")


@cache
def packaged_lexicon() -> Lexicon:
    """The packaged list, read once."""
    lines = resources.files("chatcredit").joinpath("data/profanity_wordlist.txt").read_text("utf-8").splitlines()
    words = {fold(w.strip()) for w in lines if w.strip() and " " not in w.strip()} - NOT_PROFANE
    skeletons = {skeleton_of_folded(w) for w in words}
    return Lexicon(frozenset(words), frozenset(s for s in skeletons if len(s) >= 5))
