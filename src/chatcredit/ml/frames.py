"""Speech about an attack is not an attack; an attack on a group is one, however politely
it is worded.

Quoting or reporting an attack to denounce it, denying one ("X are not ..."), a group's own
reclaimed word, or affection for a group: the classifier's n-grams see the same words in
all of these as in the attack itself; these patterns see the frame
(``tests/fixtures/hate_contrasts.jsonl`` has cases of each). The classifier caps what such a
message scores as harassment and hate (``TextClassifier.calibrated``). The patterns are ours.

Known gap: an attacker can borrow the frame ("... and that's no lie" is not denouncing);
the cap keeps such a message out of the review band, so it is left to reports and rules.

The other way round, a group derogated without a single swear word ("immigrants are a
plague", "I despise trans people", "women belong in the kitchen") is a frame too
(``derogates_a_group``; ``tests/fixtures/group_attacks.jsonl`` has cases of each): the
n-grams of five sources see too few of these, and the classifier lifts such a message into
the review band as hate (never to a penalty: a person decides). A threat to the person
addressed ("i'm gonna beat you up", "i know where you live", "kys") is lifted the same
way as a threat (``threatens_the_addressee``; ``tests/fixtures/threats.jsonl``), and a
sexual demand to them ("send nudes") as sexual (``solicits_sex``).
"""

from __future__ import annotations

import re

import ahocorasick

_GROUP = (
    r"(?:wom[ae]n|girls|m[ae]n|gays?|gay (?:people|men|friends)|lesbians?|trans (?:people|women|men)|queers?|"
    r"black (?:people|men|women)|blacks|jews|jewish people|muslims|immigrants|refugees|migrants|disabled people|"
    r"asians|mexicans|africans|arabs|christians|hindus)"
)
_REPORTED = re.compile(
    r"[\"“”«»]|\b(?:said|says|saying|wrote|writes|posted|posts|called|calling|claim(?:s|ing)?|comparing|quoting|"
    r"telling|hearing|(?:if|when) you say|statements? (?:that|like)|comments? like|the idea that|people saying)\b"
)
_DENOUNCED = re.compile(
    r"\b(?:racis[mt]|sexis[mt]|bigot(?:ry|ed|s)?|hateful|hate speech|dehumani[sz]\w*|antisemit\w*|homophob\w*|"
    r"transphob\w*|islamophob\w*|xenophob\w*|not okay|not ok|unacceptable|disgusting|vile|myth|stereotype|lie|"
    r"false|wrong|no place|call (?:it|this|that) out|reported|apologi[sz]e|stop|deleted|removed|"
    r"breaking the rules|won't stand|not backed|please don't|spread(?:s|ing)? (?:it|hate)|quoting hate|hurtful|harmful|"
    r"shameful|disgraceful|appalling|tired of|sick of)\b"
)
_NEGATED = re.compile(
    rf"\b{_GROUP}\b[^.!?]{{0,30}}\b(?:are|is|were)(?:n't| not| never)\b(?! (?:human|people|welcome))"
    r"|\b(?:don't|do not|never|would never|can't|cannot|shouldn't|should not|(?:no one|nobody) should(?: ever)?)\s+"
    r"(?:hate|call|say)\b"
)
_OWN = re.compile(
    r"\b(?:i'm|i am|we're|we are|as an?|my fellow|fellow|proud)\b[^.!?]{0,25}"
    r"\b(?:queers?|dykes?|gay|lesbian|trans|bi)\b"
    r"|\bqueer (?:folks?|people|community|and trans)\b"
)
_AFFECTION = re.compile(
    rf"\b(?:i|we) (?:love|support|respect|welcome|admire|stand with|stand by)\b[^.!?]{{0,20}}\b{_GROUP}"
    rf"|\b{_GROUP} (?:people )?(?:are|is) (?:just |also |as |so )?(?:people|human|humans|normal|equal|welcome|valid|"
    r"loved|beautiful|awesome|great|amazing)\b"
    rf"|\b{_GROUP} (?:people )?deserves? (?:the same |equal )?(?:rights|respect|dignity|love|better|"
    r"to be (?:safe|happy|respected|loved|heard|treated equally))\b"
)


