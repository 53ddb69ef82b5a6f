"""An attack on a group is one, however politely worded, and however spelled.

A group named for what its members are (women, gay or trans people, Black people, Jews,
Muslims, disabled people, ..., slurs) and called vile, hated, threatened, to be removed,
excluded ("... shouldn't be allowed to vote") or kept in its place, stereotyped ("a woman's
place is in the kitchen", "it's in their genes"), or denied its humanity, the places where it
gathers threatened ("burn down that mosque"), or a person told "go back to your own country"
(``tests/fixtures/group_attacks.jsonl``,
``tests/test_hate_functions.py``): the n-grams of five sources see too few of these without
swearing, so the classifier lifts such a message into the review band as hate (never to a
penalty: a person decides). Migration status counts for the vile, hated and threatened forms,
not for removal or exclusion: who should be let in or sent back is a question of policy
(viewpoint neutrality). A law is not its people either: "gay people are destroying the
family" is lifted, "same-sex marriage is destroying the family" is not.

An evader's spellings are read too: a letter dropped or two swapped in a group's word or in
"hate" ("wmoen", "Msulims", "haet"), letters spaced out ("M u s l i m s"), the spaces gone
("ihatewomen"), leetspeak in every token ("W0m3n 4r3 ..."). ``respelling`` puts them right for
this search only; the model's features never see it. The patterns are ours.
"""

from __future__ import annotations

import re

import ahocorasick

from chatcredit.ml.groups import (
    ANY_GROUP,
    AS_A_GROUP,
    BORN_GROUPS,
    EVERY,
    GROUPS,
    MUST,
    ONE,
    ONE_BORN,
    REMOVAL,
    SAID_OF_A_BORN_GROUP,
    SAID_OF_A_GROUP,
    VILE,
    VIOLENCE,
)
from chatcredit.ml.respelling import (
    AS_WORDS,
    NOT_A_GROUP,
    RESPELL,
    SPELLED,
    SPELLED_TOKENS,
    respelled,
    spaced_out,
    token_forms,
    unmasks,
)
from chatcredit.ml.wordlists import whole_word

_ANY_ADVERB = r"[a-z]+ly|[a-z]{3,}y"  # "absolutely", "realy", "absoluely"
# With every space optional, "[a-z]+ly ?" would make a long run of letters backtrack for
# minutes: the search without spaces reads a closed list of adverbs instead.
_SOME_ADVERBS = "really|realy|truly|totally|absolutely|honestly|seriously|simply"
_CANT = r"(?:can't|cant|cannot|can not|ca'nt|cna't|ca't|cn't)"
# Who says they will do it (not "and": "raise prices and hurt women" is a policy's harm).
_WE_WILL = (
    r"(?:i'll|i will|ill|i'm gonna|im gonna|i am gonna|i'm going to|im going to|i am going to|we'll|we will|"
    r"we're gonna|were gonna|we are going to|someone should|somebody should|i want to|i wanna|we should|let's|lets|"
    r"i'd|i would|we'd|we would)"
)
# Where a group gathers: its houses of worship, its shelters, its bars and marches.
_GATHERS = (
    r"(?:(?:the|that|this|every|all|their|a|any|our|local) ){0,2}(?:mosques?|synagogues?|churches|church|temples?|"
    r"gurdwaras?|(?:refugee|asylum|migrant) (?:shelters?|camps?|cent(?:er|re)s?|hotels?|homes?)|gay bars?|"
    r"gay clubs?|pride (?:parades?|marches?|events?))"
)
_ATTACKED = r"(?:burn(?: down)?|bomb|blow up|torch|firebomb|set fire to|shoot up|attack|smash up|raid)"
# Said to the person: "go back to your own country", "we don't want your kind here".
_UNWELCOME = (
    r"go back to (?:your|ur) own country\b|go back (?:to )?where (?:you|u) (?:came|come) from\b"
    r"|(?:don't|do not|dont) want (?:your|ur) kind\b"
    r"(?! (?:words|offer|help|message|note|gesture))|(?:your|ur) kind (?:is|are|isn't|aren't) (?:not )?welcome\b"
)
_URGERS = ("let's", "lets", "should", "must", "need to", "gonna", "going to", "want to", "wanna", "just")
_URGED = "(?:(?<![\\w'] )|" + "|".join(rf"(?<=\b{w} )" for w in _URGERS) + ")"


