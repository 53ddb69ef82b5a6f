"""A threat to the person addressed is one, with or without swearing; violence at a thing is none.

The classifier lifts into the review band (never to a penalty: a person decides) violence
promised to the person addressed or to their family, urged on them against themselves or on
others against someone named ("i'm gonna beat you up", "i know where you live", "kys",
"someone should shoot that reporter": ``threatens_the_addressee``,
``tests/fixtures/threats.jsonl``), and holds below it a violent verb aimed only at a thing
("kill -9 1234", "kill the boss first", "shoot some hoops": ``violence_at_a_thing``). The
patterns are ours.
"""

from __future__ import annotations

import re

_SUBJECT = (
    r"(?:i'll|i will|ill|i'm gonna|im gonna|i am gonna|i'm going to|im going to|i am going to|we'll|we will|"
    # what the speaker wants or is about to do: "I WANT TO KILL YOU", "imma stab u"
    r"i want to|i wanna|i really want to|imma|ima|i'ma|i'm about to|im about to|i am about to|"
    r"we're gonna|were gonna|we are going to|someone will|someone should|somebody should|and)"
)
_HARM = r"(?:kill|murder|hurt|stab|shoot|strangle|choke|rape|drown|burn|slap|punch)"
_THREATENED = re.compile(
    rf"\b{_SUBJECT}\s+(?:\w+\s+)?{_HARM}\s+(?:you|u|ya)\b(?!\s+an?\s+(?:e-?mail|mail|message|text|dm|pm|note|line|link))"
    rf"|\b{_SUBJECT}\s+(?:\w+\s+)?(?:beat (?:you|u) up|beat the (?:shit|crap|hell|life) out of (?:you|u)|"
    r"hunt (?:you|u) down|break your (?:neck|legs?|arms?|face|jaw|skull)|smash your (?:face|head|skull)|"
    r"put a bullet in|slit your throat|make you (?:bleed|suffer|disappear)|find (?:out )?where (?:you|u) live|"
    r"find (?:you|u) and (?:beat|hurt|kill|stab|shoot|end|break) (?:you|u)\b|"
    # a threat made online: "i will ddos you", "im gonna leak your address"
    r"(?:ddos|dox|doxx|swat) (?:you|u|ya)\b|(?:ddos|hack) (?:your|ur) (?:account|pc|computer|router|wifi|internet)|"
    r"(?:leak|publish) (?:your|ur) (?:ip|address|home address|location|real name|nudes|pics|info|face|dox)|"
    # "ill find your address and burn your house"
    r"find (?:your|ur) (?:address|house|home)\b|(?:\w+ ){0,4}?(?:burn|torch|blow up|firebomb) (?:down )?"
    r"(?:your|ur) (?:house|home|car|place)\b|"
    # "I'm gonna put you in the hospital", "ill make sure you never walk again"
    r"put (?:you|u) in (?:the |a )?(?:hospital|grave|ground|icu|wheelchair|coffin|body bag)\b|"
    r"make sure (?:you|u) (?:never (?:walk|see|talk|wake up|breathe)|can't (?:walk|see|talk))\b)"
    # harm wished at the hands of another: "i hope someone stabs you"
    r"|\b(?:hope|wish) (?:someone|somebody|they|a \w+) (?:stabs|kills|shoots|hurts|beats up|rapes|runs over|murders|"
    r"strangles) (?:you|u|ya)\b"
    # a condition and its price: "say that again and ur dead"
    r"|\b(?:say|do|try) (?:that|it) again and (?:you're|youre|ur|you are|u r|you'll be|youll be) "
    r"(?:dead|done|finished|getting hurt)\b"
    # "keep it up and you'll end up in a body bag", "we know where your kids go to school"
    r"|\b(?:you'll|youll|you will|u will|ull) end up (?:in a (?:body bag|coffin|grave|hospital bed|ditch|wheelchair)|"
    r"dead|six feet under)\b"
    r"|\b(?:i|we) know where (?:your|ur) (?:kids?|children|family|wife|husband|mom|mum|daughter|son|sister|brother) "
    r"(?:go|goes|live|lives|work|works|sleep|sleeps)\b"
    # a killing urged on a person named: "someone should shoot that reporter" (a thing is not:
    # ``violence_at_a_thing``)
    r"|\b(?:someone|somebody) (?:should|needs to|ought to|has to|gotta) "
    r"(?:shoot|kill|stab|hang|murder|beat up|run over) (?:that|this|the|him|her|them)\b"
    r"|\b(?:watch your back|(?:i|we) know where (?:you|u) live|sleep with one eye open|"
    r"(?:i|we) (?:have|got|know|traced|found) (?:your|ur) (?:ip|home address|address)|"
    r"you(?:'re| are| r)? (?:dead meat|so dead|a dead man|going to die|gonna die)|you will die|you'll die|"
    r"kys|kill yourself|kill urself|kill ur self|hang yourself|neck yourself|drink bleach|go die)\b"
)
_LAUGHTER = re.compile(r"\b(?:laughing|of laughter|lol)\b")