def about_an_attack(folded: str) -> bool:
    """Quoting, reporting, denying or reclaiming: the frames in which an attack's words are
    not an attack (tests/fixtures/hate_contrasts.jsonl)."""
    return bool(
        (_REPORTED.search(folded) and _DENOUNCED.search(folded))
        or _NEGATED.search(folded)
        or _OWN.search(folded)
        or _AFFECTION.search(folded)
    )


# Groups by what they are (plural, as a derogation speaks of them), slurs included.
_DETERMINERS = r"(?:(?:all|the|these|those|most|every|you|fucking|filthy|dirty) ){0,2}"
_BORN = (
    r"(?:wom[ae]n|girls|gays|gay (?:people|men|women|folks?)|lesbians|trans(?:gender)? (?:people|women|men|folks?)|"
    r"trannies|queers|black (?:people|men|women|folks?)|blacks|white (?:people|men|women)|whites|jews|jewish people|"
    r"muslims|muslim (?:people|men|women)|disabled people|the disabled|cripples|retards|asians|asian people|"
    r"chinese people|mexicans|africans|arabs|christians|hindus|indians|latinos|hispanics|gypsies|niggers|niggas|"
    r"faggots|fags|dykes|kikes|spics|chinks|wetbacks|towelheads|ragheads)"
)
# A status, not a birth: calling refugees vermin attacks them as much as anyone, but who
# should be let in or sent back is a question of policy, and a view on it is not flagged
# (viewpoint neutrality): these groups are not in the removal and exclusion forms.
_STATUS = r"(?:immigrants|refugees|migrants|foreigners|illegals)"
_GROUPS = rf"{_DETERMINERS}(?:{_BORN}|{_STATUS})"
_BORN_GROUPS = rf"{_DETERMINERS}{_BORN}"
_VILE = (
    r"(?:(?:all|just|so|such|nothing but|a bunch of|like|truly|really|fucking|the) )*"
    r"(?:vermin|rats|parasites|animals|scum|trash|garbage|filth|filthy|a disease|diseased|a cancer|cancer|a plague|"
    r"subhuman|savages|apes|monkeys|pigs|cockroaches|disgusting|inferior|worthless|evil|dangerous|criminals|"
    r"terrorists|rapists|thieves|stupid|dumb|idiots|morons|lazy|useless|pathetic|mentally ill|sick|a burden|"
    r"a threat|violent|dirty|primitive|less than human|freaks|an abomination|abominations|degenerates?|perverts|"
    r"pedophiles|paedophiles|sluts|whores|bitches|greedy|liars|cheats|barbaric|backwards?|property|objects|"
    r"a virus|viruses|a pest|pests|lice|leeches|maggots|a blight|a stain|a waste of space|thugs|beasts|swine|"
    r"the worst|too (?:stupid|emotional|weak|dumb))\b"
)
_DEROGATED = re.compile(
    rf"\b{_GROUPS} (?:are|r|is) {_VILE}"
    rf"|\b{_GROUPS} (?:are|is)(?: not|n't) (?:human|people)\b"
    r"|\b(?:i|we) (?:(?:really|just|fucking|truly) )?(?:hate|despise|detest|loathe|can't stand|cannot stand) "
    rf"{_GROUPS}\b"
    rf"|\b(?:kill|shoot|hang|gas|exterminate|eradicate|wipe out) {_GROUPS}\b"
    rf"|\b(?:get rid of|lock up) {_BORN_GROUPS}\b"
    rf"|\b{_BORN_GROUPS} (?:should|must|need to|ought to|deserve to) (?:all )?(?:die|be (?:killed|locked up|"
    r"banned|shot|hanged|gassed|exterminated|executed|murdered|slaughtered|eradicated|sterili[sz]ed|removed|"
    r"put down|locked away|deported|expelled|kicked out|thrown out)|not (?:be allowed|exist|have rights)|"
    r"go back|get out|burn|disappear)\b"
    rf"|\b(?:better|safer) (?:place|off|world|country) without {_BORN_GROUPS}\b"
    rf"|\b{_BORN_GROUPS} (?:can't|cannot|can never|shouldn't|should never) be trusted\b"
    rf"|\b{_BORN_GROUPS}\b[^.!?]{{0,40}}\b(?:i|we) (?:really |just |fucking )?(?:hate|despise|detest|loathe|"
    r"can't stand) them\b(?! being| getting| when)"
    rf"|\b{_BORN_GROUPS} belongs? (?:in|on) (?:the |a )?(?:kitchen|zoo|cages?|camps?|concentration camps?|ovens?|"
    r"chains|prison|jail|trash|gutter|gas chambers?)\b"
)


