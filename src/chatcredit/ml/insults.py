"""Belittling the person addressed, with or without a swear word, and the room's taunts.

Insults without swearing: "ur trash", "you are so useless", "shut up loser", "i hope your
mom dies", a mind said to be missing ("you have the iq of a rock": ``wits``'); game chat's
taunts of the room ("noob team") are ``taunts``', of the loser ("gg ez") ``gloats``', of a
player's rank ("boosted monkey") ``ranks``', of their play ("you play like my grandma")
``likenesses``', and insults said of others ("liberals are idiots") ``remarks``', searched
here with these in one pass. The sources' n-grams barely know these (docs/detection.md, "an
insult list"), so they are a frame: the classifier lifts such a message into the review band
as harassment (``bounds.bound``), never to a penalty.

The look-alikes held back (``tests/fixtures/insults.jsonl``, kind "not-an-insult"): negated
("you're not an idiot"), self-directed ("im the worst player here"; a line that only blames
the speaker is held below review: ``idioms.blames_oneself``), technical ("uninstall and
reinstall the game"), a company's service ("the worst support ever"), a thing ("take out the
trash"). The patterns are ours.
"""

from __future__ import annotations

import re

import ahocorasick

from chatcredit.ml.gloats import GLOATS
from chatcredit.ml.likenesses import LIKENESSES
from chatcredit.ml.name_calling import (
    CLOSING,
    HERO,
    INSULT,
    INSULT_TRIGGERS,
    MODIFIERS,
    PERSON_NAMES,
    SHORT_SWEARS,
    Frame,
    either,
    is_an_insult,
)
from chatcredit.ml.ranks import RANKS
from chatcredit.ml.remarks import REMARKS
from chatcredit.ml.taunts import TAUNTS
from chatcredit.ml.vocatives import ends_with_a_name
from chatcredit.ml.wits import WITS
from chatcredit.ml.wordlists import whole_word

