"""The names game chat calls a player by: the hero, champion or agent they play.

"this invoker is trash", "our kaisa is dogshit", "genji diff", "cry more tracer": in a match
a player is named by what they play, so these names stand where "our jungler" or "this guy"
stands in ``taunts``, after "our", "this" or "their": alone, a name is the hero ("teemo is
trash tier this patch" is said of the game's design). Only names that are seldom anything
else are here: not "sage", "omen", "mercy", "reaper", "brand", "twitch", "razor", "axe",
"doom", "gyro", "blitz" or "phoenix" ("this brand is trash" is said of a shop, "phoenix is a
joke" of a city's team). The short names players use ("our cm", "ur pa") stand only after
"our", "ur" or "your" ("cm" is a centimetre, "PA" a state, "my pa" a father). The game names
are their publishers'; the lists are ours.
"""

from __future__ import annotations

# fmt: off
HEROES = (
    # Dota 2
    "invoker", "pudge", "techies", "riki", "slark", "meepo", "juggernaut", "jugg", "tinker", "zeus", "lina",
    "crystal maiden", "phantom assassin", "antimage", "anti mage", "earthshaker", "storm spirit", "faceless void",
    "medusa", "morphling", "terrorblade", "drow", "venomancer", "sven", "kunkka", "mirana", "windranger",
    "windrunner", "rubick", "silencer", "skywrath", "bristleback", "timbersaw", "huskar", "necrophos", "necro",
    "dazzle", "shadow shaman", "rhasta", "witch doctor", "jakiro", "queen of pain", "templar assassin",
    "brewmaster", "clockwerk", "tusk", "slardar", "tidehunter", "sand king", "ursa", "troll warlord", "lycan",
    "chaos knight", "dragon knight", "abaddon", "naga", "arc warden", "monkey king", "pangolier", "grimstroke",
    "hoodwink", "marci", "muerta", "primal beast", "dawnbreaker", "snapfire", "void spirit", "underlord",
    "legion commander", "batrider", "alchemist", "lifestealer", "night stalker", "bloodseeker", "broodmother",
    "weaver", "gyrocopter", "nyx", "leshrac", "outworld destroyer", "keeper of the light", "sniper",
    "bounty hunter", "ember spirit", "earth spirit", "shadow fiend", "nature's prophet", "natures prophet",
    "wraith king", "ogre magi", "phantom lancer", "elder titan", "centaur", "magnus", "beastmaster", "disruptor",
    "enchantress", "omniknight",
    # League of Legends
    "yasuo", "yone", "teemo", "garen", "darius", "draven", "ezreal", "jinx", "vayne", "ashe", "katarina", "zed",
    "akali", "ahri", "riven", "fiora", "irelia", "lee sin", "master yi", "thresh", "blitzcrank",
    "soraka", "yuumi", "leona", "malphite", "amumu", "warwick", "nasus", "shaco", "evelynn", "khazix", "kha'zix",
    "rengar", "hecarim", "volibear", "tryndamere", "trynd", "singed", "gangplank", "kayn", "viego", "samira",
    "kaisa", "kai'sa", "xayah", "lucian", "caitlyn", "tristana", "kogmaw", "kog'maw", "aphelios", "jhin",
    "seraphine", "alistar", "morgana", "zyra", "veigar", "syndra", "orianna", "viktor", "cassiopeia", "kassadin",
    "ekko", "sylas", "qiyana", "pantheon", "renekton", "gnar", "kennen", "camille", "mordekaiser", "maokai",
    "sejuani", "nunu", "rammus", "nocturne", "nidalee", "lillia", "illaoi", "yorick", "twisted fate", "miss fortune",
    "aurelion sol", "tahm kench", "jarvan", "xin zhao", "heimerdinger", "heimer", "karthus", "anivia", "fiddlesticks",
    "zilean", "vladimir", "swain", "xerath", "velkoz", "vel'koz", "lissandra", "malzahar", "gragas",
    "shyvana", "skarner", "trundle", "quinn", "kalista", "zeri", "nilah", "smolder", "hwei", "aatrox",
    "kled", "gwen", "belveth", "briar", "naafiri", "milio", "renata", "ksante", "k'sante",
    # Overwatch
    "genji", "tracer", "widowmaker", "hanzo", "mccree", "cassidy", "pharah", "junkrat", "roadhog", "reinhardt",
    "zarya", "dva", "d.va", "moira", "lucio", "zenyatta", "brigitte", "symmetra", "torbjorn", "doomfist", "baptiste",
    "kiriko", "lifeweaver", "ramattra", "junker queen", "sojourn", "widow",
    # Valorant
    "jett", "reyna", "sova", "brimstone", "brim", "cypher", "killjoy", "skye", "yoru", "kayo", "gekko",
)
#: after "our", "ur" or "your" only ("my pa" is a father)
HERO_INITIALS = (
    "cm", "pa", "am", "wr", "sf", "qop", "ck", "dk", "lc", "ww", "od", "sk", "es", "kotl", "mf", "tf", "yi", "ori",
    "cait", "morg", "panth", "kat", "lee", "mundo",
)
# fmt: on
