"""The words game chat names a player by: the players of a match ("noob team"), the role one
plays ("our carry", "jungler"), "this guy", or the hero they play ("this invoker": ``heroes``).

The nouns are those of players in a match only ("support", "top" or "mid" are also a
helpdesk, a command and a size: "useless support" is a complaint about a company). The
lists are ours.
"""

from __future__ import annotations

from chatcredit.ml.heroes import HERO_INITIALS, HEROES
from chatcredit.ml.name_calling import HERO, either

#: the players of a match, as the room names them: "noob team", "this team is trash"
PLAYER_NOUNS = (
    "team", "teams", "teammate", "teammates", "jungler", "junglers", "jg", "jgl", "adc", "healer", "healers", "player",
    "players", "noob", "noobs", "newb", "newbs", "kids", "randoms", "pugs", "squad",
)  # fmt: skip
# A player named by the role they play in a match, as the subject of a sentence: "our carry
# is useless", "jungler is braindead", "this guy is so trash". Roles that are words of their
# own elsewhere only after "our", "my" or "this" ("support"), or not at all ("bot", "top",
# "tank": "this bot is trash" is said of a chat bot, "the support is useless" of a company,
# "this tank is useless" of an army).
ROLE_NOUNS = (
    "mid", "mid lane", "midlane", "top lane", "toplane", "bot lane", "botlane", "supp", "jungle", "jungler", "jg",
    "jgl", "carry", "adc", "healer", "offlane", "offlaner", "pos 1", "pos 2", "pos 3", "pos 4", "pos 5", "dps",
    "duelist", "duelists",
)  # fmt: skip
#: "this guy is so trash"
SOMEONE = ("guy", "dude", "kid", "player", "noob")


PLAYERS = either(PLAYER_NOUNS)
# a player named by their hero ("this invoker", "our kaisa", "ur cm": heroes.py); a hero's name
# alone is the hero ("teemo is trash tier this patch", "genji is useless against winston")
NAMED_BY_HERO = rf"(?:(?:our|my|ur|your|this|that|their) {HERO}|(?:our|ur|your) {either(HERO_INITIALS)})"
#: a player named by the role they play or the hero they play ("our carry", "this invoker")
ROLE = (
    rf"(?:(?:^|(?:our|my|ur|your|this|that) ){either(ROLE_NOUNS)}|(?:our|my|this) support|(?:our|my) tank|"
    rf"(?:this|that) {either(SOMEONE)}|{NAMED_BY_HERO})"
)
#: every word above, for a frame's first look at a text
PLAYER_WORDS = (*PLAYER_NOUNS, *ROLE_NOUNS, *SOMEONE, "support", "tank", *HEROES, *HERO_INITIALS)
