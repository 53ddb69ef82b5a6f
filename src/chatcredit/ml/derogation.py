"""An attack on a group is one, however politely worded, and however spelled.

A group named for what its members are (women, gay or trans people, Black people, Jews,
Muslims, disabled people, ..., slurs) and called vile, hated, threatened, to be removed or
kept in its place, or denied its humanity (``tests/fixtures/group_attacks.jsonl``,
``tests/test_hate_functions.py``): the n-grams of five sources see too few of these without
swearing, so the classifier lifts such a message into the review band as hate (never to a
penalty: a person decides). Migration status counts for the vile, hated and threatened forms,
not for removal or exclusion: who should be let in or sent back is a question of policy
(viewpoint neutrality).

An evader's spellings are read too: a letter dropped or two swapped in a group's word or in
"hate" ("wmoen", "Msulims", "haet"), letters spaced out ("M u s l i m s"), the spaces gone
("ihatewomen"), leetspeak in every token ("W0m3n 4r3 ..."). ``respelled`` puts them right for
this search only; the model's features never see it. The patterns are ours.
"""

from __future__ import annotations

import re

import ahocorasick

from chatcredit.ml.wordlists import whole_word

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
# One of a group, as "every ...", "no ...", "a single ..." speak of them.
_ONE_BORN = (
    r"(?:woman|girl|gay (?:person|man|woman)|lesbian|trans (?:person|woman|man)|tranny|queer|"
    r"black (?:person|man|woman)|jew|jewish person|muslim|disabled person|cripple|retard|asian|mexican|african|"
    r"arab|christian|hindu|indian|latino|hispanic|gypsy|nigger|nigga|faggot|fag|dyke|kike|spic|chink)"
)
_ONE = rf"(?:{_ONE_BORN}|immigrant|refugee|migrant|foreigner|illegal)"
_EVERY = rf"(?:every|each|any|a single) (?:single )?{_ONE}"
_ANY_GROUP = rf"(?:{_GROUPS}|{_EVERY})"
_ANY_ADVERB = r"[a-z]+ly|[a-z]{3,}y"  # "absolutely", "realy", "absoluely"
# With every space optional, "[a-z]+ly ?" would make a long run of letters backtrack for
# minutes: the search without spaces reads a closed list of adverbs instead.
_SOME_ADVERBS = "really|realy|truly|totally|absolutely|honestly|seriously|simply"
_CANT = r"(?:can't|cant|cannot|can not|ca'nt|cna't|ca't|cn't)"
# Violence done to a group: said of any group, migration status included.
_VIOLENCE = (
    r"(?:die|be (?:killed|shot|hanged|hung|gassed|exterminated|executed|murdered|slaughtered|eradicated|"
    r"sterili[sz]ed|put down|wiped out|burned|burnt|lynched|beaten|tortured|raped)|burn)"
)
# Removal and exclusion: a question of policy for a status (viewpoint neutrality), an
# attack when it is aimed at what people are born as or believe.
_REMOVAL = (
    r"(?:be (?:locked up|banned|removed|locked away|deported|expelled|kicked out|thrown out|segregated)|"
    r"not (?:be allowed|exist|have rights|vote)|go back|get out|disappear)"
)
# Who says they will do it (not "and": "raise prices and hurt women" is a policy's harm).
_WE_WILL = (
    r"(?:i'll|i will|ill|i'm gonna|im gonna|i am gonna|i'm going to|im going to|i am going to|we'll|we will|"
    r"we're gonna|were gonna|we are going to|someone should|somebody should|i want to|i wanna|we should|let's|lets)"
)
_MUST = r"(?:should|must|need to|ought to|deserves? to) (?:all )?"
# What may follow a group named for what it is.
_SAID_OF_A_GROUP = (
    rf" (?:are|r|is) {_VILE}",
    r" (?:are|is)(?: not|n't) (?:human|people|worth (?:anything|shit|it|saving|the air))\b",
    r" (?:are|will|can) never (?:be |going to be )?(?:normal|human|real (?:women|men|people)|equal to us|"
    r"as good as us|trusted)\b",
    r" (?:make|makes) me (?:sick|puke|vomit|want to (?:puke|vomit|throw up))\b",
    r" disgust me\b",
    rf" {_MUST}{_VIOLENCE}\b",
    r" (?:can't|cannot|can never|shouldn't|should never) be trusted\b",
    r" belongs? (?:in|on) (?:the |a )?(?:zoo|cages?|ovens?|trash|gutter|gas chambers?|sewer)\b",
    r" (?:should|must|need to|have to) (?:know|learn|remember) their place\b",
    r"\b[^.!?]{0,40}(?:\?\s*)?\b(?:i|we) (?:really |just |fucking |still )?(?:hate|despise|detest|loathe|can't stand) "
    r"(?:them|all of them|every (?:single )?one of them)\b(?! being| getting| when)",
)
# ... and what only of a group by birth or belief (removal and exclusion: see _REMOVAL)
_SAID_OF_A_BORN_GROUP = (
    rf" {_MUST}{_REMOVAL}\b",
    r" belongs? (?:in|on) (?:the |a )?(?:kitchen|camps?|concentration camps?|chains|prison|jail)\b",
)
_URGERS = ("let's", "lets", "should", "must", "need to", "gonna", "going to", "want to", "wanna", "just")
_URGED = "(?:(?<![\\w'] )|" + "|".join(rf"(?<=\b{w} )" for w in _URGERS) + ")"


