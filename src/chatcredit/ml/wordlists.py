"""The classifier's word lists, and one pass that counts them all.

Each list is of whole words or phrases on the fold (lower case, look-alike letters
mapped); an entry ending in ``*`` is a stem (``kill*``: kill, killed, killing). The lists
are ours, except the profanity list (``better-profanity``'s, MIT, see ``data/NOTICE.md``;
``profanity.Lexicon``). They are deliberately about conduct and form: who is addressed,
whether money or an invitation is pitched, whether a group is named next to a
dehumanising word; never a topic or a view.

``WordLists.count`` finds every entry of every list in one Aho-Corasick pass over the text
(pyahocorasick, as the keyword rules do), then keeps the hits that start and end on a
word boundary: the cost is one pass per text, whatever the number of lists and entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from chatcredit.detectors.normalization import fold

# fmt: off

# Only words that pitch: "free", "pay", "join" or "call" alone are everyday words, and as
# cues they made civil sentences look like spam; so is the noun "investment" ("free
# swimming lessons are an investment in the whole town"), where "invest" pitches.
MONEY = (
    "crypto*", "bitcoin", "btc", "usdt", "forex", "invest", "investing", "investor", "investors",
    "profit", "profits", "earn", "earning", "earnings", "passive income", "withdraw", "withdrawal",
    "withdrawals", "withdrawn", "trading", "broker", "prize", "winner", "giveaway", "airdrop", "nft", "nfts",
    "cash back", "cashback", "bonus", "casino", "betting", "loan", "loans", "guaranteed return", "guaranteed returns",
    # the job offers and loans of group spam ("extra income, high pay, no experience needed,
    # dm for details"); not "per day" or "remote work", which people say of their own days and jobs
    "extra income", "high income", "high pay", "daily pay", "weekly pay", "a day from home",
)
# Pitching oneself: a channel, a page, one's music; the group spam of every site.
PROMOTION = (
    "subscribe", "subscribers", "sub4sub", "sub 4 sub", "my channel", "my page", "my video", "my videos",
    "my profile", "check out my", "check my", "follow me", "follow my", "visit my", "like and share",
    "link in bio", "link in my bio", "promo code", "discount code", "limited offer", "100% legit",
    "100% genuine", "100% guaranteed", "legit", "my music", "my song", "my songs", "my new song", "my mixtape",
    "my youtube", "my instagram", "my insta", "my twitch", "my soundcloud",
)
CONTACT = (
    "dm me", "pm me", "inbox me", "message me", "text me", "contact me", "write me", "write to me", "whatsapp",
    "telegram", "contact the agent", "contact the manager", "contact the admin", "contact their agent",
    "contact their manager", "contact their admin", "contact our agent", "contact our manager",
    "contact our admin", "in private messages", "in private message", "message me privately", "contact me privately",
    "write me privately", "dm for details", "pm for details", "dm for more", "pm for more", "inbox for details",
)
ACTION = (
    "click*", "register*", "sign up now", "link below", "use the link", "click the link", "on the link",
    "claim your", "claim now", "hurry", "act now", "today only", "start earning", "work from home", "join now",
    "join my", "join our", "join us", "no experience needed", "no experience required", "no experience necessary",
    "serious people only", "only serious people",
)
# The same pitches in Russian, the other language of Telegram group spam (tg-spam's
# samples): earnings and income, "write me in DMs", "subscribe", "follow the link". Written
# in Cyrillic; ``WordLists.of`` folds every entry like the texts it is matched on.
RUSSIAN = {
    "money": (
        # not "заработ*": "всё заработало" is "it all works now"
        "заработок", "заработк*", "заработать", "заработай*", "зарабатыва*", "доход*", "прибыл*", "инвестир*",
        "криптовалют*", "трейдинг*", "пассивный доход", "выплат*",
    ),
    "promotion": ("подпишись", "подписывайтесь", "подписывайся", "мой канал", "наш канал"),
    "contact": (
        "в лс", "в личку", "в личные сообщения", "в личных сообщениях", "пиши мне", "пишите мне", "напиши мне",
        "напишите мне", "пиши в", "пишите в", "напиши в", "напишите в",
    ),
    # not "переходи*" alone: "переходить на M3" is switching to something, not a click
    "action": ("жми", "регистрируй*", "по ссылке", "ссылка в профиле", "ссылка в описании"),
}
YOU = ("you", "u", "ur", "your", "youre", "yourself", "ya", "thou")
SLURS = (
    "nigger", "niggers", "nigga", "niggas", "fag", "fags", "fagg*", "fagot", "fagots", "dyke", "dykes", "tranny",
    "trannies", "retard", "retards", "kike", "kikes", "spic", "spics", "chink", "chinks", "wetback", "wetbacks",
    "towelhead", "towelheads", "coon", "coons", "gook", "gooks", "beaner", "beaners", "sand nigger",
    "sand niggers", "sandnigger", "sandniggers", "raghead*", "negro", "negroes",
)
IDENTITY = (
    "woman", "women", "girl", "girls", "female", "females", "man", "men", "male", "males", "gay", "gays",
    "lesbian", "lesbians", "bi", "bis", "bisexual", "bisexuals", "trans", "transgender", "queer", "queers",
    "lgbt*", "black", "blacks", "white", "whites", "asian", "asians", "latino", "latina", "latinos", "latinas",
    "hispanic", "hispanics", "arab", "arabs", "jew", "jews", "jewish", "muslim", "muslims", "islam*",
    "christian", "christians", "hindu", "hindus", "immigrant", "immigrants", "refugee", "refugees", "migrant",
    "migrants", "foreigner", "foreigners", "disabled", "disabilit*", "autistic", "indian", "indians", "african",
    "africans", "mexican", "mexicans", "chinese", *SLURS,
)
# Stabbing and hanging as whole words and phrases, never stems: "stable", "stabilise", "hang
# on" and "hanging out" name no violence.
WHOLE_VIOLENT_WORDS = (
    "stab", "stabs", "stabbed", "stabbing", "hang you", "hang yourself", "hang him", "hang her", "hang them",
    "hanged",
)
DEHUMANISE = (
    "vermin", "rat", "rats", "parasite", "parasites", "animal", "animals", "filth*", "scum", "trash", "garbage",
    "disease*", "cancer", "plague", "subhuman*", "savage", "savages", "ape", "apes", "monkey", "monkeys", "pig",
    "pigs", "cockroach*", "disgusting", "inferior", "worthless", "evil", "dangerous", "criminal", "criminals",
    "should be", "should die", "shouldn't be", "shouldn't die", "should not be", "should not die",
    "exterminat*", "wipe out", "wiped out", "wipes out", "wiping out", "get rid", "go back", "deport*", "kill*",
    *WHOLE_VIOLENT_WORDS, "shoot*", "hate", "despise", "can't stand", "die", "burn", "gas",
)
THREAT = (
    "kill*", "murder*", "shoot*", *WHOLE_VIOLENT_WORDS, "beat you up", "beat u up", "beating you up", "hurt*",
    "destroy", "die", "dead", "gonna", "going to", "will", "i'll", "watch your back", "find you",
    "know where you live", "come for", "break your", "slit", "choke", "burn", "bomb*", "rape*",
)
SEXUAL = (
    "sex*", "nude", "nudes", "naked", "boob", "boobs", "tit", "tits", "titties", "dick*", "cock*", "pussy",
    "blowjob", "suck*", "horny", "fuck*", "bed", "strip*", "panties", "bra", "kiss*", "touch*", "hot", "porn*",
    "cum*", "virgin*", "body", "legs", "ass", "butt",
)
NEGATION = (
    "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "dont", "doesnt", "isnt", "arent", "cant",
    "wont", "don't", "doesn't", "isn't", "aren't", "can't", "won't", "didn't", "wasn't", "weren't", "shouldn't",
    "wouldn't", "couldn't", "haven't", "hasn't", "ain't",
)
COUNTER = (
    "racism*", "racist*", "sexism*", "sexist*", "homophob*", "transphob*", "bigot*", "hateful", "hate speech",
    "slur*", "unacceptable", "not okay", "not ok", "wrong", "stop", "called me", "call us", "calls us",
    "call them", "calls them", "said", "saying", "says", "quote*", "proud", "love", "respect*", "support*",
    "welcome*", "deserve", "equal*", "rights",
)
# fmt: on


LISTS: dict[str, Sequence[str]] = {
    "money": (*MONEY, *RUSSIAN["money"]),
    "promotion": (*PROMOTION, *RUSSIAN["promotion"]),
    "contact": (*CONTACT, *RUSSIAN["contact"]),
    "action": (*ACTION, *RUSSIAN["action"]),
    "you": YOU,
    "slur": SLURS,
    "identity": IDENTITY,
    "dehumanise": DEHUMANISE,
    "threat": THREAT,
    "sexual": SEXUAL,
    "negation": NEGATION,
    "counter": COUNTER,
}


@dataclass(frozen=True)
class WordLists:
    """Every list in one automaton: an entry's key is its fold (entries are written as people
    write them, in any script), its value the lists it is in and whether it is a stem."""

    names: tuple[str, ...]
    automaton: ahocorasick.Automaton

    @classmethod
    def of(cls, lists: dict[str, Sequence[str]]) -> WordLists:
        names = tuple(lists)
        entries: dict[str, tuple[list[int], bool]] = {}
        for n, name in enumerate(names):
            for entry in lists[name]:
                stem = entry.endswith("*")
                key = fold(entry.rstrip("*"))  # matched on the fold of a text: "заработ" as "зapaбot"
                where, _ = entries.setdefault(key, ([], stem))
                if entries[key][1] != stem:
                    raise ValueError(f"{key!r} is a stem in one list and a whole word in another")
                where.append(n)
        automaton = ahocorasick.Automaton()
        for key, (where, stem) in entries.items():
            automaton.add_word(key, (tuple(where), stem, len(key)))
        automaton.make_automaton()
        return cls(names, automaton)

    def count(self, folded: str) -> list[int]:
        """How many times an entry of each list (in ``names`` order) occurs in ``folded`` as
        a whole word (a stem: at the start of one)."""
        counts = [0] * len(self.names)
        last = len(folded) - 1
        for end, (where, stem, length) in self.automaton.iter(folded):
            start = end - length + 1
            # ``whole_word`` inline: this runs for every hit of every text (0.5 µs a text saved)
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
                continue  # inside a word
            if not stem and end < last and (folded[end + 1].isalnum() or folded[end + 1] == "_"):
                continue  # a whole word's entry, followed by more of the word
            for n in where:
                counts[n] += 1
        return counts


def whole_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a word of its own, not part of a longer one (no letter, digit or
    "_" on either side), as ``WordLists.count`` keeps its hits."""
    before = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
    after = end < len(text) and (text[end].isalnum() or text[end] == "_")
    return not (before or after)


WORDS = WordLists.of(LISTS)

# Naming a category in a statement of reasons takes more than a cue does. The cue lists
# count everyday swearing ("kicks ass", "fucked up", "sucked into") as sexual words and
# "will" or "gonna" as threat words: useful evidence for the model, but a notice that
# called "mplayer kicks ass" sexual harassment would be wrong (10 of the 33 IRC lines the
# harassment head sends to review were named sexual before this gate, 1 after). The
# ``sexual`` and ``threat`` heads name their category only where one of these words occurs
# (or a frame lifts the message: ``frames.solicits_sex``, ``threats.threatens_the_addressee``).
SWEARING = ("fuck*", "ass", "suck*")
MODAL = ("gonna", "going to", "will", "i'll", "dead", "destroy", "hurt*", "burn")
NAMING = WordLists.of(
    {
        "sexual": tuple(w for w in SEXUAL if w not in SWEARING),
        "threat": tuple(w for w in THREAT if w not in MODAL),
    }
)
