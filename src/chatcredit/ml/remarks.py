"""Insults said of someone other than the person addressed: a crowd, a server's staff, a
third person, what someone said.

"liberals are idiots", "antifa are a bunch of thugs", "these people are insane",
"conservatives are a cancer on this country" (crowds of every side: an insult, not a view);
"this admin is a joke"; "He is such a tool"; "what a disgusting human being"; "the dumbest
take I've seen"; "..., typical trash". ``insults.insults_the_addressee`` searches these with
its own frames and the room's (``taunts``) in one pass; like them they lift a message into
the review band as harassment, never to a penalty. The look-alikes held back are in
``tests/fixtures/insults.jsonl`` (kind "not-an-insult": "these people are crazy about
football", "he is such a tool for the job", "this mod is trash"). The patterns are ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import INSULT, INSULT_TRIGGERS, MODIFIERS, PERSON_NAMES, Frame, either

#: the people a political insult lumps together, of every side ("liberals are idiots",
# "trump supporters are brainless", "you people are pathetic"): an insult, not a view
CROWDS = (
    "liberals", "conservatives", "democrats", "republicans", "dems", "leftists", "lefties", "progressives", "libs",
    "trumpers", "trump supporters", "maga people", "socialists", "communists", "commies", "fascists", "globalists",
    "politicians", "feminists", "boomers", "millennials", "you people", "these people", "those people", "antifa",
    "maga", "right wingers", "rightwingers", "right-wingers", "left wingers", "leftwingers", "left-wingers",
    "the left", "the right",
)  # fmt: skip
# a crowd called mad ("these people are insane", "liberals are delusional"); not "these people
# are crazy about football"
_MAD = ("insane", "crazy", "nuts", "delusional", "brainwashed", "deranged", "unhinged", "lunatics", "mentally ill")
# names said of someone with an intensifier only ("he is such a tool", not "a tool for cutting")
_SAID_OF_SOMEONE = ("tool", "hypocrite", "jerk", "prick", "dick", "asshole", "douche", "douchebag", "creep", "liar")
_INTENSIFIERS = ("such", "complete", "total", "absolute", "fucking", "utter", "real", "biggest", "massive", "huge")
# the people who run a server or a group ("this admin is a joke"); not "mod", a game's too
_STAFF = ("admin", "admins", "moderator", "moderators")
_DISEASES = ("cancer", "disease", "plague", "virus", "vermin", "parasites", "cockroaches", "rats", "subhuman")
_BEASTS = ("monsters", "savages", "animals", "beasts", "evil")
# the names an exclamation calls someone ("What a spineless coward."; not "what a useful tool")
_EXCLAIMED = (
    *PERSON_NAMES, "coward", "hypocrite", "liar", "creep", "jerk", "scumbag", "fraud", "muppet", "weirdo", "buffoon",
    "sociopath", "psychopath", "lowlife", "halfwit", "dimwit", "nitwit", "dunce", "sleazebag", "traitor",
)  # fmt: skip
_PAEDO = ("pedo", "paedo", "pedophile", "paedophile")
#: the frames said of others
REMARKS: tuple[Frame, ...] = (
    Frame(
        INSULT_TRIGGERS,
        (
            # said of someone: "what a disgusting human being", "another brainwashed sheep"
            rf"(?:such|what) an? {MODIFIERS}{INSULT} (?:human(?: being)?|person|individual)\b"
            r"(?! (?:error|errors|nature|rights|resources|body|race|mistake))",
            rf"^(?:(?:lol|omg|lmao|wow|yet) )?another {MODIFIERS}{INSULT}(?: (?:lol|lmao|smh|xd))*\W*$",
            # "Another brainless celebrity who thinks we care"
            rf"^(?:(?:lol|omg|lmao|wow|yet) )?another {MODIFIERS}{INSULT} (?:celebrity|celeb|politician|journalist|"
            r"reporter|actor|actress|influencer|pundit|hack|liberal|conservative|leftist|troll)\b",
            # said of a player in the feed's words: "bro is actually braindead", "lil bro is so trash"
            rf"^(?:lil )?(?:bro|blud) (?:is|was) (?:(?:actually|literally|so|just|lowkey|really|fr) )*{INSULT}\b",
            # what someone said, called the worst: "This is the dumbest take I've seen all day"
            r"(?:dumbest|stupidest|most idiotic|most braindead|worst) (?:take|opinion|comment|tweet|argument|idea|"
            r"thing)s? (?:(?:i've|ive|i have|i) (?:ever )?(?:seen|heard|read)|ever (?:said|written|posted|tweeted)|"
            r"on (?:the internet|twitter|here))\b",
            # a closing verdict: "..., typical trash", "Typical idiot Trumptard."
            rf"(?:^|[,.!?]\s+)typical {INSULT}(?: \w+)?\W*$",
            # ... or a waste of a person: "report our reyna she is trolling, waste of a human"
            r"(?:^|[,.!?]\s+)(?:what an? |such an? |absolute |total |complete )?"
            r"waste of (?:a human(?: being)?|space|oxygen|air|skin)\W*$",
        ),
    ),
    # a crowd insulted (``CROWDS``)
    Frame(
        INSULT_TRIGGERS,
        (rf"{either(CROWDS)} (?:are|r) (?:all )?(?:just )?(?:a bunch of )?{MODIFIERS}(?:[a-z]+ )?{INSULT}\b",),
        CROWDS,
    ),
    # ... or mad
    Frame(
        _MAD,
        (
            rf"{either(CROWDS)} (?:are|r) (?:all )?(?:just )?(?:so |completely |totally |absolutely |fucking )?"
            rf"{either(_MAD)}\b(?! (?:about|for|over)\b)",
        ),
        CROWDS,
    ),
    # someone called a name with an intensifier: "He is such a tool", "she's an absolute moron"
    # (not "he is a tool designer", "she is a complete beginner")
    Frame(
        (*INSULT_TRIGGERS, *_SAID_OF_SOMEONE),
        (
            r"(?:he|she|this guy|that guy|this dude|that dude)(?:'s| is| was|s) (?:such(?: an?)?|a complete|a total|"
            r"an absolute|a fucking|an utter|a real|the biggest|a massive|a huge) "
            rf"(?:{INSULT}|{either(_SAID_OF_SOMEONE)})(?! (?:designer|maker|kit|box|shed|bag|for)\b)\b",
        ),
        _INTENSIFIERS,
    ),
    # a server's or a group's staff insulted: "this admin is a joke", "the moderators are useless"
    Frame(
        INSULT_TRIGGERS,
        (rf"(?:this|that|the|our|ur|your|these|those) {either(_STAFF)} (?:is|are|r|was|were) {MODIFIERS}{INSULT}\b",),
        _STAFF,
    ),
    # ... or monsters ("conservatives are heartless monsters")
    Frame(_BEASTS, (rf"{either(CROWDS)} (?:are|r) (?:all )?(?:just )?(?:[a-z]+ )?{either(_BEASTS)}\b",), CROWDS),
    # an exclamation that calls someone a name: "What a spineless coward."
    Frame(_EXCLAIMED, (rf"(?:^|[.!?]\s+)what an? (?:\w+ )?{either(_EXCLAIMED)}s?(?:[.!?,]|\W*$)",)),
    # someone called a paedophile: "He's a pedo and you all know it"
    Frame(
        _PAEDO,
        (
            r"(?:he|she|this guy|that guy|you|u)(?:'s| is| are| r|s)? "
            r"(?:a |an |such a |a fucking |a literal |a total )?"
            rf"{either(_PAEDO)}s?\b",
        ),
    ),
    # ... or called a disease ("conservatives are a cancer on this country")
    Frame(
        _DISEASES,
        (rf"{either(CROWDS)} (?:are|r) (?:all )?(?:just )?(?:(?:a|the) )?{either(_DISEASES)}\b",),
        CROWDS,
    ),
)