# Sent to do something, not going to: opening a sentence, or after "lol", "now", "just"
# (looked behind at once "go" is found: a look at every place in a text is slow)
_SENT = "go(?:(?<![\\w'] go)|(?<=\\blol go)|(?<=\\blmao go)|(?<=\\bnow go)|(?<=\\bjust go))"


_LIKE_THEM = "(?: like (?:her|him|them|you|that|this|these|those))?"


def _alternatives(adverbs: str, urged: str) -> tuple[str, ...]:
    """The forms of a derogation, reading ``adverbs`` before "hate" and ``urged`` (what must
    come before "kill all ...") as given."""
    feeling = rf"(?:(?:really|just|fucking|truly|do|{adverbs}) ){{0,3}}(?:hate|despise|detest|loathe|{_CANT} stand)"
    return (
        # "women like her should be barred from voting", "trans people like you make me sick"
        rf"{GROUPS}{_LIKE_THEM}(?:{'|'.join(SAID_OF_A_GROUP)})",
        rf"{BORN_GROUPS}{_LIKE_THEM}(?:{'|'.join(SAID_OF_A_BORN_GROUP)})",
        rf"why (?:are|r) {GROUPS} {VILE}",
        rf"aren't {GROUPS} {VILE}",
        rf"(?:i|we) {feeling} {ANY_GROUP}\b",
        # violence urged: opening a sentence, or after "let's", "should", "gonna" ...; never
        # "police kill ..." (the word before it is not one of these)
        # (the verb looked ahead at first: the looks behind at every place in a text are slow)
        rf"(?=(?:kill|shoot|hang|gas|exterminate|eradicate|wipe|lynch|purge|cleanse|{_ATTACKED}) ){urged}"
        r"(?:(?:kill|shoot|hang|gas|exterminate|eradicate|wipe out|lynch|purge|cleanse) "
        rf"{ANY_GROUP}|"
        rf"{_ATTACKED} {_GATHERS})\b",
        rf"{_WE_WILL} (?:(?!never |not |no )\w+ )?(?:(?:kill|shoot|hurt|stab|murder|burn|hunt down|beat up|attack) "
        rf"{ANY_GROUP}|{_ATTACKED} {_GATHERS})\b(?!['’])",
        # "I'll make sure every gay person in this town suffers"
        rf"{_WE_WILL} make sure {ANY_GROUP}(?: \w+){{0,4}} (?:suffers?|dies?|pays?|burns?|gets? hurt|regrets? it)\b",
        # "I want every refugee in this city to suffer"; "take up arms against the Muslims"
        rf"(?:i|we) (?:really )?(?:want|wish|would love|'d love) {ANY_GROUP}(?: \w+){{0,4}} to (?:suffer|die|burn|rot|"
        r"pay|be killed|disappear)\b",
        rf"(?:take up arms|rise up|go to war|declare war|wage war) (?:against|on) {ANY_GROUP}\b",
        # "a woman's only purpose is to serve a man"
        rf"(?:a |an )?{ONE_BORN}'?s (?:only |sole |one )?(?:purpose|job|role|duty) (?:in life )?is to "
        r"(?:serve|obey|please|cook|clean|breed|have (?:kids|babies))\b",
        # "line them up against a wall"; "if I see a Muslim tonight they're dead"
        rf"(?=line ){urged}line {ANY_GROUP} up (?:against (?:a|the) wall|and shoot)",
        rf"if (?:i|we) (?:ever )?(?:see|catch|meet|find) (?:a|an|any|one|another) {ONE}\b[^.!?]{{0,40}}"
        r"\b(?:they're|theyre|they are|he's|hes|she's|shes|he is|she is) "
        r"(?:dead|done for|getting (?:hurt|shot|stabbed))\b",
        # "if a muslim moves in next door i'm burning his house down"
        rf"if (?:a|an|any|one) {ONE}\b[^.!?]{{0,50}}\b(?:i'm|im|i am|i'll|ill|i will|we'll|we will|we're|we are) "
        r"(?:gonna |going to )?(?:burn|burning|kill|killing|shoot|shooting|stab|stabbing|beat|beating|hurt|hurting)\b",
        # "send every last one of those refugees back in body bags"
        rf"{GROUPS}\b[^.!?]{{0,25}}\b(?:in|into) (?:body ?bags?|coffins?)\b",
        # "those animals from africa": a people named by where it comes from
        r"(?:those|these|all (?:the|those|these)|bunch of|more) (?:animals|savages|vermin|rats|parasites|cockroaches|"
        r"apes|monkeys|scum|invaders|thugs|barbarians) (?:from|out of) (?:africa|the middle east|mexico|asia|india|"
        r"pakistan|somalia|syria|afghanistan|iraq|the third world|(?:shithole|third world) countries)\b",
        rf"no {ONE_BORN} (?:will|can|could) ever be (?:as \w+ as|equal to)\b",
        # "girls can't play lol go make a sandwich": sent to make one, not going to
        rf"{_SENT if urged else 'go'} make (?:me |us )?(?:a )?sandwich",
        rf"(?:i'd|i would|i|we|we'd|we would) (?:love|like|want|wanna|like) (?:to )?see {ANY_GROUP} "
        rf"(?:{VIOLENCE}|dead|hanged|hang|killed|shot|gassed|burning|suffering|drown|drowned|drowning|starve|rot)\b",
        rf"(?:get rid of|lock up) {BORN_GROUPS}\b",
        # "I don't want any more Pakistanis moving onto my street", "a woman's opinion is worth
        # nothing", "lesbians just need a real man"
        rf"(?:i|we) (?:don't|do not|dont) want (?:any )?(?:more )?{BORN_GROUPS} (?:moving|living|coming|in|on|near|"
        r"around|here)\b",
        rf"(?:a |an |any )?{ONE_BORN}'?s (?:opinion|vote|word|life|voice|view) (?:is|are) (?:worth nothing|worthless|"
        r"meaningless|irrelevant)\b",
        r"(?:lesbians|dykes)\b[^.!?]{0,40}\bneed (?:a )?(?:real |good )?(?:man|men|dick|cock)\b",
        r"(?:lesbians|dykes|gays|gay (?:people|men)|bisexuals|trans (?:people|women|men)) (?:are|r) "
        r"(?:just |all |only )?confused\b",
        # stereotypes: "a woman's place is in the kitchen", "trans women are just men in dresses",
        # "it's in their genes", "another muslim terrorist, what a surprise"
        r"wom[ae]n'?s place is (?:in the kitchen|in the home|at home|barefoot)\b",
        # a woman sent "back to the kitchen", said to her ("women can't play, go back to the kitchen")
        r"(?:go|get) back (?:to|in|into) (?:the|ur|your) kitchen(?: (?:woman|girl|bitch|where you belong|lol|lmao))*"
        r"\W*$",
        r"trans (?:women|woman) (?:are|is) (?:just |really |still |only |all )?(?:men|a man|males?|blokes|dudes)\b"
        r"|trans (?:men|man) (?:are|is) (?:just |really |still |only |all )?(?:confused )?"
        r"(?:women|a woman|females?|girls)\b",
        rf"{BORN_GROUPS}\b[^.!?]{{0,40}}\b(?:it's|its|it is) in their (?:genes|blood|dna|nature)\b"
        rf"|\b(?:it's|its|it is) in their (?:genes|blood|dna|nature)\b[^.!?]{{0,12}}\b{BORN_GROUPS}\b",
        rf"{BORN_GROUPS} (?:are|is) (?:just |naturally |all |simply |genetically |inherently |biologically )?"
        r"(?:more|less) (?:violent|intelligent|criminal|"
        r"stupid|dangerous|lazy|evil|capable|human)\b",
        rf"another {ONE_BORN} (?:terrorist|criminal|thief|rapist|thug|murderer|attack)s?\b,? "
        r"(?:what a (?:surprise|shock)|shocking|surprise surprise|as usual|of course|typical|who could have guessed)",
        rf"(?:i|we) (?:don't|do not|dont|wouldn't|would not|would never) want to (?:live|work|sit|be) (?:next to|near|"
        rf"with|around) (?:a |an |any )?(?:{BORN_GROUPS}|{ONE_BORN})\b",
        rf"(?=(?:keep|ban) ){urged}(?:keep {BORN_GROUPS} (?:out|away)|ban {BORN_GROUPS} from)\b(?!['’])",
        rf"why (?:do|did|would|should|are) (?:we |they |you )?(?:even |still |ever )?"
        rf"(?:let|allow|letting|allowing) {BORN_GROUPS} (?:in|into|here|near|vote|to vote)\b",
        # weariness and scorn: "I'm so sick of Muslims", "typical women, always whining"
        # (never "sick of women being treated badly", "sick of women's football being ignored")
        rf"(?:i'm|im|i am|we're|we are) (?:so |really |just |fucking |sooo+ )*(?:sick|tired) of {GROUPS}\b"
        r"(?!['’]| (?:being|getting|not|who|that|having|dying|suffering|treated|like|than|and)\b)",
        rf"typical {GROUPS}(?:[,!.]| always\b| smh\b| lol\b|\W*$)",
        rf"typical {ONE_BORN} (?:behaviou?r|move|thing|mentality|logic)\b",
        rf"the only thing {BORN_GROUPS} (?:are|is) good for\b",
        rf"imagine being an? {ONE_BORN} and (?:thinking|believing) (?:your|you|anyone|people)\b",
        # "if I had my way all immigrants would be rounded up and shot"
        rf"{ANY_GROUP} (?:would|will|should|must|need to) be rounded up\b|(?:let's|lets|we should|someone should) "
        rf"round up {ANY_GROUP}\b",
        # the calls of the Holocaust's admirers
        r"(?:the )?holocaust (?:didn't|did not|never) go far enough\b|(?:hitler|the nazis) (?:was|were) right\b"
        r"|finish (?:what hitler started|the job hitler started)\b",
        _UNWELCOME,
        # "send the gays to camps"
        rf"(?:send|ship|put|lock) (?:all |every one of )?{BORN_GROUPS} (?:to|in|into|up in) (?:the )?(?:camps?|"
        r"concentration camps?|gas chambers?|ovens?)\b",
        # a house of worship or a shelter wished burnt: "i hope the mosque burns with them inside"
        rf"(?:i|we) (?:really )?(?:hope|wish|pray) (?:that )?{_GATHERS} (?:burns?|blows? up|"
        r"gets? (?:bombed|burned|burnt|torched|attacked|blown up))\b",
        # a death wished on a group ("I hope every migrant boat sinks"), a person refused for
        # what they are ("I would never hire a woman"; not "date": that is whom one loves)
        rf"(?:i|we) (?:really )?(?:hope|wish|pray) (?:that )?{ANY_GROUP}(?: \w+)? (?:all )?"
        r"(?:die|dies|drown|drowns|sink|sinks|burn|burns|rot|get (?:shot|killed|gassed|raped))\b",
        rf"(?:i'd|i would|i will|i'll|we'd|we would|we will) never (?:let|allow|hire|rent to|serve|employ|trust) "
        rf"(?:a|an|any|one) {ONE_BORN}\b",
        # a slur that names nothing else ("spic and span", "a chink in the armour", "a chink of
        # light", "gobbledy gook" and a truck's "tranny" are not among them)
        r"(?:kikes?|muzzies|muzzie|muzzrats|wetbacks?|towelheads?|ragheads?|pakis?|beaners?|sandniggers?)\b"
        r"|(?<!gobbledy)(?<!gobbledy.)(?<!gobble.de.)gooks?\b|chinks?\b(?! (?:in|of)\b)|spics?\b(?! and\b| n\b)",
        rf"{EVERY}(?: \w+){{0,3}} (?:is|are) {VILE}",
        # a group's own word made a name of scorn: "those trans freaks", "muslim scum" (not
        # "black garbage bags")
        rf"{AS_A_GROUP} (?:freaks|scum|vermin|filth|savages|cockroaches|parasites|degenerates|perverts|subhumans|"
        r"trash|garbage|pests|leeches|maggots)\b(?! (?:bags?|cans?|bins?|trucks?|collection|disposal|day|pickup)\b)",
        rf"(?:every|each|any) (?:single )?{ONE} {MUST}{VIOLENCE}\b",
        rf"(?:every|each|any) (?:single )?{ONE_BORN} {MUST}{REMOVAL}\b",
        rf"why can't {GROUPS} (?:just )?(?:disappear|die|drop dead)\b",
        rf"why do {GROUPS} (?:all |always |all always )*(?:lie|steal|cheat|stink|smell|rape|ruin everything|"
        r"commit (?:crimes?|crime|terrorism)|riot|breed)\b",
        rf"(?:better|safer) (?:place|off|world|country) without {BORN_GROUPS}\b",
        rf"no {ONE} (?:can|should) (?:ever )?be trusted\b",
        rf"(?:never|don't|do not|can't|cannot|can never) trust (?:any of |one of |a |an |the )?(?:{GROUPS}|{ONE})\b",
        rf"(?:never|don't|do not|can't|cannot|can never) trust {EVERY}\b",
    )


