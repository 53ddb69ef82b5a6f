"""Game chat belittles the room, not a name: "noob team", "braindead jungler", "this team is
trash", "worst player ever", "gg ez", "learn to play", "uninstall the game", "cry more",
"you play like my grandma", "ty for feed"; a player named by their hero ("this invoker is
trash", "genji diff": ``players``). Taunts of a player's rank are ``ranks``'.

The nouns are those of players in a match only ("support", "top" or "mid" are also a
helpdesk, a command and a size: "useless support" is a complaint about a company). The
look-alikes held back are in ``tests/fixtures/insults.jsonl`` (kind "not-an-insult"). The
patterns are ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import CLOSING, HERO, INSULT, INSULT_TRIGGERS, MODIFIERS, Frame, either
from chatcredit.ml.players import NAMED_BY_HERO, PLAYER_WORDS, PLAYERS, ROLE, ROLE_NOUNS, SOMEONE

# Not "terrible", "awful" or "clueless": "this guy is clueless" is how people criticise a
# politician too.
_ROLE_INSULT = (
    r"(?:braindead|brain dead|useless|trash|garbage|retarded|a retard|dogshit|a joke|a noob|noob|"
    r"a disgrace|an embarrassment)\b"
)
# ... and what their trigger words do not hold: "carry is actually mentally challenged", "mid is
# brain damaged", "this support is a bot"
_ROLE_WITLESS = r"(?:mentally (?:challenged|retarded|handicapped)|brain ?damaged|a (?:literal |total )?bot)\b"
_SKILLS = (
    "aim", "positioning", "rotation", "rotations", "macro", "mechanics", "decision making", "game sense",
    "map awareness", "movement", "crosshair placement", "gameplay", "kda", "build", "builds", "building", "base",
)  # fmt: skip
_ROLE_IS = rf"{ROLE}(?: is| r| are| was| so|=)? (?:(?!not |never |isn't )\w+ ){{0,2}}"
_BAD_END = (
    r" (?:(?:so|this|that|really|actually|just|literally|soo+|fkin|fking|fuckin|fucking|freaking) )*bad"
    r"(?: at (?:this|the) game| at (?:pvp|\w+ing))?"
    r"(?:,? (?:it'?s|thats|that's|this is) (?:so |actually |honestly )?(?:embarrassing|sad|painful|cringe|pathetic|"
    r"funny|hilarious|not even funny)|,? it (?:actually |literally )?hurts(?: to watch)?)?" + CLOSING
)
_UNINSTALLED = (
    r"(?:l2p|(?:uninstall|delete) (?:ur|your) game|(?:just|pls|plz|please|go) (?:uninstall|delete the game)|"
    r"(?:uninstall|delete|quit) (?:the |this |ur |your )?game,? (?:pls|please|plz|now|noob|idiot|retard|kid)|"
    r"(?:uninstall|delete the game),? (?:pls|please|plz|now|noob|idiot|retard|kid))\b"
)

_WITLESS = ("braindead", "brain dead", "brainless", "brainlet", "retarded", "dogshit", "dogwater", "dog water")
_MOVES = ("play", "plays", "move", "moves", "pick", "picks", "build", "rotation", "rotations", "decision", "decisions")


#: the room's frames (``insults.insults_the_addressee`` searches them with its own)
TAUNTS = (
    Frame(
        INSULT_TRIGGERS,
        (
            rf"{INSULT} {PLAYERS}\b",
            rf"(?:this|my|our|your|ur|the|their|you) {PLAYERS} (?:is|are|r|was|were) {MODIFIERS}{INSULT}\b",
            rf"{_ROLE_IS}{_ROLE_INSULT}",
            # those who play a hero: "ezreal mains are braindead", "teemo players are all trash"
            rf"{HERO} (?:players|mains|one ?tricks) (?:are|r) (?:all )?{MODIFIERS}{INSULT}\b",
            # a line that only names a player by a name and their role or hero: "braindead carry"
            rf"^{MODIFIERS}{INSULT} (?:{either(ROLE_NOUNS)}|support|{HERO})" + CLOSING,
        ),
        also=PLAYER_WORDS,
    ),
    # a play called witless: "absolute brainlet play", "braindead rotation" (not "stupid move",
    # which the speaker says of their own)
    Frame(
        _WITLESS,
        (rf"^{MODIFIERS}{either(_WITLESS)} (?:{either(_MOVES)})" + CLOSING,),
    ),
    # a player called autistic as an insult: "lol our mid is actually autistic"
    Frame(("autistic", "autist"), (rf"{_ROLE_IS}(?:autistic|an autist)\b",), also=PLAYER_WORDS),
    # ... or blind, said of the way they play: "our duelist is blind" (not "this guy is blind and
    # still plays")
    Frame(("blind", "potato"), (rf"{_ROLE_IS}(?:blind|potato|a potato)" + CLOSING,), also=PLAYER_WORDS),
    # "absolute clown fiesta on my team", "the definition of a noob"
    Frame(
        ("clown", "definition of"),
        (
            r"clown (?:fiesta|show|festival|team|squad) (?:on|in) (?:my|our|this) (?:team|lobby|game|match)\b"
            r"|^(?:\w+ )?clown (?:fiesta|team|squad)\W*$",
            rf"the (?:very |literal |textbook )?definition of (?:a |an )?{INSULT}\b",
        ),
    ),
    # "bad players like you should not be allowed in ranked" (not "people like you should be in charge")
    Frame(
        ("like you", "like u"),
        (
            r"(?:players|noobs|kids|idiots|morons|losers|people) like (?:you|u) (?:should(?:n't| not) be "
            r"(?:allowed|playing|in)|should be banned|should (?:quit|uninstall|get banned)|ruin (?:this|the|every))\b",
        ),
    ),
    # the room's players called names by one stuck with them: "cant believe im stuck with these
    # clowns", "carrying these noobs"
    Frame(
        INSULT_TRIGGERS,
        (
            # the one stuck is in the match (the speaker before it is not "im the worst player")
            r"(?:(?:i'm|im|i am|we're|we are|always|again) )?"
            r"(?:stuck with|carrying|teamed with|queued with|matched with|playing with|paired with) "
            rf"(?:these|those|such) (?:\w+ )?{INSULT}\b",
        ),
        also=("stuck with", "carrying", "teamed with", "queued with", "matched with", "playing with", "paired with"),
    ),
    # a player called an animal at the game: "ff this dog is feeding nonstop"
    Frame(
        ("dog", "monkey", "animal", "clown", "bozo"),
        (
            r"(?:this|that|our|ur|your) (?:dog|monkey|animal|clown|bozo) (?:is|keeps?|just) "
            r"(?:\w+ )?(?:feeding|inting|trolling|throwing)"
            r"(?: (?:again|nonstop|every game|all game|mid|top|bot|lol|lmao))*\W*$",
        ),
    ),
    # a sarcastic thanks for the kills given away: "ty for feed", "nice feed", "ty for free mmr"
    # (said to the loser), "thx for nothing mid"
    Frame(
        ("feed", "feeding", "throwing", "inting", "free", "nothing"),
        (
            r"(?:ty|thx|thanks|thank you|tyvm) (?:so much )?for (?:the )?(?:feed|feeding|throwing|inting)" + CLOSING,
            r"^(?:nice|great|good|gj|wp) (?:feed|feeding|inting)" + CLOSING,
            r"(?:ty|thx|thanks|thank you|tyvm) (?:so much )?(?:for|4) (?:the )?free (?:mmr|elo|win|lp|rr|points)"
            + CLOSING,
            # said to a player (not "thanks for nothing, i'll ask elsewhere" in a help channel)
            r"^(?:ty|thx|thanks|thank you|tyvm) (?:so much )?for nothing,? "
            rf"(?:{either(ROLE_NOUNS)}|team|support|{HERO}|noobs?)" + CLOSING,
        ),
    ),
    # what a player does, called worthless: "your aim is a joke", "ur positioning is trash"
    Frame(
        INSULT_TRIGGERS,
        (rf"(?:ur|your|his|her) {either(_SKILLS)} (?:is|are|was|r) {MODIFIERS}{INSULT}\b",),
        also=_SKILLS,
    ),
    # blame for the loss: "you're the reason we lose", "you ruin every game", "jungle diff"
    Frame(
        ("reason", "every game", "every match", "every round", "diff", "gap"),
        (
            r"(?:you're|youre|ur|you are|u r|you|u) (?:literally |actually |just |clearly )?(?:the )?(?:only )?"
            r"reason (?:why )?(?:we|i|our team) (?:lose|lost|are losing|keep losing|can't win|will lose|hate this game|"
            r"quit|am quitting|uninstalled)\b"
            r"|(?:you're|youre|ur|you are|u r|you|u) (?:literally |actually |just |clearly )?(?:the )?(?:only )?"
            r"reason (?:why )?(?:this|the|our) (?:server|game|team|guild|clan|group|chat) "
            r"(?:is dead|died|is dying|sucks|is trash)\b",
            r"(?:you|u) (?:ruin|ruined|throw|threw|int|feed|lose|lost) every (?:single )?(?:game|match|round)\b",
            # said of a player: "noob sniper ruins every game", "our jungler throws every game"
            rf"(?:{ROLE}|(?:noob|newb|trash|this) \w+|he|she) (?:ruins|ruined|throws|threw|ints|feeds|loses) every "
            r"(?:single )?(?:game|match|round)\b",
            r"^(?:tank|dps|heals?|healer|healers|support|supp|jungle|jg|jgl|mid|top|bot|adc|carry|offlane|"
            rf"{HERO}) (?:diff|gap)(?:,|\W*$| (?:gg|lol|lmao|xd|ff|again|as usual|tbh)\b)",
        ),
    ),
    # "zero iq play", "ur parents must be siblings"
    Frame(
        ("iq", "siblings", "cousins"),
        (
            r"\b(?:zero|0|no|negative|minus|room temp(?:erature)?|single digit) ?iq\b",
            r"(?:ur|your) (?:parents|mom and dad|mum and dad) (?:must be|are|r|were) (?:siblings|cousins|related)\b",
        ),
    ),
    # a player said unable to aim: "you cant even aim", "this guy cant hit a single shot"
    Frame(
        ("cant", "can't", "cannot"),
        (
            r"(?:you|u|he|she|this guy|this kid|bro|our \w+|ur \w+) (?:literally |actually |still |just )?"
            r"(?:cant|can't|cannot) (?:even )?(?:aim|hit (?:a (?:single )?shot|anything|water)|last hit)\b",
        ),
    ),
    Frame(
        ("cancer",),
        (
            rf"{_ROLE_IS}cancer\b",
            r"(?:this|my|our|ur|your) team (?:is|r|are) (?:\w+ )?cancer\b",
            r"^cancer (?:team|players?|noobs?|kids?)\W*$",
            rf"{HERO} (?:players|mains|one ?tricks) (?:are|r) (?:all )?cancer\b",
        ),
    ),
    Frame(
        ("worst",),
        (
            rf"worst (?:teammates?|jungler|junglers|adc|healers?|randoms|noobs?|mid|supp|carry|{HERO})\b",
            r"worst (?:players?|team|teammates?|rotations?|aim|plays|positioning|decisions) "
            r"(?:ever|i have ever seen|i've ever seen|ive ever seen|i've ever had|ive ever had|in the world|"
            r"on earth|of all time)\b",
        ),
    ),
    Frame(
        ("bad",),
        (
            rf"(?:{ROLE}(?: is| r| are| was)?|"
            r"(?:our|my|ur|your|this) team(?: is| r| are)?|(?:you|u)(?:'re| are| r|re)|ur|(?:are|r) (?:you|u)|"
            r"(?:^|lol |omg |lmao |bro |dude )(?:you|u) so|"  # not "i want you so bad"
            r"imagine being)" + _BAD_END,
            # a skill of theirs: "your aim is so bad its funny"
            rf"(?:ur|your) {either(_SKILLS)} (?:is|are|was|r)" + _BAD_END,
            # "how are you this bad", "how can ur mid be so bad" (not "how is she so bad at lying lol")
            rf"\bhow (?:are|r|is|can|could) (?:you|u|{ROLE})(?: (?:even|still|be|possibly))* (?:this|so|that) "
            r"(?:bad|trash|garbage|dogshit|washed)\b",
            # a line that names a player bad: "bad jungler", "bad pudge"
            rf"^(?:so |such a |very )?bad (?:players?|teammates?|{either(ROLE_NOUNS)}|{HERO})" + CLOSING,
        ),
    ),
    # "you deserve to lose", "ur so washed", "imagine being this trash", "... so fat", "kid go to sleep"
    Frame(
        ("deserve", "deserved", "washed", "imagine being", "sleep", "bed", "homework", "bedtime"),
        (
            r"(?:you|u|ur team|your team|you guys|u guys|y'?all) (?:all )?(?:deserve|deserved) to "
            r"(?:lose|die|be banned|get banned|suffer|be reported|get reported)\b",
            # "u deserve low mmr", "you deserve to be in iron"
            r"(?:you|u|ur team|your team|you guys|u guys|y'?all) (?:all )?(?:deserve|deserved) (?:ur |your |the )?"
            r"(?:low (?:mmr|elo|rank)|(?:to be|to stay) in (?:iron|bronze|herald|low elo))\b",
            r"(?:ur|you're|youre|you are|u r|u) (?:so |literally |actually |completely |just )?washed(?: up)?"
            + CLOSING,
            rf"imagine being (?:this|so|that) (?:{MODIFIERS}{INSULT}|fat|ugly|broke|bald|cringe|annoying|desperate)\b",
            r"(?:^|\b(?:kid|boy|son|little boy|noob),? )go (?:to sleep|to bed|do (?:ur|your) homework)\b"
            r"|\bgo (?:to sleep|to bed|do (?:ur|your) homework),? (?:kid|boy|son|little boy|noob)\W*$"
            r"|\bpast (?:ur|your) bedtime\b",
        ),
    ),
    # "ur a bot", as said of a player who plays like the game's computer players
    Frame(
        ("bot",),
        (
            r"(?:ur|you're|youre|you are|u r) (?:(?:a|such a|literally a|actually a|the biggest) )?bot\W*$",
            rf"(?:(?:^|gg |our |ur |your ){either(ROLE_NOUNS)}|{NAMED_BY_HERO}|(?:this|that) {either(SOMEONE)}) "
            r"(?:is|r) (?:(?:a|such a|literally a|a literal|an actual) )?bot(?:\W*$|,)",
        ),
    ),
    Frame(
        ("learn",),
        (r"learn (?:how )?to play(?:,? (?:noob|newb|idiot|retard|kid|pls|plz|please|bro|dude|lol|dog|man))*\W*$",),
    ),
    Frame(
        ("l2p", "uninstall", "delete", "quit"),
        (
            _UNINSTALLED,
            r"(?:lol|lmao|bad|trash|noobs?|kids?|just|pls|plz|gg|ez|\w+,) uninstall\W*$",
            r"^(?:uninstall|delete the game|delete ur game|delete your game)\W*$",
            r"(?:you|u) should (?:just )?(?:quit|uninstall|delete) (?:the |this |ur |your )?game\W*$",
            r"^(?:uninstall|delete) (?:dota|dota 2|league|lol|valorant|fortnite|minecraft|overwatch|csgo|apex)"
            + CLOSING,
            r"(?:^delete ur|(?:lol|lmao|go|noob),? delete (?:ur|your)) (?:account|acc)" + CLOSING,
        ),
    ),
    # the blame for a loss, the room's patience, a player sent to a child's game: "this guy is the
    # reason we lose every game", "nobody wants to hear ur whining", "imagine being this bad",
    # "go play minecraft kid" (not "the reason we lost was the lag", "i'm the reason we lost")
    Frame(("mentally", "brain damaged", "braindamaged", "bot"), (rf"{_ROLE_IS}{_ROLE_WITLESS}",), also=PLAYER_WORDS),
    # "mute this annoying kid please" (not "that little kid is so cute")
    Frame(
        ("annoying kid", "whiny kid", "annoying child", "whiny child"),
        (r"(?:this|that) (?:annoying|whiny) (?:kid|child)\b",),
    ),
    Frame(
        ("reason we", "reason i", "nobody wants to hear", "imagine being this", "go play", "back to"),
        (
            rf"(?:this guy|this kid|you|u|ur|you're|youre|he|she|{ROLE})(?:'s| is| are| r|'re)? (?:the )?(?:only )?"
            r"reason (?:we|i) (?:lose|lost|keep losing|are losing|can't win|cant win|never win)\b",
            r"nobody wants to hear (?:you|u|ur|your)\b",
            r"imagine being this (?:bad|trash|garbage|awful|terrible|dogshit|dogwater|useless)\b",
            # sent, not going: "i'm gonna go back to minecraft after this" is no taunt
            r"(?:^|(?:just|pls|plz|kid|noob|lol|lmao|bro|now|then|and|,) )go (?:back to |play |back to playing )"
            r"(?:minecraft|roblox|candy crush|fortnite|tetris)\b",
        ),
    ),
    # "you should never play ranked again"
    Frame(
        ("should never", "should not ever"),
        (r"(?:you|u) should (?:never|not ever|never ever) (?:play|queue|touch) (?:\w+ ){0,2}again\b",),
    ),
    Frame(
        ("full of", "bunch of", "team of", "lobby of", "squad of"),
        (
            r"(?:team|teammates|lobby|squad) (?:is |are )?(?:full )?of (?:\w+ )?(?:monkeys|apes|idiots|noobs|retards|"
            r"morons|clowns|bots|bozos)\b",
            r"bunch of (?:\w+ )?(?:idiots|noobs|retards|morons|clowns|losers|braindead)\b",
            r"bunch of (?:monkeys|apes) (?:on|in) (?:my|our|this) (?:team|lobby|game)\b",
        ),
    ),
)