_VIOLENT_VERB = re.compile(
    r"\b(?:kill(?:s|ed|ing|all)?|pkill|shoot(?:s|ing)?|shot|murder(?:s|ed|ing)?|choke(?:s|d)?|strangle(?:s|d)?)\b"
)
# a map's choke point, not a hand at a throat: "hold the choke", "they camp that choke" (only
# "choke": "the murder of", "a shooting star", "shoot my shot" are said beside swearing at people)
_A_CHOKE_POINT = re.compile(r"\b(?:the|a|that|this|their|our|every|each|mid|long|short)\s+$")
_AT_A_THING = re.compile(
    r"(?:\s+-\w+)*\s+(?:\d+\b|"
    # a player low on health: "kill him he's low", "kill her shes one shot"
    r"(?:him|her|them)(?=,?\s+(?:he's|hes|he is|she's|shes|she is|they're|theyre|they are|is|are)\s+(?:low|one shot|"
    r"1 shot|oneshot|one hp|1 hp|almost dead|oom|out of mana)\b)|"
    r"(?:(?:the|that|this|my|your|his|her|their|our|its|a|an|all|every|some|old|stuck|frozen|hung|running|other|current|"
    r"first|last|final|next|big|main|damn|bloody) )*"
    r"(?:process(?:es)?|procs?|pids?|jobs?|tasks?|daemons?|services?|servers?|apps?|applications?|programs?|"
    r"scripts?|browsers?|windows?|tabs?|sessions?|terminals?|shells?|bugs?|boss(?:es)?|mobs?|"
    # "kill that", "kill it with fire"; not "shoot that reporter"
    r"it|(?:that|this)(?!\s+(?!(?:with|and|now|first|again|already|too|off|for|in|on|at|or|then|before|after|one|"
    r"lol)\b)[a-z])|"
    r"enem(?:y|ies)|minions?|monsters?|zombies?|dragons?|lights?|music|engine|power|time|battery|mood|vibe|"
    r"signal|connection|x|x11|xorg|gdm|kdm|esd|firefox|chrome|dhclient|network ?manager|pulseaudio|"
    r"-\d+|weeds?|germs?|bacteria|flies|mosquito(?:es)?|spiders?|photos?|shots?|picture|goals?|hoops?|"
    r"movies?|films?|videos?|episodes?|"
    r"three|3s?|pointers?|penalty|the ball|carry|carries|jungler|adc|healers?|tanks?|heroes|towers?|rax|"
    r"barracks|roshan|rosh|baron|nexus|ancient|creeps?|neutrals|wards?|couriers?|supports?|supp|mid|mid laner|"
    r"offlaner|top laner|bot laner|solo laner|snipers?|barrels?|turrets?|inhibs?|inhibitors?|drakes?|herald|"
    r"(?:bomb |flag )?carriers?|planters?|defusers?|awpers?|campers?|"
    r"objectives?))\b"
)

#: the threats' words that the cue ``threat_words`` (wordlists.THREAT) does not count: a
#: text with neither is not looked at (``bounds.bound``)
UNCOUNTED_THREAT_WORDS = (
    "kys", "slap", "punch", "bleach", "neck yourself", "eye open", "where you live", "where u live", "ddos", "dox",
    "swat", "hack", "leak", "publish", "your ip", "ur ip", "your address", "ur address",
    "your home address", "hospital", "make sure", "end up", "know where", "someone should", "somebody should",
)  # fmt: skip


def violence_at_a_thing(folded: str) -> bool:
    """Every "kill", "shoot", "murder" or "choke" in the text is aimed at a thing (a process,
    a program, a game's boss or objective, the lights, a photo or a goal: "kill esd", "kill -9
    1234", "kill the boss first", "shoot the bomb carrier", "shoot some hoops", a player said
    to be low on health: "kill him he's low") or is a noun
    ("hold the choke"), and no threat is made to the person addressed beside it.
    Such a message is no threat, whatever the n-grams of the verb say."""
    verbs = list(_VIOLENT_VERB.finditer(folded))
    return (
        bool(verbs)
        and all(
            _AT_A_THING.match(folded, m.end())
            or (m.group().startswith("choke") and _A_CHOKE_POINT.search(folded, 0, m.start()))
            for m in verbs
        )
        and not threatens_the_addressee(folded)
    )


def threatens_the_addressee(folded: str) -> bool:
    """Violence promised to the person addressed, or urged on them against themselves
    (tests/fixtures/threats.jsonl); "you'll die laughing" is no threat."""
    return _THREATENED.search(folded) is not None and _LAUGHTER.search(folded) is None