_NAMES = rf"{either((*PERSON_NAMES, 'cretin', 'scumbag', 'braindead'))}s?"
_UNHINGED = ("delusional", "deluded", "unhinged", "deranged", "brainwashed", "mentally ill", "lunatic", "psycho")
_CALLED_WORDS = (
    "worst", "dumbest", "stupidest", "no idea how", "blind", "years old", "yo", "even", "annoying", "cringe", "cringey",
    "cringy", "irrelevant", "burden", "mentally", "fat", *_UNHINGED,
)  # fmt: skip
#: the frames said to the person addressed; those said of others are ``REMARKS``, the room's ``TAUNTS``
_ADDRESSED: tuple[Frame, ...] = (
    Frame(
        INSULT_TRIGGERS,
        (
            rf"(?:you|u|ya)(?:'re| are| r|re| were| look like| sound like)? {MODIFIERS}{INSULT}\b",
            rf"(?:ur|youre|you're|your(?= (?:an?|so|such) )) {MODIFIERS}{INSULT}\b",  # "your a joke"
            # a thing of theirs named, then them: "your art is trash and so are you"
            rf"(?:is|are|r) {MODIFIERS}{INSULT},? (?:and|just like|like) "
            r"(?:so (?:are|r) (?:you|u)|(?:you|u)(?: are)?)\W*$",
            # one more name first: "ur a cheater and a noob"
            rf"(?:ur|youre|you're|you are|u r) an? \w+ and {MODIFIERS}{INSULT}\b",
            rf"(?:shut up|stfu|gtfo|uninstall|go away|get lost),? (?:you )?{MODIFIERS}{INSULT}\b",
            rf"report (?:this|that|our|my|the) {INSULT}\W*$",
            rf"^report (?:\w+ ){{1,2}}{INSULT}\W*$",  # "report sniper feeder"
            # a name for one of the players: "hey braindead, rotate", "why is this idiot still alive"
            rf"^(?:hey|yo|oi|listen|ok|okay)(?: you)?,? {_NAMES}\b",
            rf"(?:this|that|these|those) {_NAMES}\b(?! (?:question|mistake|here|show|costume|car|fish|emoji|nose|"
            r"makeup|outfit|mentality|moment|phase|level|stuff|thing|things|tips?|guide|trap|area|zone|server|friendly|mode|"
            r"proof)\b)",
            # a line that is only a name for someone ("noob", "clown lmao", "what an idiot", "such a noob lol")
            r"^(?:(?:lol|omg|lmao) )?(?:such|what) an? (?:noob|newb|idiot|clown|loser|moron|retard|bozo|dumbass|"
            r"imbecile|waste of (?:a )?(?:pick|slot|ban|game|teammate|player|space|oxygen))"
            r"(?: (?:lol|lmao|xd|haha+|omg))*\W*$",
            r"^(?:noob|newb|clown|bozo|crybaby|cry baby|feeder|fatass|fat ass)s?(?: (?:lol|lmao|xd|haha+|omg))*\W*$",
            # "noob pudge": a line of two words, a player named by their hero
            r"^(?:noob|newb)s? (?!(?:question|here|friendly|mistake|tips?|trap|guide|level|area|zone|server|tutorial|"
            r"moves?|help|lol|lmao|xd|alert|mode|stuff|things|too|again|team)\b)[a-z]+\W*$",
        ),
    ),
    # dismissal: "go to hell", "sit down and shut up", "get a life" (not "sinners go to hell",
    # "shut up, that's amazing", "did you get a life insurance quote")
    Frame(
        (
            "go to hell",
            "shut up",
            "stfu",
            "get a brain",
            "get a life",
            "get a clue",
            "go outside",
            "touch grass",
            "touch some grass",
            "excuse for",
            "excuse of",
            "crawl back",
            "get off",
            "get out of",
            "go away",
            "get lost",
            "gtfo",
        ),
        (
            r"(?:^|you can |you should |just |pls |please |and |now |so )go to hell\b",
            # "go crawl back under your rock", "crawl back in your hole" (not "the baby crawls back")
            r"(?:^|go |just |pls |please |now |and |so |should )crawl back (?:under|into|in|to) "
            r"(?:your|ur|the|whatever) (?:\w+ )?(?:rock|hole|cave|basement|swamp|sewer)\b",
            # "go away creep", "get lost freak"
            r"(?:^|just |now |pls |please |and |so )(?:go away|get lost|gtfo|shut up|stfu),? (?:you )?"
            r"(?:creep|freak|weirdo|perv|pervert|psycho|creeper)\W*$",
            # "get off my server noob" (not "get off my lawn", said to no one)
            r"get (?:off|out of) (?:my|our|this) (?:server|lobby|game|team|channel|chat|stream|discord)(?: now)?,? "
            rf"(?:you )?(?:{_NAMES}|kid|scrub|weirdo|creep|freak|perv|troll)\W*$",
            r"(?:^|sit down and |just |now |pls |please |so |oh |and |lol |lmao )(?:shut up|stfu)"
            rf"(?:,? {HERO})?(?: already| now| pls| please| lol| lmao)*\W*$",
            # "you pathetic excuse for a human", "what an embarrassing excuse for a journalist"
            r"(?:pathetic|sorry|poor|embarrassing|sad|miserable|worthless) excuse (?:for|of) (?:a|an) \w+",
            r"(?:^|just |go |pls |please |lol |lmao )get a (?:brain|life|clue)\W*$",
            # "go outside and get some friends", "go touch grass"
            r"go outside and (?:get|find|make) (?:some |a )?(?:friends|life|job|girlfriend|gf)\b"
            r"|(?:^|just |go |pls |please |lol |lmao )touch (?:some )?grass\b",
        ),
    ),
    Frame(
        SHORT_SWEARS,
        (
            r"(?:f|fk|fck|fuk|fuq|f\*{2,3}k?|f\*ck) (?:u|you|off|ur|your|yourself|urself)\b|fku\b",
            rf"(?:^|(?:lol|lmao|and|shut up|stfu|{HERO}),? )(?:ur (?:mom|mum)|yo (?:mama|momma))"
            r"(?: (?:is )?(?:gay|fat|lol|lmao|xd))*\W*$",
        ),
    ),
    # the one addressed told they are unwanted: "nobody likes you", "you have no friends"
    # (not "nobody likes rainy days", "i have no friends online", "nobody asked for this update")
    Frame(
        ("nobody", "no one", "noone", "no friends", "hates you", "not welcome", "asked"),
        (
            r"(?:nobody|no one|noone) (?:(?:in|on|here in) (?:this|the|our) (?:server|chat|group|lobby|team|channel|"
            r"discord) )?(?:likes|wants|cares about|asked|needs) (?:you|u)\b(?! (?:to|more|better|for)\b)",
            r"^(?:lol |lmao |ok |and |but )?who (?:tf |the fuck |even )?asked(?: (?:you|u))?\W*$",
            r"(?:nobody|no one|noone) wants to (?:play|talk|be friends|hang out|be) with (?:you|u)\b",
            # "Shut up already nobody wants to hear it"
            r"(?:nobody|no one|noone) (?:wants|needs) to hear (?:it|this|that|you|u|your|ur)\W*$",
            r"(?:nobody|no one|noone) (?:asked|cares)(?: (?:lol|lmao|bro|kid|noob|loser|idiot))*\W*$",
            r"(?:nobody|no one|noone) (?:really )?cares (?:about )?what (?:you|u) (?:think|say|said|want|believe)\b",
            r"(?:nobody|no one|noone) (?:really )?cares about (?:your|ur) "
            r"(?:opinions?|thoughts|feelings|takes?|life story)\b",
            r"(?:you|u) (?:have|got|has) no friends\b",
            r"everyone (?:hates|despises) (?:you|u)\b",
            r"(?:you're|youre|you are|ur|u r) not welcome (?:here|in this)\b",
        ),
    ),
    # the one addressed called the worst, blind, a child, or asked why they are here at all:
    # "ur the worst support", "r u blind", "ur like 10 years old", "why are you even playing"
    # (not "you are the best", "the worst part is the queue", "are you going to blind the dragon")
    Frame(
        _CALLED_WORDS,
        (
            # "you're delusional", "ur unhinged" (not "you're insane", praise in game chat)
            r"(?:(?:you|u)(?:'re| are| r|re)|ur) "
            rf"(?:(?:so|completely|totally|just|clearly|actually|literally|fucking) )*(?:a )?{either(_UNHINGED)}\b",
            r"(?:you|u)(?:'re| are| r|re) (?:so |such |really |actually |literally |just |very |genuinely |the most )*"
            r"(?:annoying|cringe|cringey|cringy|fat)\b",
            # "ur so cringe", "your voice is so annoying", "you're irrelevant"
            r"ur (?:so |such |really |actually |literally |very )+(?:annoying|cringe|cringey|cringy)\b",
            r"(?:ur|your) (?:voice|laugh|mic|music|face|breathing|existence) (?:is|r) (?:so |really |actually )*"
            r"(?:annoying|cringe|cringey|cringy)\b",
            r"(?:you|u)(?:'re| are| r|re) (?:so |completely |totally |just )?irrelevant" + CLOSING,
            r"(?:ur|you're|youre|you are|u r|u are) (?:literally |actually |just |genuinely |easily )*"
            r"the (?:worst|dumbest|stupidest)"
            r"(?: (?:\w+ ){0,3}?(?:ever|in (?:this|the) (?:lobby|game|team|world)|"
            r"(?:i(?:'ve| have)?|ive) ever (?:seen|met|played with|played against|had|known)))?"
            r"(?: \w+){0,2}(?: (?:lol|lmao|xd|bro|dude))*\W*$",
            # a burden to the team (not "disabled people are a burden": ``derogation``'s)
            r"(?:you|u)(?:'re| are| r|re) (?:\w+ )?(?:a )?burden (?:on|to|for) (?:this|the|our|my|ur|your|every) "
            r"(?:team|squad|lobby|game|match|clan|guild)\b",
            # "you literally have no idea how to play this champ" (not "you have no idea how much that helps")
            r"(?:you|u) (?:literally |clearly |obviously |just |really |genuinely )?(?:have|got) no idea how to "
            r"(?:play|aim|use|farm|last hit|ward|drive|heal|tank|rotate)\b",
            r"(?:are|r) (?:you|u) (?:fucking |literally |actually |just |even )?(?:blind|mentally challenged|"
            r"mentally disabled)(?:\W*$| or (?:something|what))",
            r"(?:ur|you're|youre|you are|u r|u are) (?:like|probably|prob|def) (?:\d{1,2}|six|seven|eight|nine|ten|"
            r"eleven|twelve) ?(?:years? old|yo|y/o)\b",
            r"why (?:are|r) (?:you|u) even (?:here|playing|alive|in (?:this|my|our) (?:game|lobby|team|rank))\b",
            r"why (?:do|would) (?:you|u) even (?:play|queue|try)(?: (?:this game|ranked|this hero|dota|league))?\W*$",
        ),
    ),
    # "your parents must be ashamed (of you)"
    Frame(
        ("ashamed", "embarrassed", "disappointed"),
        (
            r"(?:your|ur) (?:parents|mom|mum|dad|family|mother|father) (?:must|should|would|will) (?:be|feel) "
            r"(?:so |really |very )?(?:ashamed|embarrassed|disappointed)"
            r"(?: (?:of|in) (?:you|u)| to have (?:you|u))?\W*$",
            # "You should be ashamed of yourself"
            r"(?:you|u) should (?:be|feel) (?:so |very |really |deeply )?ashamed of (?:yourself|urself|yourselves)\b",
        ),
    ),
    # "you sound like a child", "you absolute walnut" (not "you absolute legend"), "ok boomer",
    # "you'll regret being born"
    Frame(
        ("sound like", "act like", "talk like", "behave like", "absolute", "utter", "boomer", "regret"),
        (
            r"(?:you|u) (?:sound|act|talk|behave) like (?:a |an )?(?:little |spoiled |whiny )?"
            r"(?:child|baby|toddler|kid|five year old|\d+ ?(?:year old|yo))\b",
            r"(?:^|\W)(?:you|u) (?:absolute|utter) (?!(?:legend|genius|hero|beauty|star|king|queen|icon|unit|"
            r"madman|mad man|gem|angel|sweetheart|champ|beast|god|goat|saint|babe|cutie|sweetie|treasure|lifesaver|"
            r"saviour|savior)\b)[a-z]+\W*$",
            r"\bok(?:ay)? boomer\b",
            r"(?:you'll|youll|you will|u will|ull) regret (?:ever )?(?:being born|the day (?:you|u) were born)\b",
        ),
    ),
    # "wtf is wrong with you", "your mother should have aborted you", "... swallowed you" (not
    # "what is wrong with you?" unsworn: leaving one source out, three in four of those were
    # labeled not abusive)
    Frame(
        ("wrong with", "aborted", "swallowed"),
        (
            r"(?:wtf|tf|what the fuck)(?:'s| is|s)? wrong with (?:you|u)\b",
            r"(?:should|shouldve|should've) (?:have )?(?:aborted|swallowed) (?:you|u)\b"
            r"|(?:you|u) should(?:'ve| have) been aborted\b",
        ),
    ),
    # a death wished on the one addressed or their own ("i hope your mom dies")
    Frame(
        ("hope", "wish"),
        (
            r"(?:(?:i|we) (?:really |just )?)?(?:hope|wish) (?:that )?(?:you|u|ya|ur|your) "
            r"(?:(?:mom|mum|family|dog|kids?|whole family|parents) )?(?:dies?|get cancer|gets cancer|burns?|rots?|"
            r"get hit by a (?:car|bus|truck)|gets? (?:raped|killed|shot|run over)|chokes?(?: on it)?|"
            r"gets? (?:perma ?)?banned|lose every (?:game|match))\b",
            # or on their home or computer: "i hope your house burns down", "hope ur pc explodes"
            r"(?:(?:i|we) (?:really |just )?)?(?:hope|wish) (?:that )?(?:ur|your) (?:house|home|pc|computer|car) "
            r"(?:burns? down|explodes?|blows? up|catch(?:es)? fire)\b",
        ),
    ),
)
_FRAMES = (*_ADDRESSED, *WITS, *REMARKS, *TAUNTS, *GLOATS, *RANKS, *LIKENESSES)
# one word boundary before each frame's alternatives: a search fails at once inside a word;
# each line read as a line ("^" and "$" at its ends): a comment's last line may be "What a clown."
_SEARCHES = tuple(re.compile(rf"\b(?:{'|'.join(frame.patterns)})", re.MULTILINE) for frame in _FRAMES)
_JUST_BEFORE = 40  # characters: "isn't" and at most 12 more, "i've been the", with room
# not "no wonder" or "no doubt" ("no wonder ur hardstuck silver")
_NOT_INSULTED = re.compile(
    r"\b(?:(?:not|never|isn't|aren't|wasn't|weren't)\b|no\b(?! (?:wonder|doubt)\b))[^.!?]{0,12}$"
)
# the speaker's own play ("im the worst player ever"), a company's ("they have the worst support ever")
_REPLY_NAMES = re.compile(r"(?:@\w+[,:]?\s+)+")
_NOT_THE_ADDRESSEE = re.compile(r"\b(?:i'm|im|i am|i was|i've been|ive been|has|have|had|with|got)(?: the)?\W*$")