def derogates_a_group(folded: str) -> bool:
    """A group attacked for what it is: called vile, hated, threatened, to be removed or
    kept in its place (tests/fixtures/group_attacks.jsonl)."""
    return _DEROGATED.search(folded) is not None


_SUBJECT = (
    r"(?:i'll|i will|ill|i'm gonna|im gonna|i am gonna|i'm going to|im going to|i am going to|we'll|we will|"
    r"we're gonna|were gonna|we are going to|someone will|someone should|somebody should|and)"
)
_HARM = r"(?:kill|murder|hurt|stab|shoot|strangle|choke|rape|drown|burn|slap|punch)"
_THREATENED = re.compile(
    rf"\b{_SUBJECT}\s+(?:\w+\s+)?{_HARM}\s+(?:you|u|ya)\b(?!\s+an?\s+(?:e-?mail|mail|message|text|dm|pm|note|line|link))"
    rf"|\b{_SUBJECT}\s+(?:\w+\s+)?(?:beat (?:you|u) up|beat the (?:shit|crap|hell|life) out of (?:you|u)|"
    r"hunt (?:you|u) down|break your (?:neck|legs?|arms?|face|jaw|skull)|smash your (?:face|head|skull)|"
    r"put a bullet in|slit your throat|make you (?:bleed|suffer|disappear))"
    r"|\b(?:watch your back|i know where you live|we know where you live|sleep with one eye open|"
    r"you(?:'re| are| r)? (?:dead meat|so dead|a dead man|going to die|gonna die)|you will die|you'll die|"
    r"kys|kill yourself|kill urself|kill ur self|hang yourself|neck yourself|drink bleach|go die)\b"
)
_LAUGHTER = re.compile(r"\b(?:laughing|of laughter|lol)\b")


_VIOLENT_VERB = re.compile(r"\b(?:kill(?:s|ed|ing|all)?|pkill|shoot(?:s|ing)?|shot|murder(?:s|ed|ing)?)\b")
_AT_A_THING = re.compile(
    r"(?:\s+-\w+)*\s+(?:\d+\b|"
    r"(?:(?:the|that|this|my|your|his|her|their|our|its|a|an|all|every|some|old|stuck|frozen|hung|running|other|current|"
    r"first|last|final|next|big|main|damn|bloody) )*"
    r"(?:process(?:es)?|procs?|pids?|jobs?|tasks?|daemons?|services?|servers?|apps?|applications?|programs?|"
    r"scripts?|browsers?|windows?|tabs?|sessions?|terminals?|shells?|it|that|this|bugs?|boss(?:es)?|mobs?|creeps?|"
    r"enem(?:y|ies)|minions?|monsters?|zombies?|dragons?|lights?|music|engine|power|time|battery|mood|vibe|"
    r"signal|connection|x|x11|xorg|gdm|kdm|esd|firefox|chrome|dhclient|network ?manager|pulseaudio|"
    r"-\d+|weeds?|germs?|bacteria|flies|mosquito(?:es)?|spiders?|photos?|shots?|picture|goals?|hoops?|"
    r"three|3s?|pointers?|penalty|the ball))\b"
)

