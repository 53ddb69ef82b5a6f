"""Lines that mean no one, in words the sources read as abuse: "that was a stupid play by
me", "I hate mondays", "that was a sick play", "this boss is killing me".

The n-grams read an insult's words and not whom they are said of, and the five sources say
"hate", "sick", "filthy" and "killing" mostly of people: "that was a stupid play by me" was
at 0.98 as harassment (an automated penalty), "I hate mondays" at 0.53, "I hate mosquitoes"
at 0.64, "that was a sick play" at 0.73 and "this boss is killing me" at 0.66. A line that
only blames the speaker (``blames_oneself``), or hates a thing, praises a play or groans at
one with nobody named, addressed or called a name in it (``means_no_one``), only praises a
play ("nice kill": ``praises_a_play``), speaks of refuse ("the white trash can is full":
``speaks_of_refuse``), curses a machine ("stupid lag": ``curses_a_machine``) or says a saying
("shut up and take my money": ``says_a_saying``), is held below the review band. The patterns are ours.
"""

from __future__ import annotations

import re

from chatcredit.ml.derogation import may_name_a_group
from chatcredit.ml.insults import has_an_insult_word
from chatcredit.ml.name_calling import INSULT, either
from chatcredit.ml.players import ROLE
from chatcredit.ml.remarks import CROWDS as _CROWDS
from chatcredit.ml.wordlists import YOU

# The speaker blaming themself, and nothing more: "that was a stupid play by me", "i suck at
# this hero sorry", "i am such an idiot, i forgot to buy tp". The n-grams read the insult's
# words and not who they are said of (0.98 as harassment for the first, before this frame).
# The whole line must be the speaker's: nobody addressed ("i'm bad at this unlike you") and
# no swear word, which the sources' labels count whoever it is said of. So is the speaker's own
# death in a match: "we die" was 0.83, "he killed me" 0.52.
_SELF_BLAME = re.compile(
    r"^(?!.*\b(?:you|u|ur|your|you're|youre|ya|he|she|they|this guy)\b)"
    r"(?:(?:sorry|my bad|oops|ugh|damn|lol|guys|team|ok|okay|welp|rip)\W+)*"
    r"(?:(?:i'm|im|i am|i was|i feel|i) (?:so |such |really |just |honestly |literally |actually |very |pretty )*"
    r"(?:bad|terrible|awful|trash|garbage|useless|dumb|stupid|an idiot|a noob|a moron|a clown|suck|sucked|"
    r"the worst)(?: (?:at|with|on) [\w' ]{1,40})?"
    r"|(?:that|this) (?:was|is) (?:a |such a |so )?(?:stupid|dumb|bad|terrible|idiotic|awful|horrible) "
    r"(?:play|move|mistake|call|decision|idea|throw|engage|dive|pull) (?:by|from|on|of) (?:me|my part|mine)"
    r"|(?:that|this) (?:was|is) (?:so |really |pretty )?(?:stupid|dumb|bad|idiotic) of me)"
    r"(?: (?:today|tonight|rn|atm|this game|this round|this match))?"
    # "i'm so stupid, left my keys at home" (0.84)
    r"(?:\W+(?:sorry|my bad|lol|lmao|guys|team|rip|xd|haha+|oops|(?:i )?(?:forgot|missed|didn't|didnt|left|lost|"
    r"dropped|broke|locked) [\w' ]{1,40}))*"
    r"\W*$"
    # ... or their own death in a match: "i die", "we died again lol", "he killed me"
    r"|^(?:(?:sorry|oops|ugh|lol|rip|omg|welp)\W+)*(?:(?:i|we|i'm|im|we're|were) (?:(?:just|all|literally|always|"
    r"keep|so|gonna) )*(?:die|died|dying|dead|dead again)|(?:he|she|they|their \w+|that \w+|this \w+) (?:just )?"
    r"(?:killed|one shot|oneshot|destroyed) (?:me|us))(?: (?:again|instantly|so fast|from nowhere|lol|lmao|rip))*\W*$"
)


def blames_oneself(folded: str) -> bool:
    """The speaker's own play called bad, or their own death in a match, and nothing else said
    ("i'm trash at this champ lol", "that was a dumb move on my part", "we die", "he killed
    me"): no insult, however its words read."""
    return _SELF_BLAME.match(folded) is not None