# Aho-Corasick passes over every frame's words at once; a text with none (nine in ten) is not
# searched further, and one with "bad" only by the frame of "bad" (4.5-6 µs a text, not 8:
# bench/README.md).
# the frame of INSULTS alone (no other word needed), which the vocative shares
_INSULTING = next(k for k, frame in enumerate(_FRAMES) if frame.needs == (INSULT_TRIGGERS,))
_WORDS = ahocorasick.Automaton()
for _k, _frame in enumerate(_FRAMES):
    for _n, _words in enumerate(_frame.needs):
        for _word in _words:
            _known: tuple[tuple[int, int], ...] = _WORDS.get(_word, (_word, False, ()))[2]
            _WORDS.add_word(_word, (_word, _word not in INSULT_TRIGGERS, (*_known, (_k, _n))))
# names the vocative reads that no frame does ("1v1 me scrub"; "you scrub the pans" is no insult;
# "go back to your basement you virgin")
for _word in ("scrub", "scrubs", "virgin", "virgins"):
    _WORDS.add_word(_word, (_word, True, ((_INSULTING, 0),)))
_WORDS.make_automaton()


def has_an_insult_word(folded: str) -> bool:
    """Some word of ``INSULTS``, or a name sworn ("fuckface"), occurs in the text, in any frame."""
    found = (word for _, (word, _, needs) in _WORDS.iter(folded) if any(k == _INSULTING for k, _ in needs))
    return any(is_an_insult(word, folded) for word in found)


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
    if _INSULTING in met and ends_with_a_name(folded):
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