# Belittling the person addressed, with or without a swear word: game chat's "ur trash",
# "you are so useless", "you noob", "shut up loser". A frame, not a cue: as a cue the
# sources' n-grams outweighed it (docs/detection.md, "an insult list").
# fmt: off
INSULTS = (
    "idiot", "moron", "imbecile", "cretin", "loser", "clown", "noob", "newb", "trash", "garbage", "useless",
    "pathetic", "worthless", "braindead", "brain dead", "brainless", "retard", "retarded", "dumb", "dumbass",
    "stupid", "scum", "scumbag", "waste of space", "waste of oxygen", "waste of air", "piece of shit",
    "piece of crap", "piece of garbage", "piece of trash", "joke", "failure", "disgrace", "embarrassment",
    "disgusting", "ugly", "fat pig", "fat cow", "fat slob", "dogshit", "terrible at", "so bad at", "bad at this",
)
_MODIFIERS = (
    r"(?:(?:such|so|a|an|the|fucking|complete|total|absolute|real|really|just|literally|utter|utterly|pure|actual|"
    r"actually|one|dumb|stupid|little|big|fat) )*"
)
# fmt: on
_INSULT = "(?:" + "|".join(map(re.escape, INSULTS)) + ")s?"
_INSULTED = re.compile(
    rf"\b(?:you|u|ya)(?:'re| are| r|re| were| look like| sound like)? {_MODIFIERS}{_INSULT}\b"
    rf"|\b(?:ur|youre|you're) {_MODIFIERS}{_INSULT}\b"
    rf"|\b(?:shut up|stfu|gtfo|uninstall|go away|get lost),? (?:you )?{_MODIFIERS}{_INSULT}\b"
)
_NOT_INSULTED = re.compile(r"\b(?:not|never|no|isn't|aren't|wasn't|weren't)\b[^.!?]{0,12}$")
# Every match of _INSULTED holds one of INSULTS as it is written: one Aho-Corasick pass over
# them first, and a text with none (nine in ten) is not searched further (1 µs a text, not 5).
_INSULT_WORDS = ahocorasick.Automaton()
for _word in INSULTS:
    _INSULT_WORDS.add_word(_word, _word)
_INSULT_WORDS.make_automaton()


def insults_the_addressee(folded: str) -> bool:
    """The person addressed belittled ("ur trash", "you are so useless", "you idiot",
    "shut up loser"); "you're not an idiot" and "I'd never call you an idiot" are not
    (tests/fixtures/insults.jsonl)."""
    if next(_INSULT_WORDS.iter(folded), None) is None:
        return False
    return any(_NOT_INSULTED.search(folded, 0, m.start()) is None for m in _INSULTED.finditer(folded))


_SOLICITED = re.compile(
    r"\b(?:send|show|give|dm|pm|post)(?: me| us)? (?:(?:some|your|ur|a|the|more) )*"
    r"(?:nudes?|(?:naked|nude|topless) (?:pics?|pictures|photos?|selfies?)|tits|boobs|titties|pussy|dick|cock|ass|"
    r"feet pics|pics of (?:you|u) naked|(?:pics?|pictures|photos?) (?:of you )?(?:naked|nude|topless))\b"
    r"|\b(?:wanna|want to|let's|lets|i want to|i wanna|gonna) (?:fuck|have sex)\b"
    r"|\b(?:wanna|want to|i want to|i wanna|gonna) (?:bang|smash) (?:you|u|ya)\b"
    r"|\b(?:suck|lick|touch|grab) my (?:dick|cock|balls|tits|pussy|ass)\b"
    r"|\bsit on my (?:face|dick|cock|lap)\b"
    r"|\b(?:are you|r u|u) (?:horny|wet|naked)\b"
)

#: the threats' words that the cue ``threat_words`` (wordlists.THREAT) does not count: a
#: text with neither is not looked at (``TextClassifier.calibrated``)
UNCOUNTED_THREAT_WORDS = ("kys", "slap", "punch", "bleach", "neck yourself", "eye open")


#: the solicitations' words that the cue ``sexual_words`` (wordlists.SEXUAL) does not count
UNCOUNTED_SEXUAL_WORDS = ("wet", "face", "feet", "lap")


def solicits_sex(folded: str) -> bool:
    """A sexual demand or proposition to the person addressed ("send nudes", "show me your
    tits", "wanna fuck"; tests/fixtures/solicitations.jsonl)."""
    return _SOLICITED.search(folded) is not None


def violence_at_a_thing(folded: str) -> bool:
    """Every "kill", "shoot" or "murder" in the text is aimed at a thing: a process, a
    program, a game's boss, the lights, a photo or a goal ("kill esd", "kill -9 1234",
    "kill the boss first", "shoot some hoops"). Such a message is no threat, whatever the
    n-grams of the verb say."""
    verbs = list(_VIOLENT_VERB.finditer(folded))
    return bool(verbs) and all(_AT_A_THING.match(folded, m.end()) for m in verbs)


def threatens_the_addressee(folded: str) -> bool:
    """Violence promised to the person addressed, or urged on them against themselves
    (tests/fixtures/threats.jsonl); "you'll die laughing" is no threat."""
    return _THREATENED.search(folded) is not None and _LAUGHTER.search(folded) is None