# One word boundary before them all: a search fails at once inside a word, instead of once
# an alternative (four times faster than a "\b" at the head of each).
_DEROGATED = re.compile(rf"\b(?:{'|'.join(_alternatives(_ANY_ADVERB, _URGED))})")
# The same with the spaces gone, for a text written without them ("ihatewomen",
# "womenarevermin"): read only around a glued group's word (``_glued_windows``).
_DEROGATED_GLUED = re.compile(rf"\b(?:{'|'.join(_alternatives(_SOME_ADVERBS, ''))})".replace(" ", " ?"))

_PLACES = ("mosque", "synagogue", "church", "temple", "gurdwara", "refugee", "asylum", "migrant", "pride")
# A cheap first look: a group's word (or its misspelling) anywhere, even inside a longer
# token ("ihatewomen"), or letters spaced out. A text with none is not respelled.
_GROUP_WORDS = ahocorasick.Automaton()
for _word in (
    *(w for w in SPELLED if w not in NOT_A_GROUP),
    *(wrong for wrong, w in RESPELL.items() if w not in NOT_A_GROUP),
    *("jew", "gay", "fag", "nigg", "kike", "tranny", "retard", "dyke", "muzz", "beaner", "gook", "paki", "bisexual"),
    *("roma", "somali", "gyps", "wheelchair", "autis", "deaf people", "blind people", "sandwich"),
    *("holocaust", "hitler"),
    *("africa", "middle east", "mexico", "pakistan", "somalia", "syria", "afghanistan", "iraq", "third world"),
    *_PLACES,
    *("your own country", "ur own country", "your kind", "ur kind", "kitchen"),
    *(f"{word} {people}" for word in AS_WORDS for people in ("people", "ppl")),
):
    _GROUP_WORDS.add_word(_word, _word)
_GROUP_WORDS.make_automaton()


def may_name_a_group(folded: str) -> bool:
    """A first look for ``derogates_a_group``: a group's word, even misspelt or glued to its
    neighbours, letters spaced out, or a word masked by stars ("j*ws")."""
    return next(_GROUP_WORDS.iter(folded), None) is not None or spaced_out(folded) or unmasks(folded)


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
_GROUP_TOKENS = SPELLED_TOKENS | token_forms((*_PLACES, "pakistan", "pakistani", "prideful"))
