"""Game chat ranks its players and taunts them with it: a rank said to be undeserved ("how
are you even plat", "boosted monkey", "who let this guy play ranked"), the lowest ranks as a
player's place ("go back to bronze", "no wonder ur hardstuck silver", "bot tier player").

Said of a player only, not of the speaker ("i'm hardstuck gold lol") or a machine ("this
patch boosted my fps"): the look-alikes held back are in ``tests/fixtures/insults.jsonl``
(kind "not-an-insult"). The patterns are ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import CLOSING, HERO, Frame, either
from chatcredit.ml.players import ROLE, ROLE_NOUNS

_BOOSTED = (
    "monkey", "monkeys", "ape", "apes", "animal", "idiot", "noob", "noobs", "kid", "kids", "clown", "dog", "bot",
    "trash", "player", "players", "teammate", "teammates",
)  # fmt: skip
_YOU_ARE = r"(?:ur|you're|youre|you are|u r|u are|you|u|he's|hes|he is|she's|shes|she is)"

#: the ranks' frames (``insults.insults_the_addressee`` searches them with its own)
RANKS = (
    # a rank the player is said to have been carried to, or never to leave: "boosted monkey",
    # "ur so boosted", "no wonder ur hardstuck silver" (not "this boosted my fps", "you boosted
    # us all", "i'm hardstuck")
    Frame(
        ("boosted", "hardstuck", "hard stuck"),
        (
            rf"(?:{_YOU_ARE}|{ROLE} (?:is|was|r)) (?:(?:so|literally|clearly|obviously|actually|def|definitely|"
            r"totally|100%|hard|super|still|forever|permanently) )*(?:boosted|hard ?stuck)\b"
            r"(?! (?:my|me|us|the|your|ur|our|his|him|her|their|them|its|it|everyone|everybody|fps|by|with|from|"
            r"in my)\b)",
            rf"^(?:\w+ )?boosted (?:{either(_BOOSTED)}|{either(ROLE_NOUNS)}|support|{HERO})" + CLOSING,
            r"who boosted (?:you|u|him|her|this guy|this kid)\b",
        ),
    ),
    # "no wonder ur stuck in gold with that brain" (not "i'm stuck in gold")
    Frame(
        ("stuck in",),
        (
            rf"{_YOU_ARE} (?:still |hard |forever |permanently |so )?stuck in (?:iron|bronze|silver|gold|plat|platinum|"
            r"diamond|herald|guardian|crusader|archon|low elo|elo hell)\b",
        ),
    ),
    # a player put in the lowest tier: "bot tier player", "trash tier aim"
    Frame(
        ("tier",),
        (
            r"\b(?:bot|trash|garbage|dogshit|dogwater|bronze|iron|wood|herald|noob|monkey|potato) tier "
            rf"(?:players?|teammates?|team|aim|gameplay|plays?|{either(ROLE_NOUNS)}|support)\b",
        ),
    ),
    # a mind of the lowest ranks: "typical silver brain"
    Frame(
        ("brain", "brains", "iq", "mentality"),
        (r"\b(?:iron|bronze|silver|herald|wood|low elo) (?:brain|brains|iq|mentality)\b",),
    ),
    # a rank or a place the player is said not to deserve: "how are you even plat", "how did u
    # get this rank", "who let this guy play ranked" (not "how did you get that skin", "who let
    # the dogs out")
    Frame(
        ("how", "who let", "who invited", "who allowed", "taught"),
        (
            r"how (?:are|r|is) (?:you|u|he|she|this guy|ur \w+|your \w+) (?:even |still )?(?:in )?"
            r"(?:iron|bronze|silver|gold|plat|platinum|emerald|diamond|masters?|grandmaster|challenger|ascendant|"
            r"immortal|radiant|divine|ancient|legend|archon|crusader|guardian|herald|ranked|this rank|this elo)\b",
            r"how (?:did|do|does) (?:you|u|he|she|this guy) (?:even )?(?:get|have|reach|climb to|make it to) "
            r"(?:this|that|ur|your|his|her) (?:rank|elo|mmr)\b",
            r"who (?:let|invited|allowed) (?:this|that|these) (?:\w+ )?(?:play (?:ranked|comp|competitive|this game)|"
            r"in(?:to)? (?:ranked|my team|our team|this lobby|this game|diamond|gold|plat|masters))\b",
            # ... or who paid for it: "how much did you pay for this account"
            r"how much did (?:you|u|he|she|this guy) pay (?:for )?(?:this|that|ur|your|his|her|the) "
            r"(?:account|acc|rank|elo|mmr|boost|booster)\b",
            # ... or who taught them: "who even taught you to play, a monkey?"
            r"who (?:even )?taught (?:you|u|him|her|this guy) (?:to|how to) (?:play|aim|drive)(?:[,?!]|\W*$)",
        ),
    ),
    # the lowest ranks as a player's place: "you belong in iron, stay there"
    Frame(
        ("belong", "iron", "bronze", "silver", "wood", "herald"),
        (
            r"(?:you|u|ur|you're|youre|he|she) belongs? in (?:iron|bronze|silver|wood|herald|bots?|low elo)\b",
            # "trash talk all you want, you're still bronze"
            r"(?:you're|youre|you are|ur|u r|u are) (?:still|just|only|forever) (?:a |an )?(?:iron|bronze|wood|"
            r"herald|silver)\b(?! (?:and|or|too|like me)\b| ?\?)",
        ),
    ),
    Frame(
        ("go back to", "go play"),
        (
            r"go back to (?:bronze|iron|silver|wood|herald|low elo|low rank|tutorial|bots|the tutorial|unrated|"
            r"casuals?|quickplay|normals|arcade)\b",
            # to a children's game, said to a player, not by one ("i'll go back to minecraft after this")
            r"(?:^|(?:lol|lmao|noob|kid|pls|just|bro|now),? )go back to (?:fortnite|minecraft|roblox|candy crush|"
            r"mobile games?|animal crossing|club penguin|clash royale|league)" + CLOSING,
            r"go (?:play|back to) (?:(?!the\b)\w+ ){1,3}?"
            r"(?:kid|noob|noobs|newb|trash|idiot|loser|retard|clown|bot|neckbeard|incel|weirdo|creep)\W*$",
        ),
    ),
)
