"""Cues that do not depend on the site: a few counts and word lists, the same on SMS,
tweets, news comments and group chat.

Each cue is a number in [0, 1], computed from the original text (for shouting and
links) its fold (lower case, look-alike letters mapped: for the word lists) or its skeleton (for
the profanity list, so ``f.u.c.k`` counts). The word
lists are our own (this file), except the profanity list (``better-profanity``'s, MIT,
see ``data/NOTICE.md``). They are deliberately about conduct and form: who is addressed,
whether money or an invitation is pitched, whether a group is named next to a
dehumanising word; never a topic or a view.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from chatcredit.ml.classifier import Lexicon

_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|ly|io|me|gg|ru|xyz|info|biz|co|ltd|fr|de|uk)\b", re.I
)
_INVITE = re.compile(r"t\.me/|telegram\.me/|joinchat|discord\.gg|discord\.com/invite|chat\.whatsapp\.com|wa\.me/", re.I)
_MENTION = re.compile(r"(?<![\w.])@\w{2,}")
_PHONE = re.compile(r"(?:\+?\d[\d ()-]{7,}\d)")
_MONEY_SYMBOL = re.compile(r"[$€£₽]\s?\d|\d\s?(?:[$€£₽]|usd|usdt|eur|k\b)", re.I)
_REPEAT = re.compile(r"(.)\1{3,}")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


# fmt: off

# On the fold (lower case, look-alike letters mapped to Latin).
# Only words that pitch: "free", "pay", "join" or "call" alone are everyday words, and as
# cues they made civil sentences look like spam.
_MONEY = _words(
    r"crypto\w*", r"bitcoin", r"btc", r"usdt", r"forex", r"invest(?:ment|ing|ors?)?", r"profits?",
    r"earn(?:ing|ings)?", r"passive income", r"withdraw(?:al|als|n)?", r"trading", r"broker", r"prize", r"winner",
    r"giveaway", r"airdrop", r"nfts?", r"cash ?back", r"bonus", r"casino", r"betting", r"loan",
    r"guaranteed returns?",
)
_PROMOTION = _words(
    r"subscribe", r"my channel", r"my page", r"my videos?", r"my profile", r"check out my", r"check my",
    r"follow me", r"follow my", r"visit my", r"like and share", r"link in (?:my )?bio", r"promo code",
    r"discount code", r"limited offer", r"100% (?:legit|genuine|guaranteed)", r"legit",
)
_CONTACT = _words(
    r"dm me", r"pm me", r"inbox me", r"message me", r"text me", r"contact me", r"write (?:to )?me", r"whatsapp",
    r"telegram", r"contact (?:the|their|our) (?:agent|manager|admin)",
)
_ACTION = _words(
    r"click\w*", r"register\w*", r"sign up now", r"link below", r"(?:use|click|on) the link", r"claim (?:your|now)",
    r"hurry", r"act now", r"today only", r"start earning", r"work from home", r"join (?:now|my|our|us)",
)
_YOU = _words(r"you", r"u", r"ur", r"your", r"youre", r"yourself", r"ya", r"thou")
_SLURS = (
    r"niggers?|niggas?|fag+(?:ot)?s?|dykes?|trann(?:y|ies)|retards?|kikes?|spics?|chinks?|wetbacks?|towelheads?|"
    r"coons?|gooks?|beaners?|sand ?niggers?|raghead\w*|negro(?:es)?"
)
SLUR = re.compile(rf"\b(?:{_SLURS})\b")
IDENTITY = _words(
    r"wom[ae]n", r"girls?", r"females?", r"m[ae]n", r"males?", r"gays?", r"lesbians?", r"bi(?:sexual)?s?",
    r"trans(?:gender)?(?: people)?", r"queers?", r"lgbt\w*", r"blacks?", r"whites?", r"asians?", r"latin[oa]s?",
    r"hispanics?", r"arabs?", r"jews?", r"jewish", r"muslims?", r"islam\w*", r"christians?", r"hindus?",
    r"immigrants?", r"refugees?", r"migrants?", r"foreigners?", r"disabled", r"disabilit\w+", r"autistic",
    r"indians?", r"africans?", r"mexicans?", r"chinese", _SLURS,
)
DEHUMANISE = _words(
    r"vermin", r"rats?", r"parasites?", r"animals?", r"filth\w*", r"scum", r"trash", r"garbage", r"disease\w*",
    r"cancer", r"plague", r"subhuman\w*", r"savages?", r"apes?", r"monkeys?", r"pigs?", r"cockroach\w*",
    r"disgusting", r"inferior", r"worthless", r"evil", r"dangerous", r"criminals?",
    r"should(?:n't| not)? (?:be|die)", r"exterminat\w*", r"wipe\w* out", r"get rid", r"go back", r"deport\w*",
    r"kill\w*", r"hang\w*", r"shoot\w*", r"hate", r"despise", r"can't stand", r"die", r"burn", r"gas",
)
_THREAT = _words(
    r"kill\w*", r"murder\w*", r"shoot\w*", r"stab\w*", r"hang\w*", r"beat\w* (?:you|u) up", r"hurt\w*", r"destroy",
    r"die", r"dead", r"gonna", r"going to", r"will", r"i'll", r"watch your back", r"find you",
    r"know where you live", r"come for", r"break your", r"slit", r"choke", r"burn", r"bomb\w*", r"rape\w*",
)
_SEXUAL = _words(
    r"sex\w*", r"nudes?", r"naked", r"boobs?", r"tits?", r"titties", r"dick\w*", r"cock\w*", r"pussy", r"blowjob",
    r"suck\w*", r"horny", r"fuck\w*", r"bed", r"strip\w*", r"panties", r"bra", r"kiss\w*", r"touch\w*", r"hot",
    r"sexy", r"porn\w*", r"cum\w*", r"virgin\w*", r"body", r"legs", r"ass", r"butt",
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|neither|nor)\b|n't\b|\b(?:dont|doesnt|isnt|arent|cant|wont)\b"
)
_COUNTER = _words(
    r"racis[mt]\w*", r"sexis[mt]\w*", r"homophob\w*", r"transphob\w*", r"bigot\w*", r"hateful", r"hate speech",
    r"slur\w*", r"unacceptable", r"not okay", r"not ok", r"wrong", r"stop", r"called me", r"calls? (?:us|them)",
    r"said", r"saying", r"says", r"quote\w*", r"proud", r"love", r"respect\w*", r"support\w*", r"welcome\w*",
    r"deserve", r"equal\w*", r"rights",
)
# fmt: on

NAMES = (
    "profanity",
    "profanity_count",
    "link",
    "invite_link",
    "mention",
    "phone",
    "money_symbol",
    "money_words",
    "promotion",
    "contact",
    "call_to_action",
    "spam_cues",
    "shouting",
    "repeated_chars",
    "exclamations",
    "you_and_profanity",
    "identity",
    "identity_and_dehumanising",
    "threat_words",
    "you_and_threat",
    "sexual_words",
    "negation",
    "counter_speech",
    "quoted",
    "length",
)


def _any(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does: most texts match none of a
    family of lists, and one search rules them all out (the cues are the same)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


_PITCH = _any(_MONEY, _PROMOTION, _CONTACT, _ACTION)
_CONDUCT = _any(_THREAT, _SEXUAL, _COUNTER)
_DIGIT = re.compile(r"\d")


def _hits(pattern: re.Pattern[str], text: str, cap: int = 3) -> float:
    return min(len(pattern.findall(text)), cap) / cap


def cue_vector(text: str, folded: str, skeleton: str, lexicon: Lexicon) -> list[float]:
    """The cues of one text (given also as its ``fold`` and ``skeleton``), in the order of ``NAMES``."""
    words = folded.split()
    profane = lexicon.count(folded, skeleton)
    letters = _NOT_LETTERS.sub("", text)
    upper = sum(map(str.isupper, letters)) if len(letters) >= 8 else 0
    links, invite = _LINK.search(text) is not None, _INVITE.search(text) is not None
    money = promotion = contact = action = 0.0
    if _PITCH.search(folded):
        money, promotion, contact, action = (_hits(p, folded) for p in (_MONEY, _PROMOTION, _CONTACT, _ACTION))
    threat = sexual = counter = 0.0
    if _CONDUCT.search(folded):
        threat, sexual, counter = (_hits(p, folded) for p in (_THREAT, _SEXUAL, _COUNTER))
    digits = _DIGIT.search(text) is not None
    you = _YOU.search(folded) is not None
    identity = IDENTITY.search(folded) is not None
    dehumanise = identity and DEHUMANISE.search(folded) is not None
    return [
        float(profane > 0),
        min(profane, 5) / 5,
        float(links),
        float(invite),
        float("@" in text and _MENTION.search(text) is not None),
        float(digits and _PHONE.search(text) is not None),
        float(digits and _MONEY_SYMBOL.search(text) is not None),
        money,
        promotion,
        contact,
        action,
        min(money + promotion + contact + action + links + invite, 4) / 4,
        float(len(letters) >= 8 and upper / len(letters) > 0.7),
        float(_REPEAT.search(text) is not None),
        min(text.count("!"), 3) / 3,
        float(you and profane > 0),
        float(identity),
        float(identity and dehumanise),
        threat,
        float(you and threat > 0),
        sexual,
        float(_NEGATION.search(folded) is not None),
        counter,
        float(any(q in text for q in ('"', "“", "”", "«", "»"))),
        min(math.log1p(len(words)) / math.log(200), 1.0),
    ]


def cue_matrix(texts: list[str], folded: list[str], skeletons: list[str], lexicon: Lexicon) -> np.ndarray:
    rows = [cue_vector(t, f, s, lexicon) for t, f, s in zip(texts, folded, skeletons, strict=True)]
    return np.array(rows, dtype=np.float64).reshape(len(texts), len(NAMES))
