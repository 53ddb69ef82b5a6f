"""Swearing and name-calling in the other languages that group and game chat mixes in.

The five sources are English but for tg-spam's Russian, and none of them swears in another
language: "cyka blyat", "idi nahui", "puta madre", "vai tomar no cu", "putang ina mo",
"kurwa" scored 0.02 to 0.07 as harassment, where "fuck" scores 0.93 and "shit" 0.82. Game
chat on every server is full of them. A line with one of these words or phrases is lifted
into the review band as harassment, as its English twin already is (never to a penalty: a
person decides).

The lists are ours: the commonest swear words and names of Russian (in Latin letters as
game chat writes them, and in Cyrillic), Spanish, Portuguese, Tagalog, Indonesian, French,
German, Polish, Turkish, Serbo-Croatian, Italian and Chinese pinyin initials. A word that
is also an everyday word in a language chat mixes in is left out or kept only inside a
phrase: "suka" is "to like" in Indonesian ("aku suka kamu"), so only "suka blyat"; "cu" is
Romanian for "with" and English for "see you", so only "tomar no cu"; "anjing" and "babi"
are a dog and pork, "tanga" a garment and "Bobo" a name, so only "tanga ka", "bobo ka" and
the like. Left out: "amk" (a place in Singapore), "tnc" (an SMS's terms and conditions),
"fdp" (a German party), "ntm" ("not too much"), "leche" (milk), "gaga" (a singer), "cuka"
(vinegar in Indonesian), "huso" (a spindle, and a time zone, in Spanish), "inutil" ("useless"
in Spanish and Portuguese), "ptm".
"""

from __future__ import annotations

from chatcredit.ml.wordlists import WordLists

# fmt: off
_RUSSIAN = (
    "blyat", "blyad", "bliat", "blyat'", "cyka", "syka blyat", "suka blyat", "sooka blyat", "nahui", "nahuy",
    "na hui", "na huy", "idi nahui", "idi nahuy", "pidor", "pidoras", "pidaras", "pidr", "pidar", "debil", "dolbaeb",
    "dolboeb", "dolboyob", "ueban", "uebok", "ebal", "eblan", "mudak", "mudila", "pizda", "pizdec", "pizdets",
    "huesos", "gandon", "shluha", "chmo", "mamku ebal", "mamu ebal", "sosi hui", "sosi huy", "ebanat", "ebanyi",
    "ebaniy", "zalupa", "v jopu", "v zhopu", "tupoy", "tupaya",
    "бля*", "сука", "суки", "сучка", "нахуй", "нахер", "пизд*", "хуй", "хуя", "хуе*", "хуё*", "ебат*", "ебал*",
    "ёбан*", "ебан*", "уеб*", "пидор*", "пидар*", "дебил*", "мудак*", "долбоеб*", "долбоёб*", "гандон*", "шлюх*", "чмо",
    "залуп*", "в жопу", "тупой", "тупая",
)
_SPANISH = (
    "puta", "putas", "puto", "putos", "hijo de puta", "hijos de puta", "hijo de perra", "pendejo", "pendeja",
    "pendejos", "cabron", "cabrones", "maricon", "maricones", "mierda", "chinga tu madre", "chingada", "chingado",
    "concha de tu madre", "conchetumare", "culiao", "culero", "gilipollas", "malparido", "idiota", "idiotas",
    "retardado", "retardados", "retrasado",
)
_PORTUGUESE = (
    "caralho", "porra", "filho da puta", "vai tomar no cu", "tomar no cu", "vtnc", "arrombado", "viado",
    "otario", "merda", "buceta", "cuzao", "pqp", "puta que pariu", "desgracado", "vai se foder", "se foder", "foda-se",
    "fodase", "vsf",
)
_TAGALOG = (
    "putang ina", "putangina", "tang ina", "tangina", "gago", "bobo ka", "bobo mo", "ang bobo", "tanga ka", "tanga mo",
    "ang tanga", "ulol", "tarantado",
    "pakyu", "kupal", "hayop ka",
)
_INDONESIAN = (
    "bangsat", "goblok", "kontol", "memek", "ngentot", "tolol", "kampret", "jancok", "anjing lu", "anjing kau",
)
_FRENCH = (
    "putain", "merde", "connard", "connasse", "salope", "encule", "ta gueule", "ferme ta gueule", "nique ta mere",
    "fils de pute", "batard", "pute",
)
_GERMAN = (
    "scheisse", "hurensohn", "wichser", "arschloch", "fotze", "spast", "missgeburt", "fick dich", "halt die fresse",
)
_POLISH = ("kurwa", "kurwy", "chuj", "pierdol*", "spierdalaj", "jebac", "jebany", "skurwysyn")
_TURKISH = ("orospu", "orospu cocugu", "siktir", "sikerim", "sikeyim", "amina koyim", "amina koyayim")
_SERBO_CROATIAN = ("jebem", "jebem ti", "picka materina", "picku materinu", "pizda materina")
_ITALIAN = ("vaffanculo", "stronzo", "cazzo", "porca puttana", "figlio di puttana", "coglione")
_PINYIN = ("cnm", "nmsl", "wqnmlgb")
# fmt: on
TONGUES = WordLists.of(
    {
        "swearing": (
            *_RUSSIAN,
            *_SPANISH,
            *_PORTUGUESE,
            *_TAGALOG,
            *_INDONESIAN,
            *_FRENCH,
            *_GERMAN,
            *_POLISH,
            *_TURKISH,
            *_SERBO_CROATIAN,
            *_ITALIAN,
            *_PINYIN,
        )
    }
)  # fmt: skip


def swears_in_another_tongue(folded: str) -> bool:
    """A swear word or a name called in another language than English ("cyka blyat", "hijo
    de puta", "putang ina mo", "kurwa"), as a whole word or phrase of ``folded``."""
    return TONGUES.count(folded)[0] > 0
