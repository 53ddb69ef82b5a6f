"""Belittling the person addressed or the room, with or without a swear word.

Game chat insults without swearing: "ur trash", "you are so useless", "shut up loser",
"noob team", "braindead jungler", "gg ez", "cry more noob", "you play like my grandma".
The sources' n-grams barely know these (docs/detection.md, "an insult list": as cues the
n-grams outweighed them), so they are a frame: the classifier lifts such a message into the
review band as harassment (``TextClassifier.calibrated``), never to a penalty.

The look-alikes held back (``tests/fixtures/insults.jsonl``, kind "not-an-insult"): negated
("you're not an idiot"), self-directed ("i'm such a noob", "im the worst player here"),
technical ("uninstall and reinstall the game"), a company's service ("the worst support
ever"), a thing ("take out the trash", "a bunch of monkeys at the zoo"). The patterns are
ours.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import ahocorasick

from chatcredit.ml.wordlists import whole_word

# fmt: off
INSULTS = (
    "idiot", "moron", "imbecile", "cretin", "loser", "clown", "noob", "newb", "trash", "garbage", "useless",
    "pathetic", "worthless", "braindead", "brain dead", "brainless", "retard", "retarded", "dumb", "dumbass",
    "stupid", "scum", "scumbag", "waste of space", "waste of oxygen", "waste of air", "piece of shit",
    "piece of crap", "piece of garbage", "piece of trash", "joke", "failure", "disgrace", "embarrassment",
    "disgusting", "ugly", "fat pig", "fat cow", "fat slob", "dogshit", "dogwater", "terrible at", "so bad at",
    "bad at this", "bozo",
)
_MODIFIERS = (
    r"(?:(?:such|so|a|an|the|fucking|complete|total|absolute|real|really|just|literally|utter|utterly|pure|actual|"
    r"actually|one|dumb|stupid|little|big|fat) )*"
)
# fmt: on
_INSULT = "(?:" + "|".join(map(re.escape, INSULTS)) + ")s?"
# What may close a taunt: laughter, a name for the one taunted ("ur so bad kid", "get rekt noob").
_CLOSING = r"(?:,? (?:lol|lmao|xd|omg|wtf|haha+|pls|plz|kid|son|noob|newb|scrub|loser|idiot|bro|dude))*\W*$"
# Game chat belittles the room, not a name: "noob team", "braindead jungler", "this team is
# trash", "worst player ever", "gg ez", "learn to play", "uninstall the game". The nouns are
# those of players in a match only ("support", "top" or "mid" are also a helpdesk, a command
# and a size: "useless support" is a complaint about a company).
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
    "jgl", "carry", "adc", "healer", "offlane", "offlaner", "pos 1", "pos 2", "pos 3", "pos 4", "pos 5",
)  # fmt: skip
_SOMEONE = ("guy", "dude", "kid", "player", "noob")  # "this guy is so trash"


def _either(words: tuple[str, ...]) -> str:
    """One of the words, the longest first."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


_PLAYERS = _either(_PLAYER_NOUNS)
_ROLE = (
    rf"(?:(?:^|(?:our|my|ur|your|this|that) ){_either(_ROLE_NOUNS)}|(?:our|my|this) support|"
    rf"(?:this|that) {_either(_SOMEONE)})"
)
# Not "terrible", "awful" or "clueless": "this guy is clueless" is how people criticise a
# politician too.
_ROLE_INSULT = (
    r"(?:braindead|brain dead|useless|trash|garbage|retarded|a retard|dogshit|a joke|a noob|noob|"
    r"a disgrace)\b"
)
_PLAYER_WORDS = (*_PLAYER_NOUNS, *_ROLE_NOUNS, *_SOMEONE, "support")  # for the first look
_PLAYS = ("play", "plays", "aim", "aims", "drive", "drives", "farm", "farms")
_ROLE_IS = rf"{_ROLE}(?: is| r| are| was| so|=)? (?:(?!not |never |isn't )\w+ ){{0,2}}"
_BAD_END = rf" (?:(?:so|this|that|really|actually|just|literally|soo+) )*bad(?: at (?:this|the) game)?{_CLOSING}"
_UNINSTALLED = (
    r"(?:l2p|(?:uninstall|delete) (?:ur|your) game|(?:just|pls|plz|please|go) (?:uninstall|delete the game)|"
    r"(?:uninstall|delete|quit) (?:the |this |ur |your )?game,? (?:pls|please|plz|now|noob|idiot|retard|kid)|"
    r"(?:uninstall|delete the game),? (?:pls|please|plz|now|noob|idiot|retard|kid))\b"
)


