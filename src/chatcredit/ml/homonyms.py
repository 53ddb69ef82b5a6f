"""A slur's homonym: a set phrase in which the word names no one ("a chink in the armour",
"spic and span", "can I bum a fag off you", "faggots and peas", "a queer feeling"). The
cues count the word; ``frames.about_an_attack`` and ``bounds`` read the phrase. The default
policy's slur rule lists the same phrases as ``unless`` (policy/default.toml). The patterns
are ours.
"""

from __future__ import annotations

import re

from chatcredit.ml.insults import has_an_insult_word
from chatcredit.ml.profanity import packaged_lexicon

# A slur's homonym in a set phrase: the cue counts the word, the phrase means no one.
HOMONYM = re.compile(
    r"\bchinks? in (?:the|their|his|her|its|my|our|your|an|every) (?:\w+ )?armou?r\b|\bspic (?:and|n|&) span\b"
    r"|\bchinks? of (?:light|sunlight|daylight|hope)\b"
    # a cigarette in British English: "can I bum a fag off you", "nipped out for a fag", "fag break"
    r"|\b(?:bum|bummed|bumming|smoke|smoked|smoking|light|lit|roll|rolled|rolling|need|needed|fancy|crave|craving|"
    r"(?:nip|nipped|pop|popped|step|stepped|went|go|going|gone) out for|(?:go|going|gone|went) for) "
    r"a (?:quick |cheeky |crafty |last )?fag(?= off| from| outside| before| after| and\b|\s*[.,!?]|\s*$)"
    r"|\bfag (?:break|end|ends|packet|butt|butts)\b|\b(?:pack|packet|carton|box|twenty) of fags\b"
    r"|\bcigarettes? (?:are |were )?(?:called )?fags\b|\bfags? (?:as in|meaning|=) cigarettes?\b"
    # kindling, and a meatball: "a faggot is a bundle of sticks", "faggots and peas"
    r"|\bbundles? of sticks\b[^.!?]{0,20}\bfaggots?\b|\bfaggots?\b[^.!?]{0,20}\bbundles? of sticks\b"
    r"|\bfaggots? (?:and|with|n) (?:peas|gravy|mash)\b"
    # "queer" as "odd": "that queer little cottage", "a queer feeling"
    r"|\b(?:a|that|this|the|such a) queer (?:little |old )?(?:cottage|house|place|feeling|sort of|fish|look|noise|"
    r"sound)\b"
)


_WORDS = ("fag", "chink", "spic", "queer")


def holds_a_homonym(folded: str) -> bool:
    """One of the set phrases in the text (a look for the words first: the search is slow)."""
    return any(word in folded for word in _WORDS) and HOMONYM.search(folded) is not None


def says_a_homonym(folded: str) -> bool:
    """A slur's homonym in a set phrase ("a chink in the armour", "bum a fag off you") and,
    besides it, no swearing and no insult: the phrase means no one, whoever it is said to."""
    if not holds_a_homonym(folded):
        return False
    rest = HOMONYM.sub(" ", folded)
    return not has_an_insult_word(rest) and not packaged_lexicon().swears(rest)