def _alternatives(adverbs: str, urged: str) -> tuple[str, ...]:
    """The forms of a derogation, reading ``adverbs`` before "hate" and ``urged`` (what must
    come before "kill all ...") as given."""
    feeling = rf"(?:(?:really|just|fucking|truly|do|{adverbs}) ){{0,3}}(?:hate|despise|detest|loathe|{_CANT} stand)"
    return (
        rf"{_GROUPS}(?:{'|'.join(_SAID_OF_A_GROUP)})",
        rf"{_BORN_GROUPS}(?:{'|'.join(_SAID_OF_A_BORN_GROUP)})",
        rf"why (?:are|r) {_GROUPS} {_VILE}",
        rf"aren't {_GROUPS} {_VILE}",
        rf"(?:i|we) {feeling} {_ANY_GROUP}\b",
        # violence urged: opening a sentence, or after "let's", "should", "gonna" ...; never
        # "police kill ..." (the word before it is not one of these)
        rf"{urged}(?:kill|shoot|hang|gas|exterminate|eradicate|wipe out|lynch) {_ANY_GROUP}\b",
        rf"{_WE_WILL} (?:\w+ )?(?:kill|shoot|hurt|stab|murder|burn|hunt down|beat up|attack) {_ANY_GROUP}\b",
        rf"(?:i'd|i would|i|we|we'd|we would) (?:love|like|want|wanna|like) (?:to )?see {_ANY_GROUP} "
        rf"(?:{_VIOLENCE}|dead|hanged|hang|killed|shot|gassed|burning|suffering)\b",
        rf"(?:get rid of|lock up) {_BORN_GROUPS}\b",
        rf"(?:every|each|any) (?:single )?{_ONE} {_MUST}{_VIOLENCE}\b",
        rf"(?:every|each|any) (?:single )?{_ONE_BORN} {_MUST}{_REMOVAL}\b",
        rf"why can't {_GROUPS} (?:just )?(?:disappear|die|drop dead)\b",
        rf"why do {_GROUPS} (?:all |always |all always )*(?:lie|steal|cheat|stink|smell|rape|ruin everything)\b",
        rf"(?:better|safer) (?:place|off|world|country) without {_BORN_GROUPS}\b",
        rf"no {_ONE} (?:can|should) (?:ever )?be trusted\b",
        rf"(?:never|don't|do not|can't|cannot|can never) trust (?:any of |one of |a |an |the )?(?:{_GROUPS}|{_ONE})\b",
        rf"(?:never|don't|do not|can't|cannot|can never) trust {_EVERY}\b",
    )


