"""A mind said to be missing from the person addressed: "you have the iq of a rock", "ur
brain is empty", "u have no brain", "you have the game sense of a rock", "God you are thick"
(not "you have no idea", "a thick book"). The patterns are ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import HERO, Frame
from chatcredit.ml.players import ROLE

_BRAINLESS = (
    "no brain", "no brains", "no skill", "no skills", "no hands", "no eyes", "no life", "no friends", "no game sense",
    "thick",
)  # fmt: skip

#: the frames of wits said to be missing (``insults.insults_the_addressee`` searches them with its own)
WITS = (
    # a mind or a body said to be missing: "you have the iq of a rock", "ur brain is empty",
    # "you have no hands", a player's sense of the game: "you have the game sense of a rock"
    Frame(
        ("iq", "brain", "brains", "hands", "memory", "attention span", "game sense", "awareness", "reflexes", "aim of"),
        (
            rf"(?:you|u|ur team|your team|you guys|u guys|{ROLE}) (?:have|has|got) (?:the |an )?"
            r"(?:iq|brains?|memory|attention span|game sense|map awareness|awareness|reflexes|aim) of (?:a|an|my) \w+",
            r"(?:ur|your) iq (?:is|=|must be) (?:lower than|below|room temp|negative|single digits?|0\b|zero)",
            r"(?:ur|your|you're|youre) brains? (?:is |are |r |must be )?(?:empty|dead|smooth|missing|gone|the size of)",
            r"(?:you|u|(?:our|ur|your|this|that|my) (?:team|tank|support|supp|healer|jungler|adc|carry|mid|dps|"
            rf"teammates?|squad|duo|guy|kid|dude|player|{HERO})) (?:have|has|got) (?:no|0|zero) "
            r"(?:brain|brains|brain cells|hands|skill|iq)\b",
            r"do (?:you|u) (?:even )?have (?:a brain|hands|eyes|a monitor)\b",
        ),
    ),
    # "u have no brain", "you have no skill", "God you are thick" (not "you have no idea")
    Frame(
        (*_BRAINLESS, "zero", "0"),
        (
            r"(?:you|u|ur|you've|youve) (?:(?:actually|literally|clearly|just|really|seriously) )?(?:have |got |has )?"
            r"(?:no|zero|0) (?:brain|brains|brain cells|skill|skills|hands|eyes|life|friends|game sense|"
            r"map awareness)\b",
            # "ours is a walking ward with no brain"
            r"\bwith (?:no|zero|0) (?:brain|brains|brain cells)\b",
            r"(?:you|u)(?:'re| are| r|re) (?:so |really |just |actually |bloody |fucking )*thick"
            r"(?: as \w+(?: \w+)?)?\W*$",
        ),
    ),
)
