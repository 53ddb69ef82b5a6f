"""What game chat says to the loser of a fight: "gg ez", "cry more noob", "stay mad", "git
gud", "get rekt", "ratio", "cope and seethe", "mute that crying baby" (not "ez clap on that
dragon", "stop crying and tell me what happened", "the ratio of wins"). The look-alikes held
back are in ``tests/fixtures/insults.jsonl`` (kind "not-an-insult"). The patterns are ours.
"""

from __future__ import annotations

from chatcredit.ml.name_calling import CLOSING, HERO, Frame

_TO_THE_LOSER = (
    "cry", "crying", "whining", "complaining", "stay mad", "get good", "git gud", "rekt", "sit down", "skill issue",
    "cope", "mad", "smell", "stink",
)  # fmt: skip

#: the gloats' frames (``insults.insults_the_addressee`` searches them with its own)
GLOATS = (
    # "mute that crying baby"
    Frame(
        ("crying", "whiny", "whining"),
        (
            r"(?:mute|report|ignore|block) (?:that|this|the|our|ur) (?:crying|whiny|whining) "
            r"(?:baby|kid|child|\w+ main)" + CLOSING,
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
    Frame(
        ("ez",),
        # not a monster beaten: "ez clap on that dragon"
        (
            rf"(?:gg )?ez (?:noobs?|newbs?|team|game|kids?|win|clap|mid|pz|4 me|{HERO})\b"
            r"(?! (?:on|for|vs|against) (?:that|the|this|those|these)\b)|gg ez\b(?! ?\?)|^ez$",
        ),
    ),
    # an imperative to the loser of a fight: "cry more noob", "stay mad", "git gud", "get rekt"
    Frame(
        _TO_THE_LOSER,
        (
            r"(?:^|(?:lol|lmao|haha+|ez|gg|just|go|now|ok|so|noob|kid|bro|muted),? )"
            r"(?:cry (?:more|harder|about it|somewhere else|to (?:someone|somebody) else|"
            r"to (?:ur|your) (?:mom|mommy|mum|mummy|mama|momma)|"
            r"to (?:the |ur |your )?(?:mods?|admins?|teacher|daddy))|"
            r"(?:keep|stop) crying|stay mad|get good|git gud|get rekt|"
            r"sit down kid|skill issue|cope harder|cope and seethe|cope)" + CLOSING,
            # "stop crying and play" (not "stop crying and tell me what happened", "stop whining and focus
            # on getting votes")
            r"(?:stop|quit|quit ur|quit your) (?:crying|whining|complaining) and (?:play|push|farm|carry|defend|ward|"
            r"heal|shoot|aim)\b",
            r"(?:stop|quit) (?:crying|whining) (?:in|on) (?:vc|voice|chat|all ?chat|team ?chat|mic)\b",
            r"git gud\b|(?:you|u|ur team|your team|you guys|u guys) (?:just )?got rekt\b|rekt (?:noob|kid|son)\b|"
            r"^rekt\W*$",
            r"(?:mad|sad) (?:cuz|cause|because|bc|coz) (?:ur |you're |youre )?bad\b",
            # "u smell", "you stink" (not "you smell nice")
            r"^(?:(?:lol|lmao|ew|eww|bro|and) )?(?:you|u) (?:smell|stink)(?: so bad| bad| like \w+)?" + CLOSING,
        ),
    ),
)
