"""Game chat belittles the room, not a name: "noob team", "braindead jungler", "this team is
trash", "worst player ever", "gg ez", "learn to play", "uninstall the game", "cry more",
"you play like my grandma", "ty for feed".

The nouns are those of players in a match only ("support", "top" or "mid" are also a
helpdesk, a command and a size: "useless support" is a complaint about a company). The
look-alikes held back are in ``tests/fixtures/insults.jsonl`` (kind "not-an-insult"). The
patterns are ours.
"""

from __future__ import annotations

import re

from chatcredit.ml.name_calling import CLOSING, INSULT, INSULTS, MODIFIERS, Frame

_PLAYER_NOUNS = (
    "team", "teams", "teammate", "teammates", "jungler", "junglers", "jg", "jgl", "adc", "healer", "healers", "player",
    "players", "noob", "noobs", "newb", "newbs", "kids", "randoms", "pugs", "squad",
)  # fmt: skip
# A player named by the role they play in a match, as the subject of a sentence: "our carry
# is useless", "jungler is braindead", "this guy is so trash". Roles that are words of their
# own elsewhere only after "our", "my" or "this" ("support"), or not at all ("bot", "top",
# "tank": "this bot is trash" is said of a chat bot, "the support is useless" of a company,
# "this tank is useless" of an army).
_ROLE_NOUNS = (
    "mid", "mid lane", "midlane", "top lane", "toplane", "bot lane", "botlane", "supp", "jungle", "jungler", "jg",
    "jgl", "carry", "adc", "healer", "offlane", "offlaner", "pos 1", "pos 2", "pos 3", "pos 4", "pos 5", "dps",
)  # fmt: skip
_SOMEONE = ("guy", "dude", "kid", "player", "noob")  # "this guy is so trash"