# One word boundary before them all: a search fails at once inside a word, instead of once
# an alternative (four times faster than a "\b" at the head of each).
_DEROGATED = re.compile(rf"\b(?:{'|'.join(_alternatives(_ANY_ADVERB, _URGED))})")
# The same with the spaces gone, for a text written without them ("ihatewomen",
# "womenarevermin"): read only around a glued group's word (``_glued_windows``).
_DEROGATED_GLUED = re.compile(rf"\b(?:{'|'.join(_alternatives(_SOME_ADVERBS, ''))})".replace(" ", " ?"))

# Misspellings of the groups' words and of "hate" that keep them readable: a letter
# dropped or two swapped ("wmen", "wmoen", "Msulims", "haet"), generated (``_RESPELL``).
# fmt: off
_SPELLED = (
    "women", "woman", "muslims", "muslim", "immigrants", "immigrant", "refugees", "migrants", "people", "person",
    "disabled", "jews", "black", "blacks", "trans", "gays", "lesbians", "hate", "despise", "loathe", "asians",
    "mexicans", "africans", "arabs", "christians", "hindus", "jewish",
)
# fmt: on


def _misspellings(word: str) -> set[str]:
    dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return {w for w in dropped | swapped if len(w) >= 3} - {word}


_NOT_A_GROUP = ("hate", "despise", "loathe", "people", "person")
# Misspellings that are words of their own, or a group's singular ("gas", "back", "lathe",
# "refuges", "christian"; found by counting them in the five sources' texts), are not put
# right: "I hate gas prices" is no "I hate gays". "blck" or "pepole" mean nothing else.
_NOT_MISSPELT = frozenset(_SPELLED) | {
    "hat", "has", "ate", "he", "jew", "arab", "asian", "hinds", "peope", "back", "backs", "gas", "gay", "lathe",
    "loath", "tans", "tran", "tras", "tarns", "refuges", "migrant", "immigrant", "african", "mexican", "lesbian",
    "christian", "christinas", "hindu", "refugee", "disable", "jes", "peron", "arbs", "aras", "perso", "wome",
}  # fmt: skip
_RESPELL = {wrong: word for word in _SPELLED for wrong in sorted(_misspellings(word)) if wrong not in _NOT_MISSPELT}
_RESPELL |= {"ppl": "people", "ppls": "people"}  # "black ppl"
_WORD = re.compile(r"[a-z']+")
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[\w'] ){2,}[\w'](?!\S)")  # "m u s l i m s", "c a n ' t"
_SPACED_HINT = re.compile(r" [\w'] [\w'] ")  # a literal first: scanned fast
_LONE_A = re.compile(r"(?<= )4(?= [a-z])")  # "4r3 4 pl4gu3": a leet "a" on its own
_LEETISH = re.compile(r"\b(?=\w*[a-z])(?=\w*[0134578])\w+\b")  # "4r3", "4ll": unleet keeps them as quantities
_LEET_DIGIT = re.compile("[0134578]")  # a character class first: scanned fast
_LEET_LETTERS = str.maketrans("0134578", "oieasti")
# Misspellings that are words of their own are put right only before "people" ("back people")
_AS_WORDS = {"back": "black", "tans": "trans", "tras": "trans", "tarns": "trans", "tran": "trans"}
_BEFORE_PEOPLE = re.compile(rf"\b(?:{'|'.join(_AS_WORDS)})(?= (?:people|ppl|men|women|folks?)\b)")
# A cheap first look: a group's word (or its misspelling) anywhere, even inside a longer
# token ("ihatewomen"), or letters spaced out. A text with none is not respelled.
_GROUP_WORDS = ahocorasick.Automaton()
for _word in (
    *(w for w in _SPELLED if w not in _NOT_A_GROUP),
    *(wrong for wrong, w in _RESPELL.items() if w not in _NOT_A_GROUP),
    *("jew", "gay", "fag", "nigg", "kike", "tranny", "retard", "dyke"),
    *(f"{word} {people}" for word in _AS_WORDS for people in ("people", "ppl")),
):
    _GROUP_WORDS.add_word(_word, _word)