# fmt: off
_SOMEBODY = (
    *YOU, "you're", "yall", "y'all", "he", "him", "his", "she", "her", "they", "them", "their", "people", "ppl",
    "person", "persons", "guys", "guy", "dude", "bro", "man", "men", "woman", "women", "everyone", "everybody",
    "someone", "somebody", "anyone", "anybody", "whoever", "who", "girl", "girls", "boy", "boys", "kid", "kids",
    "player", "players", "teammate", "teammates", "team", "mod", "mods", "admin", "admins", "hoe", "hoes", "thot",
    "thots", "slut", "sluts", "whore", "whores", "skank", "skanks", "f-ing",
)
# fmt: on
_NOBODY = rf"(?!.*\b(?:{either(_SOMEBODY)}|bitch\w*|{INSULT})\b|.*\b{ROLE}\b)"
_SIGHS = r"(?:(?:ugh+|god|omg|honestly|lol|ngl|tbh|damn|oh|jeez|man|sigh|welp|i swear|bro|dude|wow|yo|holy)\W+)*"
_TRAILING = r"(?:,?\W*(?:lol|lmao|ugh+|smh|xd|haha+|so much|tbh|ngl|fr|omg|wow|gg|wp|nice|dude|bro|man|guys))*\W*$"
_PRAISED = "(?:sick|filthy|nasty|insane|crazy|cracked|unreal|mental|clean|nuts|wild|huge|massive)"
_PLAYED = (
    "(?:play|build|shot|clip|combo|move|ult|flick|edit|save|snipe|goal|pass|dunk|trick|base|house|castle|skin|pfp|"
    "setup|fit|one|parkour|jump|run|kill|headshot|clutch|dodge|hook|arrow|spray|ace|round|game|beat|track|song|drop)"
)
_IDIOMS = re.compile(
    # "i hate mondays", "ugh i hate it when my phone dies", "I really can't stand cars like these"
    rf"^(?=.{{0,200}}$){_NOBODY}{_SIGHS}i (?:(?:really|just|so|honestly|absolutely|kinda|lowkey|truly|do|still|"
    r"always|totally) )*(?:hate|can't stand|cant stand|cannot stand|despise|detest)\b[\w' ,.-]{0,100}?"
    + _TRAILING
    # "that was a sick play", "sick build dude", "that was filthy", "what a nasty shot" (a noun or
    # "that was" needed: "Sick." alone is disgust as often as praise)
    + rf"|^{_SIGHS}(?:(?:(?:that|this|it) ?(?:was|is|'s|s) (?:a |so |such a |one |an )?|what an? |so |such an? )?"
    rf"{_PRAISED} {_PLAYED}|(?:that|it) was (?:so |such a |a )?{_PRAISED}|"
    rf"(?:that|this|the|ur|your) {_PLAYED} (?:was|is) (?:so |such a |a |an )?{_PRAISED})"
    + _TRAILING
    # "Mornings are the worst", "mondays are so annoying" (a crowd is somebody: "liberals are the worst")
    + rf"|^{_NOBODY}(?!{either(_CROWDS)}\b){_SIGHS}[a-z]+s (?:are|r) (?:just |literally |honestly |actually )?"
    r"(?:the worst|the absolute worst|so annoying|the bane of my existence)"
    + _TRAILING
    # "this boss is killing me", "my back is killing me" (not "this guy is killing me")
    + rf"|^{_SIGHS}(?:this|the|that|my|these|those) (?!(?:{either(_SOMEBODY)})\b)[a-z]+(?: [a-z]+)? (?:is|are) "
    r"(?:literally |actually |so |really )?killing me" + _TRAILING
)


def means_no_one(folded: str) -> bool:
    """A line that hates a thing, praises a play or groans at one, with nobody in it ("i hate
    mondays", "that was a sick play", "this boss is killing me"): no insult, however its words
    read. The classifier asks for no swear word besides, which ``blames_oneself`` does not
    ("i'm so stupid" holds one of the profanity list's words)."""
    return _IDIOMS.match(folded) is not None and not may_name_a_group(folded)


