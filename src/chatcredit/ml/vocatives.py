"""A name for the one addressed, closing the line: the vocative.

"cry more noob", "1v1 me noob", "nice try idiot", "dont talk to me noob": a name said to
someone at the end of what was said to them, unless a word before it makes it part of a
noun phrase ("im such a noob", "for noobs", "what an idiot", "Putin's useful idiot",
"written by morons"). ``insults.insults_the_addressee`` asks this of a text that holds a word
of ``name_calling.INSULTS``. The words are ours.
"""

from __future__ import annotations

import re

from chatcredit.ml.name_calling import PERSON_NAMES, either

# the names a vocative may be, and more ("nice try weirdo", "cry about it snowflake", "go back to
# your basement you virgin")
_VOCATIVE = re.compile(
    rf"\b{either((*PERSON_NAMES, 'weirdo', 'snowflake', 'scrub', 'virgin'))}s?(?: (?:lol|lmao|xd|haha+|omg))*\W*$"
)
# a link closing the line, or the placeholder an anonymised corpus puts in its place ("get a
# life loser URL")
_TRAILING_LINK = re.compile(r"(?:\s+(?:https?://\S+|www\.\S+|url))+\s*$")
_LINKS_AT_THE_END = 400  # characters
_LAST_WORDS = 60  # the vocative and what may follow it
# fmt: off
_NOT_VOCATIVE = frozenset((
    "a", "an", "the", "such", "total", "complete", "i", "im", "i'm", "am", "being", "as", "of", "for", "like", "to",
    "some", "bit", "fellow", "another", "any", "no", "real", "absolute", "my", "our", "his", "her", "their", "this",
    "that", "these", "those", "is", "are", "was", "were", "be", "been", "useful", "sore", "every", "biggest", "big",
    "by", "with", "from", "at", "about", "than", "on", "in", "among", "against", "around", "into", "many", "few",
    "all", "lots", "other",
))
# fmt: on
# A word that ends what came before, so a name after it stands alone: "dont talk to me noob"
# ("to" two words back is not the name's), "get out of here loser", "get a life loser".
_CLOSES_A_CLAUSE = frozenset(
    ("me", "us", "him", "it", "here", "there", "now", "again", "already", "up", "out", "off", "life")
)

# "for feeding noob", "at building idiot": the name follows a verb, not a noun it is part of
_AFTER_A_VERB = frozenset(("for", "at", "by", "with", "about", "from", "on", "in", "of"))


def ends_with_a_name(folded: str) -> bool:
    """A name for the one addressed closes the line ("cry more noob", "1v1 me scrub", "report
    u for feeding noob"), not part of a noun phrase ("im such a noob", "for noobs")."""
    folded = _TRAILING_LINK.sub("", folded[-_LINKS_AT_THE_END:])  # the tail: a text of links is not read through
    m = _VOCATIVE.search(folded, max(0, len(folded) - _LAST_WORDS))
    if m is None:
        return False
    if folded[: m.start()].rstrip().endswith(","):  # "imagine missing that, clown": set apart, it is said to someone
        return True
    before = [w.strip("\"'.,;:!?()*-") for w in folded[max(0, m.start() - 40) : m.start()].split()[-2:]]
    if before and before[-1] in _CLOSES_A_CLAUSE:  # "dont talk to me noob", "get out of here loser"
        return True
    if len(before) == 2 and before[0] in _AFTER_A_VERB and before[1].endswith("ing"):  # "report u for feeding noob"
        return True
    return bool(before) and not _NOT_VOCATIVE.intersection(before)