_GROUP_WORDS.make_automaton()


def _joined(run: re.Match[str]) -> str:
    """Spaced-out letters joined, the pronoun kept apart: "i h a t e" is "i hate", but
    "i m m i g r a n t s" is "immigrants"."""
    letters = run.group(0).replace(" ", "")
    if letters.startswith("i") and len(letters) > 3 and letters not in _GROUP_TOKENS:
        return "i " + letters[1:]
    return letters


_MISSPELT = ahocorasick.Automaton()
for _wrong in _RESPELL:
    _MISSPELT.add_word(_wrong, _wrong)
_MISSPELT.make_automaton()


def respelled(folded: str) -> str:
    """``folded`` as it would be spelled plainly: spaced-out letters joined ("m u s l i m s"),
    leetspeak spelled out in every token that has a letter ("4r3"), and the groups' words and
    "hate" misspelt by one letter put right ("wmoen", "Mslims", "haet")."""
    text = _SPACED_LETTERS.sub(_joined, folded) if _spaced_out(folded) else folded
    if _LEET_DIGIT.search(text) is not None and _LEETISH.search(text) is not None:
        text = _LONE_A.sub("a", _LEETISH.sub(lambda m: m.group(0).translate(_LEET_LETTERS), text))
    if _BEFORE_PEOPLE.search(text) is not None:
        text = _BEFORE_PEOPLE.sub(lambda m: _AS_WORDS[m.group(0)], text)
    wrong = [(end + 1 - len(w), end + 1) for end, w in _MISSPELT.iter(text)]
    if not any(whole_word(text, start, end) for start, end in wrong):
        return text
    return _WORD.sub(lambda m: _RESPELL.get(m.group(0), m.group(0)), text)


def _spaced_out(folded: str) -> bool:
    """Letters spaced out ("m u s l i m s"): a cheap look for three in a row first."""
    return _SPACED_HINT.search(" " + folded) is not None and _SPACED_LETTERS.search(folded) is not None


def may_name_a_group(folded: str) -> bool:
    """A first look for ``derogates_a_group``: a group's word, even misspelt or glued to its
    neighbours, or letters spaced out."""
    return next(_GROUP_WORDS.iter(folded), None) is not None or _spaced_out(folded)


def derogates_a_group(folded: str) -> bool:
    """A group attacked for what it is: called vile, hated, threatened, to be removed or
    kept in its place (tests/fixtures/group_attacks.jsonl), also misspelt, spaced out or
    written without spaces ("I hate wmoen", "M u s l i m s are scum", "ihatewomen")."""
    if _DEROGATED.search(folded) is not None:
        return True
    plain = respelled(folded)
    if plain != folded and _DEROGATED.search(plain) is not None:
        return True
    return any(_DEROGATED_GLUED.search(window) is not None for window in _glued_windows(plain))


def _glued_windows(text: str) -> set[str]:
    """Around every group's word glued to other letters ("ihatewomen", "despisetrans"), the
    few words before and after it: where a text written without spaces is searched (the
    search with every space optional is slow on long text, and needless elsewhere). A token
    that is a group's word as it is ("black", "blacks": "blac" is in it) is not glued."""
    windows = set()
    for end, word in _GROUP_WORDS.iter(text):
        start = end - len(word) + 1
        if not whole_word(text, start, end + 1):
            # the token it is in, looked for no further than the window (a text of one
            # endless token costs no more per word than any other)
            left, right = text.rfind(" ", max(0, start - 48), start), text.find(" ", end + 1, end + 65)
            token = text[left + 1 if left >= 0 else max(0, start - 48) : right if right >= 0 else end + 65]
            token = token.strip(_PUNCTUATION)
            if token not in _GROUP_TOKENS:
                windows.add(text[max(0, start - 48) : end + 65])  # a few words either side, at most
    return windows


_PUNCTUATION = ".,;:!?'\"()[]"
_GROUP_TOKENS = frozenset(
    form for word in (*_SPELLED, *_RESPELL, *_NOT_MISSPELT) for form in (word, word + "s", word + "'s", word + "es")
)