# "nice kill", "gj double kill", "great save": a play praised (or called free), every word of
# the line ours
_PRAISE = re.compile(
    rf"^{_SIGHS}(?:nice|good|great|gj|awesome|amazing|sweet|clean|wp)(?: one)?,? (?:first |double |triple |quadra "
    r"|penta |team |multi |ultra )?(?:kills?|headshots?|shot|save|combo|ult|steal|block|hook|snipe|play)"
    + _TRAILING
    # ... or called easy: "free kill", "free kills mid"
    + rf"|^{_SIGHS}free (?:kill|kills)(?: (?:top|mid|bot|here|there))?"
    + _TRAILING
    # ... or named: "double kill", "rampage", "kill steal lol" ("sorry for taking your kill" holds
    # "your" and the profanity list's "kill", which the cues read as an insult)
    + rf"|^{_SIGHS}(?:first blood|(?:double|triple|quadra|penta|ultra|mega|monster) kill|rampage|ace|kill ?steal|"
    r"(?:taking|stealing|took|stole) (?:my|his|her) kills?)"
    + _TRAILING
    # ... or the enemy's player praised: "their pudge is insane", "enemy mid is cracked"
    + rf"|^{_SIGHS}(?:their|the enemy|enemy) (?:\w+ ){{1,2}}(?:is|are|was) (?:so |literally |actually |just )?"
    rf"(?:{_PRAISED}|a beast|a monster|too good|crazy good)"
    + _TRAILING
    # ... or a move praised: "omg that flank was insane"
    + rf"|^{_SIGHS}(?:that|this|what a|the) (?:flank|play|rotation|gank|combo|dive|clutch|shot|ult|snipe|save|steal|"
    rf"hook|push|comeback|teamfight|fight|escape|juke) (?:was|is) (?:so |literally |actually |just )?{_PRAISED}"
    + _TRAILING
)


def praises_a_play(folded: str) -> bool:
    """A line that only praises a play ("nice kill", "gj double kill lol"). "kill" is a word of
    the profanity list, so unlike ``means_no_one`` this asks for no line free of it: the
    pattern holds every word of the line."""
    return _PRAISE.match(folded) is not None


# Refuse, not a person: "put the black garbage bags out", "the white trash can is full",
# "take out the trash" (0.81, 0.89 and 0.52 as harassment before: "black", "white" and
# "garbage" read as a group called vile)
_REFUSE = re.compile(
    r"\b(?:(?:black|white|green|blue|grey|gray|big|small|plastic|full|empty|the|a) )*(?:trash|garbage|rubbish) "
    r"(?:bags?|cans?|bins?|trucks?|collection|day|disposal|pickup|chute|compactor|collectors?|service)\b"
    r"|\b(?:take|took|taking|takes|put|putting|puts|empty|emptying|bring|bringing) (?:out )?(?:the )?"
    r"(?:trash|garbage|rubbish)(?: out)?\b"
)


_SHORT = 120  # characters: a line about the bins, not a comment that mentions them on its way


def _taken_out(pattern: re.Pattern[str], folded: str) -> tuple[list[str], str]:
    """What ``pattern`` finds in the text, and the text with it taken out (one search)."""
    found, kept, at = [], [], 0
    for m in pattern.finditer(folded):
        found.append(m.group())
        kept.append(folded[at : m.start()])
        at = m.end()
    kept.append(folded[at:])
    return found, " ".join(kept)


def _names_no_one(rest: str) -> bool:
    """Nothing in ``rest`` names a group or calls a name."""
    return not has_an_insult_word(rest) and not may_name_a_group(rest)


def _only_in(pattern: re.Pattern[str], profane: re.Pattern[str], folded: str, profane_words: int) -> bool:
    """A short line where ``pattern`` finds something, every one of the profanity list's
    ``profane_words`` is inside what it found (as ``profane`` counts them), and the rest
    names no group and calls no name."""
    if len(folded) > _SHORT:
        return False
    found, rest = _taken_out(pattern, folded)
    if not found or profane_words > sum(len(profane.findall(span)) for span in found):
        return False
    return _names_no_one(rest)


def speaks_of_refuse(folded: str) -> bool:
    """A short line whose words of scorn are refuse ("garbage bags", "take out the trash")
    and, with those taken out, nothing is left that names a group or calls a name ("garbage
    man" is left alone: it is a name as often as a job)."""
    if len(folded) > _SHORT:
        return False
    found, rest = _taken_out(_REFUSE, folded)
    return bool(found) and _names_no_one(rest)


