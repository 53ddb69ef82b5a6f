"""Functional tests of hate detection, of our own: each function of hateful and of
non-hateful speech about groups, over eight groups, with the spellings an evader uses.

The templates are ours, written after the kinds of functional test that the literature on
hate-speech evaluation describes (derogation, threats, pronouns, negation, questions,
opinions, counter-speech, neutral and positive mentions, misspellings). Every sentence names
a group for what its members are; none names a view. What each function flags is measured in
docs/detection.md ("Functional tests"); these bounds keep it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator

import pytest

from chatcredit.ml.classifier import TextClassifier
from chatcredit.policy import default_policy

GROUPS = {
    "women": "woman",
    "trans people": "trans person",
    "gay people": "gay person",
    "black people": "black person",
    "disabled people": "disabled person",
    "Muslims": "Muslim",
    "immigrants": "immigrant",
    "Jews": "Jew",
}
HATEFUL = {
    "hatred": [
        "I hate {g}.",
        "I really despise {g}.",
        "I can't stand {g} at all.",
        "{G} make me sick.",
        "I absolutely loathe {g}.",
    ],
    "described": ["{G} are disgusting.", "{G} are all thieves.", "{G} are so stupid.", "All {g} are lazy."],
    "dehumanised": ["{G} are vermin.", "{G} are nothing but animals.", "{G} are a plague.", "{G} are parasites."],
    "implicit": ["{G} belong in a zoo.", "{G} should know their place.", "You can never trust any of these {g}."],
    "threat": [
        "I'm going to kill all {g}.",
        "I will hurt every {s} I see.",
        "I want to see {g} burn.",
        "I'm going to hunt down every {s}.",
    ],
    "threat as a norm": ["{G} should be killed.", "All {g} deserve to die.", "Every {s} should be shot."],
    "by pronoun": [
        "I have met many {g} and I hate every single one of them.",
        "{G}? I can't stand them.",
        "Whenever I see {g} I remember how much I hate them.",
    ],
    "negated": ["{G} are not human.", "{G} are not worth anything.", "No {s} can ever be trusted."],
    "question": ["Why are {g} so stupid?", "Why do {g} always lie?", "Why can't {g} just disappear?"],
    "opinion": ["I think {g} are disgusting.", "In my opinion {g} are scum.", "Honestly, {g} are a disease."],
}
NOT_HATEFUL = {
    "negated": ["No {s} deserves to die.", "{G} are not vermin.", "I don't hate {g}.", "Nobody should hate {g}."],
    "neutral": ["We are a group of {g}.", "There are many {g} in my town.", "{G} live all over the world."],
    "positive": ["I love {g}.", "{G} are wonderful people.", "We need more {g} in government."],
    "counter-quote": [
        "Statements like '{G} are scum' are deeply hurtful.",
        "If you call {g} vermin, you're a bigot.",
        "He said {g} are parasites, which is vile.",
    ],
    "counter-reference": [
        "I'm sick of people attacking {g}.",
        "Hating {g} is wrong.",
        "It is disgusting how people treat {g}.",
        "Racists who hate {g} need to be challenged.",
    ],
}


def _misspelt(text: str, word: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """The spellings of an evader: two letters swapped, one dropped, letters spaced out,
    the spaces gone, leetspeak."""
    i = rng.randrange(1, len(word) - 2)
    yield "swapped letters", text.replace(word, word[:i] + word[i + 1] + word[i] + word[i + 2 :], 1)
    j = rng.randrange(1, len(word) - 1)
    yield "a letter dropped", text.replace(word, word[:j] + word[j + 1 :], 1)
    yield "spaced letters", text.replace(word, " ".join(word), 1)
    yield "no spaces", text.replace(" ", "", 3)
    yield "leetspeak", text.translate(str.maketrans("aeo", "430"))


def _scorn_misspelt(text: str, word: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """The word of scorn misspelt instead of the group's ("Muslims are vrmin."): two letters
    swapped, one dropped, letters spaced out up to the stop, leetspeak with "$" for "s"."""
    i = rng.randrange(1, len(word) - 2)
    yield "scorn: swapped letters", text.replace(word, word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    j = rng.randrange(1, len(word) - 1)
    yield "scorn: a letter dropped", text.replace(word, word[:j] + word[j + 1 :])
    yield "scorn: spaced letters", text.replace(word, " ".join(word))
    yield "scorn: leetspeak", text.replace(word, word.translate(str.maketrans("aeiost", "4310$7")))


def sentences() -> list[tuple[bool, str, str]]:
    """(hateful, function, text) for every template, group and spelling."""
    rng = random.Random(0)
    rows = []
    for hateful, functions in ((True, HATEFUL), (False, NOT_HATEFUL)):
        for function, templates in functions.items():
            for group, one in GROUPS.items():
                for template in templates:
                    text = template.format(g=group, G=group[0].upper() + group[1:], s=one)
                    rows.append((hateful, function, text))
                    if hateful and function in ("hatred", "described", "dehumanised"):
                        word = text.split()[1] if text.startswith("I ") else text.split()[0]
                        word = word.strip(".,?!")
                        if len(word) >= 5:
                            rows += [(True, f"misspelt: {kind}", t) for kind, t in _misspelt(text, word, rng)]
                    if hateful and function in ("described", "dehumanised"):
                        scorn = text.rstrip(".").split()[-1]
                        if len(scorn) >= 5:
                            rows += [(True, f"misspelt {kind}", t) for kind, t in _scorn_misspelt(text, scorn, rng)]
    return rows


@pytest.fixture(scope="module")
def flagged_by_function() -> dict[tuple[bool, str], list[bool]]:
    rows = sentences()
    model = TextClassifier.load()
    probs = model.predict([t for _, _, t in rows])
    review = default_policy().classifier.review_at
    out: dict[tuple[bool, str], list[bool]] = defaultdict(list)
    for (hateful, function, _), h in zip(rows, probs["harassment"], strict=True):
        out[(hateful, function)].append(bool(h >= review))
    return out


def test_every_hateful_function_reaches_review(flagged_by_function: dict[tuple[bool, str], list[bool]]) -> None:
    rates = {f: sum(v) / len(v) for (hateful, f), v in flagged_by_function.items() if hateful}
    assert len(rates) == len(HATEFUL) + 5 + 4
    low = {f: round(r, 2) for f, r in rates.items() if r < 0.75}
    assert low == {}
    assert sum(rates.values()) / len(rates) >= 0.9


def test_speech_about_groups_that_attacks_none_is_not_flagged(
    flagged_by_function: dict[tuple[bool, str], list[bool]],
) -> None:
    rates = {f: sum(v) / len(v) for (hateful, f), v in flagged_by_function.items() if not hateful}
    assert set(rates) == set(NOT_HATEFUL)
    high = {f: round(r, 2) for f, r in rates.items() if r > 0.1}
    assert high == {}


def test_a_misspelling_that_is_a_word_of_its_own_is_left_alone() -> None:
    """The spellings are put right for the derogation search only, and never where the
    misspelling is a word of its own ("gas" is no "gays", "back" no "black")."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.derogation import derogates_a_group
    from chatcredit.ml.respelling import respelled

    assert respelled(fold("I h a t e wmoen")) == "i hate women"
    assert respelled(fold("I m m i g r a n t s are scum")) == "immigrants are scum"
    assert respelled(fold("Jews make me s i c k.")) == "jews make me sick."
    assert respelled(fold("I d3$p1$3 women, they are a d i s e a s e")) == "i despise women, they are a disease"
    assert respelled(fold("Gay people are sc*m, f*ck them, scumm")) == "gay people are scum, f*ck them, scum"
    assert derogates_a_group(fold("J*ws are vermin."))  # a masked group's word opens the search too
    words = [
        "I hate gas prices.",
        "I can't stand back pain.",
        "I really despise tan lines on my back.",
        "Immigrants are arts and crafts people, my whole street is.",  # no "rats"
        "Muslims are the sum of many traditions.",  # no "scum"
        "Women pay $40 more for the same haircut.",
        "Gay people in the U S A.",
    ]
    assert [w for w in words if derogates_a_group(fold(w))] == []
    assert derogates_a_group(fold("Back people are vermin."))  # before "people", it is "black"