class Frame(NamedTuple):
    """Patterns with the words any match of them holds: one of ``words`` (and one of ``also``,
    where given). Only the frames whose words a text holds are searched
    (``insults_the_addressee``). An insult's words need not stand alone ("retarded" holds
    "retard"); the others must ("ez", not "freeze")."""

    words: tuple[str, ...]
    patterns: tuple[str, ...]
    also: tuple[str, ...] = ()

    @property
    def needs(self) -> tuple[tuple[str, ...], ...]:
        return (self.words, self.also) if self.also else (self.words,)


_FRAMES = (
    Frame(
        INSULTS,
        (
            rf"(?:you|u|ya)(?:'re| are| r|re| were| look like| sound like)? {_MODIFIERS}{_INSULT}\b",
            rf"(?:ur|youre|you're) {_MODIFIERS}{_INSULT}\b",
            rf"(?:shut up|stfu|gtfo|uninstall|go away|get lost),? (?:you )?{_MODIFIERS}{_INSULT}\b",
            rf"report (?:this|that|our|my|the) {_INSULT}\W*$",
            # a line that is only a name for the one addressed ("noob", "clown lmao")
            r"^(?:noob|newb|clown|bozo)s?(?: (?:lol|lmao|xd|haha+|omg))*\W*$",
            # "noob pudge": a line of two words, a player named by their hero
            r"^(?:noob|newb)s? (?!(?:question|here|friendly|mistake|tips?|trap|guide|level|area|zone|server|tutorial|"
            r"moves?|help|lol|lmao|xd|alert|mode|stuff|things|too|again|team)\b)[a-z]+\W*$",
        ),
    ),
    # dismissal: "go to hell", "sit down and shut up", "get a life" (not "sinners go to hell",
    # "shut up, that's amazing", "did you get a life insurance quote")
    Frame(
        ("go to hell", "shut up", "get a brain", "get a life", "get a clue"),
        (
            r"(?:^|you can |you should |just |pls |please |and |now |so )go to hell\b",
            r"(?:^|sit down and |just |now |pls |please |so |oh |and |lol |lmao )shut up\W*$",
            r"(?:^|just |go |pls |please |lol |lmao )get a (?:brain|life|clue)\W*$",
        ),
    ),
    # swearing at the addressee spelled short ("fk u", "f off"), "ur mom"
    Frame(
        ("fk", "fck", "fuk", "fuq", "fku", "f u", "f you", "f off", "ur mom", "ur mum", "yo mama", "yo momma"),
        (
            r"(?:f|fk|fck|fuk|fuq) (?:u|you|off|ur|your)\b|fku\b",
            r"(?:^|(?:lol|lmao|and|shut up|stfu),? )(?:ur (?:mom|mum)|yo (?:mama|momma))"
            r"(?: (?:is )?(?:gay|fat|lol|lmao|xd))*\W*$",
        ),
    ),
    Frame(
        INSULTS,
        (
            rf"{_INSULT} {_PLAYERS}\b",
            rf"(?:this|my|our|your|ur|the|their|you) {_PLAYERS} (?:is|are|r|was|were) {_MODIFIERS}{_INSULT}\b",
            rf"{_ROLE_IS}{_ROLE_INSULT}",
        ),
        also=_PLAYER_WORDS,
    ),
    Frame(("cancer",), (rf"{_ROLE_IS}cancer\b", r"^cancer (?:team|players?|noobs?|kids?)\W*$")),
    Frame(
        ("worst",),
        (
            r"worst (?:teammates?|jungler|junglers|adc|healers?|randoms|noobs?|mid|supp|carry)\b",
            r"worst (?:players?|teammates?) (?:ever|i have ever seen|i've ever seen|ive ever seen|in the world|"
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
            r"(?:^delete ur|(?:lol|lmao|go|noob),? delete (?:ur|your)) (?:account|acc)" + _CLOSING,
        ),
    ),
    # an imperative to the loser of a fight: "cry more noob", "stay mad", "git gud", "get rekt"
    Frame(
        ("cry", "crying", "stay mad", "get good", "git gud", "rekt", "sit down", "skill issue", "cope"),
        (
            r"(?:^|(?:lol|lmao|haha+|ez|gg|just|go|now|ok|so|noob|kid|bro),? )"
            r"(?:cry (?:more|harder|about it)|(?:keep|stop) crying|stay mad|get good|git gud|get rekt|sit down kid|"
            r"skill issue|cope harder|cope and seethe|cope)" + _CLOSING,
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
# one word boundary before each frame's alternatives: a search fails at once inside a word
_SEARCHES = tuple(re.compile(rf"\b(?:{'|'.join(frame.patterns)})") for frame in _FRAMES)
_JUST_BEFORE = 40  # characters: "isn't" and at most 12 more, "i've been the", with room
_NOT_INSULTED = re.compile(r"\b(?:not|never|no|isn't|aren't|wasn't|weren't)\b[^.!?]{0,12}$")
# the speaker's own play ("im the worst player ever"), a company's ("they have the worst support ever")
_NOT_THE_ADDRESSEE = re.compile(r"\b(?:i'm|im|i am|i was|i've been|ive been|has|have|had|with|got)(?: the)?\W*$")

# A name for the one addressed, closing the line ("cry more noob", "1v1 me noob", "nice try
# idiot"): a vocative, unless a word before it makes it part of a noun phrase ("im such a
# noob", "for noobs", "what an idiot", "Putin's useful idiot", "written by morons") or it
# is a line of its own.
_VOCATIVE = re.compile(
    r"\b(?:noob|newb|loser|idiot|moron|retard|clown|dumbass|bozo|imbecile)s?(?: (?:lol|lmao|xd|haha+|omg))*\W*$"
)
_LAST_WORDS = 60  # the vocative and what may follow it
_REPLY_NAMES = re.compile(r"(?:@\w+[,:]?\s+)+")
# fmt: off
_NOT_VOCATIVE = frozenset((
    "a", "an", "the", "such", "total", "complete", "i", "im", "i'm", "am", "being", "as", "of", "for", "like", "to",
    "some", "bit", "fellow", "another", "any", "no", "real", "absolute", "my", "our", "his", "her", "their", "this",
    "that", "these", "those", "is", "are", "was", "were", "be", "been", "useful", "sore", "every", "biggest", "big",
    "by", "with", "from", "at", "about", "than", "on", "in", "among", "against", "around", "into", "many", "few",
    "all", "lots", "other",
))
# fmt: on

# Aho-Corasick passes over every frame's words at once; a text with none (nine in ten) is not
# searched further, and one with "bad" only by the frame of "bad" (4.5-6 µs a text, not 8:
# bench/README.md).
_INSULTING = 0  # the frame of INSULTS alone, which the vocative shares
_WORDS = ahocorasick.Automaton()
for _k, _frame in enumerate(_FRAMES):
    for _n, _words in enumerate(_frame.needs):
        for _word in _words:
            _known: tuple[tuple[int, int], ...] = _WORDS.get(_word, (_word, False, ()))[2]
            _WORDS.add_word(_word, (_word, _word not in INSULTS, (*_known, (_k, _n))))
_WORDS.make_automaton()


def has_an_insult_word(folded: str) -> bool:
    """Some word of ``INSULTS`` occurs in the text, in any frame."""
    return any(k == _INSULTING for _, (_, _, needs) in _WORDS.iter(folded) for k, _ in needs)


def _vocative(folded: str) -> bool:
    m = _VOCATIVE.search(folded, max(0, len(folded) - _LAST_WORDS))
    if m is None:
        return False
    before = [w.strip("\"'.,;:!?()*-") for w in folded[max(0, m.start() - 40) : m.start()].split()[-2:]]
    return bool(before) and not _NOT_VOCATIVE.intersection(before)


def insults_the_addressee(folded: str) -> bool:
    """The person addressed belittled ("ur trash", "you are so useless", "you idiot",
    "shut up loser", "cry more noob"); "you're not an idiot" and "I'd never call you an
    idiot" are not (tests/fixtures/insults.jsonl); and the room belittled, as game chat does
    ("noob team", "braindead jungler", "gg ez", "learn to play", "my team is full of
    monkeys")."""
    if folded.startswith("@"):  # a reply: "@user go to hell" opens with what follows the names
        folded = _REPLY_NAMES.sub("", folded, count=1)
    met: dict[int, set[int]] = {}
    for end, (word, whole, needs) in _WORDS.iter(folded):
        if not whole or whole_word(folded, end + 1 - len(word), end + 1):
            for k, n in needs:
                met.setdefault(k, set()).add(n)
    if not met:
        return False
    if _INSULTING in met and _vocative(folded):
        return True
    hit = [k for k, found in sorted(met.items()) if len(found) == len(_FRAMES[k].needs)]
    # the negation or the speaker is looked for just before each match, not in all the text
    # before it: a text of thousands of negated insults is read once, not once a match
    return any(
        _NOT_INSULTED.search(folded, max(0, m.start() - _JUST_BEFORE), m.start()) is None
        and _NOT_THE_ADDRESSEE.search(folded, max(0, m.start() - _JUST_BEFORE), m.start()) is None
        for k in hit
        for m in _SEARCHES[k].finditer(folded)
    )