# Sayings whose words read as abuse: "shut up and take my money" (0.80 as harassment),
# "killing time", "kill two birds with one stone", "dressed to kill", "drop dead gorgeous"
# (not "suck it up": "Suck it up buttercup!" is labeled toxic)
_SAYINGS = re.compile(
    r"\bshut up and take my money\b|\bkill(?:ing|ed)? (?:some )?time\b|\bkill(?:ing|ed|s)? two birds\b"
    r"|\bdressed to kill\b|\bdrop dead (?:gorgeous|beautiful)\b"
    # "i could kill for a coffee right now" (0.69)
    r"|\b(?:could|would) (?:literally )?kill for (?:a|an|some|one) \w+"
)


_SAID_IN_A_SAYING = re.compile(r"\b(?:kill\w*|dead)\b")


def says_a_saying(folded: str, profane_words: int) -> bool:
    """A short line whose words of abuse are a saying ("shut up and take my money", "just
    killing time") with none of the profanity list's ``profane_words`` left beside it ("jerk
    off, kill two birds with one stone" is not one), and nothing else that names a group or
    calls a name."""
    return _only_in(_SAYINGS, _SAID_IN_A_SAYING, folded, profane_words)


# "stupid" and "dumb" said of a machine or a game, or as "very": "stupid lag", "this game is
# stupid hard", "they are dumb lucky" (0.97, 0.98, 0.92 as harassment: the first two an
# automated penalty); a machine said to suck or be trash ("this map sucks" 0.84, "these
# servers suck" 0.97). Not "a stupid idea", "a stupid question", "stupid things to say": those
# are said of what a person said or did, and the sources' labels count them.
_MACHINES = (
    r"(?:lag|game|bug|bugs|wifi|internet|connection|servers?|patch|update|map|queue|matchmaking|rng|keyboard|mouse|"
    r"controller|phone|computer|pc|printer|laptop|weather|traffic|ping|glitch|client|app|hitbox|hitboxes|camera|"
    # a game's things: "that build is garbage tbh, go with bkb" (0.84)
    r"item|items|build|builds|meta|mode|skin|skins|hero|champ|champion|comp|draft|"
    # ... and a show's: "the finale was trash tbh" (0.53)
    r"show|episode|finale|movie|film|season|ending|plot|song|album)"
)
_CURSED = re.compile(
    r"\b(?:stupid|dumb) (?:hard|lucky|fast|strong|broken|op|expensive|long|slow|tanky|busy|hot|cold)\b"
    # "that was a dumb way to die lol" (0.93)
    r"|\b(?:stupid|dumb) ways? to (?:die|lose|go out)\b"
    rf"|\b(?:(?:this|that|the|my|these|those|ur|your|fucking) )?(?:stupid|dumb) {_MACHINES}\b"
    # "wtf was that bug" (not "fuck this map": the sources' raters call "Fuck this computer" abusive)
    rf"|\b(?:wtf|what the (?:fuck|hell|heck)) (?:was|is) (?:that|this) {_MACHINES}\b"
    rf"|\b(?:this|that|the|my) {_MACHINES} (?:is|was) (?:so |really |just |soo+ )?(?:stupid|dumb)\b"
    # "this map sucks", "these servers suck", "matchmaking is garbage" (not "this team sucks")
    # (not "your build is garbage", said of the player's choice)
    # "the wifi at work sucks" (0.81)
    rf"|(?:^|\b(?:this|that|the|my|these|those|our) )(?:new |old |current |whole )?{_MACHINES}"
    r"(?: (?:at|in|on) (?:work|home|school|the office|my place)| here)? "
    r"(?:really |just |honestly |so |literally |still |kinda )?(?:sucks|suck|sucked|(?:is|was|are|were) "
    r"(?:trash|garbage|(?:a )?(?:piece|pile|heap) of (?:trash|garbage|junk|crap|shit)))"
    r"(?: so bad| so much| rn| today| tonight)?\b"
)
_SCORN = re.compile(r"\b(?:stupid|suck|wtf|fuck)\b")


def curses_a_machine(folded: str, profane_words: int) -> bool:
    """A short line whose "stupid" and "dumb" are said of a machine or a game, or mean "very"
    ("stupid lag", "this game is stupid hard"), or that says a machine sucks ("this map
    sucks"), with none of the profanity list's ``profane_words`` left beside them, and
    nothing else that names a group or calls a name."""
    return _only_in(_CURSED, _SCORN, folded, profane_words)
