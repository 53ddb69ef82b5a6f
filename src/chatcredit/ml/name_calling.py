"""The names people call each other, and the frame that finds them in a sentence.

``INSULTS`` are the words ("idiot", "noob", "trash", "waste of space"); ``insults`` finds them
said to the person addressed, ``taunts`` said of the room in game chat. The words are ours.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from chatcredit.ml.heroes import HEROES

# fmt: off
INSULTS = (
    "idiot", "moron", "imbecile", "cretin", "loser", "clown", "noob", "newb", "trash", "garbage", "useless",
    "pathetic", "worthless", "braindead", "brain dead", "brainless", "retard", "retarded", "dumb", "dumbass", "stupid",
    "scum", "scumbag", "waste of space", "waste of oxygen", "waste of air", "waste of a human", "waste of skin",
    "waste of everyone's time", "waste of everybody's time",
    "piece of shit", "piece of crap",
    "piece of garbage", "piece of trash", "joke", "failure", "disgrace", "embarrassment", "disgusting", "ugly",
    "fat pig", "fat cow", "fat slob", "dogshit", "dogwater", "dog water", "terrible at", "so bad at", "bad at this",
    "bozo", "feeder", "crybaby", "cry baby", "waste of a slot", "waste of a pick", "hopeless", "fraud", "weirdo",
    "snowflake", "liability", "coward", "muppet", "cheater", "griefer", "tryhard", "snitch", "sheep", "sheeple",
    "thug", "beggar", "neckbeard", "incel", "jerk", "hypocrite", "sleazebag", "sociopath", "psychopath", "lowlife",
    "halfwit", "dimwit", "nitwit", "brainlet", "buffoon", "dunce", "ignorant", "jackass", "smartass", "wiseass",
    "asshat", "asswipe", "assclown", "arsehole", "numbskull", "numbnuts", "lamebrain", "chucklehead", "ignoramus",
    "liar", "fatass",
    # partisan coinages, of every side (an insult, not a view: ``remarks.CROWDS``)
    "libtard", "demonrat", "democrap", "trumptard", "magat", "rethuglican", "repugnican", "conservatard",
)
#: Names made of a swear word and a thing or a body part ("fuckface", "shitheads",
#: "cocksucker", "twatwaffle", "dickweed"): the profanity list holds a few, alt-profanity-check's
#: vocabulary fewer ("you fuckface" was 0.13 as harassment), and new ones are coined all the
#: time, so they are read by their parts. The swear word must open the word ("Scunthorpe" is
#: no name), and each stem is also what makes the frames look at a text at all.
SWEAR_STEMS = (
    "fuck", "shit", "cunt", "cock", "dick", "piss", "twat", "wank", "douche", "jizz", "turd", "butt", "whore", "slut",
    "bitch",
)
_SWORN_AT = (
    "face", "head", "hole", "wad", "bag", "stain", "sucker", "wipe", "licker", "fucker", "muncher", "nugget", "waffle",
    "weasel", "biscuit", "goblin", "gibbon", "womble", "canoe", "hat", "clown", "lord", "burger", "weed", "brain",
    "nut", "nuts", "rag", "sack", "stick", "trumpet", "tard", "wit", "bucket", "breath", "knuckle", "monkey", "pants",
    "mouth", "sandwich", "skull", "dumpster", "muppet", "pig", "rat", "son",
)
#: Words of the profanity list that call someone a name for their wits, manners or looks and
#: are not swearing ("moron", "jerk", "stupid"); the rest of INSULTS are not on the list, or
#: are swearing or a slur ("dumbass", "arsehole", "retard"). Name-calling with these alone is
#: what raters split on (``bounds.HARASSMENT_WITHOUT_A_SWEAR``).
NOT_SWEARING = frozenset(
    {"stupid", "ugly", "moron", "jerk", "weirdo", "dummy", "doofus", "dopey", "nimrod", "ninny"}
)
#: names for a person, not words for a thing ("this idiot", not "this garbage")
PERSON_NAMES = ("noob", "newb", "loser", "idiot", "moron", "retard", "clown", "dumbass", "bozo", "imbecile")
#: swearing at the addressee spelled short ("fk u", "f off", "go f yourself"), "ur mom"
SHORT_SWEARS = (
    "fk", "fck", "fuk", "fuq", "fku", "f u", "f you", "f off", "f yourself", "f*",
    "ur mom", "ur mum", "yo mama", "yo momma",
)  # fmt: skip
MODIFIERS = (
    r"(?:(?:such|so|a|an|the|fucking|complete|total|absolute|real|really|just|literally|utter|utterly|pure|actual|"
    r"actually|one|dumb|stupid|little|big|biggest|fat|walking) )*"
)
# fmt: on
SWORN_NAME = "(?:" + "|".join(SWEAR_STEMS) + ")(?:" + "|".join(sorted(_SWORN_AT, key=len, reverse=True)) + ")"
INSULT = "(?:" + "|".join(map(re.escape, INSULTS)) + "|" + SWORN_NAME + ")(?:e?s)?"
#: what makes a frame of INSULTS look at a text: one of its words, or the stem of a sworn name
INSULT_TRIGGERS = (*INSULTS, *SWEAR_STEMS)
_INSULT_WORDS = frozenset(INSULTS)
_SWORN = re.compile(rf"\b{SWORN_NAME}")


def is_an_insult(trigger: str, folded: str) -> bool:
    """``trigger`` (one of ``INSULT_TRIGGERS``, found in ``folded``) is an insult word, or the
    stem of a name sworn there ("fuckface"; not "fuck" alone)."""
    return trigger in _INSULT_WORDS or (trigger in SWEAR_STEMS and _SWORN.search(folded) is not None)


def either(words: tuple[str, ...]) -> str:
    """A regular expression for one of the words, the longest first."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


#: one of the heroes' names (heroes.py), for every frame that names a player by one
HERO = either(HEROES)
#: What may close a taunt: laughter, a name for the one taunted ("ur so bad kid", "get rekt noob",
#: "cry more invoker").
CLOSING = (
    r"(?:,? (?:lol|lmao|xd|omg|wtf|haha+|pls|plz|bro|dude|(?:you )?(?:big |little )?"
    rf"(?:kid|son|baby|noob|newb|scrub|loser|idiot|snowflake|snitch|clown|weirdo|bozo|trash|dogwater)|{HERO}))*"
    r"\W*$"
)


class Frame(NamedTuple):
    """Patterns with the words any match of them holds: one of ``words`` (and one of ``also``,
    where given). Only the frames whose words a text holds are searched
    (``insults.insults_the_addressee``). An insult's words need not stand alone ("retarded" holds
    "retard"); the others must ("ez", not "freeze")."""

    words: tuple[str, ...]
    patterns: tuple[str, ...]
    also: tuple[str, ...] = ()

    @property
    def needs(self) -> tuple[tuple[str, ...], ...]:
        return (self.words, self.also) if self.also else (self.words,)
