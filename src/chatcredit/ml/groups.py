"""The groups an attack on a group names: for what their members are (women, gay or trans
people, Black people, Jews, Muslims, disabled people, ..., slurs), or a status (immigrants,
refugees); one of them ("every Muslim", "a single immigrant"); a group's word as an
adjective ("trans freaks"); and what a derogation calls them (``VILE``). ``derogation``
reads them in its forms. The lists are ours.
"""

from __future__ import annotations

# Groups by what they are (plural, as a derogation speaks of them), slurs included.
DETERMINERS = r"(?:(?:all|the|these|those|most|every|you|fucking|filthy|dirty) ){0,2}"
BORN = (
    r"(?:wom[ae]n|girls|gays|gay (?:people|men|women|folks?)|lesbians|trans(?:gender)? (?:people|women|men|folks?)|"
    r"trannies|queers|black (?:people|men|women|folks?)|blacks|white (?:people|men|women)|whites|jews|jewish people|"
    r"muslims|muslim (?:people|men|women|folks?)|disabled (?:people|folks?|persons|kids|children)|the disabled|"
    r"cripples|retards|bisexuals|roma|pakistanis|somalis|"
    r"asians|asian people|"
    r"chinese people|mexicans|africans|arabs|christians|hindus|indians|latinos|hispanics|gypsies|niggers|niggas|"
    r"faggots|fags|dykes|kikes|spics|chinks|wetbacks|towelheads|ragheads|muzzies|muzzrats|beaners|gooks|pakis)"
)
# A status, not a birth: calling refugees vermin attacks them as much as anyone, but who
# should be let in or sent back is a question of policy, and a view on it is not flagged
# (viewpoint neutrality): these groups are not in the removal and exclusion forms.
STATUS = r"(?:immigrants|refugees|migrants|foreigners|illegals)"
GROUPS = rf"{DETERMINERS}(?:{BORN}|{STATUS})"
BORN_GROUPS = rf"{DETERMINERS}{BORN}"
VILE = (
    r"(?:(?:all|just|so|such|nothing but|a bunch of|like|truly|really|fucking|the|naturally|inherently|genetically|"
    r"always) )*"
    r"(?:vermin|rats|parasites|animals|scum|trash|garbage|filth|filthy|a disease|diseased|a cancer|cancer|a plague|"
    r"vile|revolting|repulsive|repugnant|gross|nasty|sickening|despicable|drug dealers|gangsters|murderers|killers|"
    r"groomers|a drain(?: on (?:society|us|the system|the economy|taxpayers))?|"
    r"subhuman|savages|apes|monkeys|pigs|cockroaches|disgusting|inferior|worthless|evil|dangerous|criminals|"
    r"terrorists|rapists|thieves|stupid|dumb|idiots|morons|lazy|useless|pathetic|mentally ill|sick|a burden|"
    r"a threat|violent|dirty|primitive|less than human|freaks|an abomination|abominations|degenerates?|perverts|"
    r"pedophiles|paedophiles|predators|deviants|molesters|sluts|whores|bitches|greedy|liars|cheats|barbaric|backwards?|property|objects|"
    r"a virus|viruses|a pest|pests|lice|leeches|maggots|a blight|a stain|a waste of space|thugs|beasts|swine|"
    r"the worst|too (?:stupid|emotional|weak|dumb)|an? (?:thief|criminal|terrorist|rapist|thug|animal|parasite|"
    r"pervert|savage))\b"
)
# One of a group, as "every ...", "no ...", "a single ..." speak of them.
ONE_BORN = (
    r"(?:woman|girl|gay (?:person|man|woman)|lesbian|trans (?:person|woman|man)|tranny|queer|"
    r"black (?:person|man|woman)|jew|jewish person|muslim|disabled person|cripple|retard|asian|mexican|african|"
    r"arab|christian|hindu|indian|latino|hispanic|gypsy|nigger|nigga|faggot|fag|dyke|kike|spic|chink|muzzie|beaner|"
    r"gook|paki)"
)
ONE = rf"(?:{ONE_BORN}|immigrant|refugee|migrant|foreigner|illegal)"
EVERY = rf"(?:every|each|any|a single) (?:single )?{ONE}"
ANY_GROUP = rf"(?:{GROUPS}|{EVERY})"
AS_A_GROUP = (  # a group's word as an adjective before a noun
    r"(?:gay|lesbian|queer|trans|transgender|black|jewish|muslim|disabled|asian|mexican|african|arab|indian|"
    r"chinese|latino|hispanic)"
)
