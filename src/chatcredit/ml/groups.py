"""The groups an attack on a group names: for what their members are (women, gay or trans
people, Black people, Jews, Muslims, disabled people, ..., slurs), or a status (immigrants,
refugees); one of them ("every Muslim", "a single immigrant"); a group's word as an
adjective ("trans freaks"); what a derogation calls them (``VILE``) and says of them
(``SAID_OF_A_GROUP``, ``SAID_OF_A_BORN_GROUP``). ``derogation`` reads them in its forms.
The lists are ours.
"""

from __future__ import annotations

# Groups by what they are (plural, as a derogation speaks of them), slurs included.
DETERMINERS = r"(?:(?:all|the|these|those|most|every|you|fucking|filthy|dirty) ){0,2}"
BORN = (
    r"(?:wom[ae]n|girls|gays|gay (?:people|men|women|folks?)|lesbians|trans(?:gender)? (?:people|women|men|folks?)|"
    r"trannies|queers|black (?:people|men|women|folks?)|blacks|white (?:people|men|women)|whites|jews|jewish people|"
    r"muslims|muslim (?:people|men|women|folks?)|disabled (?:people|folks?|persons|kids|children)|the disabled|"
    r"cripples|retards|bisexuals|roma|pakistanis|somalis|wheelchair users|autistic people|autists|deaf people|"
    r"blind people|"
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
    r"always|a swarm of|a plague of|a pack of|a horde of) )*"
    r"(?:vermin|rats|parasites|animals|scum|trash|garbage|filth|filthy|a disease|diseased|a cancer|cancer|a plague|"
    r"vile|revolting|repulsive|repugnant|gross|nasty|sickening|despicable|drug dealers|gangsters|murderers|killers|"
    r"groomers|a drain(?: on (?:society|us|the system|the economy|taxpayers))?|"
    r"subhuman|savages|apes|monkeys|pigs|cockroaches|disgusting|inferior|worthless|evil|dangerous|criminals|"
    r"terrorists|rapists|thieves|stupid|dumb|idiots|morons|lazy|useless|pathetic|mentally ill|sick|a burden|"
    r"a threat|violent|dirty|primitive|less than human|freaks|an abomination|abominations|degenerates?|perverts|"
    r"pedophiles|paedophiles|predators|deviants|molesters|sluts|whores|bitches|greedy|liars|cheats|barbaric|backwards?|property|objects|"
    r"wife.?beaters|abusers|pedos|paedos|child molesters|ugly|the ugliest|hideous|the dumbest|the laziest|broken|"
    r"a virus|viruses|a pest|pests|lice|leeches|maggots|a blight|a stain|thugs|beasts|swine|locusts|insects|"
    r"a waste of (?:space|air|oxygen|money|taxpayers?'? money|taxpayer money|resources)|"
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
EVERY = rf"(?:every|each|any|a single|the next) (?:single )?{ONE}"  # "I'll hurt the next immigrant I see"
ANY_GROUP = rf"(?:{GROUPS}|{EVERY})"
AS_A_GROUP = (  # a group's word as an adjective before a noun
    r"(?:gay|lesbian|queer|trans|transgender|black|jewish|muslim|disabled|asian|mexican|african|arab|indian|"
    r"chinese|latino|hispanic)"
)


# What a derogation says of a group (``derogation`` reads each after a group named).
# Violence done to a group: said of any group, migration status included.
VIOLENCE = (
    r"(?:die|be (?:killed|shot|hanged|hung|gassed|exterminated|executed|murdered|slaughtered|eradicated|"
    r"sterili[sz]ed|put down|wiped out|burned|burnt|lynched|beaten|tortured|raped)|burn)"
)
# Removal and exclusion: a question of policy for a status (viewpoint neutrality), an
# attack when it is aimed at what people are born as or believe.
REMOVAL = (
    r"(?:be (?:locked up|banned|removed|locked away|deported|expelled|kicked out|thrown out|segregated|"
    r"kept (?:out|away)(?: of| from)?|fixed|cured|barred(?: from \w+)?)|"
    r"not (?:be allowed|exist|have rights|vote)|go back|get out|disappear)"
)
MUST = r"(?:should|must|need to|ought to|deserves? to) (?:all )?"
# What may follow a group named for what it is.
SAID_OF_A_GROUP = (
    rf" (?:are|r|is|=) {VILE}",
    r" (?:are|is|r)(?: not|n't|nt) (?:human|people|worth (?:anything|shit|it|saving|the air))\b",
    r" (?:are|will|can) never (?:be |going to be )?(?:normal|human|real (?:women|men|people)|equal to us|"
    r"as good as us|trusted)\b",
    r" (?:make|makes) me (?:sick|puke|vomit|want to (?:puke|vomit|throw up))\b",
    r" disgust me\b",
    r" (?:breed|breeding|multiply|multiplying) like (?:rats|rabbits|roaches|cockroaches|animals|vermin|flies|"
    r"insects)\b",
    r" (?:are|r) all the same\b",
    r" (?:all )?ruin (?:everything|this country|our country|the neighbou?rhood|it for everyone|every (?:neighbou?rhood|"
    r"place|town|city|country|school|street))\b",
    r" (?:are|is) (?:ruining|destroying|invading|infesting|polluting|taking over) (?:europe|america|britain|the west|"
    r"this country|our country|the country|everything|our culture|society|the family|families|marriage|our (?:children|"
    r"kids|youth|values|schools|universities|towns|cities|neighbou?rhoods?)|the youth|civili[sz]ation)\b",
    r" (?:will|can) never (?:fit in|belong|integrate|be one of us)\b",
    r" (?:are|is) only good for (?:one thing|sex|cooking|cleaning|breeding|the kitchen)\b",
    rf"\b[^.!?]{{0,60}}\bthey(?:(?:'re| are| r)(?: all)? {VILE}| (?:all )?ruin everything\b)",
    rf" {MUST}{VIOLENCE}\b",
    r" (?:can't|cannot|can never|shouldn't|should never) be trusted\b",
    r" belongs? (?:in|on) (?:the |a )?(?:zoo|cages?|ovens?|trash|gutter|gas chambers?|sewer)\b",
    r" (?:should|must|need to|have to) (?:know|learn|remember) their place\b",
    r"\b[^.!?]{0,40}(?:\?\s*)?\b(?:i|we) (?:really |just |fucking |still )?(?:hate|despise|detest|loathe|can't stand) "
    r"(?:them|all of them|every (?:single )?one of them)\b(?! being| getting| when)",
)
# ... and what only of a group by birth or belief (removal and exclusion: see REMOVAL)
SAID_OF_A_BORN_GROUP = (
    rf" {MUST}{REMOVAL}\b",
    # silenced and kept in: "women should stay quiet and let men talk"
    rf" {MUST}(?:stay|be|keep|remain) (?:quiet|silent|at home|in the kitchen|in their place|"
    r"out of (?:politics|sight))\b",
    r" (?:don't|do not|dont|shouldn't|should not) (?:deserve|get|have) (?:the right to \w+|rights|equal rights|a vote|"
    r"to (?:vote|live|exist))\b",
    r" belongs? (?:in|on) (?:the |a )?(?:kitchen|camps?|concentration camps?|chains|prison|jail)\b",
    r" (?:control|run|own) (?:the |all the )?(?:banks|media|world|government|hollywood)\b",
    r" (?:are )?behind (?:every|all (?:the )?) ?(?:wars?|problems|crises|crime|attacks?|terror)\b",
    r" should be seen and not heard\b",
    r" (?:can't|cannot|can never|don't know how to) (?:drive|lead|think|do math|be leaders?|"
    r"handle (?:power|money|stress))\b",
    r" (?:shouldn't|should not|mustn't|must not) (?:be allowed|be permitted|have (?:rights|the right to \w+)|vote|"
    r"exist)\b",
    r" (?:have|has) no (?:place|business) (?:in|on|here|among)\b|(?:have|has) no right to (?:exist|live|be here)\b",
    # scapegoated: "jews are the reason the world is so messed up"
    r" (?:are|is) (?:the reason|to blame|responsible) (?:for |why )?(?:everything|all|the world|this country|"
    r"our problems|everything wrong)\b",
    r" (?:are|is) (?:incapable of|unable to) (?:logic|logical thought|thinking|reason|reasoning|leading|leadership|"
    r"driving|math)\b",
)