def _either(words: tuple[str, ...]) -> str:
    """One of the words, the longest first."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


_PLAYERS = _either(_PLAYER_NOUNS)
_ROLE = (
    rf"(?:(?:^|(?:our|my|ur|your|this|that) ){_either(_ROLE_NOUNS)}|(?:our|my|this) support|(?:our|my) tank|"
    rf"(?:this|that) {_either(_SOMEONE)})"
)
# Not "terrible", "awful" or "clueless": "this guy is clueless" is how people criticise a
# politician too.
_ROLE_INSULT = (
    r"(?:braindead|brain dead|useless|trash|garbage|retarded|a retard|dogshit|a joke|a noob|noob|"
    r"a disgrace)\b"
)
_PLAYER_WORDS = (*_PLAYER_NOUNS, *_ROLE_NOUNS, *_SOMEONE, "support", "tank")  # for the first look
_SKILLS = (
    "aim", "positioning", "rotation", "rotations", "macro", "mechanics", "decision making", "game sense",
    "map awareness", "movement", "crosshair placement",
)  # fmt: skip
_PLAYS = ("play", "plays", "aim", "aims", "drive", "drives", "farm", "farms")
_ROLE_IS = rf"{_ROLE}(?: is| r| are| was| so|=)? (?:(?!not |never |isn't )\w+ ){{0,2}}"
_BAD_END = rf" (?:(?:so|this|that|really|actually|just|literally|soo+) )*bad(?: at (?:this|the) game)?{CLOSING}"
_UNINSTALLED = (
    r"(?:l2p|(?:uninstall|delete) (?:ur|your) game|(?:just|pls|plz|please|go) (?:uninstall|delete the game)|"
    r"(?:uninstall|delete|quit) (?:the |this |ur |your )?game,? (?:pls|please|plz|now|noob|idiot|retard|kid)|"
    r"(?:uninstall|delete the game),? (?:pls|please|plz|now|noob|idiot|retard|kid))\b"
)

#: the room's frames (``insults.insults_the_addressee`` searches them with its own)
TAUNTS = (
    Frame(
        INSULTS,
        (
            rf"{INSULT} {_PLAYERS}\b",
            rf"(?:this|my|our|your|ur|the|their|you) {_PLAYERS} (?:is|are|r|was|were) {MODIFIERS}{INSULT}\b",
            rf"{_ROLE_IS}{_ROLE_INSULT}",
        ),
        also=_PLAYER_WORDS,
    ),
    # a sarcastic thanks for the kills given away: "ty for feed"
    Frame(
        ("feed", "feeding", "throwing", "inting"),
        (r"(?:ty|thx|thanks|thank you|tyvm) (?:so much )?for (?:the )?(?:feed|feeding|throwing|inting)" + CLOSING,),
    ),
    # what a player does, called worthless: "your aim is a joke", "ur positioning is trash"
    Frame(
        INSULTS,
        (rf"(?:ur|your|his|her) {_either(_SKILLS)} (?:is|are|was|r) {MODIFIERS}{INSULT}\b",),
        also=_SKILLS,
    ),
    # blame for the loss: "you're the reason we lose", "you ruin every game", "jungle diff"
    Frame(
        ("reason", "every game", "every match", "every round", "diff", "gap"),
        (
            r"(?:you're|youre|ur|you are|u r|you|u) (?:literally |actually |just |clearly )?(?:the )?(?:only )?"
            r"reason (?:why )?(?:we|i|our team) (?:lose|lost|are losing|keep losing|can't win|will lose)\b",
            r"(?:you|u) (?:ruin|ruined|throw|threw|int|feed|lose|lost) every (?:single )?(?:game|match|round)\b",
            r"^(?:tank|dps|heals?|healer|healers|support|supp|jungle|jg|jgl|mid|top|bot|adc|carry|offlane) "
            r"(?:diff|gap)(?:,|\W*$| (?:gg|lol|lmao|xd|ff|again|as usual|tbh)\b)",
        ),
    ),
    # the feed's taunts: "ratio", "L + ratio", "bro fell off", "cope and seethe" (not "the
    # ratio of wins", "he fell off the cliff")
    Frame(
        ("ratio", "fell off", "seethe"),
        (
            r"^ratio(?: \+ [\w ]+)*\W*$|\w+ \+ ratio\b|ratio \+",  # each starts at a word (one \b before all)
            r"(?:you|u|bro|he|she|they|ur team|your team|this guy) (?:really |so |just )?fell off"
            r"(?: (?:hard|bad|so hard|lol|lmao))*\W*$",
            r"(?:^|\w+ \+ |and |cope )seethe\b|seethe (?:harder|more)\b",
        ),
    ),
    Frame(("cancer",), (rf"{_ROLE_IS}cancer\b", r"^cancer (?:team|players?|noobs?|kids?)\W*$")),
    Frame(
        ("worst",),
        (
            r"worst (?:teammates?|jungler|junglers|adc|healers?|randoms|noobs?|mid|supp|carry)\b",
            r"worst (?:players?|teammates?|rotations?|aim|plays|positioning|decisions) "
            r"(?:ever|i have ever seen|i've ever seen|ive ever seen|in the world|"
            r"on earth|of all time)\b",
        ),
    ),
    Frame(
        ("bad",),
        (
            rf"(?:{_ROLE}(?: is| r| are| was)?|"
            r"(?:our|my|ur|your|this) team(?: is| r| are)?|(?:you|u)(?:'re| are| r|re)|ur|(?:are|r) (?:you|u)|"
            r"imagine being)" + _BAD_END,
        ),
    ),
    # "ur a bot", as said of a player who plays like the game's computer players
    Frame(("bot",), (r"(?:ur|you're|youre|you are|u r) (?:(?:a|such a|literally a|actually a|the biggest) )?bot\W*$",)),
    Frame(("ez",), (r"(?:gg )?ez (?:noobs?|newbs?|team|game|kids?|win|clap|mid|pz|4 me)\b|gg ez\b|^ez$",)),
    Frame(
        ("learn",),
        (r"learn (?:how )?to play(?:,? (?:noob|newb|idiot|retard|kid|pls|plz|please|bro|dude|lol|dog|man))*\W*$",),
    ),
    Frame(
        ("l2p", "uninstall", "delete", "quit"),
        (
            _UNINSTALLED,
            r"(?:lol|lmao|bad|trash|noob|kid|just|pls|plz),? uninstall\W*$",
            r"(?:you|u) should (?:just )?(?:quit|uninstall|delete) (?:the |this |ur |your )?game\W*$",
            r"^(?:uninstall|delete) (?:dota|dota 2|league|lol|valorant|fortnite|minecraft|overwatch|csgo|apex)"
            + CLOSING,
            r"(?:^delete ur|(?:lol|lmao|go|noob),? delete (?:ur|your)) (?:account|acc)" + CLOSING,
        ),
    ),
    # an imperative to the loser of a fight: "cry more noob", "stay mad", "git gud", "get rekt"
    Frame(
        ("cry", "crying", "stay mad", "get good", "git gud", "rekt", "sit down", "skill issue", "cope"),
        (
            r"(?:^|(?:lol|lmao|haha+|ez|gg|just|go|now|ok|so|noob|kid|bro),? )"
            r"(?:cry (?:more|harder|about it|somewhere else)|(?:keep|stop) crying|stay mad|get good|git gud|get rekt|"
            r"sit down kid|skill issue|cope harder|cope and seethe|cope)" + CLOSING,
            r"git gud\b|(?:you|u|ur team|your team|you guys|u guys) (?:just )?got rekt\b|rekt (?:noob|kid|son)\b|"
            r"^rekt\W*$",
        ),
    ),
    Frame(
        ("go back to", "go play"),
        (
            r"go back to (?:bronze|iron|silver|tutorial|bots|the tutorial|unrated|casuals?|quickplay|normals|arcade)\b",
            r"go (?:play|back to) (?:\w+ ){1,3}?(?:kid|noob|noobs|newb)\W*$",
        ),
    ),
    Frame(
        ("full of", "bunch of"),
        (
            r"(?:team|teammates|lobby|squad) (?:is |are )?full of (?:\w+ )?(?:monkeys|apes|idiots|noobs|retards|"
            r"morons|clowns)\b",
            r"bunch of (?:\w+ )?(?:idiots|noobs|retards|morons|clowns|losers|braindead)\b",
            r"bunch of (?:monkeys|apes) (?:on|in) (?:my|our|this) (?:team|lobby|game)\b",
        ),
    ),
    Frame(
        tuple(f"{verb} {how}" for verb in _PLAYS for how in ("like", "better")),
        (
            r"(?:my|ur|your) (?:grandma|granny|grandpa|mom|mum|mother|dog|cat|little (?:brother|sister)|"
            r"\d+ ?(?:year old|yo)(?: \w+)?) (?:(?:can|could|would) )?(?:play|aim|drive|farm)s? better"
            r"(?: than (?:you|u|ur|this|him|her|them|that)\b|\W*$)",
            r"(?:you|u|he|she|this guy|ur team|your team|they) (?:play|aim|drive|farm)s? like "
            r"(?:a |an |my |ur |your )?(?:\w+ )?(?:grandma|granny|grandpa|grandmother|bots?|child|kid|noob|"
            r"monkey|toddler|potato|baby|\d+ ?(?:year old|yo))\b",
        ),
    ),
)
