"""A player likened to the weakest: "you play like my grandma", "my dog plays better than
you", "even a bot would do better than you", "you play like you have one hand and no eyes"
(not "my grandma would do better with a tablet", "he plays like a pro"). The patterns are
ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import Frame

_PLAYS = ("play", "plays", "aim", "aims", "drive", "drives", "farm", "farms")

#: the likenesses' frames (``insults.insults_the_addressee`` searches them with its own)
LIKENESSES = (
    Frame(
        (*(f"{verb} {how}" for verb in _PLAYS for how in ("like", "better")), "do better"),
        (
            # "even a bot would do better than you" (not "my grandma would do better with a tablet")
            r"(?:a bot|bots|a monkey|a toddler|a potato|a child|a blind \w+|my (?:grandma|granny|dog|cat|mom|mum|"
            r"little (?:brother|sister))) (?:would|could|can|will) (?:do|play|aim) better than "
            r"(?:you|u|ur team|your team|this|him|her|them)\b",
            r"(?:my|ur|your) (?:grandma|granny|grandpa|mom|mum|mother|dog|cat|little (?:brother|sister)|"
            r"\d+ ?(?:year old|yo)(?: \w+)?) (?:(?:can|could|would) )?(?:play|aim|drive|farm)s? better"
            r"(?: than (?:you|u|ur|this|him|her|them|that)\b|\W*$)",
            r"(?:you|u|he|she|this guy|ur team|your team|they) (?:play|aim|drive|farm)s? like "
            r"(?:a |an |my |ur |your )?(?:\w+ )?(?:grandma|granny|grandpa|grandmother|bots?|child|kid|noob|"
            r"monkey|toddler|potato|baby|\d+ ?(?:year old|yo))\b",
            # "you play like you have one hand and no eyes"
            r"(?:you|u) (?:play|aim|drive)s? like (?:you|u) (?:have|got|had) (?:no|one) "
            r"(?:hands?|eyes?|brain|arms?|fingers?)\b",
        ),
    ),
)
